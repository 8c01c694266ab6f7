// 一、总体情况: the 政策解读 released in the year (issue #17 point 1), in total and by form
// (文字解读, 图片/图表解读, 音视频, 专家解读, 新闻发布会). A 解读 counts once, in the year it was
// first released, whatever happened to it later; the drill-down lists the same records.
import type { Executor } from '../../../platform/transaction.ts';
import { INTERPRETATION_FORM_LABELS, INTERPRETATION_FORMS, type InterpretationForm } from '../../publication/index.ts';
import {
  inReportYear,
  scopeAgencyIds,
  type CellProvenance,
  type ReportScope,
  type SectionResult,
  CELL_RECORDS_LIMIT,
} from './types.ts';

export interface InterpretationCounts {
  total: number;
  /** Every form, in the order of the list, with 0 where none was released. */
  byForm: { form: InterpretationForm; label: string; count: number }[];
}

function released(db: Executor, scope: ReportScope) {
  return db
    .selectFrom('publications')
    .where('agencyId', 'in', scopeAgencyIds(scope))
    .where('interpretationForm', '<>', '')
    .where(inReportYear('publishedOn', scope.year));
}

export async function interpretationsQuery(
  db: Executor,
  scope: ReportScope,
): Promise<SectionResult<InterpretationCounts>> {
  const rows = await released(db, scope)
    .select((eb) => ['interpretationForm', eb.fn.countAll<number | string>().as('n')])
    .groupBy('interpretationForm')
    .execute();
  const n = new Map(rows.map((r) => [r.interpretationForm, Number(r.n)]));
  const byForm = INTERPRETATION_FORMS.map((form) => ({
    form,
    label: INTERPRETATION_FORM_LABELS[form],
    count: n.get(form) ?? 0,
  }));
  const cells: Record<string, CellProvenance> = {
    total: { source: 'records', detail: '本年首次发布的政策解读（发布日期在本年度内）' },
  };
  for (const f of INTERPRETATION_FORMS)
    cells[f] = { source: 'records', detail: `本年首次发布的${INTERPRETATION_FORM_LABELS[f]}` };
  return { values: { total: byForm.reduce((a, f) => a + f.count, 0), byForm }, cells };
}

/** The records behind one count: 'total' or a form. */
export function interpretationRecords(db: Executor, scope: ReportScope, form: InterpretationForm | 'total') {
  return released(db, scope)
    .$if(form !== 'total', (q) => q.where('interpretationForm', '=', form as InterpretationForm))
    .select(['id', 'title', 'interpretationForm', 'publishedOn', 'indexNumber', 'interpretsId'])
    .orderBy('publishedOn')
    .orderBy('id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
}
