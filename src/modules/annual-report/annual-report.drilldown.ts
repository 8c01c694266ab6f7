// Drill-down: the records behind one cell of the computed tables ("table2.normativeDocument.issued",
// "table3.newlyReceived.naturalPerson", "table4.reconsideration.upheld"), with links to the
// records' own pages.
import type { Executor } from '../../platform/transaction.ts';
import { informationSought } from '../info-request/index.ts';
import { APPLICANT_KINDS, OUTCOMES } from '../info-request/rules/index.ts';
import {
  NATIONAL_2021_FORMAT,
  TABLE3_2021_ROW_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_GROUP_LABELS,
  TABLE4_OUTCOME_KEYS,
  TABLE4_OUTCOME_LABELS,
  type Table3RowKey2021,
} from './format/national2021.ts';
import { overviewCellRecords } from './annual-report.overview-counts.tsx';
import { table2CellRecords } from './queries/table2.query.ts';
import { table3CellRecords } from './queries/table3.query.ts';
import { CELL_RECORDS_LIMIT, inReportYear, yearBounds as reportYear, type ReportScope } from './queries/types.ts';

export interface CellRecords {
  label: string;
  headers: string[];
  rows: { href?: string; cells: string[] }[];
}

const OUTCOME_LABEL = new Map<string, string>(OUTCOMES.map((o) => [o.key, o.rowLabel]));
const KIND_LABEL = new Map<string, string>(APPLICANT_KINDS.map((k) => [k.key, k.label]));

export async function cellRecords(db: Executor, scope: ReportScope, cell: string): Promise<CellRecords | null> {
  const parts = cell.split('.');
  const [table] = parts;
  if (table === 'overview' && parts.length === 3) return overviewCellRecords(db, scope, cell);
  if (table === 'table2' && parts.length === 3) {
    const [, kind, column] = parts;
    if (
      (kind !== 'regulation' && kind !== 'normativeDocument') ||
      (column !== 'issued' && column !== 'repealed' && column !== 'inForce')
    )
      return null;
    const rowLabel = kind === 'regulation' ? '规章' : '行政规范性文件';
    const colLabel = { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' }[column];
    const rows = await table2CellRecords(db, scope, kind, column);
    return {
      label: `表二 ${rowLabel} · ${colLabel}`,
      headers: ['标题', '文号', '索引号', '制发日期', '废止日期'],
      rows: rows.map((r) => ({
        href: `/admin/publications/${r.id}`,
        cells: [r.title, r.documentNumber, r.indexNumber ?? '', r.issuedOn ?? '', r.docRepealedOn ?? ''],
      })),
    };
  }
  if (table === 'table3') {
    // Row keys may contain a dot (withheld.stateSecret): the column is the last part.
    const column = parts[parts.length - 1] ?? '';
    const row = parts.slice(1, -1).join('.');
    if (!(TABLE3_2021_ROW_KEYS as readonly string[]).includes(row)) return null;
    if (column !== 'total' && !KIND_LABEL.has(column)) return null;
    const def = NATIONAL_2021_FORMAT.table3.rows.find((r) => r.key === row);
    const rows = await table3CellRecords(db, scope, row as Table3RowKey2021, column);
    return {
      label: `表三 ${def?.label ?? row} · ${column === 'total' ? '总计' : KIND_LABEL.get(column)}`,
      headers: ['申请编号', '申请人类型', '收到申请之日', '办结日期', '办理结果', '申请内容'],
      rows: rows.map((r) => ({
        href: `/admin/info-requests/${r.id}`,
        cells: [
          r.number,
          KIND_LABEL.get(r.applicantKind) ?? r.applicantKind,
          r.receivedOn ?? '',
          r.concludedOn ?? '',
          r.outcomeKey ? (OUTCOME_LABEL.get(r.outcomeKey) ?? r.outcomeKey) : '办理中',
          informationSought(r),
        ],
      })),
    };
  }
  if (table === 'table4' && parts.length === 3) {
    const [, group, outcome] = parts;
    if (
      !(TABLE4_GROUP_KEYS as readonly string[]).includes(group ?? '') ||
      !(TABLE4_OUTCOME_KEYS as readonly string[]).includes(outcome ?? '')
    )
      return null;
    const g = group as (typeof TABLE4_GROUP_KEYS)[number];
    const o = outcome as (typeof TABLE4_OUTCOME_KEYS)[number];
    const { to } = reportYear(scope.year);
    if (scope.agencyIds.length === 0) return { label: '', headers: [], rows: [] };
    let q = db
      .selectFrom('infoRequestAppeals')
      .innerJoin('infoRequests', 'infoRequests.id', 'infoRequestAppeals.infoRequestId')
      .select([
        'infoRequestAppeals.infoRequestId',
        'infoRequests.number',
        'infoRequestAppeals.filedOn',
        'infoRequestAppeals.concludedOn',
        'infoRequestAppeals.result',
      ])
      .where('infoRequestAppeals.agencyId', 'in', [...scope.agencyIds])
      .where(inReportYear('infoRequestAppeals.filedOn', scope.year))
      .where('infoRequestAppeals.kind', '=', g === 'reconsideration' ? 'reconsideration' : 'lawsuit');
    if (g !== 'reconsideration')
      q = q.where('infoRequestAppeals.afterReconsideration', '=', g === 'lawsuitAfterReconsideration' ? 1 : 0);
    // An appeal concluded after the year's end is still pending in this year's report.
    if (o === 'pending')
      q = q.where((eb) =>
        eb.or([eb('infoRequestAppeals.concludedOn', 'is', null), eb('infoRequestAppeals.concludedOn', '>', to)]),
      );
    else if (o !== 'total')
      q = q.where('infoRequestAppeals.concludedOn', '<=', to).where('infoRequestAppeals.result', '=', o);
    const rows = await q
      .orderBy('infoRequestAppeals.filedOn')
      .limit(CELL_RECORDS_LIMIT + 1)
      .execute();
    const effective = (r: (typeof rows)[number]) =>
      r.concludedOn !== null && r.concludedOn <= to ? r.result : 'pending';
    return {
      label: `表四 ${TABLE4_GROUP_LABELS[g]} · ${TABLE4_OUTCOME_LABELS[o]}`,
      headers: ['申请编号', '提起日期', '审结日期', '结果'],
      rows: rows.map((r) => ({
        href: `/admin/info-requests/${r.infoRequestId}`,
        cells: [
          r.number,
          r.filedOn,
          r.concludedOn ?? '',
          TABLE4_OUTCOME_LABELS[effective(r) as keyof typeof TABLE4_OUTCOME_LABELS] ?? r.result,
        ],
      })),
    };
  }
  return null;
}
