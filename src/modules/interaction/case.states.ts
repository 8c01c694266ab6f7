// The shared shape of the public-channel case machines (STYLE: a closed list of states with the
// allowed transitions). Each kind has its own file with its own table; this file only checks a
// move against the table of the case's kind.
import { AppError } from '../../platform/errors.ts';
import type { CaseKind } from './interaction.tables.ts';
import { COMPLAINT_TRANSITIONS } from './complaint.states.ts';
import { INQUIRY_TRANSITIONS } from './inquiry.states.ts';
import { LETTER_TRANSITIONS } from './letter.states.ts';

export const CASE_STATES = ['received', 'assigned', 'handling', 'replied', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export type Transitions = Readonly<Record<CaseState, readonly CaseState[]>>;

export const STATE_LABELS: Record<CaseState, string> = {
  received: '已受理',
  assigned: '已分派',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结',
};

/** Objections to a publicity notice are handled like complaints. */
const MACHINES: Record<CaseKind, Transitions> = {
  inquiry: INQUIRY_TRANSITIONS,
  complaint: COMPLAINT_TRANSITIONS,
  letter: LETTER_TRANSITIONS,
  objection: COMPLAINT_TRANSITIONS,
};

export function canMove(kind: CaseKind, from: string, to: CaseState): boolean {
  return (MACHINES[kind][from as CaseState] ?? []).includes(to);
}

/** Throws 409 when the move is not allowed for this kind in this state. */
export function assertMove(kind: CaseKind, from: string, to: CaseState): void {
  if (!canMove(kind, from, to))
    throw new AppError(
      'conflict',
      `当前状态（${STATE_LABELS[from as CaseState] ?? from}）不能变更为“${STATE_LABELS[to]}”。`,
    );
}

export function isAnswered(state: string): boolean {
  return state === 'replied' || state === 'closed';
}
