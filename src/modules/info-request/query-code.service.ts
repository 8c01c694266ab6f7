// A lost 查询码 is re-issued to the applicant's e-mail or phone on record, never shown on the
// page: whoever asks must type the number and the contact exactly as the application gives it,
// and the new code goes only to that contact (the e-mail through the outbox; a phone number as a
// stored outbox message the office sends by 短信, the outbox has no SMS gateway). The old code
// stops working. At most one re-issue per application every REISSUE_MINUTES, whoever asks, so
// the applicant's code cannot be churned; the route's limiter bounds guesses per client.
import { ValidationError } from '../../platform/errors.ts';
import { hashQueryCode, newQueryCode } from '../../platform/query-code.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { LetterData } from './info-request.letters.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { queueNotification } from '../notification/index.ts';
import {
  findInfoRequestById,
  findInfoRequestByNumber,
  listLetters,
  lockInfoRequest,
  updateInfoRequest,
} from './info-request.repository.ts';
import { addTimeline, audit, todayOf } from './info-request.service.ts';

export const REISSUE_MINUTES = 15;
export type ReissueChannel = 'email' | 'phone';

const digits = (s: string) => s.replace(/\D/g, '');

/** True when the typed contact is the one on record for that channel. */
export function contactMatches(
  channel: ReissueChannel,
  typed: string,
  record: { email: string; phone: string },
): boolean {
  if (channel === 'email') {
    const t = typed.trim().toLowerCase();
    return t !== '' && t === record.email.trim().toLowerCase();
  }
  const t = digits(typed);
  return t.length >= 7 && t === digits(record.phone);
}

export function checkReissueInput(number: string, channel: string, contact: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!number.trim()) errors.number = '请填写申请编号。';
  if (channel !== 'email' && channel !== 'phone') errors.channel = '请选择把新查询码发到哪里。';
  if (!contact.trim())
    errors.contact = channel === 'phone' ? '请填写申请时登记的手机号码。' : '请填写申请时登记的电子邮箱。';
  return errors;
}

/**
 * Re-issues the code when number and contact match and no re-issue happened in the last
 * REISSUE_MINUTES. Returns whether a code was sent; the page says the same either way.
 */
export async function reissueQueryCode(
  trx: Trx,
  ctx: AuditContext,
  x: { number: string; channel: ReissueChannel; contact: string },
): Promise<boolean> {
  const errors = checkReissueInput(x.number, x.channel, x.contact);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const r = await findInfoRequestByNumber(trx, x.number.trim().toUpperCase());
  if (!r || !contactMatches(x.channel, x.contact, r)) return false;
  const since = new Date(new Date(ctx.at).getTime() - REISSUE_MINUTES * 60_000).toISOString();
  const recent = await trx
    .selectFrom('infoRequestEvents')
    .select('id')
    .where('infoRequestId', '=', r.id)
    .where('kind', '=', 'queryCodeReissued')
    .where('at', '>', since)
    .executeTakeFirst();
  if (recent) return false;
  const code = newQueryCode();
  await updateInfoRequest(trx, r.id, { queryCodeHash: hashQueryCode(code), updatedAt: ctx.at });
  const where = x.channel === 'email' ? '登记的电子邮箱' : '登记的手机号码';
  await addTimeline(trx, ctx, r.id, {
    kind: 'queryCodeReissued',
    onDate: todayOf(ctx),
    publicText: `应申请人要求，新的查询码已发送到${where}，原查询码失效。`,
  });
  await audit(trx, ctx, r, 'queryCodeReissued', { channel: x.channel });
  const body = `您的政府信息公开申请（申请编号 ${r.number}）的新查询码是：${code}。原查询码已失效。凭申请编号和查询码可在网站“进度查询”中查看办理进度。如非本人操作，请与本机关联系。`;
  await queueNotification(
    trx,
    {
      agencyId: r.agencyId,
      recipientUserId: null,
      // The outbox delivers e-mail; a phone number is kept with the message for the office's 短信.
      toAddress: x.channel === 'email' ? r.email : '',
      recipientName: x.channel === 'email' ? r.applicantName : `${r.applicantName}（短信：${r.phone}）`,
      subject: `申请 ${r.number} 的新查询码`,
      body,
      relatedType: 'infoRequest',
      relatedId: r.id,
    },
    ctx.at,
  );
  return true;
}

/**
 * A new 查询码 made by staff for an applicant at the counter (the reprinted 登记回执 carries it):
 * the old code stops working; the timeline and the audit log say so. Returns the new code, which
 * is shown once on the answer page and never stored in clear.
 */
export async function regenerateQueryCode(trx: Trx, ctx: AuditContext, id: number): Promise<string> {
  await lockInfoRequest(trx, id);
  const r = await findInfoRequestById(trx, id);
  if (!r) throw new ValidationError({ id: '申请不存在。' });
  const code = newQueryCode();
  await updateInfoRequest(trx, r.id, { queryCodeHash: hashQueryCode(code), updatedAt: ctx.at });
  await addTimeline(trx, ctx, r.id, {
    kind: 'queryCodeReissued',
    onDate: todayOf(ctx),
    publicText: '工作人员重新生成了查询码，随登记回执交给申请人，原查询码失效。',
  });
  await audit(trx, ctx, r, 'queryCodeRegenerated', { by: 'staff' });
  return code;
}

/** The application's latest 登记回执 as stored (null when it has none yet: not registered). */
export async function receiptOf(db: Executor, id: number): Promise<LetterData | null> {
  const letter = (await listLetters(db, id)).filter((l) => l.kind === 'receipt').at(-1);
  return letter ? (JSON.parse(letter.dataJson) as LetterData) : null;
}
