// One way to write a workflow (STYLE: Alaveteli's closed list of states): a machine names its
// states (with their Chinese labels) and its steps; a step says the states it starts from, the
// state it leads to, the policy action whose roles may take it, an optional guard, and the audit
// action it writes. `plan()` decides a step without touching anything (pure, tested alone);
// `transition()` decides it and writes the audit event in the caller's transaction.
import { recordEvent, type AuditContext, type AuditSummary } from './audit.ts';
import type { Actor } from './auth/actor.ts';
import { authorize, can, type Action } from './auth/policy.ts';
import { AppError } from './errors.ts';
import type { Trx } from './transaction.ts';

/** A step of the machine. `G` is what its guard looks at (the case, the input). */
export interface Step<S extends string, G = never> {
  from: readonly S[];
  /**
   * The state after the step; 'same' for a step that changes the record but not its state; a
   * list when the record decides (a resumed case returns to the state it was paused in): the
   * caller names the state and the machine checks it is one of these.
   */
  to: S | 'same' | readonly S[];
  /** The policy action whose roles may take the step (platform/auth/policy.ts); none = decided by the caller. */
  action?: Action;
  /** The step's name in Chinese, for refusals and buttons. */
  label?: string;
  /** The audit action written by `transition()`; default `<entity>.<step>`. */
  audit?: string;
  /** A further condition: a Chinese refusal, or null when the step may go on. */
  guard?: (input: G) => string | null;
}

export interface MachineDefinition<S extends string, E extends string, G> {
  /** The audited entity type (audit_events.entity_type). */
  entity: string;
  labels: Readonly<Record<S, string>>;
  steps: Readonly<Record<E, Step<S, G>>>;
  /** The error for a step that does not fit the current state; default a 409 naming state and step. */
  refuse?: (current: S, event: E, machine: StateMachine<S, E, G>) => Error;
  /** The error for a refused guard; default a 409 with the guard's message. */
  refuseGuard?: (message: string, event: E) => Error;
}

/**
 * Who takes a step: a member of staff (checked against the step's action) or the system (imports,
 * jobs, demo). A caller that authorised the actor itself (a route's loader) passes none.
 */
export type StepActor = Actor | 'system';

/** The record a step applies to. */
export interface Subject<S extends string> {
  id: number | string;
  agencyId: number | null;
  state: S;
}

export interface Planned<S extends string> {
  from: S;
  to: S;
  /** The audit action the step writes. */
  audit: string;
}

export class StateMachine<S extends string, E extends string, G = never> {
  readonly entity: string;
  readonly labels: Readonly<Record<S, string>>;
  readonly steps: Readonly<Record<E, Step<S, G>>>;
  private readonly def: MachineDefinition<S, E, G>;

  constructor(def: MachineDefinition<S, E, G>) {
    this.def = def;
    this.entity = def.entity;
    this.labels = def.labels;
    this.steps = def.steps;
  }

  /** Does the step start from this state (roles and guards aside)? */
  can(current: S, event: E): boolean {
    return this.steps[event].from.includes(current);
  }

  /** The steps that start from a state, in the order they were written. */
  eventsFrom(current: S): E[] {
    return (Object.keys(this.steps) as E[]).filter((e) => this.can(current, e));
  }

  /** May this member of staff take the step on a record of this agency? */
  allowed(actor: Actor | null, event: E, agencyId: number): boolean {
    const action = this.steps[event].action;
    return action === undefined ? actor !== null : can(actor, action, { agencyId });
  }

  /**
   * The state after the step, or the machine's refusal (by default a 409 in Chinese). `to` names
   * the state of a step that may lead to several.
   */
  next(current: S, event: E, to?: S): S {
    if (!this.can(current, event)) throw this.refusal(current, event);
    const target = this.steps[event].to;
    const fixed = target === 'same' ? current : typeof target === 'string' ? (target as S) : undefined;
    if (fixed !== undefined && (to === undefined || to === fixed)) return fixed;
    if (fixed === undefined && to !== undefined && (target as readonly S[]).includes(to)) return to;
    throw new Error(`${this.entity}.${event}: ${String(to)} is not a state this step leads to`);
  }

  /**
   * Decides a step without writing anything: the actor's role for the step's action on the
   * record's agency (403), the state (the machine's refusal), the guard (its message).
   */
  plan(by: StepActor | undefined, subject: Subject<S>, event: E, options: PlanOptions<S, G> = {}): Planned<S> {
    const step = this.steps[event];
    if (by !== undefined && by !== 'system' && step.action !== undefined)
      authorize(by, step.action, subject.agencyId === null ? undefined : { agencyId: subject.agencyId });
    const to = this.next(subject.state, event, options.to);
    if (step.guard) {
      const refusal = step.guard(options.input as G);
      if (refusal !== null)
        throw this.def.refuseGuard ? this.def.refuseGuard(refusal, event) : new AppError('conflict', refusal);
    }
    return { from: subject.state, to, audit: step.audit ?? `${this.entity}.${event}` };
  }

  /**
   * Takes the step: `plan()`, then the audit event (the step's action, this record, `summary`)
   * in the caller's transaction. Returns the new state for the caller to store with its columns.
   */
  async transition(
    trx: Trx,
    ctx: AuditContext,
    step: { by?: StepActor; subject: Subject<S>; event: E; summary?: AuditSummary; audit?: string } & PlanOptions<S, G>,
  ): Promise<S> {
    const planned = this.plan(step.by, step.subject, step.event, step);
    await recordEvent(
      trx,
      ctx,
      step.audit ?? planned.audit,
      { type: this.entity, id: step.subject.id, agencyId: step.subject.agencyId },
      step.summary ?? {},
    );
    return planned.to;
  }

  private refusal(current: S, event: E): Error {
    if (this.def.refuse) return this.def.refuse(current, event, this);
    const label = this.steps[event].label;
    return new AppError(
      'conflict',
      `当前状态为“${this.labels[current] ?? current}”，不能执行${label ? `“${label}”` : '此操作'}。`,
    );
  }
}

export interface PlanOptions<S extends string, G> {
  /** The state of a step that may lead to several. */
  to?: S;
  /** What the step's guard looks at. */
  input?: G;
}

export function defineMachine<S extends string, E extends string, G = never>(
  def: MachineDefinition<S, E, G>,
): StateMachine<S, E, G> {
  return new StateMachine(def);
}
