// The shape of a work queue (issue #11 point 1): one counted, linked list of things a member of
// staff can act on. Each module that owns work exports its queues through its index.ts; the
// workbench module (src/modules/workbench) reads them and renders the 工作台. A queue is ONE
// query, grouped by agency, so the same statement gives a clerk's count and a county's table.
import {
  PostgresAdapter,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Action } from './auth/policy.ts';
import type { Executor } from './transaction.ts';

/** How urgent a queue is: overdue (red) › due soon › to do › waiting for someone else. */
export type QueueTone = 'overdue' | 'soon' | 'todo' | 'waiting';

export interface QueueContext {
  db: Executor;
  /** The agencies counted (never empty: the caller skips the query when there are none). */
  agencyIds: readonly number[];
  /** The signed-in user (queues like "returned to me"). */
  userId: number;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** Today + 5 working days (calendar days when next year is not confirmed): "due soon" ends here. */
  soonLimit: string;
  /** Sunday of this week (Monday-first), YYYY-MM-DD. */
  weekEnd: string;
  /**
   * Reads shared by several queues of one page (sharedRead): the annual-report queues count both
   * of an agency's reports from one read. Absent, each queue reads for itself.
   */
  shared?: Map<string, Promise<unknown>>;
  /** The latest day D with D + n working days on or before today ("at least n working days ago"). */
  workingDaysBefore(n: number): string;
}

export interface WorkQueue {
  /** Stable key (column id, test handle), e.g. 'infoRequest.overdue'. */
  key: string;
  /** The area heading the queue appears under, e.g. 依申请公开. */
  group: string;
  /** What is counted, said as a to-do: "待确认收到的申请". */
  label: string;
  /** Short column heading for the county table. */
  short: string;
  tone: QueueTone;
  /** Lower comes first within a tone. */
  order: number;
  /** The queue is the user's when any of these roles' actions is theirs. */
  act: readonly Action[];
  /** Supervisors (admins) see the queue when they hold this action (they watch, others act). */
  view: Action;
  /** Only admins see it at all (failed e-mail). */
  adminOnly?: boolean;
  /** The filtered list behind the count; with an agency, that agency only. */
  href(agencyId?: number): string;
  /** One query: count per agency among ctx.agencyIds (agencies with 0 may be absent). */
  countByAgency(ctx: QueueContext): Promise<Map<number, number>>;
}

/**
 * Above this many agencies a queue's query names no agency: it counts the queue's rows of every
 * agency, read from the queue's state-first index (migration 0020), and countsOf keeps the
 * scope's. Naming 2,000 agencies instead makes the engine seek each agency × state, and SQLite's
 * planner, which takes every state for equally common, may then read the open rows from the table
 * (bench/workbench.ts: 1.3 s for the overdue applications of 2,000 agencies). Below it (a clerk,
 * a town's admin) the agency-first index answers from the named agencies' rows alone.
 */
export const WIDE_SCOPE = 50;

/** True when the queue's query should count every agency and leave the scope to countsOf. */
export function isWideScope(ctx: Pick<QueueContext, 'agencyIds'>): boolean {
  return ctx.agencyIds.length > WIDE_SCOPE;
}

/** The scope as a set, built once per scope array (a page counts ~15 queues over the same one). */
const scopeSets = new WeakMap<readonly number[], ReadonlySet<number>>();
function scopeSet(scope: readonly number[]): ReadonlySet<number> {
  let set = scopeSets.get(scope);
  if (!set) {
    set = new Set(scope);
    scopeSets.set(scope, set);
  }
  return set;
}

/**
 * Reads `agency_id, count` rows into a map (PostgreSQL returns counts as strings), keeping only the
 * agencies of `scope` when given (a wide-scope query counted every agency).
 */
export function countsOf(
  rows: readonly { agencyId: number | null; n: number | string | bigint }[],
  scope?: readonly number[],
): Map<number, number> {
  const keep = scope ? scopeSet(scope) : null;
  const out = new Map<number, number>();
  for (const r of rows) {
    if (r.agencyId === null) continue;
    const id = Number(r.agencyId);
    if (!keep || keep.has(id)) out.set(id, Number(r.n));
  }
  return out;
}

/** What a queue's grouped count selects: one row per agency. */
export type GroupedCount = SelectQueryBuilder<any, any, { agencyId: number | null; n: number | string | bigint }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Runs a queue's count grouped by agency and reads it into a map (countsOf), the groups packed by
 * the database into ONE row, `agency:count,agency:count,…` (group_concat / string_agg). A county's
 * 2,000 groups as 2,000 result rows cost more than the count itself: each row becomes an object,
 * goes through the camel-case mapping and into the map (bench/workbench.ts, docs/PERFORMANCE.md).
 */
export async function countGrouped(
  ctx: Pick<QueueContext, 'db' | 'agencyIds'>,
  grouped: GroupedCount,
): Promise<Map<number, number>> {
  const pair = sql`${sql.ref('q.agencyId')} || ':' || ${sql.ref('q.n')}`;
  const packed =
    ctx.db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string | null>`string_agg(${pair}, ',')`
      : sql<string | null>`group_concat(${pair}, ',')`;
  const row = await ctx.db.selectFrom(grouped.as('q')).select(packed.as('packed')).executeTakeFirst();
  const rows: { agencyId: number; n: number }[] = [];
  for (const part of row?.packed ? row.packed.split(',') : []) {
    const colon = part.indexOf(':');
    rows.push({ agencyId: Number(part.slice(0, colon)), n: Number(part.slice(colon + 1)) });
  }
  return countsOf(rows, ctx.agencyIds);
}

/** The tables whose rows belong to an agency (`agency_id`): what a queue counts. */
export type TableWithAgency = {
  [T in keyof DB]: Selectable<DB[T]> extends { agencyId: number | null } ? T : never;
}[keyof DB];

/**
 * A queue's count: the rows of `table` that meet `condition` (the same condition the list behind
 * the count filters by), per agency of the scope, through countGrouped. The condition is typed on
 * the table at the call; Kysely cannot follow a table name that is a type parameter, so the query
 * here sees the table as its agency column only.
 */
export function countRowsByAgency<T extends TableWithAgency>(
  ctx: QueueContext,
  table: T,
  condition: (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>,
): Promise<Map<number, number>> {
  type Loose = Record<string, { agencyId: number | null }>;
  const db = ctx.db as unknown as Kysely<Loose>;
  const where = condition as unknown as (eb: ExpressionBuilder<Loose, string>) => Expression<SqlBool>;
  const agencyId = sql.ref<number | null>(`${table}.agencyId`);
  return countGrouped(
    ctx,
    db
      .selectFrom(table as string)
      .select((eb) => [agencyId.as('agencyId'), eb.fn.countAll<number>().as('n')])
      .$if(!isWideScope(ctx), (q) => q.where(agencyId, 'in', [...ctx.agencyIds]))
      .where(where)
      .groupBy(agencyId),
  );
}

/**
 * One read for the queues of one page that count from the same rows (e.g. both annual-report
 * queues read every agency's two reports): the first queue to ask runs `read`, the others get
 * its promise. Without `ctx.shared` (a queue counted alone) it just reads.
 */
export function sharedRead<T>(ctx: QueueContext, key: string, read: () => Promise<T>): Promise<T> {
  if (!ctx.shared) return read();
  let p = ctx.shared.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    ctx.shared.set(key, p);
  }
  return p;
}
