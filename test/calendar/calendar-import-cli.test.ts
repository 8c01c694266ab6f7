// `npx gongkai calendar import` as an operator runs it (embedded engine), on the demo county of
// 2026-12-07: a 领导信箱 letter received 2027-01-25 has a provisional reply date (15 working days
// counted without 2027's 补休/调休); importing the 2027 arrangement recomputes it in the same
// transaction, clears the flag, writes the audit event with its note and prints the change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/index.ts';
import { submitPublicCase } from '../../src/modules/interaction/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { runCli } from '../support/cli.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/calendar/2027-hypothetical.json', import.meta.url));
const NOW = { GONGKAI_TEST_NOW: '2026-12-07T02:00:00Z' };
let dir: string;
const open = (): Database => openDatabase({ sqliteFile: join(dir, 'gongkai.db') });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-calendar-cli-'));
  const seeded = await runCli(['seed-demo'], dir, NOW);
  assert.equal(seeded.code, 0, seeded.stderr);
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
        { actorUserId: null, actorName: 'test', ip: '127.0.0.1', at: '2027-01-25T03:00:00.000Z' },
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
    assert.deepEqual([receipt.dueDate, receipt.dueProvisional], ['2027-02-17', true]);
    id = receipt.id;
  } finally {
    await database.close();
  }

  const r = await runCli(['calendar', 'import', FIXTURE], dir, NOW);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2027 年节假日安排已导入：放假 28 天，调休上班 4 天。/);
  assert.match(r.stdout, /已重新计算 \d+ 个暂定期限（[^）]*咨询、投诉、信箱答复期限 \d+/);
  assert.match(r.stdout, /XX-LINGXI-2027-\d{4}：2027-02-17（暂定） → 2027-02-20/);

  database = open();
  try {
    const db = database.db;
    const row = await db
      .selectFrom('interactionCases')
      .select(['dueDate', 'dueProvisional'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { dueDate: '2027-02-20', dueProvisional: 0 });
    const ev = await db
      .selectFrom('auditEvents')
      .select(['summary'])
      .where('entityType', '=', 'letter')
      .where('entityId', '=', String(id))
      .where('action', '=', 'letter.dueRecomputed')
      .executeTakeFirstOrThrow();
    assert.match(ev.summary, /2027年节假日安排已导入，答复期限由2027-02-17（暂定）重新计算为2027-02-20。/);
    const left = await db
      .selectFrom('interactionCases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dueProvisional', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(Number(left.n), 0, 'no provisional date reaching 2027 is left anywhere');
  } finally {
    await database.close();
  }
});
