// 公示 and 留言选登 on the personal-data guard's detectors (issue #18 point 3, last sentence), on both
// engines. A 公示 with an ID number in a free-text (其他) column, or a name with a mobile number in
// its body, or a passport number in its title, is refused with a Chinese message naming the place,
// the form keeping what was typed; one whose body gives only the agency's own office phone is
// published. A stored draft with personal data in its body cannot be published. A letter whose body
// names a neighbour with a mobile number: the staff page says what 留言选登 will mask (masked), the
// public list shows 139****0011 and never the number, and the decision's audit event lists it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { residentIdCheckCharacter } from '../../src/platform/privacy/detectors.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const ID = '43312719860523402' + residentIdCheckCharacter('43312719860523402');
const NEIGHBOUR_PHONE = '13974310011';

before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
});
after(() => env.close());

const NOTICE = {
  title: '灵溪镇2025年临时救助对象公示',
  body: '现将临时救助对象予以公示。',
  columns: '户主姓名|姓名\n救助事由|其他\n金额（元）|其他',
  rows: '欧阳娜娜\t因病\t800\n张三\t火灾\t1500',
  startDate: '2025-06-02',
  periodDays: '5',
  periodUnit: 'working',
  objectionContact: '镇民政办',
};

async function reviewer(): Promise<Agent> {
  const a = new Agent(env.app);
  await a.login('lx.reviewer');
  await a.get('/admin/notices/new');
  return a;
}

describe('公示 through the guard', () => {
  test('an ID number in a free-text column: refused naming the cell, the form keeps the table', async () => {
    const a = await reviewer();
    const rows = `欧阳娜娜\t因病，身份证${ID}\t800`;
    const res = await a.post('/admin/notices', { ...NOTICE, rows });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /第 1 行第 2 列“救助事由”（身份证号码）/);
    assert.match(res.body, /请把这些列的类型设为/);
    assert.ok(res.body.includes(ID), 'the form keeps what was typed');
    const stored = await env.database.db.selectFrom('notices').select('id').execute();
    assert.equal(stored.length, 0);
  });

  test('a name with a mobile number in the body, a passport in the title: refused on each field', async () => {
    const a = await reviewer();
    const res = await a.post('/admin/notices', {
      ...NOTICE,
      title: '护照E12345678持有人救助公示',
      body: `联系人：王建华 ${NEIGHBOUR_PHONE}。`,
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /正文（姓名、手机号码）含有个人信息，公开后会泄露/);
    assert.match(res.body, /标题（护照或通行证号码）含有个人信息/);
    assert.match(res.body, /value="护照E12345678持有人救助公示"/);
  });

  test('the agency’s own office phone in the body is no finding: saved and published', async () => {
    const a = await reviewer();
    const office = await env.database.db
      .selectFrom('agencies')
      .select('officePhone')
      .where('slug', '=', 'lingxi')
      .executeTakeFirstOrThrow();
    assert.ok(office.officePhone, 'the demo town has an office phone');
    const res = await a.post('/admin/notices', { ...NOTICE, body: `如有异议，请致电 ${office.officePhone}。` });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const id = Number(/\/admin\/notices\/(\d+)/.exec(String(res.headers.location))?.[1]);
    await a.get(`/admin/notices/${id}`);
    assert.equal((await a.post(`/admin/notices/${id}/publish`, {})).statusCode, 303);
  });

  test('a stored draft with personal data in its body cannot be published; the message says where', async () => {
    const now = env.clock.now().toISOString();
    const { id } = await env.database.db
      .insertInto('notices')
      .values({
        agencyId: env.county.agencyIds.lingxi!,
        title: '旧草稿公示',
        body: `申请人李明，身份证号码${ID}。`,
        tableColumns: '[]',
        tableRows: '[]',
        periodUnit: 'working',
        periodDays: 5,
        startDate: '2025-06-02',
        endDate: '2025-06-09',
        objectionContact: '镇民政办',
        state: 'draft',
        publishedAt: null,
        endedAt: null,
        publishedFrom: null,
        publishedUntil: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await reviewer();
    await a.get(`/admin/notices/${id}`);
    const res = await a.post(`/admin/notices/${id}/publish`, {});
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /不能发布：正文（姓名、身份证号码）含有个人信息/);
    const row = await env.database.db
      .selectFrom('notices')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'draft');
  });
});

describe('留言选登 through the guard', () => {
  test('a mobile number in a letter’s body: staff are told it will be masked; the public reads 139****0011', async () => {
    const citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/mailbox');
    const posted = await citizen.post('/agencies/lingxi/mailbox', {
      topic: '邻居占用村道堆放建材',
      body: `邻居王建华（电话 ${NEIGHBOUR_PHONE}）在村道上堆放建材一个多月，影响通行。`,
      writerName: '龙美玲',
      writerPhone: '13812345678',
      writerEmail: '',
      writerAddress: '',
      publishConsent: 'yes',
    });
    assert.equal(posted.statusCode, 303, posted.body.slice(0, 800));
    const row = await env.database.db
      .selectFrom('interactionCases')
      .select('id')
      .where('topic', '=', '邻居占用村道堆放建材')
      .executeTakeFirstOrThrow();
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/interaction/${row.id}`);
    const replied = await clerk.post(`/admin/interaction/${row.id}/reply`, {
      replyText: '已联系村委会督促清理，咨询电话 0743-5230501。',
    });
    assert.equal(replied.statusCode, 303, replied.body.slice(0, 800));
    const page = await clerk.get(`/admin/interaction/${row.id}`);
    assert.match(page.body, /在留言选登公开时，以下个人信息将自动遮盖/);
    assert.match(page.body, /来信内容：手机号码 139\*\*\*\*0011/);
    assert.ok(!page.body.includes('答复：'), 'the office landline in the reply is kept');
    const decided = await clerk.post(`/admin/interaction/${row.id}/publication`, { publish: 'yes' });
    assert.equal(decided.statusCode, 303);

    const list = await env.app.inject('/agencies/lingxi/letters');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /邻居占用村道堆放建材/);
    assert.match(list.body, /电话 139\*\*\*\*0011/);
    assert.ok(!list.body.includes(NEIGHBOUR_PHONE));
    assert.match(list.body, /0743-5230501/);
    const event = await env.database.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('action', '=', 'letter.published')
      .where('entityId', '=', String(row.id))
      .executeTakeFirstOrThrow();
    assert.match(event.summary, /139\*\*\*\*0011/);
    assert.ok(!event.summary.includes(NEIGHBOUR_PHONE));
  });
});
