// Feed for the annual report, table 二, 第二十条第（五）项 行政许可 本年处理决定数量: the licence
// decisions (准予 or 不予, including 超时默许) the agencies recorded in the year, counted by the
// decision date. The item kind is the one copied onto the case when it was received.
import type { Executor } from '../../platform/transaction.ts';

export async function countLicenceDecisions(
  db: Executor,
  agencyIds: number | readonly number[],
  year: number,
): Promise<number> {
  const ids = typeof agencyIds === 'number' ? [agencyIds] : [...agencyIds];
  if (!ids.length) return 0;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`年份“${year}”无效。`);
  const row = await db
    .selectFrom('serviceCases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('agencyId', 'in', ids)
    .where('itemKind', '=', 'licence')
    .where('decision', 'in', ['approved', 'refused'])
    .where('decidedOn', '>=', `${year}-01-01`)
    .where('decidedOn', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
