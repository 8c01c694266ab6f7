// The audit log: the hash chain verifies after real audited actions, the database itself
// refuses UPDATE and DELETE, and an attacker who gets past the triggers is caught by
// `verifyAuditChain` at the first broken link. Runs on both engines; the command line is
// tested in audit-cli.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { auditHash, GENESIS_HASH, recordEvent } from '../../src/platform/audit.ts';
import { bundledCalendarYears } from '../../src/modules/calendar/bundled-calendar.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

/** Seeded county plus one user created through the service: a chain of ordinary events. */
async function auditedEnv(): Promise<TestEnv> {
  const env = await createTestEnv();
  await inTransaction(env.database.db, (trx) =>
    createUser(trx, systemContext(env.clock), {
      agencyId: env.county.agencyIds.lingxi!,
      username: 'lx.clerk',
      displayName: '灵溪信息员',
      email: '',
      roles: ['clerk'],
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
    const byAction = await db
      .selectFrom('auditEvents')
      .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('action')
      .execute();
    const counts = Object.fromEntries(byAction.map((r) => [r.action, Number(r.n)]));
    // Each new agency also gets its default category taxonomy (one event each).
    assert.deepEqual(counts, {
      'agency.created': 11,
      'category.defaultsCreated': 11,
      'calendar.yearImported': bundledCalendarYears().length,
      'user.created': 1,
    });
    const total = 11 + 11 + bundledCalendarYears().length + 1;
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: total });
    // Small batches walk the same chain across batch boundaries.
    assert.deepEqual(await verifyAuditChain(db, 7), { ok: true, checked: total });
    const head = await db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    const last = await db
      .selectFrom('auditEvents')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
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
    await assert.rejects(
      db.updateTable('auditEvents').set({ summary: '{}' }).where('id', '=', first!).execute(),
      /append-only/,
    );
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
    const agency = await db
      .selectFrom('agencies')
      .select('shortName')
      .where('id', '=', lingxi)
      .executeTakeFirstOrThrow();
    assert.equal(agency.shortName, '灵溪镇');
    assert.deepEqual(
      await db.selectFrom('auditEvents').selectAll().where('id', '=', first!).executeTakeFirstOrThrow(),
      before,
    );
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('concurrent audited transactions still form one unbroken chain', async () => {
    const db = env.database.db;
    const before = (await verifyAuditChain(db)).checked;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inTransaction(db, (trx) =>
          createUser(trx, systemContext(env.clock), {
            agencyId: env.county.agencyIds.gaoping!,
            username: `gp.user${i}`,
            displayName: `高坪${i}`,
            email: '',
            roles: ['clerk'],
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
      await db
        .updateTable('auditEvents')
        .set({ actorName: forged.actorName, hash: auditHash(row.prevHash, forged) })
        .where('id', '=', middle)
        .execute();
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

describe('verification while writers append', () => {
  test('nine verifications during four concurrent writers all find the chain intact', async () => {
    const env = await auditedEnv();
    try {
      const db = env.database.db;
      let stop = false;
      let appended = 0;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        while (!stop) {
          await inTransaction(db, (trx) =>
            recordEvent(trx, systemContext(env.clock), 'test.appended', { type: 'test', id: w, agencyId: null }),
          );
          appended++;
        }
      });
      const reports = [];
      try {
        // Small batches: many separate reads per verification, each with writers in between.
        for (let i = 0; i < 9; i++) reports.push(await verifyAuditChain(db, 25));
      } finally {
        stop = true;
        await Promise.all(writers);
      }
      assert.ok(appended >= 20, `writers appended during verification (${appended})`);
      assert.deepEqual(
        reports.filter((r) => !r.ok),
        [],
      );
      assert.ok(reports.at(-1)!.checked > reports[0]!.checked, 'later verifications cover the new rows');
      const total = (await eventIds(env)).length;
      assert.deepEqual(await verifyAuditChain(db, 25), { ok: true, checked: total });
    } finally {
      await env.close();
    }
  });

  test('a row appended around the audit code (the head does not know it) is reported', async () => {
    await withTamperedEnv(async (env, ids) => {
      const db = env.database.db;
      const last = await db.selectFrom('auditEvents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      const fields = { ...last, action: 'forged.event', summary: '{}' };
      const hash = auditHash(last.hash, fields);
      const { id: _id, ...rest } = fields;
      await db
        .insertInto('auditEvents')
        .values({ ...rest, prevHash: last.hash, hash })
        .execute();
      const r = await verifyAuditChain(db);
      assert.equal(r.ok, false);
      assert.equal(r.checked, ids.length);
      assert.match(r.firstBroken?.reason ?? '', /链头之后/);
      assert.notEqual(GENESIS_HASH, hash);
    });
  });
});
