// Typed counts for the annual report: the legacy format's 咨询和投诉 section and the national
// format's 社会评议 figures. Every number is a query over the case records of one agency and
// one calendar year (by the day the case was received, Beijing time).
import type { Executor } from '../../platform/transaction.ts';
import type { Channel, Rating } from './interaction.tables.ts';

export interface InteractionCounts {
  inquiries: Record<Channel, number> & { total: number };
  complaints: { total: number; aboutDisclosure: number; aboutConduct: number };
  letters: { total: number; published: number };
  objections: number;
  ratings: Record<Rating, number> & { total: number };
}

export async function countInteractions(db: Executor, agencyId: number, year: number): Promise<InteractionCounts> {
  const rows = await db
    .selectFrom('interactionCases')
    .select(['kind', 'channel', 'complaintAbout', 'publication', 'rating'])
    .where('agencyId', '=', agencyId)
    .where('receivedDate', '>=', `${year}-01-01`)
    .where('receivedDate', '<=', `${year}-12-31`)
    .execute();
  const c: InteractionCounts = {
    inquiries: { phone: 0, inPerson: 0, online: 0, mail: 0, total: 0 },
    complaints: { total: 0, aboutDisclosure: 0, aboutConduct: 0 },
    letters: { total: 0, published: 0 },
    objections: 0,
    ratings: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, total: 0 },
  };
  for (const r of rows) {
    if (r.kind === 'inquiry') {
      c.inquiries[r.channel]++;
      c.inquiries.total++;
    } else if (r.kind === 'complaint') {
      c.complaints.total++;
      if (r.complaintAbout === 'conduct') c.complaints.aboutConduct++;
      else c.complaints.aboutDisclosure++;
    } else if (r.kind === 'letter') {
      c.letters.total++;
      if (r.publication === 'published') c.letters.published++;
    } else c.objections++;
    if (r.rating) {
      c.ratings[r.rating]++;
      c.ratings.total++;
    }
  }
  return c;
}

/**
 * The legacy format's 咨询和投诉情况 sentence from the counts, in the seed report's wording
 * (“2013年，接到咨询电话37次，没有接到因政府信息公开工作的投诉电话或者来信。”).
 */
export function legacyInquiryText(c: InteractionCounts, year: number): string {
  const i = c.inquiries;
  const parts: string[] = [];
  if (i.total === 0) parts.push('没有接到咨询');
  else if (i.total === i.phone) parts.push(`接到咨询电话${i.phone}次`);
  else {
    const by = (
      [
        ['phone', '电话'],
        ['inPerson', '当面'],
        ['online', '网上'],
        ['mail', '信函'],
      ] as const
    )
      .filter(([k]) => i[k] > 0)
      .map(([k, l]) => `${l}${i[k]}次`);
    parts.push(`接到咨询${i.total}次（${by.join('、')}）`);
  }
  if (c.letters.total) parts.push(`领导信箱收到来信${c.letters.total}件`);
  parts.push(
    c.complaints.aboutDisclosure
      ? `接到因政府信息公开工作的投诉${c.complaints.aboutDisclosure}件`
      : '没有接到因政府信息公开工作的投诉电话或者来信',
  );
  return `${year}年，${parts.join('，')}。`;
}
