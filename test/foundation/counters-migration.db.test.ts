// Migration 20261205_0010_counters on a database with numbered records, on the engine of
// GK_TEST_ENGINE: the counters are seeded from the data (applications: the highest number;
// interaction and service-hall cases, whose earlier numbers were built from the row id: how many
// the agency received that year; index numbers: the sequences table it replaces), so the next
// number of every series continues where it stood; down and up again keep the index sequences.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { readInfoRequestForm, submitOnline } from '../../src/modules/info-request/intake.service.ts';
import { submitPublicCase } from '../../src/modules/interaction/interaction.service.ts';
import { allocateIndexNumber } from '../../src/modules/publication/publication.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { application } from '../info-request/helpers.ts';
import { makeServiceCase, makeServiceItem } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const writer = {
  topic: '路灯',
  body: '村口路灯坏了。',
  writerName: '龙美玲',
  writerPhone: '13974300001',
  writerEmail: '',
  writerAddress: '',
  complaintAbout: '',
};

test('counters are seeded from the records and every series continues', async () => {
  const db = env.database.db;
  const ctx = systemContext(env.clock);
  const lingxi = { id: env.county.agencyIds.lingxi as number, slug: 'lingxi' };
  const cal = await env.deps.calendar.get();
  const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
  const itemId = await makeServiceItem(env, lingxi.id);
  for (let i = 0; i < 3; i++) await tx((trx) => submitOnline(trx, ctx, lingxi, readInfoRequestForm(application()), []));
  for (let i = 0; i < 4; i++)
    await tx((trx) =>
      submitPublicCase(trx, ctx, cal, { agencyId: lingxi.id, kind: 'letter', input: writer, publishConsent: false }),
    );
  for (let i = 0; i < 2; i++) await makeServiceCase(env, itemId);
  for (let i = 0; i < 5; i++) await tx((trx) => allocateIndexNumber(trx, lingxi.id, '2025-05-20'));

  // Later migrations are undone first.
  await migrateDownThrough(env.database, '20261205_0010_counters');
  // As the code before the migration left them: letter numbers built from the row id, and an
  // application number above the count (a deleted test case, say).
  const letters = await db.selectFrom('interactionCases').select('id').orderBy('id').execute();
  for (const l of letters)
    await sql`UPDATE interaction_cases SET receipt_number = ${`XX20250602${String(l.id).padStart(6, '0')}`} WHERE id = ${l.id}`.execute(
      db,
    );
  await sql`UPDATE info_requests SET number = 'LINGXI-2025-0007' WHERE number = 'LINGXI-2025-0003'`.execute(db);
  const sequences = await sql<{ lastSeq: number }>`SELECT last_seq AS "lastSeq" FROM index_number_sequences`.execute(
    db,
  );
  assert.deepEqual(
    sequences.rows.map((r) => Number(r.lastSeq)),
    [5],
  );

  await migrateToLatest(env.database);
  const counters = await db.selectFrom('counters').selectAll().orderBy('kind').execute();
  assert.deepEqual(
    counters.map((c) => [c.kind, c.agencyId, Number(c.year), Number(c.lastValue)]),
    [
      ['indexNumber', lingxi.id, 2025, 5],
      ['infoRequest', lingxi.id, 2025, 7],
      ['letter', lingxi.id, 2025, 4],
      ['serviceCase', lingxi.id, 2025, 2],
    ],
  );
  assert.equal(
    (await tx((trx) => submitOnline(trx, ctx, lingxi, readInfoRequestForm(application()), []))).number,
    'LINGXI-2025-0008',
  );
  const letter = await tx((trx) =>
    submitPublicCase(trx, ctx, cal, { agencyId: lingxi.id, kind: 'letter', input: writer, publishConsent: false }),
  );
  assert.equal(letter.receiptNumber, 'XX-LINGXI-2025-0005');
  const hall = await makeServiceCase(env, itemId);
  assert.equal(hall.caseNumber, 'FW-LINGXI-2025-0003');
  assert.match(await tx((trx) => allocateIndexNumber(trx, lingxi.id, '2025-05-20')), /2025-00006$/);
});

test('a rolled-back transaction gives its number back', async () => {
  const db = env.database.db;
  const ctx = systemContext(env.clock);
  const gaoping = { id: env.county.agencyIds.gaoping as number, slug: 'gaoping' };
  await assert.rejects(
    inTransaction(db, async (trx) => {
      await submitOnline(trx, ctx, gaoping, readInfoRequestForm(application()), []);
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  const kept = await inTransaction(db, (trx) =>
    submitOnline(trx, ctx, gaoping, readInfoRequestForm(application()), []),
  );
  assert.equal(kept.number, 'GAOPING-2025-0001');
});
