// The console's forms that create a record carry the one-time token (createOnce): the same form
// sent twice — one after the other (a refresh of the POST) and two at once (a double click, two
// tabs) — makes one record and answers every copy with a 303 to it, on both engines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { SignedInStaff, TOWN_STAFF } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
const staff = new SignedInStaff([...TOWN_STAFF, ['county.admin', 'yongshun', 'admin']]);

before(async () => {
  env = await staff.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as } = staff;
const db = () => env.database.db;
const lingxi = () => String(env.county.agencyIds.lingxi);

/**
 * Opens `form` as `user`, sends it (the page's `nth` form with a token) twice at once and then once
 * more with the same token; every answer is a 303 to the same place and `count()` finds one record.
 */
async function sentThrice(
  user: string,
  form: string,
  action: string,
  fields: Record<string, string>,
  count: () => Promise<number>,
  nth = 0,
) {
  const agent = as(user);
  const page = await agent.get(form);
  assert.equal(page.statusCode, 200);
  const once = [...page.body.matchAll(/name="_once" value="([^"]+)"/g)][nth]?.[1];
  assert.ok(once, `${form} carries its one-time token`);
  const sent = { ...fields, _once: once };
  const [a, b] = await Promise.all([agent.post(action, sent), agent.post(action, sent)]);
  const c = await agent.post(action, sent);
  assert.deepEqual(
    [a.statusCode, b.statusCode, c.statusCode],
    [303, 303, 303],
    /error-summary[\s\S]{0,400}/.exec(a.body)?.[0],
  );
  assert.equal(a.headers.location, b.headers.location);
  assert.equal(a.headers.location, c.headers.location);
  assert.equal(await count(), 1);
}

const countOf = async (q: { execute(): Promise<unknown[]> }) => (await q.execute()).length;

test('新建会议', async () => {
  const title = '同一张表单的镇长办公会议';
  await sentThrice(
    'lx.clerk',
    '/admin/meetings/new',
    '/admin/meetings',
    {
      agencyId: lingxi(),
      kind: 'executive',
      title,
      meetingOn: '2025-06-12',
      startsAt: '09:30',
      place: '镇政府二楼会议室',
      topics: '研究防汛工作',
      openToPublic: '',
      capacity: '',
      signupOpensOn: '',
      signupClosesOn: '',
    },
    () => countOf(db().selectFrom('meetings').select('id').where('title', '=', title)),
  );
});

test('新增事项 and 新增窗口 of the service hall', async () => {
  const name = '同一张表单的事项';
  await sentThrice(
    'county.admin',
    `/admin/service-hall/items/new?agencyId=${lingxi()}`,
    `/admin/service-hall/items?agencyId=${lingxi()}`,
    {
      name,
      kind: 'licence',
      windowId: '',
      legalBasis: '《中华人民共和国行政许可法》',
      conditions: '符合条件的申请人',
      materials: '申请书',
      statutoryDays: '20',
      promisedDays: '10',
      fees: '不收费',
      deemedApproval: '0',
      deemedApprovalBasis: '',
      active: '1',
    },
    () => countOf(db().selectFrom('serviceItems').select('id').where('name', '=', name)),
  );
  const windowName = '同一张表单的窗口';
  await sentThrice(
    'county.admin',
    `/admin/service-hall/items?agencyId=${lingxi()}`,
    `/admin/service-hall/windows?agencyId=${lingxi()}`,
    { windowName, windowLocation: '便民服务中心一楼' },
    () => countOf(db().selectFrom('serviceWindows').select('id').where('name', '=', windowName)),
  );
});

test('登记评议, 登记检查 and 登记责任追究', async () => {
  const evaluator = '同一张表单的评议组';
  await sentThrice(
    'lx.signer',
    '/admin/supervision/evaluations',
    '/admin/supervision/evaluations',
    { heldOn: '2025-05-20', evaluatorKind: 'cppcc', evaluator, score: '90', remarks: '' },
    () => countOf(db().selectFrom('evaluations').select('id').where('evaluator', '=', evaluator)),
  );
  const scope = '同一张表单的检查范围';
  await sentThrice(
    'lx.signer',
    '/admin/supervision/inspections',
    '/admin/supervision/inspections',
    { scope, inspectedOn: '2025-05-10', findings: '公开栏信息陈旧', requiredFixes: '', fixDeadline: '', bulletin: '' },
    () => countOf(db().selectFrom('inspections').select('id').where('scope', '=', scope)),
  );
  const person = '同一张表单的责任人';
  await sentThrice(
    'lx.signer',
    '/admin/supervision/accountability',
    '/admin/supervision/accountability',
    { person, failure: '逾期答复', measure: '批评教育', decidedOn: '2025-05-30', complaintId: '', inspectionId: '' },
    () => countOf(db().selectFrom('accountabilityRecords').select('id').where('person', '=', person)),
  );
});

test('登记工作人员 and 登记培训 (two forms on one page, each with its own token)', async () => {
  const name = '同一张表单的专干';
  await sentThrice(
    'county.admin',
    '/admin/staff',
    '/admin/staff',
    { name, employment: 'fullTime', role: '政务公开专干', since: '2024-01-01' },
    () => countOf(db().selectFrom('staffMembers').select('id').where('name', '=', name)),
  );
  const title = '同一张表单的培训';
  await sentThrice(
    'county.admin',
    '/admin/staff',
    '/admin/staff/trainings',
    { heldOn: '2025-04-10', title, hours: '3', participants: '2' },
    () => countOf(db().selectFrom('staffTrainings').select('id').where('title', '=', title)),
    1,
  );
});

test('新建机构', async () => {
  const name = '永顺县同表镇人民政府';
  await sentThrice(
    'county.admin',
    `/admin/agencies/new?parent=${env.county.agencyIds.yongshun}`,
    '/admin/agencies',
    {
      parentId: String(env.county.agencyIds.yongshun),
      name,
      shortName: '同表镇',
      kind: 'town',
      creditCode: makeCreditCode('11433127MB0099001'),
      slug: 'tongbiao',
      officeName: '同表镇党政综合办公室',
      officeAddress: '永顺县同表镇1号',
      officePostcode: '416700',
      officePhone: '0743-5221000',
      officeFax: '',
      officeEmail: 'tongbiao@example.gov.cn',
      officeHours: '工作日 上午8:00—12:00',
      indexPattern: '',
      guideText: '',
      sortOrder: '0',
    },
    () => countOf(db().selectFrom('agencies').select('id').where('name', '=', name)),
  );
});

test('新建账号: the page with the one-time password once, the same form again goes to the account', async () => {
  const agent = as('county.admin');
  await agent.get('/admin/users/new');
  const fields = {
    agencyId: lingxi(),
    username: 'lx.twice',
    displayName: '同表单',
    email: '',
    roles: 'clerk',
    _once: agent.once,
  };
  assert.ok(fields._once, 'the form carries its one-time token');
  const answers = await Promise.all([agent.post('/admin/users', fields), agent.post('/admin/users', fields)]);
  answers.push(await agent.post('/admin/users', fields));
  const made = await db().selectFrom('users').select('id').where('username', '=', 'lx.twice').execute();
  assert.equal(made.length, 1);
  const statuses = answers.map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [201, 303, 303]);
  for (const r of answers.filter((x) => x.statusCode === 303))
    assert.equal(r.headers.location, `/admin/users/${made[0]?.id}`);
});

test('新增分类', async () => {
  const parent = await db()
    .selectFrom('categories')
    .select('id')
    .where('agencyId', '=', Number(lingxi()))
    .where('name', '=', '第二十一条规定的内容')
    .executeTakeFirstOrThrow();
  const name = '同一张表单的分类';
  await sentThrice(
    'lx.signer',
    `/admin/categories?agency=${lingxi()}`,
    '/admin/categories',
    { agencyId: lingxi(), parentId: String(parent.id), name, description: '' },
    () => countOf(db().selectFrom('categories').select('id').where('name', '=', name)),
  );
});
