// The publishing workflow as a state machine (条例 第十七条: 保密审查 before release; 第二十六条:
// release within 20 working days). Every event names the state it starts from, the state it
// leads to and the action (policy) it needs; anything else is refused with a Chinese message.
import type { Action } from '../../platform/auth/policy.ts';
import type { PublicationState } from './publication.tables.ts';

export type PublicationEvent =
  | 'edit'
  | 'submit'
  | 'passReview'
  | 'returnReview'
  | 'approve'
  | 'returnSignOff'
  | 'revise'
  | 'setValidity'
  | 'withdraw';

interface Transition {
  from: readonly PublicationState[];
  to: PublicationState | 'same';
  action: Action;
  label: string;
}

export const TRANSITIONS: Record<PublicationEvent, Transition> = {
  edit: { from: ['draft'], to: 'same', action: 'publication.draft', label: '编辑草稿' },
  submit: { from: ['draft'], to: 'submitted', action: 'publication.draft', label: '提交审查' },
  passReview: { from: ['submitted'], to: 'reviewed', action: 'publication.review', label: '保密审查通过' },
  returnReview: { from: ['submitted'], to: 'draft', action: 'publication.review', label: '保密审查退回' },
  approve: { from: ['reviewed'], to: 'published', action: 'publication.signOff', label: '签发' },
  returnSignOff: { from: ['reviewed'], to: 'draft', action: 'publication.signOff', label: '签发退回' },
  revise: { from: ['published'], to: 'same', action: 'publication.signOff', label: '修订已发布信息' },
  setValidity: { from: ['published'], to: 'same', action: 'publication.signOff', label: '变更有效性' },
  withdraw: { from: ['published'], to: 'withdrawn', action: 'publication.signOff', label: '撤回' },
};

export const STATE_LABELS: Record<PublicationState, string> = {
  draft: '草稿',
  submitted: '待保密审查',
  reviewed: '待签发',
  published: '已发布',
  withdrawn: '已撤回',
};

export class TransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionError';
  }
}

/** The state after `event`, or a TransitionError naming the current state. */
export function nextState(current: PublicationState, event: PublicationEvent): PublicationState {
  const t = TRANSITIONS[event];
  if (!t.from.includes(current)) {
    throw new TransitionError(`该信息当前状态为“${STATE_LABELS[current]}”，不能执行“${t.label}”。`);
  }
  return t.to === 'same' ? current : t.to;
}

export function canTransition(current: PublicationState, event: PublicationEvent): boolean {
  return TRANSITIONS[event].from.includes(current);
}

/** Events available from a state (for the buttons on the admin page). */
export function eventsFrom(current: PublicationState): PublicationEvent[] {
  return (Object.keys(TRANSITIONS) as PublicationEvent[]).filter((e) => TRANSITIONS[e].from.includes(current));
}
