// The console's lists of 咨询投诉, 政务服务办件 and 公示, a page at a time (both engines): each once
// stopped at its first 200 rows without saying so; now each says its total, its pages reach the
// oldest row, every row is on exactly one page, the filter is kept across pages, and a page past
// the last leads to the last.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { makeServiceItem } from '../support/factories.ts';
import { interactionCaseRow, noticeRow, serviceCaseRow } from '../support/rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const N = 230; // past the old 200
const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 2, 0, 0) + i * 60_000).toISOString();

before(async () => {
  env = await createTestEnv({ now: '2025-06-04T02:00:00Z' });
  await env.user('lx.all', 'lingxi', ['clerk', 'reviewer', 'signer']);
  const L = env.county.agencyIds.lingxi as number;
  const itemId = await makeServiceItem(env, L);
  const db = env.database.db;
  const letters = [];
  const cases = [];
  const notices = [];
  for (let i = 1; i <= N; i += 1) {
    const n = String(i).padStart(4, '0');
    // Every third is an inquiry: the kind filter must survive the pages.
    letters.push(
      interactionCaseRow({
        agencyId: L,
        receiptNumber: `XX-T-${n}`,
        receivedAt: at(i),
        kind: i % 3 ? 'letter' : 'inquiry',
      }),
    );
    cases.push(
      serviceCaseRow({
        agencyId: L,
        itemId,
        caseNumber: `FW-T-${n}`,
        status: 'accepted',
        receivedOn: '2025-05-10',
        createdAt: at(i),
      }),
    );
    notices.push(
      noticeRow({
        agencyId: L,
        title: `第${n}号公示`,
        startDate: '2025-05-30',
        endDate: '2025-06-30',
        createdAt: at(i),
      }),
    );
  }
  for (let i = 0; i < N; i += 100) {
    await db
      .insertInto('interactionCases')
      .values(letters.slice(i, i + 100))
      .execute();
    await db
      .insertInto('serviceCases')
      .values(cases.slice(i, i + 100))
      .execute();
    await db
      .insertInto('notices')
      .values(notices.slice(i, i + 100))
      .execute();
  }
});
after(() => env.close());

const lists = [
  { name: '咨询投诉', path: '/admin/interaction', mark: /XX-T-(\d{4})/g },
  { name: '政务服务办件', path: '/admin/service-hall', mark: /FW-T-(\d{4})/g },
  { name: '公示', path: '/admin/notices', mark: /第(\d{4})号公示/g },
] as const;

const shownOn = (html: string, mark: RegExp) => [...html.matchAll(mark)].map((m) => Number(m[1]));

describe('the console lists of cases and notices, by pages', () => {
  for (const l of lists) {
    test(`${l.name}: the newest first, the total said, every row on one page, past the last → the last`, async () => {
      const a = new Agent(env.app);
      await a.login('lx.all');
      const pages = Math.ceil(N / 50);
      const first = await a.get(l.path);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, new RegExp(`共 ${N} 条，第 1 / ${pages} 页`));
      assert.equal(shownOn(first.body, l.mark)[0], N, 'the newest first');
      const seen = new Set<number>();
      for (let p = 1; p <= pages; p += 1) {
        const r = await a.get(`${l.path}${p > 1 ? `?page=${p}` : ''}`);
        for (const n of shownOn(r.body, l.mark)) {
          assert.ok(!seen.has(n), `${n} shown twice`);
          seen.add(n);
        }
      }
      assert.equal(seen.size, N, 'every row reached, the oldest too');
      const beyond = await a.get(`${l.path}?page=40`);
      assert.equal(beyond.statusCode, 302);
      assert.equal(beyond.headers.location, `${l.path}?page=${pages}`);
    });
  }

  test('咨询投诉: a kind keeps its filter on the next page', async () => {
    const a = new Agent(env.app);
    await a.login('lx.all');
    const inquiries = Math.floor(N / 3);
    const r = await a.get('/admin/interaction?kind=inquiry');
    assert.match(r.body, new RegExp(`共 ${inquiries} 条，第 1 / 2 页`));
    assert.match(r.body, /href="\/admin\/interaction\?kind=inquiry&amp;page=2" rel="next"/);
    const second = await a.get('/admin/interaction?kind=inquiry&page=2');
    const shown = shownOn(second.body, /XX-T-(\d{4})/g);
    assert.equal(shown.length, inquiries - 50);
    assert.ok(
      shown.every((n) => n % 3 === 0),
      'only inquiries',
    );
  });
});
