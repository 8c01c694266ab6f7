// Answer periods of interaction cases on both engines: the agency's setting (refused values, due
// dates of cases received afterwards) and the reminders job (once per case and day, then overdue).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sendDueReminders } from '../../src/modules/interaction/index.ts';
import { Agent } from '../support/agent.ts';
import { caseByReceipt, letterForm, submitLetter } from '../support/interaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  // 2025-06-02 10:00 in Beijing, a Monday.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

describe('answer periods and reminders', () => {
  test('an agency setting changes the due date of cases received afterwards; bad values are refused', async () => {
    await env.user('lx.admin', 'lingxi', ['admin']);
    const admin = new Agent(env.app);
    await admin.login('lx.admin');
    const page = await admin.get('/admin/interaction/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="letter"[^>]*value="15"|value="15"[^>]*name="letter"/);
    const bad = await admin.post('/admin/interaction/settings', {
      inquiry: '5',
      complaint: '0',
      letter: '10',
      objection: '5',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /应为 1 到 60 之间的整数/);
    const ok = await admin.post('/admin/interaction/settings', {
      inquiry: '5',
      complaint: '15',
      letter: '10',
      objection: '5',
    });
    assert.equal(ok.statusCode, 303);
    const { receiptNumber } = await submitLetter(env, letterForm({ topic: '十个工作日的来信' }));
    const row = await caseByReceipt(env, receiptNumber);
    assert.equal(row.answerDays, 10);
    assert.equal(row.dueDate, '2025-06-16');
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    assert.equal((await clerk.get('/admin/interaction/settings')).statusCode, 403);
    await env.database.db
      .deleteFrom('settings')
      .where('agencyId', '=', env.county.agencyIds.lingxi!)
      .where('key', 'like', 'interaction.%')
      .execute();
  });

  test('reminders: one message per open case and day when due within three days or overdue', async () => {
    const { receiptNumber } = await submitLetter(env, letterForm({ topic: '提醒测试' }));
    const row = await caseByReceipt(env, receiptNumber);
    const reminders = async () =>
      (
        await env.database.db
          .selectFrom('notifications')
          .select('id')
          .where('relatedId', '=', String(row.id))
          .where('subject', 'like', '%即将到期%')
          .execute()
      ).length +
      (
        await env.database.db
          .selectFrom('notifications')
          .select('id')
          .where('relatedId', '=', String(row.id))
          .where('subject', 'like', '%已超期%')
          .execute()
      ).length;
    await sendDueReminders(env.database.db, new Date('2025-06-10T02:00:00Z'));
    assert.equal(await reminders(), 0, 'not yet due within three days');
    await sendDueReminders(env.database.db, new Date('2025-06-21T02:00:00Z'));
    await sendDueReminders(env.database.db, new Date('2025-06-21T05:00:00Z'));
    assert.equal(await reminders(), 1, 'once per day');
    await sendDueReminders(env.database.db, new Date('2025-06-24T02:00:00Z'));
    assert.equal(await reminders(), 2);
    const overdue = await env.database.db
      .selectFrom('notifications')
      .select('subject')
      .where('relatedId', '=', String(row.id))
      .where('subject', 'like', '已超期%')
      .execute();
    assert.equal(overdue.length, 1);
  });
});
