// A write transaction that meets another connection's write lock waits on a timer, not inside
// SQLite's busy handler: the process goes on meanwhile (db/write-turn.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { inTransaction, writeLockFree } from '../platform/transaction.ts';
import { openDatabase } from './database.ts';

test('a transaction waits for another connection’s write without stopping the event loop, then commits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-write-turn-'));
  const file = join(dir, 'x.db');
  const database = openDatabase({ sqliteFile: file });
  try {
    await sql`CREATE TABLE t (v TEXT NOT NULL)`.execute(database.db);
    // Another connection (a thread's, another process's) holds the write lock for 1.5 s; its
    // commit comes from this event loop, so a wait inside SQLite's busy handler (busy_timeout,
    // synchronous) would never see it: the transaction would fail after 10 s with SQLITE_BUSY.
    const other = new SQLite(file);
    other.exec("BEGIN IMMEDIATE; INSERT INTO t (v) VALUES ('other')");
    const started = Date.now();
    setTimeout(() => other.exec('COMMIT'), 1500);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    try {
      await inTransaction(database.db, (trx) => sql`INSERT INTO t (v) VALUES ('mine')`.execute(trx));
    } finally {
      clearInterval(ticker);
      other.close();
    }
    const waited = Date.now() - started;
    assert.ok(waited >= 1400 && waited < 5000, `waited ${waited} ms`);
    assert.ok(ticks >= 10, `the event loop turned ${ticks} times while it waited`);
    const { rows } = await sql<{ v: string }>`SELECT v FROM t ORDER BY rowid`.execute(database.db);
    assert.deepEqual(
      rows.map((r) => r.v),
      ['other', 'mine'],
    );
    // Without another connection's lock, and inside the process's own transactions, nothing waits.
    const t = Date.now();
    for (let i = 0; i < 50; i++)
      await inTransaction(database.db, (trx) => sql`INSERT INTO t (v) VALUES ('x')`.execute(trx));
    assert.ok(Date.now() - t < 2000);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeLockFree says whether a write would get the lock now, without waiting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-write-free-'));
  const file = join(dir, 'x.db');
  const database = openDatabase({ sqliteFile: file });
  const memory = openDatabase({ sqliteFile: ':memory:' });
  try {
    await sql`CREATE TABLE t (v TEXT NOT NULL)`.execute(database.db);
    assert.equal(writeLockFree(database.db), true);
    const other = new SQLite(file);
    other.exec('BEGIN IMMEDIATE');
    const t = Date.now();
    assert.equal(writeLockFree(database.db), false);
    assert.ok(Date.now() - t < 100, 'no wait in the busy handler');
    other.exec('ROLLBACK');
    other.close();
    assert.equal(writeLockFree(database.db), true);
    // Inside the process's own transaction the lock is its own.
    await inTransaction(database.db, async () => assert.equal(writeLockFree(database.db), true));
    assert.equal(writeLockFree(memory.db), true);
  } finally {
    await database.close();
    await memory.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('past its wait a transaction is refused with SQLITE_BUSY at once, without the busy timeout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-write-late-'));
  const file = join(dir, 'x.db');
  const database = openDatabase({ sqliteFile: file, writeWaitMs: 1000 });
  const other = new SQLite(file);
  try {
    await sql`CREATE TABLE t (v TEXT NOT NULL)`.execute(database.db);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    const err = await inTransaction(database.db, (trx) => sql`INSERT INTO t (v) VALUES ('mine')`.execute(trx)).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    clearInterval(ticker);
    const took = Date.now() - started;
    assert.equal(err?.code, 'SQLITE_BUSY');
    // Before: 1 s of turn, then the BEGIN's 10-s busy timeout, the event loop standing still.
    assert.ok(took >= 950 && took < 6000, `refused after ${took} ms`);
    assert.ok(ticks >= 3, `the event loop turned ${ticks} times`);
  } finally {
    other.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write statement outside a transaction waits on a timer too, and is refused at once past the wait', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-write-single-'));
  const file = join(dir, 'x.db');
  const database = openDatabase({ sqliteFile: file, writeWaitMs: 3000 });
  const other = new SQLite(file);
  try {
    await sql`CREATE TABLE t (v TEXT NOT NULL)`.execute(database.db);
    // Released after 1.5 s from this event loop: a wait in the busy handler would never see it.
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('ROLLBACK'), 1500);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = Date.now();
    try {
      await database.db
        .insertInto('t' as never)
        .values({ v: 'kysely' } as never)
        .execute();
      await sql`INSERT INTO t (v) VALUES ('raw')`.execute(database.db);
    } finally {
      clearInterval(ticker);
    }
    const waited = Date.now() - started;
    assert.ok(waited >= 1400 && waited < 2900, `waited ${waited} ms`);
    assert.ok(ticks >= 10, `the event loop turned ${ticks} times while it waited`);
    // Held past the wait: SQLITE_BUSY after ~3 s, not the wait and the busy timeout's 10 s on top.
    other.exec('BEGIN IMMEDIATE');
    const late = Date.now();
    const err = await sql`DELETE FROM t`.execute(database.db).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    const took = Date.now() - late;
    other.exec('ROLLBACK');
    assert.equal(err?.code, 'SQLITE_BUSY');
    assert.ok(took >= 2900 && took < 8000, `refused after ${took} ms`);
    const { rows } = await sql<{ v: string }>`SELECT v FROM t ORDER BY rowid`.execute(database.db);
    assert.deepEqual(
      rows.map((r) => r.v),
      ['kysely', 'raw'],
    );
  } finally {
    other.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
