// Opens the platform's database: the embedded engine (SQLite through better-sqlite3) by
// default, PostgreSQL when a postgres:// URL is given. Both are driven by the same Kysely code;
// the engine name is exposed only for the few places where SQL must differ (search index,
// append-only triggers, backup).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  ValueNode,
  type DatabaseConnection,
  type Driver,
  type LimitNode,
  type QueryCompiler,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { DataVersion, ObservedDialect } from './data-version.ts';
import type { DB } from './schema.ts';
import { CamelCase, registerDirectReads } from './direct-read.ts';
import { cachingStatements } from './statement-cache.ts';
import { registerWriteTurn, writeTurn } from './write-turn.ts';

export type Engine = 'embedded' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The raw SQLite handle (embedded engine only), for backup. */
  sqlite?: SQLite.Database;
  /** Moves on every committed change to data that public pages show (data-version.ts). */
  version: DataVersion;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back as strings from pg by default; numbers on both engines keep
// one code path for report queries.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Keeps the query planner's statistics current (SQLite's advice for long-lived connections: run
 * `PRAGMA optimize=0x10002` on open and `PRAGMA optimize` periodically — the jobs runner does it
 * hourly). Without statistics the planner can pick a bad index: at 200,000 publications it read
 * `id IN (…) AND state = 'published'` through the index on state (23 ms) instead of by id.
 * `analysis_limit` bounds the work (a sample per index), ~0.5 s at 200,000 publications.
 */
export function optimizeSqlite(handle: SQLite.Database, onOpen = false): void {
  handle.pragma('analysis_limit = 1000');
  handle.pragma(onOpen ? 'optimize = 0x10002' : 'optimize');
}

export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Transactions on the embedded engine begin IMMEDIATE: they take SQLite's write lock at BEGIN,
 * waiting up to the busy timeout for another process's transaction to end. A deferred BEGIN (the
 * driver's default) would take it at the first write instead, and if another process committed
 * since the transaction's first read, SQLite cannot upgrade it and answers SQLITE_BUSY at once
 * ("database is locked"), without waiting. Within one process the driver already runs one
 * transaction at a time on its single connection, so nothing is lost by taking the lock early.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #beforeWrite: () => Promise<void>;
  readonly #handle: SQLite.Database;
  #connection: DatabaseConnection | undefined;
  constructor(config: SqliteDialectConfig, handle: SQLite.Database, beforeWrite: () => Promise<void>) {
    super(config);
    this.#handle = handle;
    this.#beforeWrite = beforeWrite;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  /**
   * A write statement outside a transaction (a rate-limit count, an expired session's deletion, a
   * login failure) waits for another connection's lock on a timer first, as inTransaction does
   * (db/write-turn.ts): run at once it would wait in SQLite's busy handler, synchronously, up to the
   * busy timeout, with the whole process standing still.
   */
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.#connection ??= {
      executeQuery: async (compiled) => {
        if (!this.#handle.inTransaction && isWrite(compiled)) await this.#beforeWrite();
        return inner.executeQuery(compiled);
      },
      streamQuery: (compiled, chunkSize) => inner.streamQuery(compiled, chunkSize),
    };
    return this.#connection;
  }
}

const WRITE_KINDS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

function isWrite(compiled: CompiledQuery): boolean {
  return WRITE_KINDS.has(compiled.query.kind) || /^\s*(?:insert|update|delete|replace)\b/i.test(compiled.sql);
}

/**
 * A LIMIT written into the SQL text as a number instead of a bound parameter. SQLite (3.53, as
 * better-sqlite3 ships it) plans a `LIMIT ?` with the value bound at the time, and so marks the
 * statement to be prepared again whenever that parameter is bound — on every run: the statement
 * cache (statement-cache.ts) saved nothing for such statements. Measured in a loop on the demo
 * database (CPU per run): the column list's page read 52 → 26 µs, the article's neighbours 30 →
 * 5 µs, a search pass 36 → 25 µs; `SELECT 1 LIMIT ?` 1.8 against 0.5 µs for `LIMIT 1`. Only a
 * plain non-negative integer value is written in (never text). Limits come from the code or from
 * a bounded page size, so the texts stay few; a limit that varies is one more text, prepared once
 * and kept by the bounded statement cache — never worse than being prepared on every run. OFFSET
 * is left bound (any page number).
 */
export class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const limit = node.limit;
    if (ValueNode.is(limit) && !limit.immediate && Number.isSafeInteger(limit.value) && Number(limit.value) >= 0) {
      this.append(`limit ${Number(limit.value)}`);
      return;
    }
    super.visitLimit(node);
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #handle: SQLite.Database;
  readonly #beforeWrite: () => Promise<void>;
  constructor(handle: SQLite.Database, beforeWrite: () => Promise<void>) {
    const config = { database: cachingStatements(handle) };
    super(config);
    this.#config = config;
    this.#handle = handle;
    this.#beforeWrite = beforeWrite;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#handle, this.#beforeWrite);
  }
  override createQueryCompiler(): QueryCompiler {
    return new LiteralLimitCompiler();
  }
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  // FULL: an acknowledged write survives power loss (STACK.md).
  handle.pragma('synchronous = FULL');
  // How long a statement or BEGIN IMMEDIATE waits for another process's write transaction (the
  // CLI, the worker) before giving up with SQLITE_BUSY. Write transactions are short (ms), so
  // this is only reached when another process holds the lock far too long.
  handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  optimizeSqlite(handle, true);
  return handle;
}

export function openDatabase(opts: {
  databaseUrl?: string | undefined;
  sqliteFile: string;
  poolSize?: number;
  /** Embedded: the longest a write transaction waits for another connection's lock (db/write-turn.ts). */
  writeWaitMs?: number;
}): Database {
  if (opts.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new Error('DATABASE_URL 必须以 postgres:// 开头；不设置时使用内置数据库。');
    }
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that the server ends (restart, failover, a dropped test database) emits
    // 'error' on the pool; unhandled, that would crash the process. The pool replaces the client.
    pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    // A connection in use that the server ends emits 'error' too (the pool listens only to idle
    // ones); its query or transaction already fails with the error, so only the crash is avoided.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const version = new DataVersion();
    const db = new Kysely<DB>({
      dialect: new ObservedDialect(new PostgresDialect({ pool }), version, true),
      plugins: [new CamelCase()],
    });
    return { db, engine: 'postgres', version, close: () => db.destroy() };
  }
  const sqlite = openSqlite(opts.sqliteFile);
  const version = new DataVersion();
  // Another process (the worker, the CLI, a second web process) committed since the last look.
  // Prepared once: `pragma()` prepares its statement on every call, and the probe runs on every
  // lookup of the page cache and of the memo of public reads.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  version.probe = () => {
    const now = dataVersion.get();
    if (now !== seen) {
      seen = now;
      version.bump();
    }
  };
  const dialect = new ImmediateSqliteDialect(sqlite, () => writeTurn(db));
  const db: Kysely<DB> = new Kysely<DB>({ dialect: new ObservedDialect(dialect, version), plugins: [new CamelCase()] });
  registerDirectReads(db, sqlite);
  const closeTurn =
    opts.sqliteFile === ':memory:'
      ? () => {}
      : registerWriteTurn(db, sqlite, new SQLite(opts.sqliteFile), opts.writeWaitMs);
  return {
    db,
    engine: 'embedded',
    sqlite,
    version,
    close: async () => {
      closeTurn();
      await db.destroy();
    },
  };
}
