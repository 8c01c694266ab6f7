// Legacy format 三、依申请公开政府信息和不予公开政府信息的情况: applications received and their
// outcomes in plain words, mapped from table 三's counts (table3.query.ts) so both formats read
// the same records. The concluded total is the sum of the outcome counts by construction.
import type { Executor } from '../../../platform/transaction.ts';
import type { Table3Data2021, Table3Row } from '../report-data.ts';
import { table3Query } from './table3.query.ts';
import type { ReportScope, SectionResult } from './types.ts';

export const LEGACY_OUTCOME_KEYS = [
  'disclosed',
  'partlyDisclosed',
  'withheld',
  'unavailable',
  'notProcessed',
  'otherOutcome',
] as const;
export type LegacyOutcomeKey = (typeof LEGACY_OUTCOME_KEYS)[number];

/** Plain-language names of the outcome groups, as the older reports wrote them. */
export const LEGACY_OUTCOME_LABELS: Readonly<Record<LegacyOutcomeKey, string>> = {
  disclosed: '同意公开',
  partlyDisclosed: '部分公开',
  withheld: '不予公开',
  unavailable: '无法提供',
  notProcessed: '不予处理',
  otherOutcome: '其他处理',
};

export interface LegacyOnRequestResult {
  received: number;
  carriedOver: number;
  concluded: number;
  outcomes: Record<LegacyOutcomeKey, number>;
  carriedForward: number;
}

export function legacyOnRequestFromTable3(t: Table3Data2021): LegacyOnRequestResult {
  const outcomes = Object.fromEntries(LEGACY_OUTCOME_KEYS.map((k) => [k, 0])) as Record<LegacyOutcomeKey, number>;
  for (const [row, values] of Object.entries(t) as [string, Table3Row][]) {
    const group = row.split('.')[0] as LegacyOutcomeKey;
    if ((LEGACY_OUTCOME_KEYS as readonly string[]).includes(group)) outcomes[group] += values.total;
  }
  return {
    received: t.newlyReceived.total,
    carriedOver: t.carriedOver.total,
    concluded: LEGACY_OUTCOME_KEYS.reduce((a, k) => a + outcomes[k], 0),
    outcomes,
    carriedForward: t.carriedForward.total,
  };
}

export async function legacyOnRequestQuery(
  db: Executor,
  scope: ReportScope,
  drillBase: string,
): Promise<SectionResult<LegacyOnRequestResult>> {
  const t3 = await table3Query(db, scope, drillBase);
  return { values: legacyOnRequestFromTable3(t3.values), cells: t3.cells };
}
