// Publications: drafting, the review/sign-off workflow (publication.states.ts), release with an
// index number, revisions after release, validity changes and withdrawal. Each step checks the
// state machine and the typed policy against the publication's agency, writes one audit event
// in the same transaction and tells the listeners (search index) that the publication changed.
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { allocateNumber } from '../../platform/counters.ts';
import { findAgencyById } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { todayInShanghai, type WorkCalendar } from '../calendar/index.ts';
import { assertNoOpenFindings, scanTextFields } from './privacy-guard.ts';

import { formatIndexNumber } from '../catalog/index.ts';
import type { PublicationInput } from './publication.input.ts';
import { contentColumns, dueOn, resolveInput, saveLinks } from './publication.content.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import { notifyWorkflow } from './publication.notify.ts';
import {
  findPublicationById,
  lockPublication,
  indexNumberTaken,
  insertPublication,
  insertRevision,
  BORROWED_TEXT,
  insertSubmission,
  listAttachments,
  updatePublication,
  type PublicationRow,
} from './publication.repository.ts';

import { isLateRelease, VALIDITY_LABELS } from './publication.rules.ts';
import { assertAttributeDecided, recordWithoutRelease } from './disclosure.service.ts';
import { publicationMachine, type PublicationEvent } from './publication.states.ts';
import type { Validity } from './publication.tables.ts';

/** Who acts: a member of staff (checked against the policy) or the system (CLI import, demo). */
export type By = Actor | 'system';

/** Decides a step (role on the publication's agency, then state) before anything is written. */
function check(by: By, pub: PublicationRow, event: PublicationEvent): PublicationRow['state'] {
  return publicationMachine.plan(by, pub, event).to;
}

/**
 * The publication a step is decided on, held until the commit: two reviewers passing it at the
 * same moment act one after the other, the second on the state the first left (a 409).
 */
export async function lockedPublication(trx: Trx, id: number): Promise<PublicationRow> {
  await lockPublication(trx, id);
  const pub = await findPublicationById(trx, id);
  if (!pub) throw new AppError('notFound');
  return pub;
}

export async function createDraft(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  cal: WorkCalendar,
  agencyId: number,
  input: PublicationInput,
): Promise<number> {
  if (by !== 'system') authorize(by, 'publication.draft', { agencyId });
  const { checked, relatedIds } = await resolveInput(trx, by, agencyId, input);
  const cols = contentColumns(checked);
  const id = await insertPublication(trx, {
    agencyId,
    disclosureMode: 'proactive',
    ...cols,
    ...dueOn(cal, checked.formedOn),
    publishedAt: null,
    publishedOn: null,
    isLate: 0,
    invalidOn: null,
    repealedOn: null,
    indexNumber: null,
    state: 'draft',
    docRepealedOn: null,
    withdrawnAt: null,
    withdrawnReason: '',
    reviewComment: '',
    revision: 0,
    createdBy: by === 'system' ? null : by.userId,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await saveLinks(trx, id, checked, relatedIds);
  await recordEvent(
    trx,
    ctx,
    'publication.created',
    { type: 'publication', id, agencyId },
    { after: { title: cols.title, formedOn: cols.formedOn } },
  );
  return id;
}

export async function editDraft(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  cal: WorkCalendar,
  id: number,
  input: PublicationInput,
): Promise<void> {
  const pub = await lockedPublication(trx, id);
  check(by, pub, 'edit');
  const { checked, relatedIds } = await resolveInput(trx, by, pub.agencyId, input, pub);
  const cols = contentColumns(checked, pub.body);
  await updatePublication(trx, id, { ...cols, ...dueOn(cal, checked.formedOn), updatedAt: ctx.at });
  await saveLinks(trx, id, checked, relatedIds);
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'edit',
    summary: changes(pub, cols),
  });
}

export function changes(
  before: PublicationRow,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before[k as keyof PublicationRow];
    if (old !== v) {
      // Bodies are long: the audit keeps their length, the revision table keeps the text.
      b[k] = k === 'body' ? `（${String(old).length} 字符）` : old;
      a[k] = k === 'body' ? `（${String(v).length} 字符）` : v;
    }
  }
  return { before: b, after: a };
}

export async function submit(trx: Trx, ctx: AuditContext, by: By, id: number): Promise<void> {
  const pub = await lockedPublication(trx, id);
  const state = check(by, pub, 'submit');
  assertAttributeDecided(pub);
  // 音视频解读: the recording goes out with it, as an attachment or a link (issue #17 point 1).
  if (pub.interpretationForm === 'media' && !pub.mediaUrl && (await listAttachments(trx, id)).length === 0)
    throw new ValidationError({ mediaUrl: '音视频解读须上传音视频附件（MP4、MP3）或填写音视频链接后再提交。' });
  await updatePublication(trx, id, { state, updatedAt: ctx.at });
  // The text as submitted: after a return, the next review compares against it.
  await insertSubmission(trx, {
    publicationId: id,
    title: pub.title,
    summary: pub.summary,
    body: pub.body,
    submittedAt: ctx.at,
    submittedBy: by === 'system' ? null : by.userId,
  });
  await publicationMachine.transition(trx, ctx, { by, subject: pub, event: 'submit' });
  await scanTextFields(trx, id, ctx.at);
  if (by !== 'system') await notifyWorkflow(trx, ctx.at, pub, 'submitted');
}

export function requireComment(comment: string, field = 'comment'): string {
  const c = comment.trim();
  if (!c) throw new ValidationError({ [field]: '退回时请写明退回意见。' });
  if ([...c].length > 1000) throw new ValidationError({ [field]: '意见不能超过 1000 个字符。' });
  return c;
}

/** 保密审查 (条例 第十七条): pass, or return to the clerk with a comment. */
export async function review(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  id: number,
  decision: 'pass' | 'return',
  comment: string,
): Promise<void> {
  const pub = await lockedPublication(trx, id);
  const state = check(by, pub, decision === 'pass' ? 'passReview' : 'returnReview');
  if (decision === 'pass' && by !== 'system') {
    // The personal-data guard: scanned again, and no open finding may pass 保密审查.
    await scanTextFields(trx, id, ctx.at);
    await assertNoOpenFindings(trx, id);
  }
  const note = decision === 'return' ? requireComment(comment) : comment.trim().slice(0, 1000);
  await updatePublication(trx, id, {
    state,
    reviewComment: decision === 'return' ? note : pub.reviewComment,
    updatedAt: ctx.at,
  });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: decision === 'pass' ? 'passReview' : 'returnReview',
    summary: { note },
  });
  if (by !== 'system') await notifyWorkflow(trx, ctx.at, pub, decision === 'pass' ? 'reviewed' : 'returned', note);
}

/** Sign-off by a signer: return with a comment, or approve and release. */
export async function signOff(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  id: number,
  decision: 'approve' | 'return',
  comment: string,
): Promise<string | null> {
  const pub = await lockedPublication(trx, id);
  if (decision === 'return') {
    const state = check(by, pub, 'returnSignOff');
    const note = requireComment(comment);
    await updatePublication(trx, id, { state, reviewComment: note, updatedAt: ctx.at });
    await publicationMachine.transition(trx, ctx, {
      by,
      subject: pub,
      event: 'returnSignOff',
      summary: { note },
    });
    if (by !== 'system') await notifyWorkflow(trx, ctx.at, pub, 'returned', note);
    return null;
  }
  assertAttributeDecided(pub);
  if (pub.disclosureMode !== 'proactive') {
    await recordWithoutRelease(trx, ctx, by, pub, comment);
    return null;
  }
  const state = check(by, pub, 'approve');
  if (by !== 'system') {
    // The personal-data guard, again before 签发 (the text may have been masked since 保密审查).
    await scanTextFields(trx, id, ctx.at);
    await assertNoOpenFindings(trx, id);
  }
  const indexNumber = pub.indexNumber ?? (await allocateIndexNumber(trx, pub.agencyId, pub.formedOn));
  const publishedOn = todayInShanghai(new Date(ctx.at));
  const isLate = isLateRelease(pub.dueOn, publishedOn) ? 1 : 0;
  await updatePublication(trx, id, {
    state,
    indexNumber,
    publishedAt: ctx.at,
    publishedOn,
    isLate,
    revision: 1,
    reviewComment: '',
    updatedAt: ctx.at,
  });
  await insertRevision(trx, {
    publicationId: id,
    revision: 1,
    ...BORROWED_TEXT,
    note: '首次发布',
    releasedAt: ctx.at,
    releasedBy: by === 'system' ? null : by.userId,
  });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'approve',
    summary: {
      after: { indexNumber, publishedOn, dueOn: pub.dueOn, late: isLate === 1 },
      note: comment.trim().slice(0, 1000),
    },
  });
  await publicationEvents.emit(trx, id);
  return indexNumber;
}

/**
 * The next free index number of an agency for the year of the formed-on date, from the agency's
 * series of that year (platform/counters.ts). A number once released stays with its publication,
 * also after a withdrawal; numbers taken by imported publications are skipped.
 */
export async function allocateIndexNumber(trx: Trx, agencyId: number, formedOn: string): Promise<string> {
  const agency = await findAgencyById(trx, agencyId);
  if (!agency) throw new AppError('notFound');
  const year = Number(formedOn.slice(0, 4));
  const month = Number(formedOn.slice(5, 7));
  const n = await allocateNumber(
    trx,
    { kind: 'indexNumber', agencyId, year },
    (seq) =>
      formatIndexNumber(agency.indexPattern, {
        creditCode: agency.creditCode,
        shortCode: agency.slug,
        year,
        month,
        seq,
      }),
    (candidate) => indexNumberTaken(trx, candidate),
  );
  if (n === null) throw new AppError('conflict', '无法生成不重复的索引号，请检查本机关的索引号格式。');
  return n;
}

/** Marks a released publication 有效 / 失效 / 废止 from a date (a 废止 of a regulation feeds table 二). */
export async function setValidity(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  id: number,
  validity: Validity,
  onDate: string,
): Promise<void> {
  const pub = await lockedPublication(trx, id);
  check(by, pub, 'setValidity');
  if (validity !== 'valid' && !/^\d{4}-\d{2}-\d{2}$/.test(onDate))
    throw new ValidationError({ validityOn: '请填写失效或废止的日期，如 2025-06-02。' });
  if (validity !== 'valid' && onDate < pub.formedOn)
    throw new ValidationError({ validityOn: '失效或废止日期不能早于成文日期。' });
  const cols = {
    validity,
    invalidOn: validity === 'invalid' ? onDate : null,
    repealedOn: validity === 'repealed' ? onDate : null,
    docRepealedOn: validity === 'repealed' && pub.docKind !== 'other' ? onDate : null,
  };
  await updatePublication(trx, id, { ...cols, updatedAt: ctx.at });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'setValidity',
    summary: {
      before: { validity: pub.validity },
      after: cols,
      note: VALIDITY_LABELS[validity],
    },
  });
  await publicationEvents.emit(trx, id);
}

/** Withdraws a released publication; the reason is kept and the index number stays taken. */
export async function withdraw(trx: Trx, ctx: AuditContext, by: By, id: number, reason: string): Promise<void> {
  const pub = await lockedPublication(trx, id);
  const state = check(by, pub, 'withdraw');
  const r = reason.trim();
  if (!r) throw new ValidationError({ reason: '请写明撤回原因。' });
  if ([...r].length > 500) throw new ValidationError({ reason: '撤回原因不能超过 500 个字符。' });
  await updatePublication(trx, id, { state, withdrawnAt: ctx.at, withdrawnReason: r, updatedAt: ctx.at });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'withdraw',
    summary: { note: r },
  });
  await publicationEvents.emit(trx, id);
}
