// 修订 of a released publication (条例 第十七条: 保密审查 before release). The signer saves a
// draft of the next version (a publication_revisions row in state 'draft', migration 0045); it
// goes through 保密审查 by a reviewer and 签发 by a signer as a new publication does, and only
// then becomes the publication's text. Meanwhile the publication — the portal page, search,
// 修订记录 — stays as released. A return sends the draft back to 'draft'; 撤销修订稿 deletes it.
// Every step holds the publication's row until the commit (lockedPublication): two reviewers
// at once act one after the other, the second on the state the first left (a 409).
import type { AuditContext } from '../../platform/audit.ts';
import type { Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { publicationEvents } from '../../platform/publication-events.ts';
import { defineMachine, type Step } from '../../platform/state-machine.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { assertNoOpenFindings, knownPublicData, scanTextFields, textFieldFindings } from './privacy-guard.ts';
import { contentColumns, dueOn, resolveInput, saveLinks } from './publication.content.ts';
import type { PublicationInput } from './publication.input.ts';
import { BORROWED_TEXT, keepRevisionText, updatePublication, type PublicationRow } from './publication.repository.ts';
import {
  deleteRevisionRow,
  findPendingRevision,
  insertRevisionDraft,
  updateRevisionRow,
  type PendingRevision,
} from './publication.revision-repository.ts';
import { changes, lockedPublication, requireComment, type By } from './publication.service.ts';
import { publicationMachine, TransitionError } from './publication.states.ts';
import type { RevisionState } from './publication.tables.ts';

export const REVISION_STATE_LABELS: Record<RevisionState, string> = {
  draft: '修订稿（未提交）',
  submitted: '修订稿待保密审查',
  reviewed: '修订稿待签发',
  released: '已发布',
};

export type RevisionEvent = 'submit' | 'passReview' | 'returnReview' | 'approve' | 'returnSignOff' | 'discard';

/** The steps of a revision draft, with the roles of a new publication's (publication.states.ts). */
export const REVISION_STEPS = {
  submit: {
    from: ['draft'],
    to: 'submitted',
    action: 'publication.signOff',
    label: '提交修订稿保密审查',
    audit: 'publication.revisionSubmitted',
  },
  passReview: {
    from: ['submitted'],
    to: 'reviewed',
    action: 'publication.review',
    label: '修订稿保密审查通过',
    audit: 'publication.revisionReviewPassed',
  },
  returnReview: {
    from: ['submitted'],
    to: 'draft',
    action: 'publication.review',
    label: '修订稿保密审查退回',
    audit: 'publication.revisionReviewReturned',
  },
  approve: {
    from: ['reviewed'],
    to: 'released',
    action: 'publication.signOff',
    label: '签发修订版本',
    audit: 'publication.revised',
  },
  returnSignOff: {
    from: ['reviewed'],
    to: 'draft',
    action: 'publication.signOff',
    label: '修订稿签发退回',
    audit: 'publication.revisionSignOffReturned',
  },
  discard: {
    from: ['draft'],
    to: 'same',
    action: 'publication.signOff',
    label: '撤销修订稿',
    audit: 'publication.revisionDiscarded',
  },
} as const satisfies Record<RevisionEvent, Step<RevisionState> & { action: Action }>;

export const revisionMachine = defineMachine<RevisionState, RevisionEvent>({
  entity: 'publication',
  labels: REVISION_STATE_LABELS,
  steps: REVISION_STEPS,
  refuse: (current, event, m) =>
    new TransitionError(`该修订稿当前状态为“${REVISION_STATE_LABELS[current]}”，不能执行“${m.steps[event].label}”。`),
});

/**
 * Saves the signer's 修订 as the draft of the next version (a new one, or the draft there is):
 * checked as the form is, nothing of the publication itself changed.
 */
export async function saveRevisionDraft(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  id: number,
  input: PublicationInput,
  note: string,
): Promise<number> {
  const pub = await lockedPublication(trx, id);
  publicationMachine.plan(by, pub, 'revise');
  const pending = await findPendingRevision(trx, id);
  if (pending && pending.state !== 'draft')
    throw new TransitionError(
      `修订稿当前状态为“${REVISION_STATE_LABELS[pending.state]}”，不能修改；如需修改，请由审查人或签发人退回。`,
    );
  const { checked } = await resolveInput(trx, by, pub.agencyId, input, pub);
  // A released item stays 主动公开: taking it off the portal is a withdrawal, not an edit.
  const cols = contentColumns({ ...checked, disclosure: null }, pub.body);
  const why = note.trim().slice(0, 500) || '修订';
  const row = {
    title: cols.title,
    summary: cols.summary,
    body: cols.body,
    documentNumber: cols.documentNumber,
    note: why,
    releasedAt: ctx.at,
    releasedBy: null,
    state: 'draft' as const,
    draftInput: JSON.stringify({ ...input, disclosure: undefined }),
  };
  const revision = pending?.revision ?? pub.revision + 1;
  if (pending) await updateRevisionRow(trx, pending.id, row);
  else await insertRevisionDraft(trx, { publicationId: id, revision, ...row });
  await publicationMachine.transition(trx, ctx, {
    by,
    subject: pub,
    event: 'revise',
    summary: { ...changes(pub, cols), note: `第 ${revision} 版修订稿：${why}` },
  });
  return revision;
}

/** The revised text may carry no personal data into 保密审查通过 or 签发 (fails closed). */
async function assertRevisionClean(trx: Trx, rev: PendingRevision): Promise<void> {
  const text = { title: rev.title ?? '', summary: rev.summary ?? '', body: rev.body ?? '' };
  const found = textFieldFindings(text, await knownPublicData(trx)).reduce((n, [, f]) => n + f.length, 0);
  if (found)
    throw new ValidationError({
      comment: `修订稿中检出 ${found} 处个人信息，不能通过。请填写意见并退回修改，删除或遮盖后再提交。`,
    });
}

/** One step of the publication's revision draft; `comment` required for a return. */
export async function revisionStep(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  cal: WorkCalendar,
  id: number,
  event: RevisionEvent,
  comment: string,
): Promise<void> {
  const pub = await lockedPublication(trx, id);
  const rev = pub.state === 'published' ? await findPendingRevision(trx, id) : undefined;
  if (!rev) throw new TransitionError('该信息没有待办理的修订稿（可能已签发、已撤销或信息已撤回）。');
  const subject = { id: pub.id, agencyId: pub.agencyId, state: rev.state };
  const to = revisionMachine.plan(by, subject, event).to;
  const returned = event === 'returnReview' || event === 'returnSignOff';
  const note = returned ? requireComment(comment) : comment.trim().slice(0, 1000);
  if (by !== 'system' && (event === 'passReview' || event === 'approve')) await assertRevisionClean(trx, rev);
  if (event === 'approve') {
    await release(trx, ctx, by, cal, pub, rev, note);
    return;
  }
  if (event === 'discard') await deleteRevisionRow(trx, rev.id);
  else await updateRevisionRow(trx, rev.id, { state: to });
  await revisionMachine.transition(trx, ctx, {
    by,
    subject,
    event,
    summary: { note: `第 ${rev.revision} 版修订稿${note ? `：${note}` : ''}` },
  });
}

/** 签发 of the revision: its form becomes the publication's text; the index number stays. */
async function release(
  trx: Trx,
  ctx: AuditContext,
  by: By,
  cal: WorkCalendar,
  pub: PublicationRow,
  rev: PendingRevision,
  comment: string,
): Promise<void> {
  const input = JSON.parse(rev.draftInput ?? 'null') as PublicationInput | null;
  if (!input) throw new AppError('conflict', '修订稿内容缺失，请撤销后重新修订。');
  const { checked, relatedIds } = await resolveInput(trx, by, pub.agencyId, input, pub);
  const cols = contentColumns({ ...checked, disclosure: null }, pub.body);
  await keepRevisionText(trx, pub);
  await updatePublication(trx, pub.id, {
    ...cols,
    ...dueOn(cal, checked.formedOn),
    revision: rev.revision,
    updatedAt: ctx.at,
  });
  await saveLinks(trx, pub.id, checked, relatedIds);
  if (by !== 'system') {
    // The personal-data guard over the text as it now stands and the files, as at a first 签发.
    await scanTextFields(trx, pub.id, ctx.at);
    await assertNoOpenFindings(trx, pub.id);
  }
  await updateRevisionRow(trx, rev.id, {
    ...BORROWED_TEXT,
    draftInput: null,
    state: 'released',
    releasedAt: ctx.at,
    releasedBy: by === 'system' ? null : by.userId,
  });
  await revisionMachine.transition(trx, ctx, {
    by,
    subject: { id: pub.id, agencyId: pub.agencyId, state: rev.state },
    event: 'approve',
    summary: { ...changes(pub, cols), note: `第 ${rev.revision} 版：${rev.note}${comment ? `（${comment}）` : ''}` },
  });
  await publicationEvents.emit(trx, pub.id);
}
