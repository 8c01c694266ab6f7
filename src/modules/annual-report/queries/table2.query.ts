// Table 二 (主动公开政府信息情况, RULES.md §3.2, rule 16). 规章 and 行政规范性文件: issued, repealed
// and in force, counted from released publications marked as such (publication module). 行政许可:
// the licence decisions recorded in the service hall — unless staff enter the figure (licences
// not handled through the hall), which then replaces the count, with its source note. 行政处罚,
// 行政强制 decision counts and the 行政事业性收费 amount (万元) have no module yet: figures entered
// by staff with a source note (the issue allows this).
import { sql } from 'kysely';
import type { Executor } from '../../../platform/transaction.ts';
import { countLicenceDecisions } from '../../service-hall/index.ts';
import type { DocumentCounts, Table2Data2021 } from '../report-data.ts';
import {
  CELL_RECORDS_LIMIT,
  inReportYear,
  recordCells,
  staffCell,
  yearBounds,
  type ReportScope,
  type SectionResult,
  type StaffFigures,
} from './types.ts';

type DocKind = 'regulation' | 'normativeDocument';

/** Staff-entered table 二 cells, in the order of the form. */
export const TABLE2_STAFF_FIGURES = [
  {
    key: 'table2.administrativeLicensing.decisions',
    label: '行政许可：本年处理决定数量（不填则按政务服务大厅记录计算）',
    unit: '件',
    decimal: false,
  },
  { key: 'table2.administrativePenalty.decisions', label: '行政处罚：本年处理决定数量', unit: '件', decimal: false },
  { key: 'table2.administrativeCoercion.decisions', label: '行政强制：本年处理决定数量', unit: '件', decimal: false },
  { key: 'table2.administrativeFee.amount', label: '行政事业性收费：本年收费金额', unit: '万元', decimal: true },
] as const;

/** Counts 规章 / 行政规范性文件 among released publications (published or later withdrawn). */
export async function documentCounts(db: Executor, scope: ReportScope, kind: DocKind): Promise<DocumentCounts> {
  if (scope.agencyIds.length === 0) return { issued: 0, repealed: 0, inForce: 0 };
  const { to } = yearBounds(scope.year);
  const row = await db
    .selectFrom('publications')
    .where('agencyId', 'in', [...scope.agencyIds])
    .where('docKind', '=', kind)
    .where('publishedAt', 'is not', null)
    .select([
      sql<number>`sum(case when ${inReportYear('issuedOn', scope.year)} then 1 else 0 end)`.as('issued'),
      sql<number>`sum(case when ${inReportYear('docRepealedOn', scope.year)} then 1 else 0 end)`.as('repealed'),
      sql<number>`sum(case when issued_on <= ${to} and (doc_repealed_on is null or doc_repealed_on > ${to}) and (invalid_on is null or invalid_on > ${to}) then 1 else 0 end)`.as(
        'inForce',
      ),
    ])
    .executeTakeFirst();
  return { issued: Number(row?.issued ?? 0), repealed: Number(row?.repealed ?? 0), inForce: Number(row?.inForce ?? 0) };
}

export async function table2Query(
  db: Executor,
  scope: ReportScope,
  figures: StaffFigures,
  drillBase: string,
): Promise<SectionResult<Table2Data2021>> {
  const kinds = ['regulation', 'normativeDocument'] as const;
  const cells = recordCells('table2', kinds, ['issued', 'repealed', 'inForce'], drillBase);
  const docs = {} as Record<DocKind, DocumentCounts>;
  for (const kind of kinds) docs[kind] = await documentCounts(db, scope, kind);
  const staff = (key: string) => {
    const c = staffCell(figures, key);
    cells[key.replace(/^table2\./, '')] = c.cell;
    return c.value;
  };
  const licensingKey = 'table2.administrativeLicensing.decisions';
  let licensing: number;
  if (figures[licensingKey]) {
    licensing = staff(licensingKey);
  } else {
    licensing = await countLicenceDecisions(db, scope.agencyIds, scope.year);
    cells['administrativeLicensing.decisions'] = {
      source: 'records',
      detail: '政务服务大厅办件的许可决定（准予、不予，含超时默许）',
    };
  }
  return {
    values: {
      regulation: docs.regulation,
      normativeDocument: docs.normativeDocument,
      administrativeLicensing: { decisions: licensing },
      administrativePenalty: { decisions: staff('table2.administrativePenalty.decisions') },
      administrativeCoercion: { decisions: staff('table2.administrativeCoercion.decisions') },
      administrativeFee: { amount: staff('table2.administrativeFee.amount') },
    },
    cells,
  };
}

/** The publications behind a table 二 document cell (drill-down). */
export async function table2CellRecords(
  db: Executor,
  scope: ReportScope,
  kind: DocKind,
  column: 'issued' | 'repealed' | 'inForce',
) {
  if (scope.agencyIds.length === 0) return [];
  const { to } = yearBounds(scope.year);
  let q = db
    .selectFrom('publications')
    .select(['id', 'agencyId', 'title', 'documentNumber', 'indexNumber', 'issuedOn', 'docRepealedOn'])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where('docKind', '=', kind)
    .where('publishedAt', 'is not', null);
  if (column === 'issued') q = q.where(inReportYear('issuedOn', scope.year));
  else if (column === 'repealed') q = q.where(inReportYear('docRepealedOn', scope.year));
  else {
    q = q
      .where('issuedOn', '<=', to)
      .where((eb) => eb.or([eb('docRepealedOn', 'is', null), eb('docRepealedOn', '>', to)]))
      .where((eb) => eb.or([eb('invalidOn', 'is', null), eb('invalidOn', '>', to)]));
  }
  return q
    .orderBy('issuedOn')
    .orderBy('id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
}
