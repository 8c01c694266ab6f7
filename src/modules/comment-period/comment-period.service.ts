// 意见征集 / 重大决策预公开 (issue #17 point 4): staff draft a comment period (the draft, its 起草说明,
// attachments, the period and how to comment), a signer publishes it, the public comments while it
// is open, staff give each comment a verdict, and after the period a signer publishes the
// 意见采纳情况反馈. Every step is audited in its transaction; every check is against the period's agency.
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { parseForm, type FormSpec } from '../../platform/forms.ts';
import { bytesOf, type FileSource, type FileStore } from '../../platform/storage/file-store.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { isValidEmail } from '../../platform/validation/phone.ts';
import { isValidIsoDate } from '../calendar/index.ts';
import { checkUpload } from '../publication/index.ts';
import { readSetting } from '../settings/index.ts';
import {
  checkPeriod,
  checkVerdict,
  DEFAULT_MAJOR_MINIMUM_DAYS,
  feedbackCounts,
  feedbackRefusal,
  phaseOf,
} from './comment-period.rules.ts';
import {
  findCommentPeriod,
  listComments,
  listFiles,
  type CommentPeriodRow,
  type PublicCommentRow,
} from './comment-period.repository.ts';
import { CONTACT_RULES, type CommentChannel, type ContactRule, type Verdict } from './comment-period.tables.ts';

export const MAJOR_MINIMUM_DAYS_KEY = 'commentPeriod.majorMinimumDays';

/** The county's minimum period for a 重大行政决策 in days (setting; default 30, 第十五条). */
export async function majorMinimumDays(db: Executor): Promise<number> {
  const v = await readSetting(db, 0, MAJOR_MINIMUM_DAYS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : DEFAULT_MAJOR_MINIMUM_DAYS;
}

const dateCheck = (v: string) => (isValidIsoDate(v) ? null : '请按“2025-06-02”的格式填写日期。');

export const COMMENT_PERIOD_FORM = {
  title: { label: '征集标题', required: true, max: 200 },
  draftText: { label: '草案全文', required: true, max: 100_000 },
  explanation: { label: '起草说明', required: true, max: 20_000 },
  majorDecision: { label: '重大行政决策', oneOf: ['yes'] },
  opensOn: { label: '开始日期', required: true, check: dateCheck },
  closesOn: { label: '截止日期', required: true, check: dateCheck },
  shortenedReason: { label: '缩短期限的说明', max: 500 },
  postAddress: { label: '信函地址', max: 200 },
  email: {
    label: '电子邮箱',
    max: 100,
    check: (v: string) => (isValidEmail(v) ? null : '电子邮箱格式不正确，例如 gongkai@example.gov.cn。'),
  },
  nameRule: { label: '姓名', required: true, oneOf: CONTACT_RULES },
  phoneRule: { label: '联系电话', required: true, oneOf: CONTACT_RULES },
} satisfies FormSpec<string>;

export type CommentPeriodValues = Record<keyof typeof COMMENT_PERIOD_FORM, string>;

/** The form's values checked, the period's rule included (errors throw a ValidationError). */
export async function checkCommentPeriodForm(db: Executor, body: unknown): Promise<CommentPeriodValues> {
  const form = parseForm(body, COMMENT_PERIOD_FORM);
  const errors: FieldErrors = { ...form.errors };
  const v = form.values;
  if (!errors.opensOn && !errors.closesOn)
    Object.assign(
      errors,
      checkPeriod({
        opensOn: v.opensOn,
        closesOn: v.closesOn,
        majorDecision: v.majorDecision === 'yes',
        shortenedReason: v.shortenedReason,
        majorMinimumDays: await majorMinimumDays(db),
      }),
    );
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return v;
}

const columns = (v: CommentPeriodValues) => ({
  title: v.title,
  draftText: v.draftText,
  explanation: v.explanation,
  majorDecision: v.majorDecision === 'yes' ? 1 : 0,
  opensOn: v.opensOn,
  closesOn: v.closesOn,
  shortenedReason: v.shortenedReason,
  postAddress: v.postAddress,
  email: v.email,
  nameRule: v.nameRule as ContactRule,
  phoneRule: v.phoneRule as ContactRule,
});

const entity = (p: Pick<CommentPeriodRow, 'id' | 'agencyId'>) => ({
  type: 'commentPeriod',
  id: p.id,
  agencyId: p.agencyId,
});

export async function createCommentPeriod(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  agencyId: number,
  v: CommentPeriodValues,
): Promise<number> {
  authorize(actor, 'commentPeriod.manage', { agencyId });
  const row = await trx
    .insertInto('commentPeriods')
    .values({ agencyId, ...columns(v), createdBy: actor.userId, createdAt: ctx.at, updatedAt: ctx.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, 'commentPeriod.created', entity({ id: row.id, agencyId }), { after: { title: v.title } });
  return row.id;
}

/** Loads a period for a change by staff: in the actor's scope, and still a draft when `draftOnly`. */
async function loadForChange(
  trx: Trx,
  actor: Actor,
  id: number,
  action: 'commentPeriod.manage' | 'commentPeriod.publish',
) {
  const p = await findCommentPeriod(trx, id);
  if (!p) throw new AppError('notFound');
  authorize(actor, action, { agencyId: p.agencyId });
  return p;
}

export async function updateCommentPeriod(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  v: CommentPeriodValues,
): Promise<void> {
  const p = await loadForChange(trx, actor, id, 'commentPeriod.manage');
  if (p.publishedAt) throw new AppError('conflict', '征集已发布，不能再修改草案和期限。');
  await trx
    .updateTable('commentPeriods')
    .set({ ...columns(v), updatedAt: ctx.at })
    .where('id', '=', id)
    .execute();
  await recordEvent(trx, ctx, 'commentPeriod.updated', entity(p), { after: { title: v.title } });
}

/** Publishes a draft: the period may not start before the day it is published. */
export async function publishCommentPeriod(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  today: string,
): Promise<void> {
  const p = await loadForChange(trx, actor, id, 'commentPeriod.publish');
  if (p.publishedAt) throw new AppError('conflict', '该征集已经发布。');
  if (p.opensOn < today)
    throw new AppError('conflict', `开始日期（${p.opensOn}）早于今天，请先修改开始日期和截止日期，再发布。`);
  const errors = checkPeriod({
    opensOn: p.opensOn,
    closesOn: p.closesOn,
    majorDecision: p.majorDecision === 1,
    shortenedReason: p.shortenedReason,
    majorMinimumDays: await majorMinimumDays(trx),
  });
  if (Object.keys(errors).length) throw new AppError('conflict', Object.values(errors).join(''));
  await trx
    .updateTable('commentPeriods')
    .set({ publishedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', id)
    .execute();
  await recordEvent(trx, ctx, 'commentPeriod.published', entity(p), {
    after: { opensOn: p.opensOn, closesOn: p.closesOn },
  });
}

const MAX_FILES = 20;

/** An attachment of the draft (type checked by content, as publications' attachments are). */
export async function addCommentPeriodFile(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  store: FileStore,
  id: number,
  upload: { fileName: string; title: string; source: FileSource },
): Promise<void> {
  const p = await loadForChange(trx, actor, id, 'commentPeriod.manage');
  if (p.publishedAt) throw new AppError('conflict', '征集已发布，不能再更改附件。');
  const name = (upload.fileName.split(/[\\/]/).pop() ?? '').trim().slice(-120);
  if (!name) throw new ValidationError({ file: '请选择要上传的文件。' });
  const kind = checkUpload(name, await bytesOf(upload.source));
  if ((await listFiles(trx, id)).length >= MAX_FILES)
    throw new ValidationError({ file: `每次征集最多 ${MAX_FILES} 个附件。` });
  const title = upload.title.trim().slice(0, 200) || name.replace(/\.[A-Za-z0-9]{1,8}$/, '');
  const { sha256, size } = await store.put(upload.source);
  await trx
    .insertInto('commentPeriodFiles')
    .values({ commentPeriodId: id, title, fileName: name, mime: kind.mime, size, sha256, createdAt: ctx.at })
    .execute();
  await recordEvent(trx, ctx, 'commentPeriod.fileAdded', entity(p), { after: { fileName: name, sha256 } });
}

export async function removeCommentPeriodFile(trx: Trx, ctx: AuditContext, actor: Actor, id: number, fileId: number) {
  const p = await loadForChange(trx, actor, id, 'commentPeriod.manage');
  if (p.publishedAt) throw new AppError('conflict', '征集已发布，不能再更改附件。');
  const gone = await trx
    .deleteFrom('commentPeriodFiles')
    .where('id', '=', fileId)
    .where('commentPeriodId', '=', id)
    .returning('fileName')
    .executeTakeFirst();
  if (!gone) throw new AppError('notFound');
  await recordEvent(trx, ctx, 'commentPeriod.fileRemoved', entity(p), { before: { fileName: gone.fileName } });
}

export interface CommentInput {
  body: string;
  commenterName: string;
  commenterPhone: string;
  commenterEmail: string;
  publishConsent: boolean;
  channel: CommentChannel;
}

/** A comment from the public (online) or recorded by staff (post, e-mail): only while the period is open. */
export async function submitComment(
  trx: Trx,
  ctx: AuditContext,
  period: CommentPeriodRow,
  input: CommentInput,
  today: string,
): Promise<number> {
  const phase = phaseOf(period, today);
  if (phase === 'closed')
    throw new AppError('commentPeriod.closed', `本次意见征集已于 ${period.closesOn} 结束，不再接收意见。`);
  if (phase !== 'open') throw new AppError('notFound');
  const row = await trx
    .insertInto('publicComments')
    .values({
      commentPeriodId: period.id,
      channel: input.channel,
      body: input.body,
      commenterName: input.commenterName,
      commenterPhone: input.commenterPhone,
      commenterEmail: input.commenterEmail,
      publishConsent: input.publishConsent ? 1 : 0,
      receivedAt: ctx.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, 'commentPeriod.commentReceived', entity(period), {
    after: { commentId: row.id, channel: input.channel },
  });
  return row.id;
}

/** Staff's verdict on one comment (changeable until the 反馈 is published). */
export async function tagComment(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  comment: PublicCommentRow,
  verdict: string,
  reason: string,
): Promise<void> {
  const p = await loadForChange(trx, actor, comment.commentPeriodId, 'commentPeriod.manage');
  if (p.feedbackPublishedAt) throw new AppError('conflict', '意见采纳情况反馈已发布，不能再更改。');
  const errors = checkVerdict(verdict, reason);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await trx
    .updateTable('publicComments')
    .set({ verdict: verdict as Verdict, verdictReason: reason.trim(), taggedBy: actor.userId, taggedAt: ctx.at })
    .where('id', '=', comment.id)
    .execute();
  await recordEvent(trx, ctx, 'commentPeriod.commentTagged', entity(p), {
    before: { verdict: comment.verdict },
    after: { commentId: comment.id, verdict },
  });
}

/** Publishes the 意见采纳情况反馈: after the period, every comment decided. */
export async function publishFeedback(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  text: string,
  today: string,
): Promise<void> {
  const p = await loadForChange(trx, actor, id, 'commentPeriod.publish');
  if (p.feedbackPublishedAt) throw new AppError('conflict', '意见采纳情况反馈已经发布。');
  const counts = feedbackCounts((await listComments(trx, id)).map((c) => c.verdict));
  const refusal = feedbackRefusal(phaseOf(p, today), counts);
  if (refusal) throw new AppError('conflict', refusal);
  if ([...text.trim()].length > 20_000) throw new ValidationError({ feedbackText: '反馈说明不能超过 20000 个字。' });
  await trx
    .updateTable('commentPeriods')
    .set({ feedbackText: text.trim(), feedbackPublishedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', id)
    .execute();
  await recordEvent(trx, ctx, 'commentPeriod.feedbackPublished', entity(p), { after: { ...counts } });
}
