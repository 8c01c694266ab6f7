// `npx gongkai calendar import` as an operator runs it (embedded engine), on the demo county of
// 2025-12-08 with 2026 not yet imported (the next year's notice cannot be fetched here and is never
// invented, so the real 2026 arrangement is taken out of the seeded calendar and written back out
// in the import format): a 领导信箱 letter received 2026-01-26 has a provisional reply date (15
// working days counted without 2026's 补休/调休); importing the 2026 arrangement recomputes it in
// the same transaction, clears the flag, writes the audit event with its note and prints the change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/index.ts';
import { submitPublicCase } from '../../src/modules/interaction/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { bundledYearImport, removeCalendarYear } from '../support/calendar-year.ts';
import { runCli } from '../support/cli.ts';

const NOW = { GONGKAI_TEST_NOW: '2025-12-08T02:00:00Z' };
let dir: string;
let importFile: string;
const open = (): Database => openDatabase({ sqliteFile: join(dir, 'gongkai.db') });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-calendar-cli-'));
  const seeded = await runCli(['seed-demo'], dir, NOW);
  assert.equal(seeded.code, 0, seeded.stderr);
  const database = open();
  try {
    await removeCalendarYear(database.db, 2026);
  } finally {
    await database.close();
  }
  importFile = join(dir, '2026.json');
  writeFileSync(importFile, JSON.stringify(bundledYearImport(2026), null, 1));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('calendar import recomputes a provisional reply date and says so', async () => {
  let database = open();
  let id: number;
  try {
    const db = database.db;
    const lingxi = await db.selectFrom('agencies').select('id').where('slug', '=', 'lingxi').executeTakeFirstOrThrow();
    const cal = await loadWorkCalendar(db);
    const receipt = await inTransaction(db, (t) =>
      submitPublicCase(
        t,
        { actorUserId: null, actorName: 'test', ip: '127.0.0.1', at: '2026-01-26T03:00:00.000Z' },
        cal,
        {
          agencyId: lingxi.id,
          kind: 'letter',
          input: {
            topic: '春节值班',
            body: '春节期间镇政府是否有人值班？',
            writerName: '张三',
            writerPhone: '13900000000',
            writerEmail: '',
            writerAddress: '',
            complaintAbout: '',
          },
          publishConsent: false,
        },
      ),
    );
    assert.deepEqual([receipt.dueDate, receipt.dueProvisional], ['2026-02-20', true]);
    id = receipt.id;
  } finally {
    await database.close();
  }

  const r = await runCli(['calendar', 'import', importFile], dir, NOW);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2026 年节假日安排已导入：放假 33 天，调休上班 6 天。/);
  assert.match(r.stdout, /已重新计算 \d+ 个暂定期限（[^）]*咨询、投诉、信箱答复期限 \d+/);
  assert.match(r.stdout, /XX-LINGXI-2026-\d{4}：2026-02-20（暂定） → 2026-02-14/);

  database = open();
  try {
    const db = database.db;
    const row = await db
      .selectFrom('interactionCases')
      .select(['dueDate', 'dueProvisional'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { dueDate: '2026-02-14', dueProvisional: 0 });
    const ev = await db
      .selectFrom('auditEvents')
      .select(['summary'])
      .where('entityType', '=', 'letter')
      .where('entityId', '=', String(id))
      .where('action', '=', 'letter.dueRecomputed')
      .executeTakeFirstOrThrow();
    assert.match(ev.summary, /2026年节假日安排已导入，答复期限由2026-02-20（暂定）重新计算为2026-02-14。/);
    const left = await db
      .selectFrom('interactionCases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dueProvisional', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(Number(left.n), 0, 'no provisional date reaching 2026 is left anywhere');
  } finally {
    await database.close();
  }
});
