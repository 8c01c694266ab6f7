// A counter that moves whenever committed data may have changed: the public page cache
// (platform/http/public-cache.ts) keeps a rendered page only while the counter has not moved since
// the page was rendered. It is fed by ObservedDialect, which sees every statement of every
// connection — Kysely builders, raw `sql` and migrations alike — so no service has to remember to
// invalidate anything. Writes to tables that no public page reads (sessions, the audit log, staff
// notifications, accounts) do not move it, so staff signing in does not empty the cache.
//
// Other processes (#16 point 4): on PostgreSQL a transaction that moves the counter also sends
// NOTIFY on CHANGE_CHANNEL before its COMMIT (delivered only if it commits), and every web process
// LISTENs (db/change-listener.ts) and moves its own counter; on the embedded engine the cache asks
// SQLite's `PRAGMA data_version`, which changes when another connection has committed.
import { randomBytes } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type {
  DatabaseConnection,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
  DatabaseIntrospector,
} from 'kysely';

/** Tables that never feed a public page. */
export const PRIVATE_TABLES: ReadonlySet<string> = new Set([
  'sessions',
  'audit_events',
  'audit_head',
  'notifications',
  'users',
  'user_roles',
  'job_runs',
  'rate_limit_hits',
  'login_failures',
  'stored_files',
  'stored_file_chunks',
]);

const READ = /^\s*(select|pragma|explain|begin|commit|rollback|savepoint|release)\b/i;
const TARGET =
  /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+(?:"?\w+"?\.)?"?(\w+)"?/i;

/**
 * Whether a statement may change data a public page shows: anything that is not a plain read,
 * unless it is an INSERT/UPDATE/DELETE on one of PRIVATE_TABLES. Unknown forms (DDL, WITH …)
 * count as changes: a spurious change only costs a cache miss.
 */
export function touchesPublicData(statement: string): boolean {
  if (READ.test(statement)) return false;
  if (/^\s*with\b/i.test(statement) && !/\b(insert|update|delete)\b/i.test(statement)) return false;
  const m = TARGET.exec(statement);
  return !(m && PRIVATE_TABLES.has((m[1] as string).toLowerCase()));
}

/**
 * Whether an executed statement changed data a public page may show: it touches public data
 * (above) and, when it is an INSERT/UPDATE/DELETE whose driver counted the rows, it changed at
 * least one. A job's sweep that finds nothing to do (`DELETE … WHERE created_at < ?` matching no
 * row, every few seconds in every process that runs jobs) then empties no cache anywhere.
 */
export function changesPublicData(statement: string, numAffectedRows: bigint | undefined): boolean {
  if (!touchesPublicData(statement)) return false;
  return !(numAffectedRows === 0n && TARGET.test(statement));
}

/** The PostgreSQL channel on which committed changes to public data are announced. */
export const CHANGE_CHANNEL = 'gongkai_data_version';

export class DataVersion {
  #value = 0;
  /** This process's name in NOTIFY payloads, so that its listener ignores its own changes. */
  readonly origin = randomBytes(8).toString('hex');
  /**
   * False while changes made by other processes may go unseen (the PostgreSQL listener is
   * reconnecting): the public cache then neither serves nor keeps pages.
   */
  seesOthers = true;
  /** Checks for changes committed by other processes (the embedded engine's data_version). */
  probe: (() => void) | undefined;
  get value(): number {
    return this.#value;
  }
  bump(): void {
    this.#value += 1;
  }
}

const notifyOf = (version: DataVersion) =>
  CompiledQuery.raw(`SELECT pg_notify('${CHANGE_CHANNEL}', $1)`, [version.origin]);

class ObservedConnection implements DatabaseConnection {
  /** True inside a transaction that has written public data and not yet committed. */
  dirty = false;
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly version: DataVersion,
    private readonly notify: boolean,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    if (changesPublicData(compiled.sql, result.numAffectedRows)) {
      if (this.inTransaction) this.dirty = true;
      else {
        this.version.bump();
        if (this.notify) await this.inner.executeQuery(notifyOf(this.version));
      }
    }
    return result;
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (touchesPublicData(compiled.sql)) this.version.bump();
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

class ObservedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly version: DataVersion,
    private readonly notify: boolean,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new ObservedConnection(await this.inner.acquireConnection(), this.version, this.notify);
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const o = c as ObservedConnection;
    await this.inner.beginTransaction(o.inner, settings);
    o.inTransaction = true;
    o.dirty = false;
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const o = c as ObservedConnection;
    // Inside the transaction: PostgreSQL delivers the notification only if the COMMIT succeeds,
    // and after it, so a listener that re-reads sees the change.
    if (o.dirty && this.notify) await o.inner.executeQuery(notifyOf(this.version));
    try {
      await this.inner.commitTransaction(o.inner);
    } finally {
      // After the commit: a page rendered before it (old data) is not kept, one rendered after
      // it sees the new data. Bumped on a failed commit too: a spurious miss costs nothing.
      if (o.dirty) this.version.bump();
      o.inTransaction = false;
      o.dirty = false;
    }
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const o = c as ObservedConnection;
    try {
      await this.inner.rollbackTransaction(o.inner);
    } finally {
      o.inTransaction = false;
      o.dirty = false;
    }
  }
  async savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint?.((c as ObservedConnection).inner, name, compile);
  }
  async rollbackToSavepoint(
    c: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    // The rolled-back part may have written: keep `dirty` (a spurious miss costs nothing).
    await this.inner.rollbackToSavepoint?.((c as ObservedConnection).inner, name, compile);
  }
  async releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint?.((c as ObservedConnection).inner, name, compile);
  }
  releaseConnection(c: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((c as ObservedConnection).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * Wraps a dialect so that every committed change to public data bumps `version`; with `notify`
 * (PostgreSQL) the change is also announced on CHANGE_CHANNEL to the other processes.
 */
export class ObservedDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly version: DataVersion,
    private readonly notify = false,
  ) {}
  createDriver(): Driver {
    return new ObservedDriver(this.inner.createDriver(), this.version, this.notify);
  }
  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
