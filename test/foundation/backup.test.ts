// Backup and restore of the embedded database through the command line, the way an operator
// runs them: an online backup while another connection keeps writing holds a consistent
// snapshot (read here from the archive's database entry), restore brings back exactly that
// state, and both commands refuse what would destroy data. Embedded engine only; the archive with
// files, under load, on both engines: backup-archive.db.test.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { bundledCalendarYears } from '../../src/modules/calendar/bundled-calendar.ts';
import { runCli } from '../support/cli.ts';

const AUDITED_TABLES = ['agencies', 'users', 'user_roles', 'audit_events', 'audit_head'] as const;

let dataDir: string;
let dbFile: string;
let backupFile: string;

function dump(file: string, tables: readonly string[]): Record<string, unknown[]> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

function usernames(file: string): string[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT username FROM users ORDER BY id').all() as { username: string }[]).map(
      (r) => r.username,
    );
  } finally {
    db.close();
  }
}

/** The database snapshot inside a backup archive, written to `out`. */
async function snapshotOf(archive: string, out: string): Promise<void> {
  const extract = tar.extract();
  const reading = pipeline(Readable.from(readFileSync(archive)), extract);
  for await (const entry of extract) {
    if (entry.header.name === 'database/gongkai.db')
      await pipeline(entry as unknown as Readable, createWriteStream(out));
    else entry.resume();
  }
  await reading;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gk-backup-'));
  dbFile = join(dataDir, 'gongkai.db');
  backupFile = join(dataDir, 'backups-gongkai-snapshot.tar');
  const seeded = await runCli(['seed-demo'], dataDir);
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /演示县已载入。管理员账号 admin 的一次性密码：\S{8,}/);
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('backup and restore', () => {
  let atBackup: Record<string, unknown[]>;
  let backupSettings: { key: string }[];

  test('an online backup while another connection keeps writing is a consistent snapshot', async () => {
    const writer = new SQLite(dbFile);
    writer.pragma('busy_timeout = 5000');
    atBackup = Object.fromEntries(
      AUDITED_TABLES.map((t) => [t, writer.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
    );
    const insert = writer.prepare(
      "INSERT INTO settings (agency_id, key, value, updated_at) VALUES (0, ?, ?, '2025-06-02T02:00:00.000Z')",
    );
    const tick = (n: number, part: 'a' | 'b') => insert.run(`tick.${String(n).padStart(6, '0')}.${part}`, String(n));
    // Each tick is one transaction of two rows, left open across an event-loop turn, so the
    // backup runs against a database with a writer in the middle of a transaction.
    let committed = 0;
    for (; committed < 5; committed++) {
      writer.transaction(() => {
        tick(committed, 'a');
        tick(committed, 'b');
      })();
    }
    const committedBeforeBackup = committed;
    let stop = false;
    let openTransactions = 0;
    const loop = (async () => {
      while (!stop) {
        writer.exec('BEGIN IMMEDIATE');
        tick(committed, 'a');
        openTransactions++;
        await sleep(2);
        tick(committed, 'b');
        writer.exec('COMMIT');
        committed++;
        await sleep(0);
      }
    })();
    let backup;
    try {
      backup = await runCli(['backup', backupFile], dataDir);
    } finally {
      stop = true;
      await loop;
    }
    const committedAfterBackup = committed;
    // A write transaction opened after the backup and still open must not matter either.
    writer.exec('BEGIN IMMEDIATE');
    tick(committed, 'a');
    writer.exec('ROLLBACK');
    writer.close();

    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /已备份到 .*backups-gongkai-snapshot\.tar/);
    assert.ok(
      committedAfterBackup > committedBeforeBackup + 5,
      `the writer kept writing during the backup (${committedAfterBackup - committedBeforeBackup} transactions)`,
    );
    assert.ok(openTransactions > 5);

    const snapFile = join(dataDir, 'snapshot-from-archive.db');
    await snapshotOf(backupFile, snapFile);
    const snap = new SQLite(snapFile, { readonly: true, fileMustExist: true });
    assert.equal(snap.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(snap.pragma('journal_mode', { simple: true }), 'delete', 'a single self-contained file');
    backupSettings = snap
      .prepare("SELECT key FROM settings WHERE agency_id = 0 AND key LIKE 'tick.%' ORDER BY key")
      .all() as { key: string }[];
    snap.close();
    assert.ok(!existsSync(`${backupFile}-wal`));
    assert.ok(!existsSync(`${snapFile}-wal`));
    // Whole transactions only, and a prefix of the committed ones: no half tick, no gap.
    const ticks = backupSettings.length / 2;
    assert.ok(Number.isInteger(ticks), 'no transaction is half in the backup');
    assert.deepEqual(
      backupSettings.map((r) => r.key),
      Array.from({ length: ticks }, (_, n) => [
        `tick.${String(n).padStart(6, '0')}.a`,
        `tick.${String(n).padStart(6, '0')}.b`,
      ]).flat(),
    );
    assert.ok(
      ticks >= committedBeforeBackup && ticks <= committedAfterBackup,
      `${ticks} ticks in [${committedBeforeBackup}, ${committedAfterBackup}]`,
    );
    // Everything else is exactly as it was when the backup ran.
    assert.deepEqual(dump(snapFile, AUDITED_TABLES), atBackup);
    rmSync(snapFile);
  });

  test('backup refuses to overwrite an existing file', async () => {
    const before = sha256(backupFile);
    const mtime = statSync(backupFile).mtimeMs;
    const r = await runCli(['backup', backupFile], dataDir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /已存在，请换一个文件名/);
    assert.equal(sha256(backupFile), before);
    assert.equal(statSync(backupFile).mtimeMs, mtime);
  });

  test('restore refuses a file that is not a Gongkai backup and leaves the database alone', async () => {
    const later = await runCli(
      ['user', 'create', 'late.user', '--agency', 'lingxi', '--name', '后来的人', '--roles', 'clerk'],
      dataDir,
    );
    assert.equal(later.code, 0, later.stderr);
    assert.match(later.stdout, /已创建账号 late\.user（永顺县灵溪镇人民政府）/);
    const liveBefore = sha256(dbFile);

    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, '这不是数据库。\n'.repeat(100));
    const foreign = join(dataDir, 'other-app.db');
    const other = new SQLite(foreign);
    other.exec("CREATE TABLE agencies (id INTEGER); CREATE TABLE things (x TEXT); INSERT INTO things VALUES ('y')");
    other.close();
    const empty = join(dataDir, 'empty.db');
    writeFileSync(empty, '');

    const [missing, ...refused] = await Promise.all(
      [join(dataDir, 'no-such-file.db'), text, foreign, empty].map((file) => runCli(['restore', file], dataDir)),
    );
    for (const [i, r] of refused.entries()) {
      assert.equal(r.code, 1, `${i}: ${r.stderr}`);
      assert.match(r.stderr, /备份归档已损坏或不完整，未做任何更改/);
    }
    assert.equal(missing!.code, 1, missing!.stderr);
    assert.match(missing!.stderr, /找不到/);

    assert.equal(sha256(dbFile), liveBefore);
    assert.deepEqual(
      readdirSync(dataDir).filter((f) => f.includes('before-restore')),
      [],
    );
    assert.ok(usernames(dbFile).includes('late.user'));
  });

  test('restore brings back exactly the state at backup time', async () => {
    assert.ok(usernames(dbFile).includes('late.user'));
    const r = await runCli(['restore', backupFile], dataDir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /原数据库已移到 .*gongkai\.db\.before-restore-\d+/);
    assert.match(r.stdout, /已从 .*backups-gongkai-snapshot\.tar 恢复：内置数据库和 \d+ 个文件/);

    // The demo's accounts as they were at backup time; the account created after it is gone.
    const users = usernames(dbFile);
    assert.ok(users.includes('admin') && users.includes('lingxi.clerk'), users.join());
    assert.ok(!users.includes('late.user'), users.join());
    const restored = dump(dbFile, [...AUDITED_TABLES, 'settings']);
    assert.deepEqual(Object.fromEntries(AUDITED_TABLES.map((t) => [t, restored[t]])), atBackup);
    const slugs = (restored.agencies as { slug: string }[]).map((a) => a.slug);
    assert.equal(slugs.length, 11);
    for (const slug of ['yongshun', 'lingxi', 'gaoping', 'jyj']) assert.ok(slugs.includes(slug), slug);
    assert.deepEqual(
      (restored.settings as { key: string }[]).filter((s) => s.key.startsWith('tick.')).map((s) => s.key),
      backupSettings.map((s) => s.key),
    );

    const verify = await runCli(['audit', 'verify'], dataDir);
    assert.equal(verify.code, 0, verify.stderr);
    assert.ok((atBackup.audit_events ?? []).length >= 11 + bundledCalendarYears().length + 1);
    assert.match(verify.stdout, new RegExp(`已校验 ${(atBackup.audit_events ?? []).length} 条记录`));

    // The replaced database is kept, with the later account in it.
    const aside = readdirSync(dataDir).filter((f) => /^gongkai\.db\.before-restore-\d+$/.test(f));
    assert.equal(aside.length, 1);
    assert.ok(usernames(join(dataDir, aside[0]!)).includes('late.user'));

    // The restored database is a working one: the CLI can write to it again.
    const again = await runCli(
      ['user', 'create', 'late.user', '--agency', 'lingxi', '--name', '后来的人', '--roles', 'clerk'],
      dataDir,
    );
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await runCli(['audit', 'verify'], dataDir)).code, 0);
  });

  test('restore after a crash keeps the crashed database complete and does not mix its log into the restored one', async () => {
    // A process that commits and then dies without closing leaves the commit only in the WAL.
    const crash = spawn(
      process.execPath,
      [
        '-e',
        `
        const SQLite = require('better-sqlite3');
        const db = new SQLite(process.env.GK_DB);
        db.pragma('journal_mode = WAL');
        db.prepare("INSERT INTO settings (agency_id, key, value, updated_at) VALUES (0, 'crash.row', 'committed', '2025-06-02')").run();
        process.kill(process.pid, 'SIGKILL');
      `,
      ],
      { cwd: process.cwd(), env: { ...process.env, GK_DB: dbFile }, stdio: 'inherit' },
    );
    const signal = await new Promise((resolve) => crash.on('exit', (_code, sig) => resolve(sig)));
    assert.equal(signal, 'SIGKILL');
    assert.ok(statSync(`${dbFile}-wal`).size > 0, 'the commit is in the WAL');

    const before = new Set(readdirSync(dataDir));
    const r = await runCli(['restore', backupFile], dataDir);
    assert.equal(r.code, 0, r.stderr);
    const aside = readdirSync(dataDir).find((f) => !before.has(f) && /^gongkai\.db\.before-restore-\d+$/.test(f));
    assert.ok(aside, r.stdout);

    const restored = new SQLite(dbFile, { fileMustExist: true });
    assert.deepEqual(restored.prepare("SELECT count(*) AS n FROM settings WHERE key = 'crash.row'").get(), { n: 0 });
    assert.equal(restored.pragma('integrity_check', { simple: true }), 'ok');
    restored.close();

    const old = new SQLite(join(dataDir, aside), { fileMustExist: true });
    assert.deepEqual(old.prepare("SELECT value FROM settings WHERE key = 'crash.row'").get(), { value: 'committed' });
    assert.ok(
      (old.prepare('SELECT username FROM users').all() as { username: string }[]).some(
        (u) => u.username === 'late.user',
      ),
    );
    old.close();
    assert.equal((await runCli(['audit', 'verify'], dataDir)).code, 0);
  });
});
