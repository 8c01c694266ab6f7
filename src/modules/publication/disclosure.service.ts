// 公开属性源头认定 and its periodic review (issue #17 point 3; 条例 第十三条–第十六条, 第十八条).
// The attribute is decided on the draft (publication.input.ts) and checked again before 保密审查
// and 签发; 签发 of a document that is not 主动公开 records it (state `recorded`: no index number,
// not on the portal nor in search). The reviewer then confirms or changes the attribute, with a
// written reason, each time the interval passes; a change to 主动公开 sends the document into
// the publishing workflow (待保密审查 → 签发), its release due 20 working days after the change
// (条例 第二十六条: 自该政府信息形成或者变更之日起).
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { todayInShanghai, type WorkCalendar } from '../calendar/index.ts';
import { readSetting } from '../settings/index.ts';
import {
  ATTRIBUTE_REVIEW_MONTHS_DEFAULT,
  ATTRIBUTE_REVIEW_MONTHS_KEY,
  DISCLOSURE_MODE_LABELS,
  disclosureProblems,
  groundText,
} from './disclosure.rules.ts';
import { scanTextFields } from './privacy-guard.ts';
import { dueOn } from './publication.content.ts';
import { notifyWorkflow } from './publication.notify.ts';
import {
  findPublicationById,
  insertSubmission,
  updatePublication,
  type PublicationRow,
} from './publication.repository.ts';
import { publicationMachine } from './publication.states.ts';
import type { DisclosureMode } from './publication.tables.ts';

type By = Actor | 'system';

/** 公开属性源头认定: decided, with its legal ground, before 保密审查 and 签发 (422 otherwise). */
export function assertAttributeDecided(pub: PublicationRow): void {
  const problems = disclosureProblems(pub.disclosureMode, pub.disclosureGround, pub.disclosureNote);
  if (Object.keys(problems).length)
    throw new ValidationError({
      disclosureMode: `公开属性尚未认定完整：${Object.values(problems).join('')}请先编辑草稿确定公开属性。`,
    });
}

/**
 * 签发 of a document decided 依申请公开 or 不予公开: kept on record without an index number (the
 * 目录 is public), never on the portal nor in search, and due for its periodic review (条例 第十八条)
 * counted from today.
 */
export async function recordWithoutRelease(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  pub: PublicationRow,
  comment: string,
): Promise<void> {
  const state = publicationMachine.plan(by, pub, 'record').to;
  const today = todayInShanghai(new Date(ctx.at));
  await updatePublication(trx, pub.id, { state, attributeDecidedOn: today, reviewComment: '', updatedAt: ctx.at });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'record',
    summary: {
      after: { disclosureMode: pub.disclosureMode, disclosureGround: pub.disclosureGround, decidedOn: today },
      note: [
        DISCLOSURE_MODE_LABELS[pub.disclosureMode],
        groundText(pub.disclosureGround),
        comment.trim().slice(0, 1000),
      ]
        .filter(Boolean)
        .join('；'),
    },
  });
}

/** The review interval in months (county setting; default yearly). */
export async function attributeReviewMonths(db: Executor): Promise<number> {
  const v = await readSetting(db, 0, ATTRIBUTE_REVIEW_MONTHS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 60 ? v : ATTRIBUTE_REVIEW_MONTHS_DEFAULT;
}

export interface AttributeReviewInput {
  mode: string;
  ground: string;
  reason: string;
}

/**
 * One periodic review (条例 第十八条) by a reviewer of the document's agency: the same attribute
 * (confirmed), the other non-public one with its ground, or 主动公开 (the publishing workflow
 * starts at 保密审查). The written reason is required; one disclosure_reviews row and one audit
 * event either way.
 */
export async function reviewAttribute(
  trx: Trx,
  ctx: AuditContext,
  by: Actor,
  cal: WorkCalendar,
  id: number,
  input: AttributeReviewInput,
): Promise<'confirmed' | 'changed' | 'opened'> {
  const pub = await findPublicationById(trx, id);
  if (!pub) throw new AppError('notFound');
  const opens = input.mode === 'proactive';
  // Role and state first: who may not review learns nothing from the form's checks.
  publicationMachine.plan(by, pub, opens ? 'reopen' : 'reviewAttribute');
  const errors: Record<string, string> = disclosureProblems(input.mode, input.ground, '');
  const reason = input.reason.trim();
  if (!reason) errors.reason = '请写明审核理由（为什么维持或调整公开属性）。';
  else if ([...reason].length > 500) errors.reason = '审核理由不能超过 500 个字符。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const mode = input.mode as DisclosureMode;
  const ground = opens ? '' : input.ground;
  const today = todayInShanghai(new Date(ctx.at));
  const outcome = opens
    ? 'opened'
    : mode === pub.disclosureMode && ground === pub.disclosureGround
      ? 'confirmed'
      : 'changed';
  await trx
    .insertInto('disclosureReviews')
    .values({
      publicationId: pub.id,
      agencyId: pub.agencyId,
      reviewedOn: today,
      modeBefore: pub.disclosureMode,
      modeAfter: mode,
      groundAfter: ground,
      reason,
      reviewedBy: by.userId,
      createdAt: ctx.at,
    })
    .execute();
  const summary = {
    before: { disclosureMode: pub.disclosureMode, disclosureGround: pub.disclosureGround },
    after: { disclosureMode: mode, disclosureGround: ground },
    note: `${outcome === 'confirmed' ? '维持' : '调整为'}${DISCLOSURE_MODE_LABELS[mode]}${ground ? `（${groundText(ground)}）` : ''}：${reason}`,
  };
  if (!opens) {
    await updatePublication(trx, pub.id, {
      disclosureMode: mode,
      disclosureGround: ground,
      attributeDecidedOn: today,
      updatedAt: ctx.at,
    });
    await publicationMachine.transition(trx, ctx, { by, subject: pub, event: 'reviewAttribute', summary });
    return outcome;
  }
  // 主动公开 now: released within 20 working days of the change, through 保密审查 and 签发.
  await updatePublication(trx, pub.id, {
    state: 'submitted',
    disclosureMode: 'proactive',
    disclosureGround: '',
    disclosureNote: reason,
    attributeDecidedOn: today,
    ...dueOn(cal, today),
    updatedAt: ctx.at,
  });
  await insertSubmission(trx, {
    publicationId: pub.id,
    title: pub.title,
    summary: pub.summary,
    body: pub.body,
    submittedAt: ctx.at,
    submittedBy: by.userId,
  });
  await publicationMachine.transition(trx, ctx, { by, subject: pub, event: 'reopen', summary });
  await scanTextFields(trx, pub.id, ctx.at);
  await notifyWorkflow(trx, ctx.at, pub, 'submitted');
  return 'opened';
}

/** The reviews of one document, newest first (its staff page). */
export function reviewsOf(db: Executor, publicationId: number) {
  return db
    .selectFrom('disclosureReviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewedBy')
    .select(['r.reviewedOn', 'r.modeBefore', 'r.modeAfter', 'r.groundAfter', 'r.reason', 'u.displayName as reviewer'])
    .where('r.publicationId', '=', publicationId)
    .orderBy('r.id', 'desc')
    .execute();
}
