// 一、总体情况: 依申请公开转主动公开 (issue #17 point 6, 条例 第四十四条) — the suggestions made in
// the year (found by the system or put forward by applicants) and those accepted in the year (a
// draft publication made from the reply). A suggestion counts in the year it was made, an
// acceptance in the year it was decided; the drill-down lists the same suggestions.
import type { Executor } from '../../../platform/transaction.ts';
import { PROACTIVE_STATE_LABELS } from '../../info-request/index.ts';
import { countPerKey, countRows, inReportYear, scopeAgencyIds, type ReportScope, CELL_RECORDS_LIMIT } from './types.ts';

export const PROACTIVE_KEYS = ['suggested', 'byApplicants', 'converted'] as const;
export type ProactiveKey = (typeof PROACTIVE_KEYS)[number];

export const PROACTIVE_LABELS: Record<ProactiveKey, string> = {
  suggested: '建议转为主动公开的信息（件）',
  byApplicants: '其中申请人建议的（件）',
  converted: '依申请公开转为主动公开（件）',
};

function suggestions(db: Executor, scope: ReportScope, key: ProactiveKey) {
  const day = key === 'converted' ? 's.decidedOn' : 's.createdOn';
  return db
    .selectFrom('proactiveSuggestions as s')
    .where('s.agencyId', 'in', scopeAgencyIds(scope))
    .where(inReportYear(day, scope.year))
    .$if(key === 'byApplicants', (q) => q.where('s.origin', '=', 'applicant'))
    .$if(key === 'converted', (q) => q.where('s.state', '=', 'accepted'));
}

export function proactiveConversionCounts(db: Executor, scope: ReportScope): Promise<Record<ProactiveKey, number>> {
  return countPerKey(PROACTIVE_KEYS, (key) => countRows(suggestions(db, scope, key)));
}

export async function proactiveConversionRecords(
  db: Executor,
  scope: ReportScope,
  key: ProactiveKey,
): Promise<{ href: string; cells: string[] }[]> {
  const rows = await suggestions(db, scope, key)
    .select(['s.id', 's.informationName', 's.createdOn', 's.decidedOn', 's.state', 's.publicationId'])
    .orderBy('s.createdOn')
    .orderBy('s.id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    href: `/admin/info-requests/proactive/${r.id}`,
    cells: [
      r.informationName,
      r.createdOn,
      PROACTIVE_STATE_LABELS[r.state],
      r.decidedOn ?? '',
      r.publicationId ? `信息 ${r.publicationId}` : '',
    ],
  }));
}
