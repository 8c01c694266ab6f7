// The interaction demo on both engines: the report counts of 灵溪镇 from its seeded records
// (咨询, 工作人员, 社会评议) and a scan of every public interaction page for the seeded raw
// personal values of writers and listed households.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { countInteractions } from '../../src/modules/interaction/index.ts';
import {
  DEMO_DIBAO_ROWS,
  DEMO_LETTER_WRITERS,
  DEMO_RAW_PERSONAL_VALUES,
  seedInteractionDemo,
} from '../../src/modules/demo/index.ts';
import { findUnmaskedPersonalData, maskAddress, maskName } from '../../src/modules/notice/index.ts';
import { countStaff } from '../../src/modules/staff/index.ts';
import { countSupervision } from '../../src/modules/supervision/index.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  // 2025-06-02 10:00 in Beijing, a Monday.
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

describe('demo seed and report counts', () => {
  test('灵溪镇 2013: 37 phone inquiries and 2 staff (1 full-time, 1 part-time) from the records', async () => {
    const deps = env.deps;
    await seedInteractionDemo(deps, env.county, systemContext(env.clock));
    const lingxi = env.county.agencyIds.lingxi!;
    const c2013 = await countInteractions(env.database.db, lingxi, 2013);
    assert.equal(c2013.inquiries.phone, 37);
    assert.equal(c2013.inquiries.total, 37);
    assert.equal(c2013.complaints.total, 0);
    assert.equal(c2013.letters.total, 0);
    assert.deepEqual(await countStaff(env.database.db, lingxi, 2013), {
      fullTime: 1,
      partTime: 1,
      total: 2,
      trainings: 1,
      trainingParticipants: 2,
    });
    const s2025 = await countSupervision(env.database.db, lingxi, 2025);
    assert.equal(s2025.evaluations, 2);
    assert.equal(s2025.accountability, 1);
    assert.equal(s2025.bulletinsPublished, 1);
  });

  test('no public page shows the seeded raw personal values of writers or listed households', async () => {
    const notice = await env.database.db
      .selectFrom('notices')
      .select(['id'])
      .where('title', 'like', '灵溪镇2025年第二批%')
      .executeTakeFirstOrThrow();
    const urls = [
      '/agencies/lingxi',
      '/agencies/lingxi/mailbox',
      '/agencies/lingxi/complaint',
      '/agencies/lingxi/inquiry',
      '/agencies/lingxi/letters',
      '/agencies/lingxi/notices',
      `/agencies/lingxi/notices/${notice.id}`,
      `/agencies/lingxi/notices/${notice.id}/table.csv`,
      '/api/v1/agencies/lingxi/notices',
      '/agencies/lingxi/bulletins',
      '/track',
    ];
    for (const url of urls) {
      const res = await env.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(findUnmaskedPersonalData(res.body, DEMO_RAW_PERSONAL_VALUES), [], url);
    }
    const page = await env.app.inject(`/agencies/lingxi/notices/${notice.id}`);
    for (const row of DEMO_DIBAO_ROWS) {
      assert.ok(page.body.includes(maskName(row[0]!)), row[0]);
      assert.ok(page.body.includes(maskAddress(row[1]!)), row[1]);
    }
    const letters = await env.app.inject('/agencies/lingxi/letters');
    assert.match(letters.body, /建议在司城村增设公交站/);
    assert.doesNotMatch(letters.body, /那必村道路维修/);
    assert.ok(DEMO_LETTER_WRITERS.length >= 2);
  });
});
