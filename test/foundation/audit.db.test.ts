// The audit log: the hash chain verifies after real audited actions, the database itself
// refuses UPDATE and DELETE, and an attacker who gets past the triggers is caught by
// `verifyAuditChain` and `gongkai audit verify` at the first broken link. Runs on both engines
// (the CLI part on the embedded engine only).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { auditHash, verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { bundledCalendarYears } from '../../src/modules/calendar/bundled-calendar.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { runCli } from '../support/cli.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

/** Seeded county plus one user created through the service: a chain of ordinary events. */
async function auditedEnv(): Promise<TestEnv> {
  const env = await createTestEnv();
  await inTransaction(env.database.db, (trx) =>
    createUser(trx, systemContext(env.clock), {
      agencyId: env.county.agencyIds.lingxi!, username: 'lx.clerk', displayName: '灵溪信息员', email: '', roles: ['clerk'],
    }),
  );
  return env;
}

async function eventIds(env: TestEnv): Promise<number[]> {
  const rows = await env.database.db.selectFrom('auditEvents').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** What an attacker with direct database access does first: remove the append-only guard. */
async function dropAppendOnlyTriggers(env: TestEnv): Promise<void> {
  const db = env.database.db;
  if (env.database.engine === 'postgres') {
    await sql`DROP TRIGGER audit_events_no_change ON audit_events`.execute(db);
  } else {
    await sql`DROP TRIGGER audit_events_no_update`.execute(db);
    await sql`DROP TRIGGER audit_events_no_delete`.execute(db);
  }
}

/** A fresh, tampered-with database per test: tampering cannot be undone. */
async function withTamperedEnv(fn: (env: TestEnv, ids: number[]) => Promise<void>): Promise<void> {
  const env = await auditedEnv();
  try {
    const ids = await eventIds(env);
    assert.ok(ids.length >= 10, 'enough events for a middle row');
    await dropAppendOnlyTriggers(env);
    await fn(env, ids);
  } finally {
    await env.close();
  }
}

describe('a clean chain', () => {
  let env: TestEnv;
  before(async () => {
    env = await auditedEnv();
  });
  after(() => env.close());

  test('seeding and creating a user write events that verify, with the right count', async () => {
    const db = env.database.db;
    const byAction = await db.selectFrom('auditEvents').select(['action', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('action').execute();
    const counts = Object.fromEntries(byAction.map((r) => [r.action, Number(r.n)]));
    // Each new agency also gets its default category taxonomy (one event each).
    assert.deepEqual(counts, { 'agency.created': 11, 'category.defaultsCreated': 11, 'calendar.yearImported': bundledCalendarYears().length, 'user.created': 1 });
    const total = 11 + 11 + bundledCalendarYears().length + 1;
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: total });
    // Small batches walk the same chain across batch boundaries.
    assert.deepEqual(await verifyAuditChain(db, 7), { ok: true, checked: total });
    const head = await db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    const last = await db.selectFrom('auditEvents').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(head.lastId, last.id);
    assert.equal(head.lastHash, last.hash);
  });

  test('each row links to its predecessor and its hash covers its content', async () => {
    const rows = await env.database.db.selectFrom('auditEvents').selectAll().orderBy('id').execute();
    assert.equal(rows[0]?.prevHash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
    for (const r of rows) assert.equal(auditHash(r.prevHash, r), r.hash);
    const user = rows.at(-1)!;
    assert.equal(user.action, 'user.created');
    assert.equal(user.agencyId, env.county.agencyIds.lingxi);
    assert.match(user.summary, /lx\.clerk/);
  });

  test('the database refuses UPDATE and DELETE on audit_events', async () => {
    const db = env.database.db;
    const [first] = await eventIds(env);
    const before = await db.selectFrom('auditEvents').selectAll().where('id', '=', first!).executeTakeFirstOrThrow();
    await assert.rejects(db.updateTable('auditEvents').set({ summary: '{}' }).where('id', '=', first!).execute(), /append-only/);
    await assert.rejects(sql`UPDATE audit_events SET action = 'forged'`.execute(db), /append-only/);
    await assert.rejects(db.deleteFrom('auditEvents').where('id', '=', first!).execute(), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_events`.execute(db), /append-only/);
    // Refused inside a transaction too, and the transaction is rolled back as a whole.
    const lingxi = env.county.agencyIds.lingxi!;
    await assert.rejects(
      inTransaction(db, async (trx) => {
        await trx.updateTable('agencies').set({ shortName: '改名' }).where('id', '=', lingxi).execute();
        await trx.deleteFrom('auditEvents').where('id', '=', first!).execute();
      }),
      /append-only/,
    );
    const agency = await db.selectFrom('agencies').select('shortName').where('id', '=', lingxi).executeTakeFirstOrThrow();
    assert.equal(agency.shortName, '灵溪镇');
    assert.deepEqual(await db.selectFrom('auditEvents').selectAll().where('id', '=', first!).executeTakeFirstOrThrow(), before);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('concurrent audited transactions still form one unbroken chain', async () => {
    const db = env.database.db;
    const before = (await verifyAuditChain(db)).checked;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inTransaction(db, (trx) =>
          createUser(trx, systemContext(env.clock), {
            agencyId: env.county.agencyIds.gaoping!, username: `gp.user${i}`, displayName: `高坪${i}`, email: '', roles: ['clerk'],
          }),
        ),
      ),
    );
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: before + 8 });
  });
});

describe('tampering is detected', () => {
  test('an edited summary in a middle row is reported at that row', async () => {
    await withTamperedEnv(async (env, ids) => {
      const middle = ids[Math.floor(ids.length / 2)]!;
      await sql`UPDATE audit_events SET summary = ${'{"note":"改过"}'} WHERE id = ${middle}`.execute(env.database.db);
      const r = await verifyAuditChain(env.database.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.id, middle);
      assert.match(r.firstBroken?.reason ?? '', /篡改/);
      assert.equal(r.checked, ids.indexOf(middle));
    });
  });

  test('an edited row whose own hash was recomputed is caught at the next row', async () => {
    await withTamperedEnv(async (env, ids) => {
      const db = env.database.db;
      const middle = ids[3]!;
      const row = await db.selectFrom('auditEvents').selectAll().where('id', '=', middle).executeTakeFirstOrThrow();
      const forged = { ...row, actorName: 'someone.else' };
      await db.updateTable('auditEvents').set({ actorName: forged.actorName, hash: auditHash(row.prevHash, forged) }).where('id', '=', middle).execute();
      const r = await verifyAuditChain(db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.id, ids[4]);
      assert.match(r.firstBroken?.reason ?? '', /前一条记录的哈希不匹配/);
    });
  });

  test('a deleted middle row is reported at the following row', async () => {
    await withTamperedEnv(async (env, ids) => {
      const middle = ids[Math.floor(ids.length / 2)]!;
      const next = ids[ids.indexOf(middle) + 1]!;
      await sql`DELETE FROM audit_events WHERE id = ${middle}`.execute(env.database.db);
      const r = await verifyAuditChain(env.database.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.id, next);
      assert.match(r.firstBroken?.reason ?? '', /删除/);
      assert.equal(r.checked, ids.indexOf(middle));
    });
  });

  test('a deleted last row is reported by the head check', async () => {
    await withTamperedEnv(async (env, ids) => {
      const last = ids.at(-1)!;
      await sql`DELETE FROM audit_events WHERE id = ${last}`.execute(env.database.db);
      const r = await verifyAuditChain(env.database.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.id, last);
      assert.match(r.firstBroken?.reason ?? '', /末尾/);
      assert.equal(r.checked, ids.length - 1);
    });
  });
});

describe('gongkai audit verify (command line)', () => {
  test('exits 0 on a clean database and 1, naming the row, after tampering', async (t) => {
    if (ENGINE === 'postgres') {
      t.skip('the command-line check runs on the embedded engine');
      return;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-audit-cli-'));
    try {
      const seeded = await runCli(['seed-demo'], dataDir);
      assert.equal(seeded.code, 0, seeded.stderr);
      const clean = await runCli(['audit', 'verify'], dataDir);
      assert.equal(clean.code, 0, clean.stderr);
      // Every row is checked: at least 11 agencies + the bundled calendar years + the admin account,
      // plus whatever the modules' demo data records.
      const counter = new SQLite(join(dataDir, 'gongkai.db'), { readonly: true });
      const rows = (counter.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
      counter.close();
      assert.ok(rows >= 11 + bundledCalendarYears().length + 1, String(rows));
      assert.match(clean.stdout, new RegExp(`审计日志完整：已校验 ${rows} 条记录`));

      const raw = new SQLite(join(dataDir, 'gongkai.db'));
      const ids = (raw.prepare('SELECT id FROM audit_events ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      const middle = ids[Math.floor(ids.length / 2)]!;
      assert.throws(() => raw.prepare("UPDATE audit_events SET summary = '{}' WHERE id = ?").run(middle), /append-only/);
      raw.exec('DROP TRIGGER audit_events_no_update');
      raw.prepare("UPDATE audit_events SET summary = '{}' WHERE id = ?").run(middle);
      raw.close();

      const broken = await runCli(['audit', 'verify'], dataDir);
      assert.equal(broken.code, 1, broken.stdout);
      assert.match(broken.stderr, new RegExp(`审计日志被破坏：第 ${middle} 条记录——记录内容与其哈希不符`));
      assert.match(broken.stderr, new RegExp(`此前 ${ids.indexOf(middle)} 条完好`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
