// The publishing workflow as a state machine (条例 第十七条: 保密审查 before release; 第二十六条:
// release within 20 working days). Every event names the state it starts from, the state it
// leads to and the action (policy) it needs; anything else is refused with a Chinese message.
import { AppError } from '../../platform/errors.ts';
import type { Action } from '../../platform/auth/policy.ts';
import { defineMachine, type Step } from '../../platform/state-machine.ts';
import type { PublicationState } from './publication.tables.ts';

export type PublicationEvent =
  | 'edit'
  | 'submit'
  | 'passReview'
  | 'returnReview'
  | 'approve'
  | 'record'
  | 'reviewAttribute'
  | 'reopen'
  | 'returnSignOff'
  | 'revise'
  | 'setValidity'
  | 'withdraw';

export const STATE_LABELS: Record<PublicationState, string> = {
  draft: '草稿',
  submitted: '待保密审查',
  reviewed: '待签发',
  published: '已发布',
  recorded: '不公开，登记备查',
  withdrawn: '已撤回',
};

/** A step that does not fit the publication's state: a 409 naming the state and the step. */
export class TransitionError extends AppError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'TransitionError';
  }
}

/** Every step names the action (policy) it needs: the routes and the buttons read it. */
export const TRANSITIONS = {
  edit: { from: ['draft'], to: 'same', action: 'publication.draft', label: '编辑草稿', audit: 'publication.edited' },
  submit: {
    from: ['draft'],
    to: 'submitted',
    action: 'publication.draft',
    label: '提交审查',
    audit: 'publication.submitted',
  },
  passReview: {
    from: ['submitted'],
    to: 'reviewed',
    action: 'publication.review',
    label: '保密审查通过',
    audit: 'publication.reviewPassed',
  },
  returnReview: {
    from: ['submitted'],
    to: 'draft',
    action: 'publication.review',
    label: '保密审查退回',
    audit: 'publication.reviewReturned',
  },
  approve: {
    from: ['reviewed'],
    to: 'published',
    action: 'publication.signOff',
    label: '签发',
    audit: 'publication.published',
  },
  // 依申请公开 / 不予公开 (issue #17 point 3): 签发 keeps the document on record, off the portal.
  record: {
    from: ['reviewed'],
    to: 'recorded',
    action: 'publication.signOff',
    label: '签发（不公开，登记备查）',
    audit: 'publication.recorded',
  },
  // 条例 第十八条: the periodic review confirms the attribute or changes it between the two.
  reviewAttribute: {
    from: ['recorded'],
    to: 'same',
    action: 'publication.review',
    label: '公开属性审核',
    audit: 'publication.attributeReviewed',
  },
  // … or finds that it may now be disclosed: back into the publishing workflow (保密审查, 签发).
  reopen: {
    from: ['recorded'],
    to: 'submitted',
    action: 'publication.review',
    label: '调整为主动公开',
    audit: 'publication.attributeOpened',
  },
  returnSignOff: {
    from: ['reviewed'],
    to: 'draft',
    action: 'publication.signOff',
    label: '签发退回',
    audit: 'publication.signOffReturned',
  },
  // 修订: saves a draft of the next version; the live text stays until the draft has passed
  // 保密审查 and 签发 (publication.revision-service.ts, 条例 第十七条).
  revise: {
    from: ['published'],
    to: 'same',
    action: 'publication.signOff',
    label: '修订已发布信息',
    audit: 'publication.revisionDrafted',
  },
  setValidity: {
    from: ['published'],
    to: 'same',
    action: 'publication.signOff',
    label: '变更有效性',
    audit: 'publication.validityChanged',
  },
  withdraw: {
    from: ['published'],
    to: 'withdrawn',
    action: 'publication.signOff',
    label: '撤回',
    audit: 'publication.withdrawn',
  },
} as const satisfies Record<PublicationEvent, Step<PublicationState> & { action: Action }>;

export const publicationMachine = defineMachine<PublicationState, PublicationEvent>({
  entity: 'publication',
  labels: STATE_LABELS,
  steps: TRANSITIONS,
  refuse: (current, event, m) =>
    new TransitionError(`该信息当前状态为“${STATE_LABELS[current]}”，不能执行“${m.steps[event].label ?? event}”。`),
});

/** The state after `event`, or a TransitionError (409) naming the current state. */
export function nextState(current: PublicationState, event: PublicationEvent): PublicationState {
  return publicationMachine.next(current, event);
}

export function canTransition(current: PublicationState, event: PublicationEvent): boolean {
  return publicationMachine.can(current, event);
}

/** Events available from a state (for the buttons on the admin page). */
export function eventsFrom(current: PublicationState): PublicationEvent[] {
  return publicationMachine.eventsFrom(current);
}
