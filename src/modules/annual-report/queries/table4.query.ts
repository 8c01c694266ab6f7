// Table 四 (政府信息公开行政复议、行政诉讼情况, RULES.md §3.4, rule 21), counted from the
// reconsideration and lawsuit records kept with applications (info_request_appeals): cases filed
// in the year, by group (复议 / 未经复议直接起诉 / 复议后起诉) and by result at 31 December — a
// case not concluded by then is 尚未审结. Each group's 总计 is the sum of its four results.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/transaction.ts';
import {
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
  type Table4GroupKey,
  type Table4OutcomeKey,
} from '../format/national2021.ts';
import type { Table4Data, Table4Outcomes } from '../report-data.ts';
import { inReportYear, recordCells, yearBounds, type ReportScope, type SectionResult } from './types.ts';

export function emptyTable4(): Table4Data {
  const t = {} as Table4Data;
  for (const g of TABLE4_GROUP_KEYS) {
    const row = {} as Table4Outcomes;
    for (const o of TABLE4_OUTCOME_KEYS) row[o] = 0;
    t[g] = row;
  }
  return t;
}

export interface Table4Count {
  group: Table4GroupKey;
  outcome: Exclude<Table4OutcomeKey, 'total'>;
  count: number;
}

export function table4FromCounts(counts: readonly Table4Count[]): Table4Data {
  const t = emptyTable4();
  for (const c of counts) {
    t[c.group][c.outcome] += c.count;
    t[c.group].total += c.count;
  }
  return t;
}

export function sumTable4(tables: readonly Table4Data[]): Table4Data {
  const t = emptyTable4();
  for (const x of tables) for (const g of TABLE4_GROUP_KEYS) for (const o of TABLE4_OUTCOME_KEYS) t[g][o] += x[g][o];
  return t;
}

const RESULTS = new Set(['upheld', 'corrected', 'other']);

export async function table4Query(
  db: Executor,
  scope: ReportScope,
  drillBase: string,
): Promise<SectionResult<Table4Data>> {
  const cells = recordCells('table4', TABLE4_GROUP_KEYS, TABLE4_OUTCOME_KEYS, drillBase);
  if (scope.agencyIds.length === 0) return { values: emptyTable4(), cells };
  const { to } = yearBounds(scope.year);
  const rows = await db
    .selectFrom('infoRequestAppeals')
    .select([
      'kind',
      'afterReconsideration',
      sql<string>`case when concluded_on is not null and concluded_on <= ${to} then result else 'pending' end`.as(
        'outcome',
      ),
      sql<number>`count(*)`.as('n'),
    ])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where(inReportYear('filedOn', scope.year))
    .groupBy(['kind', 'afterReconsideration', sql`3`])
    .execute();
  const counts: Table4Count[] = rows.map((r) => ({
    group:
      r.kind === 'reconsideration'
        ? 'reconsideration'
        : Number(r.afterReconsideration) === 1
          ? 'lawsuitAfterReconsideration'
          : 'lawsuitDirect',
    outcome: RESULTS.has(r.outcome) ? (r.outcome as 'upheld' | 'corrected' | 'other') : 'pending',
    count: Number(r.n),
  }));
  return { values: table4FromCounts(counts), cells };
}
