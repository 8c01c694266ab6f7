// Supervision of disclosure work: evaluation events (社会评议 by deputies, CPPCC members,
// appointed supervisors, meetings), inspections (督办检查) with fixes and an optional published
// 通报, and accountability records (责任追究) linked to a complaint or an inspection. The national
// report format asks for 工作考核、社会评议和责任追究结果; the counts come from these records.
import { ValidationError } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import { parseId } from '../../platform/forms.ts';
import type { Trx } from '../../platform/transaction.ts';
import { insertAudited, updateAudited, type AuditContext } from '../../platform/audit.ts';
import { isValidIsoDate, todayInShanghai } from '../calendar/index.ts';
import type { EvaluatorKind, FixStatus } from './supervision.tables.ts';

export const EVALUATOR_LABELS: Record<EvaluatorKind, string> = {
  deputy: '人大代表',
  cppcc: '政协委员',
  supervisor: '特邀监督员',
  meeting: '评议会议',
  other: '其他',
};
export const FIX_STATUS_LABELS: Record<FixStatus, string> = { open: '未整改', inProgress: '整改中', fixed: '已整改' };
const date = (label: string, required = true) => ({
  label,
  required,
  check: (v: string) => (isValidIsoDate(v) ? null : `${label}应为有效的日期，如 2025-06-02。`),
});

/** An evaluation, inspection or accountability decision is recorded after it took place: its day is not after today. */
function pastDay(ctx: AuditContext, label: string, day: string): string | null {
  return day > todayInShanghai(new Date(ctx.at)) ? `${label}不能晚于今天。` : null;
}

export const EVALUATION_FORM = {
  heldOn: date('评议日期'),
  evaluatorKind: { label: '评议主体', required: true, oneOf: Object.keys(EVALUATOR_LABELS) },
  evaluator: { label: '评议人或会议名称', required: true, max: 100 },
  score: {
    label: '评分（0–100）',
    required: true,
    pattern: /^(?:100|\d{1,2})$/,
    patternMessage: '评分应为 0 到 100 之间的整数。',
  },
  remarks: { label: '评议意见', max: 2000 },
} satisfies FormSpec<string>;
export type EvaluationInput = Record<keyof typeof EVALUATION_FORM, string>;

export const INSPECTION_FORM = {
  scope: { label: '检查范围', required: true, max: 200 },
  inspectedOn: date('检查日期'),
  findings: { label: '发现的问题', required: true, max: 5000 },
  requiredFixes: { label: '整改要求', max: 5000 },
  fixDeadline: date('整改期限', false),
  bulletin: { label: '通报内容', max: 10000 },
} satisfies FormSpec<string>;
export type InspectionInput = Record<keyof typeof INSPECTION_FORM, string>;

export const ACCOUNTABILITY_FORM = {
  person: { label: '责任人（单位或个人）', required: true, max: 100 },
  failure: { label: '问题', required: true, max: 2000 },
  measure: { label: '处理措施', required: true, max: 2000 },
  decidedOn: date('处理日期'),
  complaintId: { label: '关联投诉编号', max: 10, pattern: /^\d+$/, patternMessage: '关联投诉应为案件编号（数字）。' },
  inspectionId: { label: '关联检查编号', max: 10, pattern: /^\d+$/, patternMessage: '关联检查应为检查编号（数字）。' },
} satisfies FormSpec<string>;
export type AccountabilityInput = Record<keyof typeof ACCOUNTABILITY_FORM, string>;

export async function recordEvaluation(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  i: EvaluationInput,
): Promise<number> {
  const future = pastDay(ctx, '评议日期', i.heldOn);
  if (future) throw new ValidationError({ heldOn: future });
  return insertAudited(trx, ctx, {
    table: 'evaluations',
    values: {
      agencyId,
      heldOn: i.heldOn,
      evaluatorKind: i.evaluatorKind as EvaluatorKind,
      evaluator: i.evaluator,
      score: Number(i.score),
      remarks: i.remarks,
      createdAt: ctx.at,
    },
    action: 'evaluation.recorded',
    type: 'evaluation',
    agencyId,
    summary: { after: { heldOn: i.heldOn, evaluatorKind: i.evaluatorKind, score: Number(i.score) } },
  });
}

export async function recordInspection(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  i: InspectionInput,
  publishBulletin: boolean,
): Promise<number> {
  const errors: Record<string, string> = {};
  const future = pastDay(ctx, '检查日期', i.inspectedOn);
  if (future) errors.inspectedOn = future;
  if (i.fixDeadline && i.fixDeadline < i.inspectedOn) errors.fixDeadline = '整改期限不能早于检查日期。';
  if (publishBulletin && !i.bulletin) errors.bulletin = '公开通报前请填写通报内容。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return insertAudited(trx, ctx, {
    table: 'inspections',
    values: {
      agencyId,
      scope: i.scope,
      inspectedOn: i.inspectedOn,
      findings: i.findings,
      requiredFixes: i.requiredFixes,
      fixDeadline: i.fixDeadline || null,
      fixStatus: i.requiredFixes ? 'open' : 'fixed',
      bulletin: i.bulletin,
      bulletinPublished: publishBulletin ? 1 : 0,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    },
    action: 'inspection.recorded',
    type: 'inspection',
    agencyId,
    summary: { after: { inspectedOn: i.inspectedOn, bulletinPublished: publishBulletin } },
  });
}

export async function setFixStatus(
  trx: Trx,
  ctx: AuditContext,
  row: { id: number; agencyId: number; fixStatus: FixStatus },
  status: FixStatus,
): Promise<void> {
  await updateAudited(trx, ctx, {
    table: 'inspections',
    id: row.id,
    set: { fixStatus: status, updatedAt: ctx.at },
    action: 'inspection.fixStatus',
    type: 'inspection',
    agencyId: row.agencyId,
    summary: { before: { fixStatus: row.fixStatus }, after: { fixStatus: status } },
  });
}

export async function recordAccountability(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  i: AccountabilityInput,
): Promise<number> {
  const complaintId = i.complaintId ? parseId(i.complaintId) : null;
  const inspectionId = i.inspectionId ? parseId(i.inspectionId) : null;
  const errors: Record<string, string> = {};
  const future = pastDay(ctx, '处理日期', i.decidedOn);
  if (future) errors.decidedOn = future;
  if (complaintId) {
    const c = await trx
      .selectFrom('interactionCases')
      .select(['id'])
      .where('id', '=', complaintId)
      .where('agencyId', '=', agencyId)
      .where('kind', 'in', ['complaint', 'objection'])
      .executeTakeFirst();
    if (!c) errors.complaintId = '本单位没有该编号的投诉。';
  }
  if (inspectionId) {
    const c = await trx
      .selectFrom('inspections')
      .select(['id'])
      .where('id', '=', inspectionId)
      .where('agencyId', '=', agencyId)
      .executeTakeFirst();
    if (!c) errors.inspectionId = '本单位没有该编号的检查记录。';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return insertAudited(trx, ctx, {
    table: 'accountabilityRecords',
    values: {
      agencyId,
      person: i.person,
      failure: i.failure,
      measure: i.measure,
      decidedOn: i.decidedOn,
      complaintId,
      inspectionId,
      createdAt: ctx.at,
    },
    action: 'accountability.recorded',
    type: 'accountability',
    agencyId,
    summary: { after: { decidedOn: i.decidedOn, complaintId, inspectionId } },
  });
}
