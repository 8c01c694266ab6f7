// The notification outbox against a real SMTP server (smtp-server on a random local port):
// delivery marks rows sent exactly once, console-only messages are never mailed, failures are
// retried with back-off until MAX_ATTEMPTS, and the admin page shows each agency only its own
// messages. Runs on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  deliverPendingNotifications,
  MAX_ATTEMPTS,
  queueNotification,
  type NewNotification,
} from '../../src/modules/notification/notification.service.ts';
import { Agent } from '../support/agent.ts';
import { closedPort, startSmtp, transportTo, type Mailbox } from '../support/smtp.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

const FROM = 'gongkai@yongshun.gov.example';

function message(over: Partial<NewNotification>): NewNotification {
  return {
    agencyId: null,
    toAddress: '',
    recipientName: '张三',
    subject: '通知',
    body: '正文',
    relatedType: 'test',
    relatedId: 1,
    ...over,
  };
}

function row(env: TestEnv, id: number) {
  return env.database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

let smtp: Mailbox;
before(async () => {
  smtp = await startSmtp();
});
after(() => smtp.close());

describe('delivery', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('a queued message reaches the SMTP server and its row is marked sent', async () => {
    const at = env.clock.now().toISOString();
    const subject = '政府信息公开申请登记回执（永顺灵溪〔2025〕第1号）';
    const body =
      '张三：\n\n您于2025年6月2日提交的政府信息公开申请已收到，本机关将在20个工作日内答复。\n\n永顺县灵溪镇人民政府\n2025年6月2日';
    const id = await queueNotification(
      env.database.db,
      message({
        agencyId: env.county.agencyIds.lingxi!,
        toAddress: '  zhang.san@example.cn ',
        subject,
        body,
        relatedType: 'infoRequest',
        relatedId: 7,
      }),
      at,
    );
    const queued = await row(env, id);
    assert.equal(queued.status, 'pending');
    assert.equal(queued.toAddress, 'zhang.san@example.cn');
    assert.equal(queued.nextAttemptAt, at);
    assert.equal(queued.attempts, 0);

    const before = smtp.received.length;
    const report = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), {
      now: env.clock.now(),
      from: FROM,
    });
    assert.deepEqual(report, { sent: 1, failed: 0, retried: 0 });
    assert.equal(smtp.received.length, before + 1);
    const mail = smtp.received.at(-1)!;
    assert.equal(mail.mailFrom, FROM);
    assert.deepEqual(mail.rcptTo, ['zhang.san@example.cn']);
    assert.match(mail.headers.get('to') ?? '', /zhang\.san@example\.cn/);
    assert.match(mail.headers.get('content-type') ?? '', /text\/plain; charset=utf-8/i);
    assert.equal(mail.subject, subject);
    assert.equal(mail.text.trimEnd(), body);

    const sent = await row(env, id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.sentAt, at);
    assert.equal(sent.attempts, 1);
    assert.equal(sent.lastError, '');
    assert.equal(sent.nextAttemptAt, null);
  });

  test('running delivery again sends nothing more', async () => {
    const before = smtp.received.length;
    env.clock.advance(24 * 3600_000);
    const report = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), {
      now: env.clock.now(),
      from: FROM,
    });
    assert.deepEqual(report, { sent: 0, failed: 0, retried: 0 });
    assert.equal(smtp.received.length, before);
  });

  test('a message without an address is only stored and never sent', async () => {
    const at = env.clock.now().toISOString();
    const id = await queueNotification(
      env.database.db,
      message({ agencyId: env.county.agencyIds.gaoping!, toAddress: '   ', subject: '站内消息' }),
      at,
    );
    const stored = await row(env, id);
    assert.equal(stored.status, 'stored');
    assert.equal(stored.nextAttemptAt, null);
    const before = smtp.received.length;
    for (const days of [0, 1, 400]) {
      const report = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), {
        now: new Date(Date.parse(at) + days * 86_400_000),
        from: FROM,
      });
      assert.deepEqual(report, { sent: 0, failed: 0, retried: 0 });
    }
    assert.equal(smtp.received.length, before);
    assert.deepEqual(await row(env, id), stored);
  });

  test('two delivery runs at the same time send each message exactly once', async () => {
    const at = env.clock.now().toISOString();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        await queueNotification(
          env.database.db,
          message({ toAddress: `person${i}@example.cn`, subject: `批量 ${i}`, body: `第 ${i} 封` }),
          at,
        ),
      );
    }
    const before = smtp.received.length;
    const reports = await Promise.all(
      [1, 2].map(() =>
        deliverPendingNotifications(env.database.db, transportTo(smtp.port), { now: env.clock.now(), from: FROM }),
      ),
    );
    assert.equal(reports[0]!.sent + reports[1]!.sent, 6);
    const got = smtp.received
      .slice(before)
      .flatMap((m) => m.rcptTo)
      .sort();
    assert.deepEqual(
      got,
      ids.map((_, i) => `person${i}@example.cn`),
    );
    for (const id of ids) assert.equal((await row(env, id)).status, 'sent');
  });
});

describe('retries', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('an unreachable server leaves the row pending with the error and a later attempt time', async () => {
    const start = env.clock.now();
    const id = await queueNotification(
      env.database.db,
      message({ toAddress: 'li.si@example.cn', subject: '补正告知' }),
      start.toISOString(),
    );
    const down = transportTo(await closedPort());
    const report = await deliverPendingNotifications(env.database.db, down, { now: start, from: FROM });
    assert.deepEqual(report, { sent: 0, failed: 0, retried: 1 });
    const r = await row(env, id);
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError, /ECONNREFUSED|connect/i);
    assert.equal(r.sentAt, null);
    assert.ok(
      r.nextAttemptAt && Date.parse(r.nextAttemptAt) > start.getTime(),
      `next attempt ${r.nextAttemptAt} is in the future`,
    );

    // Not due yet: nothing is tried, not even against a working server.
    const early = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), {
      now: new Date(Date.parse(r.nextAttemptAt!) - 1000),
      from: FROM,
    });
    assert.deepEqual(early, { sent: 0, failed: 0, retried: 0 });
    assert.equal((await row(env, id)).attempts, 1);

    // Once due, a working server gets it and the error is cleared.
    const before = smtp.received.length;
    const later = new Date(Date.parse(r.nextAttemptAt!));
    assert.deepEqual(
      await deliverPendingNotifications(env.database.db, transportTo(smtp.port), { now: later, from: FROM }),
      { sent: 1, failed: 0, retried: 0 },
    );
    assert.equal(smtp.received.length, before + 1);
    const done = await row(env, id);
    assert.equal(done.status, 'sent');
    assert.equal(done.attempts, 2);
    assert.equal(done.lastError, '');
    assert.equal(done.sentAt, later.toISOString());
  });

  test(`after ${MAX_ATTEMPTS} failures the row is failed and never tried again`, async () => {
    let now = env.clock.now();
    const id = await queueNotification(
      env.database.db,
      message({ toAddress: 'wang.wu@example.cn', subject: '答复告知书' }),
      now.toISOString(),
    );
    const down = transportTo(await closedPort());
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverPendingNotifications(env.database.db, down, { now, from: FROM });
      const r = await row(env, id);
      assert.equal(r.attempts, attempt);
      assert.notEqual(r.lastError, '');
      if (attempt < MAX_ATTEMPTS) {
        assert.deepEqual(report, { sent: 0, failed: 0, retried: 1 });
        assert.equal(r.status, 'pending');
        const next = Date.parse(r.nextAttemptAt!);
        assert.ok(next > now.getTime());
        waits.push((next - now.getTime()) / 60_000);
        now = new Date(next + 1000);
      } else {
        assert.deepEqual(report, { sent: 0, failed: 1, retried: 0 });
        assert.equal(r.status, 'failed');
        assert.equal(r.nextAttemptAt, null);
        assert.equal(r.sentAt, null);
      }
    }
    // The back-off grows between attempts.
    for (let i = 1; i < waits.length; i++) assert.ok(waits[i]! > waits[i - 1]!, `waits ${waits.join(', ')} minutes`);

    const before = smtp.received.length;
    const afterwards = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), {
      now: new Date(now.getTime() + 365 * 86_400_000),
      from: FROM,
    });
    assert.deepEqual(afterwards, { sent: 0, failed: 0, retried: 0 });
    assert.equal(smtp.received.length, before);
    assert.equal((await row(env, id)).status, 'failed');
  });

  test('a recipient the server refuses is retried with the server reply recorded', async () => {
    const now = env.clock.now();
    const id = await queueNotification(
      env.database.db,
      message({ toAddress: 'nobody@bounce.example', subject: '退信测试' }),
      now.toISOString(),
    );
    const before = smtp.received.length;
    const report = await deliverPendingNotifications(env.database.db, transportTo(smtp.port), { now, from: FROM });
    assert.deepEqual(report, { sent: 0, failed: 0, retried: 1 });
    assert.equal(smtp.received.length, before);
    const r = await row(env, id);
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError, /550|Mailbox does not exist/);
  });
});

describe('the admin page', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('a county admin sees the agencies’ messages; a township clerk sees only their own', async () => {
    const { agencyIds } = env.county;
    const at = env.clock.now().toISOString();
    const db = env.database.db;
    await env.user('county.admin', 'yongshun', ['admin']);
    const clerkId = await env.user('gp.clerk', 'gaoping', ['clerk']);
    await queueNotification(
      db,
      message({
        agencyId: agencyIds.lingxi!,
        recipientName: '灵溪镇信息员',
        subject: '灵溪镇 新申请登记 LX-2025-001',
        body: '申请人 <b>赵六</b> 提交了申请',
      }),
      at,
    );
    await queueNotification(
      db,
      message({
        agencyId: agencyIds.gaoping!,
        recipientName: '高坪乡信息员',
        subject: '高坪乡 补正期限提醒 GP-2025-003',
      }),
      at,
    );
    await queueNotification(
      db,
      message({ agencyId: agencyIds.yongshun!, recipientName: '县政府办', subject: '县政府 年度报告编制提醒' }),
      at,
    );
    await queueNotification(
      db,
      message({ agencyId: null, recipientUserId: clerkId, recipientName: 'gp.clerk', subject: '个人 初始密码已重置' }),
      at,
    );
    const sentId = await queueNotification(
      db,
      message({ agencyId: agencyIds.lingxi!, toAddress: 'applicant@example.cn', subject: '灵溪镇 答复书已寄出' }),
      at,
    );
    await deliverPendingNotifications(db, transportTo(smtp.port), { now: env.clock.now(), from: FROM });
    assert.equal((await row(env, sentId)).status, 'sent');

    assert.equal((await new Agent(env.app).get('/admin/notifications')).statusCode, 302, 'signed out → login');

    const admin = new Agent(env.app);
    assert.equal((await admin.login('county.admin')).statusCode, 303);
    const page = await admin.get('/admin/notifications');
    assert.equal(page.statusCode, 200);
    for (const s of [
      '灵溪镇 新申请登记 LX-2025-001',
      '高坪乡 补正期限提醒 GP-2025-003',
      '县政府 年度报告编制提醒',
      '灵溪镇 答复书已寄出',
    ]) {
      assert.ok(page.body.includes(s), `admin sees ${s}`);
    }
    assert.match(page.body, /站内留存/);
    assert.match(page.body, /已发送/);
    assert.match(page.body, /applicant@example\.cn/);
    // Message text is shown as text, never as markup.
    assert.match(page.body, /申请人 &lt;b(>|&gt;)赵六&lt;\/b(>|&gt;) 提交了申请/);
    assert.ok(!page.body.includes('<b>赵六</b>'));

    const clerk = new Agent(env.app);
    assert.equal((await clerk.login('gp.clerk')).statusCode, 303);
    const own = await clerk.get('/admin/notifications');
    assert.equal(own.statusCode, 200);
    assert.ok(own.body.includes('高坪乡 补正期限提醒 GP-2025-003'));
    assert.ok(own.body.includes('个人 初始密码已重置'), 'a message addressed to the clerk personally');
    for (const s of [
      '灵溪镇 新申请登记 LX-2025-001',
      '灵溪镇 答复书已寄出',
      '县政府 年度报告编制提醒',
      'applicant@example.cn',
      '赵六',
    ]) {
      assert.ok(!own.body.includes(s), `clerk of 高坪乡 must not see ${s}`);
    }
  });
});
