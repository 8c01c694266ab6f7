// The 工作台's queues over many agencies (issue #11 point 1, docs/PERFORMANCE.md): above
// WIDE_SCOPE agencies a queue's query names no agency and keeps the scope's counts afterwards
// (platform/work-queue.ts). On the demo county (work in several agencies), every queue gives the
// same counts both ways, for each agency alone and for all of them, and never counts an agency
// outside the scope.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { todayInShanghai, weekEndOf, workingDaysAhead, workingDaysBefore } from '../../src/modules/calendar/index.ts';
import { WORK_QUEUES } from '../../src/modules/workbench/index.ts';
import { countGrouped, countsOf, isWideScope, WIDE_SCOPE, type QueueContext } from '../../src/platform/work-queue.ts';
import { createDemoApp } from '../support/test-app.ts';

let demo: Awaited<ReturnType<typeof createDemoApp>>;
let base: Omit<QueueContext, 'agencyIds'>;
let agencyIds: number[];
/** Ids no agency has: padding that makes a scope wide without adding work. */
const PADDING = Array.from({ length: WIDE_SCOPE + 1 }, (_, i) => -1 - i);

before(async () => {
  demo = await createDemoApp('wide-scope');
  const db = demo.deps.database.db;
  const today = todayInShanghai(demo.deps.clock.now());
  const cal = await demo.deps.calendar.get();
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  base = {
    db,
    userId: admin.id,
    today,
    soonLimit: workingDaysAhead(cal, today, 5),
    weekEnd: weekEndOf(today),
    workingDaysBefore: (n) => workingDaysBefore(cal, today, n),
  };
  agencyIds = (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((a) => a.id);
});
after(() => demo.close());

const sorted = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b);

test('the demo county is a narrow scope and the padding makes it wide', () => {
  assert.ok(agencyIds.length > 1 && agencyIds.length <= WIDE_SCOPE, `${agencyIds.length} agencies`);
  assert.equal(isWideScope({ agencyIds }), false);
  assert.equal(isWideScope({ agencyIds: [...agencyIds, ...PADDING] }), true);
});

test('every queue: the same counts named agency by agency and counted wide', async () => {
  let agenciesWithWork = 0;
  let queuesWithWork = 0;
  for (const q of WORK_QUEUES) {
    const all = await q.countByAgency({ ...base, agencyIds });
    const allWide = await q.countByAgency({ ...base, agencyIds: [...agencyIds, ...PADDING] });
    assert.deepEqual(sorted(allWide), sorted(all), q.key);
    if ([...all.values()].some((n) => n > 0)) queuesWithWork += 1;
    for (const id of agencyIds) {
      const one = await q.countByAgency({ ...base, agencyIds: [id] });
      const oneWide = await q.countByAgency({ ...base, agencyIds: [id, ...PADDING] });
      assert.deepEqual(sorted(oneWide), sorted(one), `${q.key}, agency ${id}`);
      assert.ok(
        [...oneWide.keys()].every((k) => k === id),
        `${q.key}: only agency ${id} is counted`,
      );
      assert.equal(one.get(id) ?? 0, all.get(id) ?? 0, `${q.key}, agency ${id} within all`);
      if ((one.get(id) ?? 0) > 0) agenciesWithWork += 1;
    }
  }
  // The comparison means something only if the demo has work in several queues and agencies.
  assert.ok(queuesWithWork >= 5, `${queuesWithWork} queues with work`);
  assert.ok(agenciesWithWork >= 5, `${agenciesWithWork} (queue, agency) pairs with work`);
});

test('a count packed into one row (countGrouped) equals the rows of the same GROUP BY', async () => {
  const db = base.db;
  const grouped = () =>
    db
      .selectFrom('infoRequests')
      .select((eb) => ['infoRequests.agencyId', eb.fn.countAll<number>().as('n')])
      .groupBy('infoRequests.agencyId');
  const rows = countsOf(await grouped().execute(), agencyIds);
  assert.ok(rows.size >= 2, `${rows.size} agencies with applications`);
  assert.deepEqual(sorted(await countGrouped({ db, agencyIds }, grouped())), sorted(rows));
  // Only the scope's agencies are kept; no group at all reads as an empty map.
  const one = agencyIds.find((id) => rows.has(id))!;
  assert.deepEqual(sorted(await countGrouped({ db, agencyIds: [one] }, grouped())), [[one, rows.get(one)]]);
  assert.equal((await countGrouped({ db, agencyIds }, grouped().where('infoRequests.id', '<', 0))).size, 0);
});

test('the two annual-report queues are counted from one read, with the counts each gives alone', async () => {
  const queues = WORK_QUEUES.filter((q) => q.key.startsWith('annualReport.'));
  assert.deepEqual(
    queues.map((q) => q.key),
    ['annualReport.overdue', 'annualReport.due'],
  );
  for (const scope of [agencyIds, [...agencyIds, ...PADDING]]) {
    const shared = new Map<string, Promise<unknown>>();
    const together = await Promise.all(queues.map((q) => q.countByAgency({ ...base, agencyIds: scope, shared })));
    assert.equal(shared.size, 1, 'one read for both queues');
    for (const [i, q] of queues.entries()) {
      const alone = await q.countByAgency({ ...base, agencyIds: scope });
      assert.deepEqual(sorted(together[i]!), sorted(alone), q.key);
    }
  }
});
