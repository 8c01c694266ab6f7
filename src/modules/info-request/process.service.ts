// Processing steps that move the clock: 补正 (条例 第三十条; its online answer in
// correction.service.ts), consultation (consultation.service.ts), extension
// (第三十三条第二款) and the 信息处理费 (第四十二条, 国办函〔2020〕109号). Each step validates with
// the pure rules, stores its dates, recomputes the stored clock, writes the timeline and audits.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { PROVISIONAL_LETTER_NOTE, withProvisionalFallback, type WorkCalendar } from '../calendar/index.ts';
import { correctionLetter, extensionLetter, feeNoticeLetter } from './info-request.letters.ts';
import { countApplicantMonth, updateInfoRequest, type InfoRequestRow } from './info-request.repository.ts';
import { addTimeline, audit, dueDateText, issueLetter, refreshClock, todayOf } from './info-request.service.ts';
import { takeStep, transition } from './info-request.states.ts';
import { findPendingCorrection } from './correction.repository.ts';
import {
  closeForMissingCorrection,
  closeForUnpaidFee,
  CORRECTION_NOTICE_WORKING_DAYS,
  feePaymentDueOn,
  outcomeDefinition,
  quotePerItemUnits,
  quotePerPage,
  validateExtension,
  type FeeMethod,
  type FeeQuote,
} from './rules/index.ts';

export async function requestCorrection(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { noticeSentOn: string; correctionDueOn: string; items: string; trackUrl?: string },
): Promise<void> {
  const state = transition(r.state, 'requestCorrection');
  if (r.correctionNoticeSentOn)
    throw new ValidationError({ items: '补正应当一次性告知（条例第三十条），本申请已发出过补正通知。' });
  const errors: Record<string, string> = {};
  if (!x.items) errors.items = '请写明需要补正的事项。';
  if (r.receivedOn && x.noticeSentOn < r.receivedOn) errors.noticeSentOn = '补正通知日期不能早于收到申请之日。';
  if (x.correctionDueOn <= x.noticeSentOn) errors.correctionDueOn = '补正期限应晚于补正通知日期。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await updateInfoRequest(trx, r.id, {
    state,
    correctionNoticeSentOn: x.noticeSentOn,
    correctionDueOn: x.correctionDueOn,
    correctionItems: x.items,
    updatedAt: ctx.at,
  });
  const clock = await refreshClock(trx, cal, r.id);
  const late = clock?.warnings.find((w) => w.code === 'correctionNoticeLate');
  await issueLetter(trx, ctx, r, 'correction', (c) =>
    correctionLetter(c, {
      issuedOn: x.noticeSentOn,
      receivedOn: r.receivedOn as string,
      items: x.items,
      correctionDueOn: x.correctionDueOn,
      trackUrl: x.trackUrl,
    }),
  );
  await addTimeline(trx, ctx, r.id, {
    kind: 'correctionRequested',
    onDate: x.noticeSentOn,
    publicText: `本机关已向您发出补正告知书，请于${x.correctionDueOn}前补正。答复期限自收到补正后的申请之日起重新计算。`,
    staffNote: late ? late.message : `补正通知在收到申请后${CORRECTION_NOTICE_WORKING_DAYS}个工作日内发出。`,
  });
  await takeStep(trx, ctx, r, 'requestCorrection', {
    noticeSentOn: x.noticeSentOn,
    correctionDueOn: x.correctionDueOn,
  });
}

export async function receiveCorrection(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { receivedOn: string; text: string; answeredOn?: string },
): Promise<void> {
  const state = transition(r.state, 'receiveCorrection');
  if (r.correctionNoticeSentOn && x.receivedOn < r.correctionNoticeSentOn)
    throw new ValidationError({ correctedReceivedOn: '收到补正申请的日期不能早于补正通知日期。' });
  if (x.receivedOn > todayOf(ctx))
    throw new ValidationError({ correctedReceivedOn: '收到补正申请的日期不能晚于今天。' });
  // Answered online: in time or not by the day the applicant sent it, not the day staff confirmed it.
  // Whether it came in time only annotates the timeline for staff, so a period ending in a year
  // whose holidays are not yet published is judged on the provisional calendar (marked as such)
  // rather than refusing to register the corrected application.
  const { value: decision, provisional } = withProvisionalFallback(cal, (c) =>
    closeForMissingCorrection(
      c,
      {
        correctionDueOn: r.correctionDueOn as string,
        correctedReceivedOn: x.answeredOn ?? x.receivedOn,
        today: todayOf(ctx),
      },
      { rollForwardFromNonWorkingDay: true },
    ),
  );
  await updateInfoRequest(trx, r.id, {
    state,
    correctedReceivedOn: x.receivedOn,
    correctedText: x.text,
    updatedAt: ctx.at,
  });
  const clock = await refreshClock(trx, cal, r.id);
  await addTimeline(trx, ctx, r.id, {
    kind: 'corrected',
    onDate: x.receivedOn,
    publicText: `本机关已于${x.receivedOn}收到您补正后的申请，答复期限自该日起重新计算${clock?.dueOn ? `，至${dueDateText(clock)}` : ''}。`,
    staffNote:
      decision.state === 'fulfilled'
        ? ''
        : `${decision.message}${provisional ? '（补正期限末日按暂定节假日计算，以国务院办公厅公布的节假日安排为准）' : ''}`,
  });
  await takeStep(trx, ctx, r, 'receiveCorrection', { correctedReceivedOn: x.receivedOn, dueOn: clock?.dueOn ?? null });
}

/** Closes as （六）1 only when the rule says the applicant abandoned the application. */
export async function closeMissingCorrection(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  goodReasonAccepted: boolean,
): Promise<void> {
  transition(r.state, 'closeForMissingCorrection');
  if (await findPendingCorrection(trx, r.id))
    throw new ValidationError({
      close: '申请人已在线提交补正材料，请先审查：接收补正，或再次告知补正。',
    });
  const today = todayOf(ctx);
  const d = closeForMissingCorrection(cal, {
    correctionDueOn: r.correctionDueOn as string,
    correctedReceivedOn: r.correctedReceivedOn,
    goodReasonAccepted,
    today,
  });
  if (!d.abandoned || !d.outcomeKey) throw new ValidationError({ close: d.message });
  const basis = outcomeDefinition(d.outcomeKey).legalBasis;
  await conclude(trx, ctx, cal, r, 'closeForMissingCorrection', d.outcomeKey, basis, d.message, today);
}

export async function closeUnpaidFee(trx: Trx, ctx: AuditContext, cal: WorkCalendar, r: InfoRequestRow): Promise<void> {
  transition(r.state, 'closeForUnpaidFee');
  const today = todayOf(ctx);
  const d = closeForUnpaidFee(cal, { noticeReceivedOn: r.feeNoticeReceivedOn as string, paidOn: r.feePaidOn, today });
  if (!d.abandoned || !d.outcomeKey) throw new ValidationError({ close: d.message });
  const basis = outcomeDefinition(d.outcomeKey).legalBasis;
  await conclude(trx, ctx, cal, r, 'closeForUnpaidFee', d.outcomeKey, basis, d.message, today);
}

async function conclude(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  step: 'closeForMissingCorrection' | 'closeForUnpaidFee',
  outcomeKey: string,
  legalBasis: string,
  message: string,
  today: string,
) {
  await updateInfoRequest(trx, r.id, {
    state: transition(r.state, step),
    outcomeKey,
    legalBasis,
    replyText: message,
    concludedOn: today,
    updatedAt: ctx.at,
  });
  await refreshClock(trx, cal, r.id);
  await addTimeline(trx, ctx, r.id, { kind: 'closed', onDate: today, publicText: message });
  await takeStep(trx, ctx, r, step, { outcomeKey });
}

export async function extendDeadline(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { workingDays: number; approvedBy: string; approvedOn: string; applicantNotifiedOn: string; reason: string },
): Promise<void> {
  if (r.state !== 'processing' && r.state !== 'feePending')
    throw new ValidationError({ workingDays: '只有办理中的申请才能延长答复期限。' });
  if (r.extensionWorkingDays)
    throw new ValidationError({
      workingDays: '本申请已延长过答复期限；延长的期限合计最长不得超过20个工作日（条例第三十三条第二款）。',
    });
  const errors = validateExtension(x) as Record<string, string>;
  if (!x.reason) errors.reason = '请填写延长答复期限的理由。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await updateInfoRequest(trx, r.id, {
    extensionWorkingDays: x.workingDays,
    extensionApprovedBy: x.approvedBy,
    extensionApprovedOn: x.approvedOn,
    extensionNotifiedOn: x.applicantNotifiedOn,
    extensionReason: x.reason,
    updatedAt: ctx.at,
  });
  const clock = await refreshClock(trx, cal, r.id);
  await issueLetter(trx, ctx, r, 'extension', (c) =>
    extensionLetter(c, {
      issuedOn: x.applicantNotifiedOn,
      workingDays: x.workingDays,
      approvedBy: x.approvedBy,
      approvedOn: x.approvedOn,
      reason: x.reason,
      dueOn: dueDateText(clock) ?? '另行告知',
    }),
  );
  const late = clock?.warnings.find((w) => w.code === 'extensionAfterDeadline');
  await addTimeline(trx, ctx, r.id, {
    kind: 'extended',
    onDate: x.applicantNotifiedOn,
    publicText: `经政府信息公开工作机构负责人同意，答复期限延长${x.workingDays}个工作日${clock?.dueOn ? `，至${dueDateText(clock)}` : ''}。`,
    staffNote: late?.message ?? '',
  });
  await audit(trx, ctx, r, 'extended', {
    workingDays: x.workingDays,
    approvedBy: x.approvedBy,
    dueOn: clock?.dueOn ?? null,
  });
}

/** The fee quote staff see before sending a 收费通知 (per-item counts the applicant's month). */
export async function quoteFor(trx: Trx, r: InfoRequestRow, method: FeeMethod, quantity: number): Promise<FeeQuote> {
  if (method === 'perPage') return quotePerPage(quantity);
  const month = (r.receivedOn ?? '').slice(0, 7);
  const previous = await countApplicantMonth(trx, r.agencyId, r.idDocumentNumber, month, r.id);
  return quotePerItemUnits(previous, quantity);
}

export async function sendFeeNotice(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { method: FeeMethod; quantity: number; noticeReceivedOn: string },
): Promise<FeeQuote> {
  const state = transition(r.state, 'sendFeeNotice');
  if (r.feeMethod)
    throw new ValidationError({
      feeMethod: '同一件申请只能按一种标准收取一次信息处理费（国办函〔2020〕109号第三条）。',
    });
  const quote = await quoteFor(trx, r, x.method, x.quantity);
  if (quote.amount <= 0) throw new ValidationError({ feeQuantity: `按当前数量计算应收金额为0元，无需发出收费通知。` });
  // A payment period reaching a year whose holidays are not yet published is computed on the
  // provisional calendar and says so in the notice and the timeline, instead of refusing the notice.
  const { value: due, provisional } = withProvisionalFallback(cal, (c) => feePaymentDueOn(c, x.noticeReceivedOn));
  const dueText = provisional ? `${due.dueOn}${PROVISIONAL_LETTER_NOTE}` : due.dueOn;
  await updateInfoRequest(trx, r.id, {
    state,
    feeMethod: x.method,
    feeQuantity: x.quantity,
    feeAmount: quote.amount,
    feeNoticeReceivedOn: x.noticeReceivedOn,
    feePaymentDueOn: due.dueOn,
    updatedAt: ctx.at,
  });
  await refreshClock(trx, cal, r.id);
  await issueLetter(trx, ctx, r, 'feeNotice', (c) =>
    feeNoticeLetter(c, { issuedOn: x.noticeReceivedOn, quote, paymentDueOn: dueText }),
  );
  await addTimeline(trx, ctx, r.id, {
    kind: 'feeNotice',
    onDate: x.noticeReceivedOn,
    publicText: `本机关已发出信息处理费收费通知，应缴${quote.amount}元，缴纳期限至${dueText}。`,
  });
  await takeStep(trx, ctx, r, 'sendFeeNotice', {
    method: x.method,
    quantity: x.quantity,
    amount: quote.amount,
    dueOn: due.dueOn,
  });
  return quote;
}

export async function recordPayment(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { paidOn: string; amount: number },
): Promise<void> {
  const state = transition(r.state, 'recordPayment');
  // A payment on or before the period's last day is accepted also while that day is provisional
  // (closing for non-payment, in closeUnpaidFee, stays strict: no decision on a guessed day).
  const { value: d } = withProvisionalFallback(cal, (c) =>
    closeForUnpaidFee(c, {
      noticeReceivedOn: r.feeNoticeReceivedOn as string,
      paidOn: x.paidOn,
      today: todayOf(ctx),
    }),
  );
  if (d.state !== 'fulfilled') throw new ValidationError({ paidOn: d.message });
  if (x.amount !== r.feeAmount)
    throw new ValidationError({ paidAmount: `实缴金额应与收费通知的金额（${r.feeAmount ?? 0}元）一致。` });
  await updateInfoRequest(trx, r.id, { state, feePaidOn: x.paidOn, feePaidAmount: x.amount, updatedAt: ctx.at });
  await refreshClock(trx, cal, r.id);
  await addTimeline(trx, ctx, r.id, {
    kind: 'feePaid',
    onDate: x.paidOn,
    publicText: `已收到您缴纳的信息处理费${x.amount}元。`,
  });
  await takeStep(trx, ctx, r, 'recordPayment', { paidOn: x.paidOn, amount: x.amount });
}
