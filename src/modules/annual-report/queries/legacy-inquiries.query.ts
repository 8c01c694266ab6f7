// Legacy format 四、咨询和投诉情况: inquiries by channel, complaints about disclosure work and
// leader-mailbox letters, counted by the interaction module (countInteractions) per agency and
// summed over the agencies of a roll-up.
import type { Executor } from '../../../platform/transaction.ts';
import { countInteractions, type InteractionCounts } from '../../interaction/index.ts';
import type { ReportScope, SectionResult } from './types.ts';

function add<T extends Record<string, number>>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) out[k] = ((a[k] ?? 0) + (b[k] ?? 0)) as T[keyof T];
  return out;
}

export async function legacyInquiriesQuery(
  db: Executor,
  scope: ReportScope,
): Promise<SectionResult<InteractionCounts>> {
  let sum: InteractionCounts | undefined;
  for (const id of scope.agencyIds) {
    const c = await countInteractions(db, id, scope.year);
    sum = sum
      ? {
          inquiries: add(sum.inquiries, c.inquiries),
          complaints: add(sum.complaints, c.complaints),
          letters: add(sum.letters, c.letters),
          objections: sum.objections + c.objections,
          ratings: add(sum.ratings, c.ratings),
        }
      : c;
  }
  const values = sum ?? {
    inquiries: { phone: 0, inPerson: 0, online: 0, mail: 0, total: 0 },
    complaints: { total: 0, aboutDisclosure: 0, aboutConduct: 0 },
    letters: { total: 0, published: 0 },
    objections: 0,
    ratings: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, total: 0 },
  };
  return {
    values,
    cells: {
      inquiries: { source: 'records', detail: '咨询登记（电话、当面、网上、信函）' },
      complaints: { source: 'records', detail: '投诉登记（有关政府信息公开工作）' },
    },
  };
}
