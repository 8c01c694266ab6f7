// The per-agency appendix of a roll-up: each agency's main figures, counted with one GROUP BY
// agency_id per source (not one report computation per agency), so a county roll-up over
// thousands of agencies stays a handful of queries.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/transaction.ts';
import type { BreakdownRow } from '../annual-report.document.tsx';
import { inReportYear, yearBounds, type ReportScope } from './types.ts';

export async function breakdownQuery(
  db: Executor,
  scope: ReportScope,
  names: ReadonlyMap<number, string>,
): Promise<BreakdownRow[]> {
  const rows = new Map<number, BreakdownRow>();
  for (const id of scope.agencyIds) {
    rows.set(id, {
      agencyName: names.get(id) ?? String(id),
      newlyReceived: 0,
      carriedOver: 0,
      concluded: 0,
      carriedForward: 0,
      normativeIssued: 0,
      reconsiderations: 0,
      lawsuits: 0,
    });
  }
  if (scope.agencyIds.length === 0) return [];
  const { from, to } = yearBounds(scope.year);
  const ids = [...scope.agencyIds];
  const t3 = await db
    .selectFrom('infoRequests')
    .select([
      'agencyId',
      sql<number>`sum(case when received_on >= ${from} then 1 else 0 end)`.as('newlyReceived'),
      sql<number>`sum(case when received_on < ${from} then 1 else 0 end)`.as('carriedOver'),
      sql<number>`sum(case when concluded_on is not null and concluded_on <= ${to} then 1 else 0 end)`.as('concluded'),
    ])
    .where('agencyId', 'in', ids)
    .where('receivedOn', 'is not', null)
    .where('receivedOn', '<=', to)
    .where((eb) => eb.or([eb('receivedOn', '>=', from), eb('concludedOn', 'is', null), eb('concludedOn', '>=', from)]))
    .groupBy('agencyId')
    .execute();
  for (const r of t3) {
    const row = rows.get(r.agencyId);
    if (!row) continue;
    row.newlyReceived = Number(r.newlyReceived);
    row.carriedOver = Number(r.carriedOver);
    row.concluded = Number(r.concluded);
    row.carriedForward = row.newlyReceived + row.carriedOver - row.concluded;
  }
  const docs = await db
    .selectFrom('publications')
    .select(['agencyId', sql<number>`count(*)`.as('n')])
    .where('agencyId', 'in', ids)
    .where('docKind', '=', 'normativeDocument')
    .where('publishedAt', 'is not', null)
    .where(inReportYear('issuedOn', scope.year))
    .groupBy('agencyId')
    .execute();
  for (const r of docs) {
    const row = rows.get(r.agencyId);
    if (row) row.normativeIssued = Number(r.n);
  }
  const appeals = await db
    .selectFrom('infoRequestAppeals')
    .select(['agencyId', 'kind', sql<number>`count(*)`.as('n')])
    .where('agencyId', 'in', ids)
    .where(inReportYear('filedOn', scope.year))
    .groupBy(['agencyId', 'kind'])
    .execute();
  for (const r of appeals) {
    const row = rows.get(r.agencyId);
    if (!row) continue;
    if (r.kind === 'reconsideration') row.reconsiderations += Number(r.n);
    else row.lawsuits += Number(r.n);
  }
  return [...rows.values()];
}
