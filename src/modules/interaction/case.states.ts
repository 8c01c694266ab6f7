// The public-channel case machines (platform/state-machine.ts): one closed list of states, and
// per kind the states each step starts from (its own file). A step is named by what the audit
// log writes (`<kind>.assigned`, …); the writer's rating closes the case. The routes authorise
// `interaction.handle` before the service takes a staff step.
import type { AuditContext, AuditSummary } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { defineMachine, type StateMachine } from '../../platform/state-machine.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { CaseKind } from './interaction.tables.ts';
import { COMPLAINT_STEPS } from './complaint.states.ts';
import { INQUIRY_STEPS } from './inquiry.states.ts';
import { LETTER_STEPS } from './letter.states.ts';

export const CASE_STATES = ['received', 'assigned', 'handling', 'replied', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export type CaseStep = 'assigned' | 'handling' | 'replied' | 'rated';

/** For each step of a kind, the states it starts from. */
export type CaseSteps = Readonly<Record<CaseStep, readonly CaseState[]>>;

export const STATE_LABELS: Record<CaseState, string> = {
  received: '已受理',
  assigned: '已分派',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结',
};

const TARGET: Record<CaseStep, CaseState> = {
  assigned: 'assigned',
  handling: 'handling',
  replied: 'replied',
  rated: 'closed',
};

const STEP_TO: Partial<Record<CaseState, CaseStep>> = {
  assigned: 'assigned',
  handling: 'handling',
  replied: 'replied',
  closed: 'rated',
};

function caseMachine(kind: CaseKind, from: CaseSteps): StateMachine<CaseState, CaseStep> {
  return defineMachine<CaseState, CaseStep>({
    entity: kind,
    labels: STATE_LABELS,
    steps: {
      assigned: { from: from.assigned, to: 'assigned', action: 'interaction.handle', label: '分派' },
      handling: { from: from.handling, to: 'handling', action: 'interaction.handle', label: '办理' },
      replied: { from: from.replied, to: 'replied', action: 'interaction.handle', label: '答复' },
      rated: { from: from.rated, to: 'closed', label: '评价' },
    },
    refuse: (current, step) =>
      new AppError(
        'conflict',
        `当前状态（${STATE_LABELS[current] ?? current}）不能变更为“${STATE_LABELS[TARGET[step]]}”。`,
      ),
  });
}

/** Objections to a publicity notice are handled like complaints. */
export const CASE_MACHINES: Readonly<Record<CaseKind, StateMachine<CaseState, CaseStep>>> = {
  inquiry: caseMachine('inquiry', INQUIRY_STEPS),
  complaint: caseMachine('complaint', COMPLAINT_STEPS),
  letter: caseMachine('letter', LETTER_STEPS),
  objection: caseMachine('objection', COMPLAINT_STEPS),
};

export function canMove(kind: CaseKind, from: string, to: CaseState): boolean {
  const step = STEP_TO[to];
  return step !== undefined && CASE_MACHINES[kind].can(from as CaseState, step);
}

/** Throws 409 when the move is not allowed for this kind in this state. */
export function assertMove(kind: CaseKind, from: string, to: CaseState): void {
  if (!canMove(kind, from, to))
    throw new AppError(
      'conflict',
      `当前状态（${STATE_LABELS[from as CaseState] ?? from}）不能变更为“${STATE_LABELS[to]}”。`,
    );
}

/** Takes a step on a case: its audit event `<kind>.<step>` in the caller's transaction. */
export function takeCaseStep(
  trx: Trx,
  ctx: AuditContext,
  row: { kind: CaseKind; id: number; agencyId: number; state: string },
  step: CaseStep,
  summary: AuditSummary,
): Promise<CaseState> {
  const subject = { id: row.id, agencyId: row.agencyId, state: row.state as CaseState };
  return CASE_MACHINES[row.kind].transition(trx, ctx, { subject, event: step, summary });
}

export function isAnswered(state: string): boolean {
  return state === 'replied' || state === 'closed';
}
