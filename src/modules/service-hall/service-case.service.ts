// Cases (办件) at the windows: registration, acceptance (行政许可法 第三十二条), the one-time
// 补齐补正 notice, processing, suspensions (第四十五条), the decision (第三十八条), delivery
// (第四十四条) and the applicant's rating (好差评). Every step is audited in its transaction and
// every due date is computed by the calendar and stored on the case.

import type { Updateable } from 'kysely';

import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';

import { recordEvent, updateAudited, type AuditContext } from '../../platform/audit.ts';
import {
  provisionalReason,
  todayInShanghai,
  withProvisionalFallback,
  workingDaysBetween,
  type WorkCalendar,
} from '../calendar/index.ts';

import {
  closePause,
  findCaseById,
  findCaseByNumber,
  insertPause,
  listPauses,
  updateCaseFrom,
  type ServiceCaseRow,
} from './service-hall.repository.ts';
import { assertTransition, caseSubject, serviceCaseMachine, type CaseEvent } from './service-hall.states.ts';
import type {
  PauseKind,
  ServiceCasesTable,
  ServiceDecision,
  ServiceCaseStatus,
  ServiceRating,
} from './service-hall.tables.ts';
import { computeCaseClock, PAUSE_LABELS } from './time-limits.ts';
import { DECISION_LABELS, RATING_LABELS } from './service-case.labels.ts';
import { notifyApplicant } from './service-case.notify.ts';
import { hashQueryCode, newQueryCode, queryCodeMatches } from './service-case.query-code.ts';

export const DEEMED_APPROVAL_REASON = '超时默许';

export const dayOf = (ctx: AuditContext): string => todayInShanghai(new Date(ctx.at));

/** A new query code for a case whose applicant lost theirs; the old one stops working. Shown once. */
export async function resetQueryCode(trx: Trx, ctx: AuditContext, id: number): Promise<string> {
  const c = await load(trx, id);
  const queryCode = newQueryCode();
  await updateAudited(trx, ctx, {
    table: 'serviceCases',
    id: c.id,
    set: { queryCodeHash: hashQueryCode(queryCode), updatedAt: ctx.at },
    action: 'serviceCase.queryCodeReset',
    type: 'serviceCase',
    agencyId: c.agencyId,
  });
  return queryCode;
}

async function load(trx: Trx, id: number): Promise<ServiceCaseRow> {
  const c = await findCaseById(trx, id);
  if (!c) throw new AppError('notFound');
  return c;
}

/** Moves the case along one allowed transition, or throws 409 if someone moved it first. */
async function move(
  trx: Trx,
  ctx: AuditContext,
  c: ServiceCaseRow,
  event: CaseEvent,
  set: Updateable<ServiceCasesTable>,
  note?: string,
): Promise<void> {
  assertTransition(event, c.status);
  const moved = await updateCaseFrom(trx, c.id, [c.status], { ...set, updatedAt: ctx.at });
  if (!moved) throw new AppError('conflict');
  const after = Object.fromEntries(Object.entries(set).filter(([k]) => k !== 'dueExplanation'));
  await serviceCaseMachine.transition(trx, ctx, {
    subject: caseSubject(c),
    event,
    to: set.status as ServiceCaseStatus,
    summary: {
      before: { status: c.status },
      after,
      ...(note ? { note } : {}),
    },
  });
}

/** The clock fields of a case from its acceptance day and pauses (STYLE practice 10). */
export async function clockFields(
  trx: Trx,
  cal: WorkCalendar,
  c: Pick<ServiceCaseRow, 'id' | 'timeLimitDays'>,
  acceptedOn: string,
) {
  const pauses = await listPauses(trx, c.id);
  // Next year's holidays not imported: the date is provisional (calendar/provisional.ts), flagged,
  // never used for 超时默许, and recomputed when the year is imported.
  const {
    value: clock,
    provisional,
    provisionalYears,
  } = withProvisionalFallback(cal, (k) => computeCaseClock(k, acceptedOn, c.timeLimitDays, pauses));
  const segments = provisional
    ? clock.segments.map((s) =>
        s.kind === 'due' ? { ...s, text: `${s.text}（暂定：${provisionalReason(provisionalYears)}）` } : s,
      )
    : clock.segments;
  return { dueOn: clock.dueOn, dueProvisional: provisional ? 1 : 0, dueExplanation: JSON.stringify(segments) };
}

export async function acceptCase(trx: Trx, ctx: AuditContext, cal: WorkCalendar, id: number): Promise<void> {
  const c = await load(trx, id);
  assertTransition('accept', c.status);
  const acceptedOn = dayOf(ctx);
  await move(trx, ctx, c, 'accept', {
    status: 'accepted',
    acceptedOn,
    ...(await clockFields(trx, cal, c, acceptedOn)),
  });
}

export async function notAcceptCase(trx: Trx, ctx: AuditContext, id: number, reason: string): Promise<void> {
  if (!reason.trim()) throw new ValidationError({ reason: '请填写不予受理的理由。' });
  const c = await load(trx, id);
  await move(trx, ctx, c, 'notAccept', { status: 'notAccepted', notAcceptedReason: reason.trim() });
  await notifyApplicant(
    trx,
    ctx,
    c,
    `办件 ${c.caseNumber} 不予受理`,
    `您的申请（办件编号 ${c.caseNumber}）不予受理。理由：${reason.trim()}`,
  );
}

/** Splits a list typed one per line (or separated by 、；;) into its entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n；;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The one-time 补齐补正 notice listing every missing material (行政许可法 第三十二条第一款第四项). */
export async function requestMaterials(trx: Trx, ctx: AuditContext, id: number, materialsText: string): Promise<void> {
  const materials = splitList(materialsText);
  if (!materials.length) throw new ValidationError({ materials: '请逐项列出需要补齐补正的全部材料，每行一项。' });
  const c = await load(trx, id);
  assertTransition('requestMaterials', c.status);
  if (c.correctionUsed === 1)
    throw new AppError('conflict', '补齐补正须一次告知全部内容，本办件已发出过补齐补正通知，不能再次发出。');
  const today = dayOf(ctx);
  await insertPause(trx, {
    caseId: c.id,
    kind: 'correction',
    reason: '申请材料不齐全或者不符合法定形式',
    materials: materials.join('\n'),
    startedOn: today,
    endedOn: null,
    workingDays: null,
    resumeStatus: c.status,
    createdAt: ctx.at,
  });
  const stopped = c.acceptedOn
    ? {
        dueOn: null,
        dueProvisional: 0,
        dueExplanation: JSON.stringify([{ kind: 'pause', text: `${today} 起补齐补正，计时暂停，尚未恢复` }]),
      }
    : {};
  await move(
    trx,
    ctx,
    c,
    'requestMaterials',
    { status: 'awaitingMaterials', correctionUsed: 1, ...stopped },
    materials.join('；'),
  );
  await notifyApplicant(
    trx,
    ctx,
    c,
    `办件 ${c.caseNumber} 补齐补正告知`,
    `您的申请（办件编号 ${c.caseNumber}）材料不齐全或者不符合法定形式，请一次补齐以下全部材料：\n${materials.map((m, i) => `${i + 1}. ${m}`).join('\n')}\n补齐补正期间不计入办理时限。`,
  );
}

async function endOpenPause(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  c: ServiceCaseRow,
  event: 'materialsArrived' | 'resume',
): Promise<void> {
  const open = (await listPauses(trx, c.id)).find((p) => p.endedOn === null);
  if (!open) throw new AppError('conflict');
  const today = dayOf(ctx);
  await closePause(
    trx,
    open.id,
    today,
    open.startedOn <= today
      ? withProvisionalFallback(cal, (k) => workingDaysBetween(k, open.startedOn, today)).value
      : 0,
  );
  const clock = c.acceptedOn ? await clockFields(trx, cal, c, c.acceptedOn) : {};
  await move(
    trx,
    ctx,
    c,
    event,
    { status: open.resumeStatus, ...clock },
    `${PAUSE_LABELS[open.kind]}：${open.startedOn} 至 ${today}`,
  );
}

export async function materialsArrived(trx: Trx, ctx: AuditContext, cal: WorkCalendar, id: number): Promise<void> {
  const c = await load(trx, id);
  assertTransition('materialsArrived', c.status);
  await endOpenPause(trx, ctx, cal, c, 'materialsArrived');
}

export async function startProcessing(trx: Trx, ctx: AuditContext, id: number): Promise<void> {
  await move(trx, ctx, await load(trx, id), 'startProcessing', { status: 'inProcess' });
}

export const SUSPENSION_KINDS = ['expertReview', 'hearing', 'inspection'] as const satisfies readonly PauseKind[];

export async function suspendCase(
  trx: Trx,
  ctx: AuditContext,
  id: number,
  kind: string,
  reason: string,
): Promise<void> {
  const errors: FieldErrors = {};
  if (!(SUSPENSION_KINDS as readonly string[]).includes(kind)) errors.kind = '请选择中止计时的事由。';
  if (!reason.trim()) errors.reason = '请填写中止计时的具体理由。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const c = await load(trx, id);
  assertTransition('suspend', c.status);
  const today = dayOf(ctx);
  await insertPause(trx, {
    caseId: c.id,
    kind: kind as PauseKind,
    reason: reason.trim(),
    materials: '',
    startedOn: today,
    endedOn: null,
    workingDays: null,
    resumeStatus: c.status,
    createdAt: ctx.at,
  });
  await move(
    trx,
    ctx,
    c,
    'suspend',
    {
      status: 'suspended',
      dueOn: null,
      dueProvisional: 0,
      dueExplanation: JSON.stringify([
        { kind: 'pause', text: `${today} 起${PAUSE_LABELS[kind as PauseKind]}，计时暂停，尚未恢复` },
      ]),
    },
    reason.trim(),
  );
}

export async function resumeCase(trx: Trx, ctx: AuditContext, cal: WorkCalendar, id: number): Promise<void> {
  const c = await load(trx, id);
  assertTransition('resume', c.status);
  await endOpenPause(trx, ctx, cal, c, 'resume');
}

export async function decideCase(
  trx: Trx,
  ctx: AuditContext,
  id: number,
  decision: string,
  reason: string,
): Promise<void> {
  const errors: FieldErrors = {};
  if (decision !== 'approved' && decision !== 'refused') errors.decision = '请选择办理结果。';
  if (decision === 'refused' && !reason.trim())
    errors.reason = '不予许可（办理）的，应当说明理由（行政许可法 第三十八条第二款）。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const c = await load(trx, id);
  await move(trx, ctx, c, 'decide', {
    status: 'decided',
    decision: decision as ServiceDecision,
    decisionReason: reason.trim(),
    decidedOn: dayOf(ctx),
    decidedAt: ctx.at,
    deemed: 0,
  });
  await notifyApplicant(
    trx,
    ctx,
    c,
    `办件 ${c.caseNumber} 已办结`,
    `您的申请（办件编号 ${c.caseNumber}）已办结，结果：${DECISION_LABELS[decision as ServiceDecision]}。${reason.trim() ? `理由：${reason.trim()}` : ''}`,
  );
}

export async function deliverCase(trx: Trx, ctx: AuditContext, id: number): Promise<void> {
  await move(trx, ctx, await load(trx, id), 'deliver', { status: 'delivered', deliveredOn: dayOf(ctx) });
}

/** The applicant's rating (好差评), once, after delivery, proved by the query code. */
export async function rateCase(
  trx: Trx,
  ctx: AuditContext,
  caseNumber: string,
  queryCode: string,
  rating: string,
  comment: string,
): Promise<void> {
  const c = await findCaseByNumber(trx, caseNumber);
  if (!c || !queryCodeMatches(c, queryCode)) throw new AppError('notFound', '办件编号或查询码不正确。');
  await rateProvedCase(trx, ctx, c, rating, comment);
}

/** The rating of a case whose applicant has already proved the query code (the signed view cookie). */
export async function rateProvedCase(
  trx: Trx,
  ctx: AuditContext,
  c: ServiceCaseRow,
  rating: string,
  comment: string,
): Promise<void> {
  if (!(rating in RATING_LABELS)) throw new ValidationError({ rating: '请选择评价等级。' });
  if ([...comment].length > 500)
    throw new ValidationError({ comment: `评价意见不能超过 500 个字符（现为 ${[...comment].length} 个）。` });
  if (c.status !== 'delivered') throw new AppError('conflict', '办理结果送达后才能评价。');
  if (c.rating) throw new AppError('conflict', '该办件已经评价过。');
  const r = await trx
    .updateTable('serviceCases')
    .set({ rating: rating as ServiceRating, ratingComment: comment.trim(), ratedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', c.id)
    .where('rating', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '该办件已经评价过。');
  await recordEvent(
    trx,
    ctx,
    'serviceCase.rated',
    { type: 'serviceCase', id: c.id, agencyId: c.agencyId },
    { after: { rating } },
  );
}
