// The 工作台 (issue #11 point 1) on both engines: a hand-built fixture in 灵溪镇 (counted) and
// 高坪乡 (never counted for 灵溪镇's staff); each queue counts exactly the records the fixture says,
// each count links to a list that shows those records, a county admin sees per-agency counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { NOW, seedWorkbenchFixture } from './workbench-fixture.ts';

let env: TestEnv;
let L: number; // 灵溪镇
let G: number; // 高坪乡
before(async () => {
  env = await createTestEnv({ now: NOW });
  ({ L, G } = await seedWorkbenchFixture(env));
});
after(() => env.close());

/** queue key → count, from the 工作台's list. */
function queueCounts(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(
    /<li class="wb-queue[^"]*" data-queue="([^"]+)">.*?<span class="wb-count">(\d+)<\/span>/gs,
  ))
    out[m[1] as string] = Number(m[2]);
  return out;
}

/** agency id → queue key → count, from the county table. */
function tableCounts(html: string): Record<number, Record<string, number>> {
  const out: Record<number, Record<string, number>> = {};
  for (const row of html.matchAll(/<tr data-agency="(\d+)">(.*?)<\/tr>/gs)) {
    const cells: Record<string, number> = {};
    for (const c of (row[2] as string).matchAll(
      /<td data-queue="([^"]+)"[^>]*>(?:<a[^>]*>(\d+)<\/a>|<span class="muted">0<\/span>)<\/td>/g,
    ))
      cells[c[1] as string] = Number(c[2] ?? 0);
    out[Number(row[1])] = cells;
  }
  return out;
}

async function workbenchOf(username: string) {
  const agent = new Agent(env.app);
  await agent.login(username);
  const res = await agent.get('/admin');
  assert.equal(res.statusCode, 200);
  return { agent, html: res.body };
}

describe('工作台', () => {
  test('the clerk of 灵溪镇 sees exactly the fixture of 灵溪镇, most urgent first', async () => {
    const { html } = await workbenchOf('lx.clerk');
    assert.deepEqual(queueCounts(html), {
      'infoRequest.overdue': 1,
      'publication.late': 1,
      'interaction.overdue': 1,
      'annualReport.overdue': 1,
      'infoRequest.soon': 2,
      'serviceCase.near': 2,
      'infoRequest.confirm': 2,
      'publication.returned': 1,
      'interaction.open': 3,
      'infoRequest.applicant': 2,
    });
    // Order on the page: overdue first, then due soon, to do, waiting.
    const order = [...html.matchAll(/data-queue="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order.slice(0, 4), [
      'infoRequest.overdue',
      'publication.late',
      'interaction.overdue',
      'annualReport.overdue',
    ]);
    assert.equal(order.at(-1), 'infoRequest.applicant');
    // A clerk neither reviews nor signs, manages no notices and is not told about e-mail.
    assert.doesNotMatch(html, /待保密审查的信息|待签发的信息|本周结束的公示|没能发出的邮件/);
    assert.doesNotMatch(html, /各单位待办/);
  });

  test('a clerk who is also reviewer and signer sees their queues too', async () => {
    const { html } = await workbenchOf('lx.all');
    const c = queueCounts(html);
    assert.equal(c['publication.review'], 1);
    assert.equal(c['publication.signOff'], 2);
    assert.equal(c['notice.ending'], 2);
    assert.equal(c['publication.returned'], undefined, 'returned to lx.clerk and lx.other, not to lx.all');
    const g = queueCounts((await workbenchOf('gp.all')).html);
    assert.deepEqual(
      { ...g },
      {
        'infoRequest.overdue': 2,
        'publication.late': 1,
        'interaction.overdue': 1,
        'notice.ending': 1,
        'serviceCase.near': 1,
        'infoRequest.confirm': 1,
        'publication.review': 1,
        'interaction.open': 1,
      },
    );
  });

  test('each count links to a list that shows exactly those records', async () => {
    const { agent, html } = await workbenchOf('lx.all');
    const links = [...html.matchAll(/<li class="wb-queue[^"]*" data-queue="([^"]+)">\s*<a href="([^"]+)">/g)].map(
      (m) => [m[1] as string, (m[2] as string).replaceAll('&amp;', '&')] as const,
    );
    assert.ok(links.length >= 10);
    for (const [, href] of links) assert.equal((await agent.get(href)).statusCode, 200, href);
    const rows = (body: string, pattern: RegExp) => [...body.matchAll(pattern)].length;
    const ir = (view: string) => agent.get(`/admin/info-requests?view=${view}`).then((r) => r.body);
    assert.equal(rows(await ir('confirm'), /href="\/admin\/info-requests\/\d+"/g), 2);
    assert.equal(rows(await ir('soon'), /href="\/admin\/info-requests\/\d+"/g), 2);
    assert.equal(rows(await ir('overdue'), /href="\/admin\/info-requests\/\d+"/g), 1);
    assert.equal(rows(await ir('applicant'), /href="\/admin\/info-requests\/\d+"/g), 2);
    const pubs = (queue: string) => agent.get(`/admin/publications?queue=${queue}`).then((r) => r.body);
    assert.match(await pubs('review'), /共 1 条/);
    assert.match(await pubs('signOff'), /共 2 条/);
    assert.match(await pubs('late'), /共 1 条/);
    assert.match(await pubs('returned'), /共 0 条/);
    const clerk = (await workbenchOf('lx.clerk')).agent;
    assert.match((await clerk.get('/admin/publications?queue=returned')).body, /共 1 条/);
    const cases = (queue: string) =>
      agent.get(`/admin/interaction?queue=${queue}`).then((r) => rows(r.body, /href="\/admin\/interaction\/\d+"/g));
    assert.equal(await cases('open'), 3);
    assert.equal(await cases('overdue'), 1);
    const notices = await agent.get('/admin/notices?queue=ending');
    assert.equal(rows(notices.body, /href="\/admin\/notices\/\d+"/g), 2);
    const hall = await agent.get('/admin/service-hall?queue=near');
    assert.equal(rows(hall.body, /href="\/admin\/service-hall\/cases\/\d+"/g), 2);
  });

  test('a county admin sees the counts per agency and only admins hear about failed e-mail', async () => {
    const { agent, html } = await workbenchOf('county.admin');
    const c = queueCounts(html);
    assert.equal(c['infoRequest.overdue'], 3);
    assert.equal(c['infoRequest.confirm'], 3);
    assert.equal(c['notification.failed'], 3);
    assert.equal(c['annualReport.overdue'], Object.keys(env.county.agencyIds).length - 1);
    const t = tableCounts(html);
    assert.equal(t[L]?.['infoRequest.overdue'], 1);
    assert.equal(t[G]?.['infoRequest.overdue'], 2);
    assert.equal(t[L]?.['publication.signOff'], 2);
    assert.equal(t[G]?.['publication.signOff'], 0);
    assert.equal(t[L]?.['notification.failed'], 1);
    assert.equal(t[G]?.['notification.failed'], 2);
    assert.equal(t[G]?.['annualReport.overdue'], 0);
    assert.equal(t[L]?.['annualReport.overdue'], 1);
    // Most overdue first (灵溪镇 and 高坪乡 have 4 each), then most work (灵溪镇), then the rest.
    const rowOrder = [...html.matchAll(/<tr data-agency="(\d+)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(rowOrder.slice(0, 2), [L, G]);
    // A cell links to that agency's list.
    const href = new RegExp(`<a href="([^"]*agency=${G}[^"]*)"[^>]*>2</a>`).exec(html)?.[1];
    assert.ok(href, 'a clickable cell for 高坪乡');
    const list = await agent.get(href.replaceAll('&amp;', '&'));
    assert.equal(list.statusCode, 200);
    const failed = await agent.get(`/admin/notifications?status=failed&agency=${G}`);
    assert.equal([...failed.body.matchAll(/<td>张三/g)].length, 2);
  });

  test('in December this year\'s report joins the "due" queue; last year\'s stays overdue', async () => {
    env.clock.set('2025-12-10T02:00:00Z');
    try {
      const c = queueCounts((await workbenchOf('lx.clerk')).html);
      assert.equal(c['annualReport.overdue'], 1);
      assert.equal(c['annualReport.due'], 1);
    } finally {
      env.clock.set(NOW);
    }
  });
});
