// Staff pages of 依申请公开 on both engines: intake per channel through the form (422 keeps the
// input), the dashboard (overdue and due within 5 working days), policies per action and agency
// (a clerk may not record an extension, a signer may), the fee quote on the case page, the
// fee-pending pause setting (platform-wide, agency 0) and the demo cases on the dashboard.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-03-03T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.signer', 'lingxi', ['signer']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
  await env.user('county.admin', 'yongshun', ['admin']);
});
after(() => env.close());

const intake = (over: Record<string, string> = {}) => ({
  ...application(),
  agencyId: String(env.county.agencyIds.lingxi),
  channel: 'signedPost',
  handedInOn: '',
  signedForOn: '2025-02-05',
  arrivedOn: '',
  confirmedOn: '',
  staffNote: '',
  ...over,
});

describe('staff intake, dashboard and policies', () => {
  let id = 0;
  test('intake needs the date its channel requires; the form keeps what was typed', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    await a.get('/admin/info-requests/new');
    const bad = await a.post('/admin/info-requests', intake({ signedForOn: '' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /签收日期/);
    assert.match(bad.body, /value="覃小梅"/);
    // A date in the future and the form's own problems: all shown at once, not one round each.
    await a.get('/admin/info-requests/new');
    const many = await a.post('/admin/info-requests', intake({ signedForOn: '2025-03-10', name: '', phone: '123' }));
    assert.equal(many.statusCode, 422);
    assert.match(many.body, /日期不能晚于今天/);
    assert.match(many.body, /请修改以下 3 处问题/);
    assert.match(many.body, /请填写您的姓名/);
    assert.match(many.body, /联系电话格式不正确/);
    const other = await a.post('/admin/info-requests', intake({ agencyId: String(env.county.agencyIds.gaoping) }));
    assert.equal(other.statusCode, 403, 'not for another agency');
    const ok = await a.post('/admin/info-requests', intake());
    assert.equal(ok.statusCode, 201);
    assert.match(ok.body, /查询码 <strong>[A-Z2-9]{8}<\/strong>/);
    const row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    id = row.id;
    assert.equal(row.receivedOn, '2025-02-05');
    assert.equal(row.dueOn, '2025-03-04'); // 2025-02-08 (Sat) is a 调休 working day
  });

  test('the dashboard shows the case as due within 5 working days, and by agency', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const soon = await a.get('/admin/info-requests?view=soon');
    assert.equal(soon.statusCode, 200);
    assert.match(soon.body, /LINGXI-2025-0001/);
    env.clock.set('2025-03-10T02:00:00Z');
    await a.login('lx.clerk');
    const overdue = await a.get('/admin/info-requests?view=overdue');
    assert.match(overdue.body, /LINGXI-2025-0001/);
    assert.match(overdue.body, /已超期/);
    const gp = new Agent(env.app);
    await gp.login('gp.clerk');
    assert.doesNotMatch((await gp.get('/admin/info-requests?view=all')).body, /LINGXI-2025-0001/);
    env.clock.set('2025-03-03T02:00:00Z');
  });

  test('the dashboard charts the last 12 months: received, and concluded by outcome, as the rows say', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const page = await a.get('/admin/info-requests');
    assert.match(page.body, /<figure class="chart"[^>]*>[\s\S]*?<svg /);
    const rows = await env.database.db
      .selectFrom('infoRequests')
      .select(['receivedOn', 'concludedOn'])
      .where('agencyId', '=', env.county.agencyIds.lingxi!)
      .execute();
    const table = /<table class="chart-data">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    const cells = [...table.matchAll(/<tr><th scope="row">(\d{4})年(\d+)月<\/th>((?:<td>\d+<\/td>)+)<\/tr>/g)];
    assert.equal(cells.length, 12);
    assert.equal(`${cells[11]![1]}-${cells[11]![2]}`, '2025-3');
    let received = 0;
    for (const [, y, m, tds] of cells) {
      const month = `${y}-${m!.padStart(2, '0')}`;
      const [got, ...byOutcome] = [...tds!.matchAll(/<td>(\d+)<\/td>/g)].map((x) => Number(x[1]));
      assert.equal(byOutcome.length, 6, month);
      assert.equal(got, rows.filter((r) => r.receivedOn?.startsWith(month)).length, `received ${month}`);
      const concluded = byOutcome.reduce((n, x) => n + x, 0);
      assert.equal(concluded, rows.filter((r) => r.concludedOn?.startsWith(month)).length, `concluded ${month}`);
      received += got!;
    }
    assert.ok(received > 0, 'the fixture has applications in the window');
  });

  test('a clerk may not record an extension; the office head (signer) may', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    const ext = {
      workingDays: '20',
      approvedBy: '灵溪镇党政办主任 彭军',
      approvedOn: '2025-03-03',
      applicantNotifiedOn: '2025-03-03',
      reason: '需向县档案馆调档',
    };
    assert.equal((await clerk.post(`/admin/info-requests/${id}/extension`, ext)).statusCode, 403);
    const signer = new Agent(env.app);
    await signer.login('lx.signer');
    await signer.get(`/admin/info-requests/${id}`);
    const tooLong = await signer.post(`/admin/info-requests/${id}/extension`, { ...ext, workingDays: '21' });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /最长不得超过20个工作日/);
    assert.equal((await signer.post(`/admin/info-requests/${id}/extension`, ext)).statusCode, 303);
    const row = await env.database.db
      .selectFrom('infoRequests')
      .select(['dueOn', 'extensionApprovedBy'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.dueOn, '2025-04-01');
    assert.equal(row.extensionApprovedBy, '灵溪镇党政办主任 彭军');
  });

  test('the fee quote is shown to staff on the case page', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const page = await a.get(`/admin/info-requests/${id}?quoteMethod=perPage&quoteQuantity=250`);
    assert.match(page.body, /应收：<strong>4700元<\/strong>/);
  });

  test('the fee-pending pause is a platform-wide setting for a county admin only', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get('/admin/info-requests/settings');
    assert.equal((await clerk.post('/admin/info-requests/settings', { pauseWhileFeePending: '1' })).statusCode, 403);
    const admin = new Agent(env.app);
    await admin.login('county.admin');
    await admin.get('/admin/info-requests/settings');
    assert.equal((await admin.post('/admin/info-requests/settings', { pauseWhileFeePending: '1' })).statusCode, 303);
    const s = await env.database.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'infoRequest.pauseWhileFeePending')
      .execute();
    assert.deepEqual(
      s.map((r) => [r.agencyId, r.value]),
      [[0, 'true']],
    );
  });
});
