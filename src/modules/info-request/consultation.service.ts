// Consultation of third parties and co-producing agencies (条例 第三十二条、第三十四条): the
// letter, its delivery and reply or its silence after 15 working days; the time spent consulting
// is not counted in the answer period (第三十三条第三款), so each step recomputes the stored clock.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { consultationLetter } from './info-request.letters.ts';
import {
  findInfoRequestById,
  insertConsultation,
  listConsultations,
  updateConsultation,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { addTimeline, audit, issueLetter, refreshClock, todayOf } from './info-request.service.ts';
import {
  consultedPartyLabels,
  resolveConsultation,
  type ConsultationReply,
  type ConsultedParty,
} from './rules/index.ts';

export async function startConsultation(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  x: { party: ConsultedParty; partyName: string; letterSentOn: string },
): Promise<void> {
  if (r.state !== 'processing' || !r.receivedOn) throw new ValidationError({ party: '只有办理中的申请才能征求意见。' });
  if (!x.partyName) throw new ValidationError({ partyName: '请填写被征求意见的第三方或机关名称。' });
  if (x.letterSentOn < (r.correctedReceivedOn ?? r.receivedOn))
    throw new ValidationError({ letterSentOn: '征求意见书发出日期不能早于答复期限起算日。' });
  const resolution = resolveConsultation(cal, { party: x.party, letterSentOn: x.letterSentOn }, todayOf(ctx));
  await insertConsultation(trx, {
    infoRequestId: r.id,
    party: x.party,
    partyName: x.partyName,
    letterSentOn: x.letterSentOn,
    letterReceivedOn: null,
    replyDueOn: null,
    repliedOn: null,
    reply: null,
    state: resolution.state,
    endedOn: null,
    createdAt: ctx.at,
  });
  await refreshClock(trx, cal, r.id);
  await issueLetter(
    trx,
    ctx,
    r,
    'consultation',
    (c) => consultationLetter(c, { issuedOn: x.letterSentOn, party: x.party, partyName: x.partyName }),
    false,
  );
  await addTimeline(trx, ctx, r.id, {
    kind: 'consultationStarted',
    onDate: x.letterSentOn,
    publicText: `本机关正在依法征求${x.party === 'thirdParty' ? '第三方' : '相关行政机关'}意见，征求意见期间不计入答复期限（条例第三十三条第三款）。`,
    staffNote: `向${consultedPartyLabels[x.party]}“${x.partyName}”发出征求意见书。`,
  });
  await audit(trx, ctx, r, 'consultationStarted', { party: x.party, letterSentOn: x.letterSentOn });
}

/** Records delivery and reply of a consultation letter, or its silence once 15 working days pass. */
export async function recordConsultation(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  consultationId: number,
  x: { letterReceivedOn: string | null; repliedOn: string | null; reply: ConsultationReply | null },
): Promise<string> {
  const c = (await listConsultations(trx, r.id)).find((k) => k.id === consultationId);
  if (!c) throw new ValidationError({ consultation: '该征求意见记录不存在。' });
  // Dates or a reply that do not fit together are an InfoRequestRuleError on the field to correct.
  const res = resolveConsultation(
    cal,
    {
      party: c.party,
      letterSentOn: c.letterSentOn,
      letterReceivedOn: x.letterReceivedOn,
      repliedOn: x.repliedOn,
      reply: x.reply,
    },
    todayOf(ctx),
  );
  await updateConsultation(trx, c.id, {
    letterReceivedOn: x.letterReceivedOn,
    repliedOn: x.repliedOn,
    reply: x.reply,
    replyDueOn: res.replyDue?.dueOn ?? null,
    state: res.state,
    endedOn: res.endedOn,
  });
  await refreshClock(trx, cal, r.id);
  if (res.endedOn) {
    await addTimeline(trx, ctx, r.id, {
      kind: 'consultationEnded',
      onDate: res.endedOn,
      publicText: '征求意见程序已结束，答复期限恢复计算。',
      staffNote: res.message,
    });
  }
  await audit(trx, ctx, r, 'consultationRecorded', { consultationId, state: res.state });
  return res.message;
}

/** The job's half of silence handling: consultations past their 15 working days end by law. */
export async function settleSilentConsultations(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  infoRequestId: number,
): Promise<number> {
  const r = await findInfoRequestById(trx, infoRequestId);
  if (!r) return 0;
  let n = 0;
  for (const c of await listConsultations(trx, r.id)) {
    if (c.endedOn || !c.letterReceivedOn) continue;
    const res = resolveConsultation(
      cal,
      { party: c.party, letterSentOn: c.letterSentOn, letterReceivedOn: c.letterReceivedOn },
      todayOf(ctx),
    );
    if (!res.endedOn) continue;
    await updateConsultation(trx, c.id, {
      state: res.state,
      endedOn: res.endedOn,
      replyDueOn: res.replyDue?.dueOn ?? null,
    });
    await addTimeline(trx, ctx, r.id, {
      kind: 'consultationEnded',
      onDate: res.endedOn,
      publicText: '征求意见程序已结束，答复期限恢复计算。',
      staffNote: res.message,
    });
    await audit(trx, ctx, r, 'consultationSilence', { consultationId: c.id, state: res.state });
    n++;
  }
  if (n) await refreshClock(trx, cal, r.id);
  return n;
}
