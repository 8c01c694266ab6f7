// Legacy format 六、行政复议和行政诉讼的情况: the appeals of table 四 (table4.query.ts), read as
// reconsiderations and lawsuits (direct or after reconsideration) with their outcomes.
import type { Executor } from '../../../platform/transaction.ts';
import type { Table4Data, Table4Outcomes } from '../report-data.ts';
import { table4Query } from './table4.query.ts';
import type { ReportScope, SectionResult } from './types.ts';

export interface LegacyRemediesResult {
  reconsideration: Table4Outcomes;
  /** Direct lawsuits plus lawsuits after reconsideration. */
  lawsuit: Table4Outcomes;
}

export function legacyRemediesFromTable4(t: Table4Data): LegacyRemediesResult {
  const lawsuit = { ...t.lawsuitDirect };
  for (const k of Object.keys(lawsuit) as (keyof Table4Outcomes)[]) lawsuit[k] += t.lawsuitAfterReconsideration[k];
  return { reconsideration: { ...t.reconsideration }, lawsuit };
}

export async function legacyRemediesQuery(
  db: Executor,
  scope: ReportScope,
  drillBase: string,
): Promise<SectionResult<LegacyRemediesResult>> {
  const t4 = await table4Query(db, scope, drillBase);
  return { values: legacyRemediesFromTable4(t4.values), cells: t4.cells };
}
