// The 工作台's figures: which queues are this user's, and their counts per agency — one query per
// queue, all agencies of the user's scope at once.
import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleFor } from '../../platform/auth/policy.ts';
import type { Executor } from '../../platform/transaction.ts';
import type { QueueContext, QueueTone, WorkQueue } from '../../platform/work-queue.ts';
import {
  todayInShanghai,
  weekEndOf,
  workingDaysAhead,
  workingDaysBefore,
  type WorkCalendar,
} from '../calendar/index.ts';
import { WORK_QUEUES } from './workbench.registry.ts';

const TONE_RANK: Record<QueueTone, number> = { overdue: 0, soon: 1, todo: 2, waiting: 3 };

/** Most urgent first: overdue, due soon, to do, waiting for someone else; then by area. */
export function byUrgency(a: WorkQueue, b: WorkQueue): number {
  return TONE_RANK[a.tone] - TONE_RANK[b.tone] || a.order - b.order || a.key.localeCompare(b.key);
}

/** The queues this user acts on — or, for an admin (who supervises), watches. */
export function queuesFor(actor: Actor, queues: readonly WorkQueue[] = WORK_QUEUES): WorkQueue[] {
  const isAdmin = actor.roles.includes('admin');
  return queues
    .filter((q) => {
      if (q.adminOnly && !isAdmin) return false;
      return q.act.some((a) => hasRoleFor(actor, a)) || (isAdmin && hasRoleFor(actor, q.view));
    })
    .sort(byUrgency);
}

export interface QueueCount {
  queue: WorkQueue;
  total: number;
  byAgency: Map<number, number>;
}

export interface Workbench {
  today: string;
  soonLimit: string;
  weekEnd: string;
  counts: QueueCount[];
}

export async function loadWorkbench(db: Executor, cal: WorkCalendar, now: Date, actor: Actor): Promise<Workbench> {
  const today = todayInShanghai(now);
  const ctx: QueueContext = {
    db,
    agencyIds: [...actor.scopeAgencyIds],
    userId: actor.userId,
    today,
    soonLimit: workingDaysAhead(cal, today, 5),
    weekEnd: weekEndOf(today),
    shared: new Map(),
    workingDaysBefore: (n) => workingDaysBefore(cal, today, n),
  };
  const queues = ctx.agencyIds.length ? queuesFor(actor) : [];
  // All queues at once: on PostgreSQL each query takes a connection of the pool and they run side
  // by side; the embedded engine's one connection runs them one after the other (Kysely's mutex).
  // Queues counting from the same rows share one read (ctx.shared, sharedRead).
  const results = await Promise.all(queues.map((queue) => queue.countByAgency(ctx)));
  const counts: QueueCount[] = queues.map((queue, i) => {
    const byAgency = results[i]!;
    let total = 0;
    for (const [agencyId, n] of byAgency) if (actor.scopeAgencyIds.has(agencyId)) total += n;
    return { queue, total, byAgency };
  });
  return { today, soonLimit: ctx.soonLimit, weekEnd: ctx.weekEnd, counts };
}
