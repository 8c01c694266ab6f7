// A report cell's records (both engines): past 500, the drill-down once stopped at 500 and said
// 「共 500 条记录」 under a table figure of 620; it now lists them all and its count is the figure.
// Every cell of table 四 drills down to as many appeals as its figure, an appeal concluded after
// the year's end counted as pending (its outcome columns are chosen by the database).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { computeReport } from '../../src/modules/annual-report/annual-report.compute.ts';
import { cellRecords } from '../../src/modules/annual-report/annual-report.drilldown.ts';
import { TABLE4_GROUP_KEYS, TABLE4_OUTCOME_KEYS } from '../../src/modules/annual-report/index.ts';
import { findAgencyById } from '../../src/modules/agency/agency.repository.ts';
import { makeReport } from '../support/factories.ts';
import { insertAppeal } from './fixtures.ts';
import { infoRequestRow } from '../support/rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const N = 620;
let reportId = 0;

before(async () => {
  env = await createTestEnv({ now: '2026-02-03T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  const L = env.county.agencyIds.lingxi as number;
  const rows = [];
  for (let i = 1; i <= N; i += 1)
    rows.push(
      infoRequestRow({
        agencyId: L,
        number: `LINGXI-2025-${String(i).padStart(4, '0')}`,
        state: 'processing',
        informationName: `第${i}件`,
        receivedOn: '2025-03-03',
        dueOn: '2025-03-31',
        clockStatus: 'running',
        submittedAt: '2025-03-03T02:00:00.000Z',
      }),
    );
  for (let i = 0; i < N; i += 200)
    await env.database.db
      .insertInto('infoRequests')
      .values(rows.slice(i, i + 200))
      .execute();
  const first = await env.database.db.selectFrom('infoRequests').select('id').orderBy('id').executeTakeFirstOrThrow();
  const appeal = (a: Omit<Parameters<typeof insertAppeal>[1], 'infoRequestId' | 'agencyId'>) =>
    insertAppeal(env.database.db, { infoRequestId: first.id, agencyId: L, ...a });
  await appeal({ kind: 'reconsideration', filedOn: '2025-04-01', result: 'upheld', concludedOn: '2025-06-01' });
  await appeal({ kind: 'reconsideration', filedOn: '2025-05-01', result: 'corrected', concludedOn: '2026-01-10' });
  await appeal({ kind: 'reconsideration', filedOn: '2025-06-01', result: 'pending' });
  await appeal({ kind: 'lawsuit', filedOn: '2025-07-01', result: 'other', concludedOn: '2025-12-31' });
  await appeal({
    kind: 'lawsuit',
    afterReconsideration: true,
    filedOn: '2025-08-01',
    result: 'upheld',
    concludedOn: '2025-09-01',
  });
  await appeal({ kind: 'lawsuit', filedOn: '2024-12-01', result: 'upheld', concludedOn: '2025-02-01' });
  reportId = (await makeReport(env, L, 2025)).id;
});
after(() => env.close());

describe('a drill-down with more than 500 records', () => {
  test('table 三 新收政府信息公开申请数量 · 总计 lists every application and counts them all', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const r = await a.get(`/admin/annual-reports/${reportId}/cell?cell=table3.newlyReceived.total`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`共 ${N} 条记录。`));
    const numbers = new Set([...r.body.matchAll(/>(LINGXI-2025-\d{4})</g)].map((m) => m[1]));
    assert.equal(numbers.size, N);
  });

  test('every cell of table 四 drills down to as many appeals as its figure', async () => {
    const L = env.county.agencyIds.lingxi as number;
    const agency = await findAgencyById(env.database.db, L);
    assert.ok(agency);
    const { data } = await computeReport(env.database.db, {
      agency,
      year: 2025,
      agencyIds: [L],
      figures: {},
      narratives: {},
      drillBase: '/x',
    });
    assert.deepEqual(data.table4.reconsideration, { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 });
    for (const g of TABLE4_GROUP_KEYS)
      for (const o of TABLE4_OUTCOME_KEYS) {
        const records = await cellRecords(env.database.db, { agencyIds: [L], year: 2025 }, `table4.${g}.${o}`);
        assert.equal(records?.rows.length, data.table4[g][o], `table4.${g}.${o}`);
      }
  });
});
