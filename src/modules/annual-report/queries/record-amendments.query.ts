// 一、总体情况: requests to correct government records about the applicant (条例 第四十一条; issue
// #17 point 7). The 2021 format has no table for them (table 三 counts applications for information
// only), so the overview counts them: requests received in the year (by the receipt date of
// 第三十一条) and the decisions made in the year, one count per decision. The drill-down lists the
// same records (record_amendments), without the applicant's name.
import type { Executor } from '../../../platform/transaction.ts';
import { AMENDMENT_DECISION_LABELS } from '../../record-amendment/index.ts';
import { countPerKey, countRows, inReportYear, scopeAgencyIds, type ReportScope, CELL_RECORDS_LIMIT } from './types.ts';

export const RECORD_AMENDMENT_KEYS = ['received', 'amended', 'transferred', 'referred', 'refused'] as const;
export type RecordAmendmentKey = (typeof RECORD_AMENDMENT_KEYS)[number];

export const RECORD_AMENDMENT_LABELS: Record<RecordAmendmentKey, string> = {
  received: '收到更正申请（件）',
  amended: '予以更正（件）',
  transferred: '转送有权更正的行政机关（件）',
  referred: '告知向有权更正的行政机关提出（件）',
  refused: '不予更正（件）',
};

function amendments(db: Executor, scope: ReportScope, key: RecordAmendmentKey) {
  const q = db.selectFrom('recordAmendments as a').where('a.agencyId', 'in', scopeAgencyIds(scope));
  return key === 'received'
    ? q.where(inReportYear('a.receivedOn', scope.year))
    : q.where('a.decision', '=', key).where(inReportYear('a.decidedOn', scope.year));
}

export function recordAmendmentCounts(db: Executor, scope: ReportScope): Promise<Record<RecordAmendmentKey, number>> {
  return countPerKey(RECORD_AMENDMENT_KEYS, (key) => countRows(amendments(db, scope, key)));
}

/** The requests behind one count. */
export async function recordAmendmentRecords(db: Executor, scope: ReportScope, key: RecordAmendmentKey) {
  const rows = await amendments(db, scope, key)
    .select(['a.id', 'a.number', 'a.recordConcerned', 'a.receivedOn', 'a.decision', 'a.decidedOn'])
    .orderBy('a.receivedOn')
    .orderBy('a.id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    href: `/admin/record-amendments/${r.id}`,
    cells: [
      r.number,
      r.recordConcerned,
      r.receivedOn ?? '',
      r.decision ? AMENDMENT_DECISION_LABELS[r.decision] : '办理中',
      r.decidedOn ?? '',
    ],
  }));
}
