// Table 三 (收到和处理政府信息公开申请情况, RULES.md §3.3, rules 17–20), counted from applications:
// 一 received in the year; 二 received before it and still open on 1 January; 三 closed in the
// year, by outcome (rows) and applicant kind (columns); 四 received by 31 December and still open
// then. So 一 + 二 = 三（七）+ 四 holds by construction for every column.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/transaction.ts';
import {
  APPLICANT_KIND_KEYS,
  isApplicantKind,
  OUTCOME_KEYS,
  type ApplicantKind,
  type OutcomeKey,
} from '../../info-request/rules/index.ts';
import { TABLE3_2021_ROW_KEYS, TABLE3_COLUMN_KEYS, type Table3RowKey2021 } from '../format/national2021.ts';
import type { Table3Data2021, Table3Row } from '../report-data.ts';
import { recordCells, yearBounds, type ReportScope, type SectionResult, CELL_RECORDS_LIMIT } from './types.ts';

/** One application as table 三 needs it. */
export interface Table3Record {
  applicantKind: ApplicantKind;
  /** 收到申请之日 'YYYY-MM-DD'. */
  receivedOn: string;
  /** Date the case was closed, or null while open. */
  closedOn: string | null;
  /** The outcome recorded when closed. */
  outcome: OutcomeKey | null;
}

/** One group of applications with the same row and column, as a GROUP BY returns it. */
export interface Table3Count {
  row: Table3RowKey2021;
  applicantKind: ApplicantKind;
  count: number;
}

export function emptyTable3Row(): Table3Row {
  const row = {} as Table3Row;
  for (const k of TABLE3_COLUMN_KEYS) row[k] = 0;
  return row;
}

export function emptyTable3(): Table3Data2021 {
  const t = {} as Table3Data2021;
  for (const r of TABLE3_2021_ROW_KEYS) t[r] = emptyTable3Row();
  return t;
}

/** The table 三 rows an application counts in for a year (one application can be in 二 and 三). */
export function table3RowsOf(rec: Table3Record, year: number): Table3RowKey2021[] {
  const { from, to } = yearBounds(year);
  if (rec.receivedOn > to) return [];
  const out: Table3RowKey2021[] = [];
  if (rec.receivedOn >= from) out.push('newlyReceived');
  else if (rec.closedOn === null || rec.closedOn >= from) out.push('carriedOver');
  else return [];
  if (rec.closedOn !== null && rec.closedOn <= to) {
    if (rec.outcome === null) throw new RangeError('已办结的申请缺少办理结果。');
    out.push(rec.outcome);
  } else {
    out.push('carriedForward');
  }
  return out;
}

/** Builds table 三 from grouped counts: fills the total column and the （七）总计 row. */
export function table3FromCounts(counts: readonly Table3Count[]): Table3Data2021 {
  const t = emptyTable3();
  for (const c of counts) {
    if (c.row === 'total') continue;
    t[c.row][c.applicantKind] += c.count;
  }
  const resultKeys: readonly string[] = OUTCOME_KEYS;
  for (const row of TABLE3_2021_ROW_KEYS) {
    if (row === 'total') continue;
    t[row].total = APPLICANT_KIND_KEYS.reduce((a, k) => a + t[row][k], 0);
    if (resultKeys.includes(row)) for (const k of TABLE3_COLUMN_KEYS) t.total[k] += t[row][k];
  }
  return t;
}

/** Table 三 from individual applications (the reference the SQL query must agree with). */
export function aggregateTable3(records: readonly Table3Record[], year: number): Table3Data2021 {
  const counts: Table3Count[] = [];
  for (const rec of records)
    for (const row of table3RowsOf(rec, year)) counts.push({ row, applicantKind: rec.applicantKind, count: 1 });
  return table3FromCounts(counts);
}

/** Cell-wise sum (roll-up over agencies). */
export function sumTable3(tables: readonly Table3Data2021[]): Table3Data2021 {
  const t = emptyTable3();
  for (const x of tables) for (const r of TABLE3_2021_ROW_KEYS) for (const c of TABLE3_COLUMN_KEYS) t[r][c] += x[r][c];
  return t;
}

/**
 * Table 三 from the applications of the agencies in scope: one GROUP BY over info_requests
 * (applicant kind × in-year or carried-over × outcome or carried forward).
 */
export async function table3Query(
  db: Executor,
  scope: ReportScope,
  drillBase: string,
): Promise<SectionResult<Table3Data2021>> {
  const cells = recordCells('table3', TABLE3_2021_ROW_KEYS, TABLE3_COLUMN_KEYS, drillBase);
  if (scope.agencyIds.length === 0) return { values: emptyTable3(), cells };
  const { from, to } = yearBounds(scope.year);
  const rows = await db
    .selectFrom('infoRequests')
    .select([
      'applicantKind',
      sql<string>`case when received_on >= ${from} then 'newlyReceived' else 'carriedOver' end`.as('intake'),
      sql<string>`case when concluded_on is not null and concluded_on <= ${to} then outcome_key else 'carriedForward' end`.as(
        'result',
      ),
      sql<number>`count(*)`.as('n'),
    ])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where('receivedOn', 'is not', null)
    .where('receivedOn', '<=', to)
    .where((eb) => eb.or([eb('receivedOn', '>=', from), eb('concludedOn', 'is', null), eb('concludedOn', '>=', from)]))
    .groupBy(['applicantKind', sql`2`, sql`3`])
    .execute();
  const counts: Table3Count[] = [];
  for (const r of rows) {
    if (!isApplicantKind(r.applicantKind)) continue;
    const n = Number(r.n);
    counts.push({ row: r.intake as Table3RowKey2021, applicantKind: r.applicantKind, count: n });
    const result = (TABLE3_2021_ROW_KEYS as readonly string[]).includes(r.result)
      ? (r.result as Table3RowKey2021)
      : null;
    // A concluded case without a table 三 outcome cannot be placed: it stays out of 三 and the
    // consistency check then reports the broken identity instead of hiding it.
    if (result) counts.push({ row: result, applicantKind: r.applicantKind, count: n });
  }
  return { values: table3FromCounts(counts), cells };
}

/** The applications behind one table 三 cell (drill-down). */
export async function table3CellRecords(db: Executor, scope: ReportScope, row: Table3RowKey2021, column: string) {
  if (scope.agencyIds.length === 0) return [];
  const { from, to } = yearBounds(scope.year);
  let q = db
    .selectFrom('infoRequests')
    .select([
      'id',
      'agencyId',
      'number',
      'applicantKind',
      'receivedOn',
      'concludedOn',
      'outcomeKey',
      'informationName',
      'documentNumber',
      'featureDescription',
    ])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where('receivedOn', 'is not', null)
    .where('receivedOn', '<=', to);
  if (column !== 'total') q = q.where('applicantKind', '=', column);
  if (row === 'newlyReceived') q = q.where('receivedOn', '>=', from);
  else if (row === 'carriedOver')
    q = q
      .where('receivedOn', '<', from)
      .where((eb) => eb.or([eb('concludedOn', 'is', null), eb('concludedOn', '>=', from)]));
  else {
    q = q.where((eb) =>
      eb.or([eb('receivedOn', '>=', from), eb('concludedOn', 'is', null), eb('concludedOn', '>=', from)]),
    );
    if (row === 'carriedForward')
      q = q.where((eb) => eb.or([eb('concludedOn', 'is', null), eb('concludedOn', '>', to)]));
    else {
      q = q.where('concludedOn', '<=', to);
      if (row !== 'total') q = q.where('outcomeKey', '=', row);
    }
  }
  return q
    .orderBy('receivedOn')
    .orderBy('id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
}
