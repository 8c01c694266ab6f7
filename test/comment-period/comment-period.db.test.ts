// 意见征集 / 重大决策预公开 (issue #17 point 4) through the admin and public routes, on both engines:
// a clerk drafts a consultation (a 重大行政决策 under 30 days needs the reason, 第十五条; what was
// typed is kept), attachments are checked by content, a signer publishes it; the public comments
// (configured required name, honeypot, accepted once, rate limited without losing the text,
// post/redirect/get); after the last day the form answers 409 and the page stays readable; staff of
// the agency tag each comment (another agency's clerk gets 403), the 反馈 waits for every verdict
// and shows its counts with masked names; the 工作台 lists it until then; the annual report's
// 总体情况 counts it with drill-down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { SignedInStaff, TOWN_STAFF } from '../support/signed-in.ts';
import type { TestEnv } from '../support/test-app.ts';
import { auditEvent } from '../support/audit.ts';
import { openReport, overviewRows } from '../support/report-overview.ts';

let env: TestEnv;
const staff = new SignedInStaff([...TOWN_STAFF, ['county.admin', 'yongshun', 'admin']]);
const RATE = 3;

before(async () => {
  // Monday 2025-06-02.
  env = await staff.start({ now: '2025-06-02T02:00:00Z', config: { publicFormRateLimit: RATE } });
});
after(() => env.close());

const { as, at } = staff;
const db = () => env.database.db;
const lingxi = () => env.county.agencyIds.lingxi as number;
const period = (id: number) =>
  db().selectFrom('commentPeriods').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const comments = (id: number) =>
  db().selectFrom('publicComments').selectAll().where('commentPeriodId', '=', id).orderBy('id').execute();

const FORM = {
  title: '关于《灵溪镇集镇农贸市场管理办法（征求意见稿）》公开征求意见的公告',
  draftText: '第一条 为规范农贸市场管理，制定本办法。\n第二条 本办法自发布之日起施行。',
  explanation: '集镇农贸市场秩序需要规范，镇人民政府起草了本办法。',
  majorDecision: 'yes',
  opensOn: '2025-06-03',
  closesOn: '2025-06-23',
  shortenedReason: '',
  postAddress: '灵溪镇人民政府党政综合办公室',
  email: 'lingxi@example.gov.cn',
  nameRule: 'required',
  phoneRule: 'optional',
};

async function queueCount(user: string): Promise<number | undefined> {
  const html = (await as(user).get('/admin')).body;
  const m = /data-queue="commentPeriod\.feedbackDue">.*?<span class="wb-count">(\d+)<\/span>/s.exec(html);
  if (m) return Number(m[1]);
  return /<p class="wb-empty">[^]*?待发布意见采纳情况反馈的意见征集/.test(html) ? 0 : undefined;
}

describe('意见征集 from draft to 反馈', () => {
  let id = 0;
  const page = () => `/agencies/lingxi/comment-periods/${id}`;

  test('a 重大行政决策 of 20 days needs the reason (第十五条), the form keeps what was typed', async () => {
    await as('lx.clerk').get('/admin/comment-periods/new');
    const res = await as('lx.clerk').post('/admin/comment-periods', { agencyId: String(lingxi()), ...FORM });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /一般不少于 30 日（现为 20 日，《重大行政决策程序暂行条例》第十五条）/);
    assert.ok(res.body.includes('集镇农贸市场管理办法（征求意见稿）'));
    const other = await as('gp.clerk').post('/admin/comment-periods', { agencyId: String(lingxi()), ...FORM });
    assert.equal(other.statusCode, 403);
    const ok = await as('lx.clerk').post('/admin/comment-periods', {
      agencyId: String(lingxi()),
      ...FORM,
      closesOn: '2025-07-03',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    id = Number(/\/admin\/comment-periods\/(\d+)/.exec(String(ok.headers.location))?.[1]);
    assert.equal((await period(id)).majorDecision, 1);
    // A draft: not public, and not another agency's clerk's.
    assert.equal((await env.app.inject({ method: 'GET', url: page() })).statusCode, 404);
    assert.equal((await as('gp.clerk').get(`/admin/comment-periods/${id}`)).statusCode, 403);
  });

  test('attachments are checked by content; a clerk cannot publish, the signer can', async () => {
    const c = as('lx.clerk');
    await c.get(`/admin/comment-periods/${id}`);
    const bad = await c.postMultipart(
      `/admin/comment-periods/${id}/files`,
      { title: '' },
      {
        file: [{ name: '办法.pdf', data: Buffer.from('MZ not a pdf at all') }],
      },
    );
    assert.equal(bad.statusCode, 422);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const good = await c.postMultipart(
      `/admin/comment-periods/${id}/files`,
      { title: '征求意见稿全文' },
      {
        file: [{ name: '办法.pdf', data: pdf }],
      },
    );
    assert.equal(good.statusCode, 303, good.body.slice(0, 400));
    assert.equal((await c.post(`/admin/comment-periods/${id}/publish`, {})).statusCode, 403);
    const s = as('lx.signer');
    await s.get(`/admin/comment-periods/${id}`);
    assert.equal((await s.post(`/admin/comment-periods/${id}/publish`, {})).statusCode, 303);
    assert.ok((await period(id)).publishedAt);
    // Published: the draft and its files no longer change.
    assert.equal((await s.post(`/admin/comment-periods/${id}/publish`, {})).statusCode, 409);
    const list = await env.app.inject({ method: 'GET', url: '/agencies/lingxi/comment-periods' });
    assert.match(list.body, /尚未开始/);
  });

  test('the public comments: required name, honeypot, post/redirect/get once, rate limit keeps the text', async () => {
    await at('2025-06-10T02:00:00Z');
    const citizen = new Agent(env.app, { ip: '10.1.2.3' });
    const shown = await citizen.get(page());
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /正在征集/, shown.body.slice(0, 3000));
    assert.match(shown.body, /征求意见稿全文/);
    const noName = await citizen.post(`${page()}/comments`, {
      body: '建议第一条增加“保障食品安全”。',
      commenterName: '',
    });
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /请填写姓名/);
    assert.ok(noName.body.includes('建议第一条增加“保障食品安全”。'));
    const bot = await citizen.post(`${page()}/comments`, {
      body: '广告内容广告内容',
      commenterName: '机器人',
      website: 'x',
    });
    assert.equal(bot.statusCode, 400);
    await citizen.get(page());
    const token = citizen.once;
    assert.ok(token);
    const sent = {
      body: '建议第一条增加“保障食品安全”。我的电话13907431234。',
      commenterName: '张三丰',
      commenterPhone: '13907431234',
      publishConsent: 'yes',
    };
    const ok = await citizen.post(`${page()}/comments`, sent);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${page()}/thanks`);
    const thanks = (await citizen.follow(ok)).body;
    assert.match(thanks, /意见已收到/);
    // The title quotes the draft's: single marks inside (GB/T 15834), not 《关于《…》…》.
    assert.ok(
      thanks.includes('感谢您对《关于〈灵溪镇集镇农贸市场管理办法（征求意见稿）〉公开征求意见的公告》提出意见'),
    );
    // The 反馈 is published on the consultation's page, which the thanks links to, not on the thanks page.
    assert.match(thanks, /我们将在征集页面公布意见采纳情况/);
    // The same form sent again (a refresh of the POST): the same answer, nothing new stored.
    const again = await citizen.post(`${page()}/comments`, { ...sent, _once: token });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `${page()}/thanks`);
    assert.equal((await comments(id)).length, 1);
    for (const [n, name] of [
      ['2', '李四'],
      ['3', ''],
    ]) {
      await citizen.get(page());
      const r = await citizen.post(`${page()}/comments`, {
        body: `第${n}条意见：建议延长营业时间。`,
        commenterName: name || '王五',
      });
      assert.equal(r.statusCode, 303);
    }
    await citizen.get(page());
    const limited = await citizen.post(`${page()}/comments`, {
      body: '第四条意见，超过频率限制。',
      commenterName: '赵六',
    });
    assert.equal(limited.statusCode, 429);
    assert.ok(limited.headers['retry-after']);
    assert.ok(limited.body.includes('第四条意见，超过频率限制。'));
    assert.equal((await comments(id)).length, RATE);
  });

  test('after the last day the form answers 409 with the text kept; the page stays readable', async () => {
    const citizen = new Agent(env.app, { ip: '10.9.9.9' });
    await citizen.get(page());
    await at('2025-07-04T02:00:00Z');
    const late = await citizen.post(`${page()}/comments`, {
      body: '迟到的意见：建议增加停车位。',
      commenterName: '钱七',
    });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /本次意见征集已于 2025-07-03 结束，不再接收意见/);
    assert.ok(late.body.includes('迟到的意见：建议增加停车位。'));
    const read = await env.app.inject({ method: 'GET', url: page() });
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /征集已结束/);
    assert.ok(!read.body.includes('name="body"'));
    assert.equal((await comments(id)).length, RATE);
  });

  test('tagging by the agency only; the 反馈 waits for every verdict, then shows counts and masked names', async () => {
    const [first, second, third] = await comments(id);
    assert.ok(first && second && third);
    assert.equal(await queueCount('lx.clerk'), 1);
    const gp = as('gp.clerk');
    await gp.get('/admin/comment-periods');
    const foreign = await gp.post(`/admin/comment-periods/${id}/comments/${first.id}/verdict`, {
      verdict: 'adopted',
      verdictReason: '',
    });
    assert.equal(foreign.statusCode, 403);
    const c = as('lx.clerk');
    await c.get(`/admin/comment-periods/${id}`);
    const noReason = await c.post(`/admin/comment-periods/${id}/comments/${second.id}/verdict`, {
      verdict: 'notAdopted',
      verdictReason: '',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /未采纳的意见须说明理由/);
    const tag = (cid: number, verdict: string, verdictReason: string) =>
      c.post(`/admin/comment-periods/${id}/comments/${cid}/verdict`, { verdict, verdictReason });
    assert.equal((await tag(first.id, 'adopted', '已在第一条中增加。')).statusCode, 303);
    assert.equal((await tag(second.id, 'notAdopted', '营业时间由市场自主确定。')).statusCode, 303);
    const s = as('lx.signer');
    await s.get(`/admin/comment-periods/${id}`);
    const early = await s.post(`/admin/comment-periods/${id}/feedback`, { feedbackText: '' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /还有 1 条意见未标注采纳情况/);
    assert.equal((await tag(third.id, 'partlyAdopted', '工作日延长一小时。')).statusCode, 303);
    assert.equal((await c.post(`/admin/comment-periods/${id}/feedback`, { feedbackText: '' })).statusCode, 403);
    await s.get(`/admin/comment-periods/${id}`);
    const done = await s.post(`/admin/comment-periods/${id}/feedback`, { feedbackText: '办法已据此修改。' });
    assert.equal(done.statusCode, 303);
    assert.equal(await queueCount('lx.clerk'), 0);
    assert.equal((await tag(first.id, 'notAdopted', '改变主意')).statusCode, 409);
    const pub = (await env.app.inject({ method: 'GET', url: page() })).body;
    assert.match(pub, /意见采纳情况反馈/);
    assert.ok(pub.includes('征集期内共收到意见 3 条，其中采纳 1 条、部分采纳 1 条、未采纳 1 条。'));
    assert.ok(pub.includes('张**'));
    assert.ok(!pub.includes('张三丰'));
    assert.ok(!pub.includes('13907431234'));
    assert.ok(pub.includes('营业时间由市场自主确定。'));
    // The second and third comments had no consent: their text stays off the page.
    assert.ok(!pub.includes('建议延长营业时间'));
  });

  test('the annual report counts consultations and comments in 总体情况, each a drill-down', async () => {
    await at('2026-01-15T02:00:00Z');
    const a = as('lx.clerk');
    const { url, body } = await openReport(a, lingxi());
    assert.ok(
      body.includes(
        '开展意见征集1次（其中重大行政决策1次），收到意见3条，采纳1条、部分采纳1条、未采纳1条，发布意见采纳情况反馈1次。',
      ),
      /<textarea id="f-overview"[^]*?<\/textarea>/.exec(body)?.[0],
    );
    const row = overviewRows(body, '意见征集');
    assert.equal(row('开展意见征集（次）')?.[2], '1');
    assert.equal(row('其中重大行政决策（次）')?.[2], '1');
    assert.equal(row('收到意见（条）')?.[2], '3');
    assert.equal(row('采纳（条）')?.[2], '1');
    assert.equal(row('发布意见采纳情况反馈（次）')?.[2], '1');
    const drill = await a.get((row('未采纳（条）')?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.match(drill.body, /共 1 条记录/);
    assert.ok(drill.body.includes(`/admin/comment-periods/${id}#comment-`));
    assert.equal((await a.get(`${url}/cell?cell=overview.commentPeriods.maybe`)).statusCode, 404);
  });

  test('the county sets the minimum period of a 重大行政决策: 30–180 days, audited, said saved', async () => {
    const path = '/admin/comment-periods/settings';
    assert.equal((await as('lx.clerk').get(path)).statusCode, 403);
    const a = as('county.admin');
    assert.match((await a.get(path)).body, /value="30"/);
    const bad = await a.post(path, { days: '20' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /应为 30 到 180 之间的整数（日）/);
    assert.match(bad.body, /value="20"/);
    const ok = await a.post(path, { days: '45' });
    assert.equal(ok.statusCode, 303);
    const saved = await a.follow(ok);
    assert.match(saved.body, /已保存/);
    assert.match(saved.body, /value="45"/);
    const ev = await auditEvent(env, { action: 'commentPeriod.minimumDaysChanged' });
    assert.match(ev.summary, /"before":\{"days":30\}/);
    assert.match(ev.summary, /"after":\{"days":45\}/);
  });
});

test('the same 新建意见征集 form sent twice at once (a double click, two tabs) makes one', async () => {
  const form = await as('lx.clerk').get('/admin/comment-periods/new');
  const once = /name="_once" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(once, 'the form carries its one-time token');
  const fields = {
    agencyId: String(lingxi()),
    ...FORM,
    majorDecision: '',
    title: '同一张表单的意见征集',
    closesOn: '2025-07-03',
    _once: once,
  };
  const [a, b] = await Promise.all([
    as('lx.clerk').post('/admin/comment-periods', fields),
    as('lx.clerk').post('/admin/comment-periods', fields),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode], [303, 303], /error-summary[\s\S]{0,400}/.exec(a.body)?.[0]);
  assert.equal(a.headers.location, b.headers.location);
  const made = await db()
    .selectFrom('commentPeriods')
    .select('id')
    .where('title', '=', '同一张表单的意见征集')
    .execute();
  assert.equal(made.length, 1);
});
