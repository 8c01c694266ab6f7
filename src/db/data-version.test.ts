import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { changesPublicData, touchesPublicData } from './data-version.ts';
import { ARRAY_ROWS, cachingStatements } from './statement-cache.ts';

test('reads never move the data version; writes do unless they only touch private tables', () => {
  for (const read of [
    'select * from "publications"',
    '  SELECT 1',
    'pragma table_info(x)',
    'begin',
    'commit',
    'rollback',
    'savepoint sp1',
    'release sp1',
    'explain select 1',
    'with x as (select 1) select * from x',
  ]) {
    assert.equal(touchesPublicData(read), false, read);
  }
  for (const write of [
    'insert into "publications" ("title") values (?)',
    'update "agencies" set "name" = ?',
    'delete from "publication_categories" where 1',
    'INSERT OR REPLACE INTO settings VALUES (?, ?)',
    'replace into notices values (1)',
    'UPDATE OR IGNORE "notices" SET x = 1',
    'DELETE FROM search_fts WHERE rowid = ?',
    'create table t (x)',
    'drop table t',
    'with x as (select 1) insert into "notices" select * from x',
  ]) {
    assert.equal(touchesPublicData(write), true, write);
  }
  for (const priv of [
    'insert into "sessions" ("id") values (?)',
    'update "sessions" set "last_seen_at" = ?',
    'delete from "sessions" where "id" = ?',
    'insert into "audit_events" ("x") values (?)',
    'UPDATE audit_head SET hash = ?',
    'update "users" set "last_login_at" = ?',
    'insert into "notifications" values (1)',
  ]) {
    assert.equal(touchesPublicData(priv), false, priv);
  }
});

test('the statement cache reuses a prepared statement per SQL text and stays within its bound', () => {
  const handle = new SQLite(':memory:');
  const db = cachingStatements(handle, 2);
  const a1 = db.prepare('select 1 as x');
  assert.equal(db.prepare('select 1 as x'), a1);
  const b = db.prepare('select 2 as x');
  db.prepare('select 1 as x'); // most recently used now
  db.prepare('select 3 as x'); // evicts "select 2"
  assert.equal(db.prepare('select 1 as x'), a1);
  assert.notEqual(db.prepare('select 2 as x'), b);
  // A cached statement still answers after the schema changed under it.
  handle.exec('create table t (v integer)');
  const ins = db.prepare('insert into t (v) values (?)');
  ins.run([1]);
  handle.exec('alter table t add column w integer');
  assert.equal(db.prepare('insert into t (v) values (?)'), ins);
  ins.run([2]);
  assert.deepEqual(db.prepare('select count(*) as n from t').all([]), [{ n: 2 }]);
  db.close();
});

test('SQL that ends with ARRAY_ROWS gives its rows as arrays, other SQL as objects', () => {
  const db = cachingStatements(new SQLite(':memory:'));
  assert.deepEqual(db.prepare(`select 1 as x, 'a' as y${ARRAY_ROWS}`).all([]), [[1, 'a']]);
  assert.deepEqual(db.prepare(`select 1 as x, 'a' as y${ARRAY_ROWS}`).all([]), [[1, 'a']]);
  // Still a read for the data version.
  assert.equal(touchesPublicData(`select 1 as x${ARRAY_ROWS}`), false);
  assert.deepEqual(db.prepare(`select 1 as x, 'a' as y`).all([]), [{ x: 1, y: 'a' }]);
  db.close();
});

test('a write that changed no row changes nothing; one whose rows were not counted still does', () => {
  const sweep = 'delete from "public_submissions" where "created_at" < $1';
  assert.equal(changesPublicData(sweep, 0n), false);
  assert.equal(changesPublicData(sweep, 3n), true);
  assert.equal(changesPublicData(sweep, undefined), true);
  assert.equal(changesPublicData('update "publications" set "state" = $1 where "id" = $2', 0n), false);
  // DDL reports no rows and is a change; reads and private tables never are.
  assert.equal(changesPublicData('create index x on publications (id)', 0n), true);
  assert.equal(changesPublicData('select 1', 1n), false);
  assert.equal(changesPublicData('delete from "sessions" where "id" = $1', 1n), false);
});
