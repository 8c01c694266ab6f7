// The console's list of applications, a page at a time (both engines): 全部 opens on the newest
// application, every application can be reached by its pages however many there are (the list
// once stopped at 500 and its queues at 1,000, silently), a tab's count is exact past 1,000, and
// a page past the last leads to the last.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { infoRequestRow } from '../support/rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
// Overdue: answered by 2025-05-20, today 2025-06-04, still being processed.
const OVERDUE = 1_005;
// Answered: not in 办理中 nor in the queues, but in 全部.
const ANSWERED = 20;

before(async () => {
  env = await createTestEnv({ now: '2025-06-04T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  const agencyId = env.county.agencyIds.lingxi as number;
  const rows = [];
  for (let i = 1; i <= OVERDUE + ANSWERED; i += 1) {
    const answered = i > OVERDUE;
    rows.push(
      infoRequestRow({
        agencyId,
        number: `LINGXI-2025-${String(i).padStart(4, '0')}`,
        state: answered ? 'closed' : 'processing',
        applicantName: '测试',
        informationName: `第${i}件所需信息`,
        clockStatus: answered ? 'stopped' : 'running',
        receivedOn: '2025-04-21',
        dueOn: '2025-05-20',
        submittedAt: `2025-04-21T02:00:${String(i % 60).padStart(2, '0')}.000Z`,
      }),
    );
  }
  for (let i = 0; i < rows.length; i += 200) {
    await env.database.db
      .insertInto('infoRequests')
      .values(rows.slice(i, i + 200))
      .execute();
  }
});
after(() => env.close());

const numbersOn = (html: string) => [...html.matchAll(/>(LINGXI-2025-\d{4})</g)].map((m) => m[1] as string);

describe('the console list of applications, by pages', () => {
  test('全部 opens on the newest and its pages reach the oldest; the total is said', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const total = OVERDUE + ANSWERED;
    const pages = Math.ceil(total / 50);
    const first = await a.get('/admin/info-requests?view=all');
    assert.equal(first.statusCode, 200);
    const shown = numbersOn(first.body);
    assert.equal(shown.length, 50);
    assert.equal(shown[0], `LINGXI-2025-${total}`, 'the newest first');
    assert.match(first.body, new RegExp(`共 ${total} 条，第 1 / ${pages} 页`));
    assert.match(first.body, /href="\/admin\/info-requests\?view=all&amp;page=2" rel="next"/);
    const last = await a.get(`/admin/info-requests?view=all&page=${pages}`);
    assert.equal(last.statusCode, 200);
    assert.ok(numbersOn(last.body).includes('LINGXI-2025-0001'), 'the oldest is on the last page');
    assert.match(last.body, /rel="prev"/);
    assert.doesNotMatch(last.body, /rel="next"/);
    // Every application once, across the pages.
    const seen = new Set<string>();
    for (let p = 1; p <= pages; p += 1) {
      for (const n of numbersOn((await a.get(`/admin/info-requests?view=all&page=${p}`)).body)) {
        assert.ok(!seen.has(n), `${n} shown twice`);
        seen.add(n);
      }
    }
    assert.equal(seen.size, total);
  });

  test('a queue past 1,000 is counted exactly and paged; a page past the last leads to the last', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const overdue = await a.get('/admin/info-requests?view=overdue');
    assert.match(overdue.body, new RegExp(`已超期（${OVERDUE}）`));
    assert.match(overdue.body, new RegExp(`共 ${OVERDUE} 条，第 1 / 21 页`));
    const beyond = await a.get('/admin/info-requests?view=overdue&page=99');
    assert.equal(beyond.statusCode, 302);
    assert.equal(beyond.headers.location, '/admin/info-requests?view=overdue&page=21');
    const lastPage = await a.get('/admin/info-requests?view=overdue&page=21');
    assert.equal(numbersOn(lastPage.body).length, OVERDUE - 20 * 50);
    // Nonsense in `page` is the first page, not an error.
    const odd = await a.get('/admin/info-requests?view=overdue&page=-3x');
    assert.equal(odd.statusCode, 200);
    assert.match(odd.body, /第 1 \/ 21 页/);
  });

  test('an empty tab says so, without pages', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const r = await a.get('/admin/info-requests?view=confirm');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /没有符合条件的申请。/);
    assert.doesNotMatch(r.body, /共 \d+ 条/);
  });
});
