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
