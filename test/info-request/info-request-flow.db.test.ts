// 依申请公开 end to end through the routes, on both engines: online application (validation,
// honeypot, catalogue-first search), receipt and tracking by number + query code, staff
// confirmation, 补正 and its restart, reply 部分公开 with an attachment, letters as HTML and DOCX,
// object-level authorisation, and the privacy scan of every public response.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeDeadline } from '../../src/modules/info-request/rules/index.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { ADDRESS, application, assertNoPrivateData, ID_NUMBER, PHONE, postMultipart, STAFF_NOTE } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
});
after(() => env.close());

const publicBodies: [string, string][] = [];
async function publicGet(agent: Agent, url: string) {
  const res = await agent.get(url);
  publicBodies.push([url, res.body]);
  return res;
}

describe('online application and tracking', () => {
  let number = '';
  let code = '';
  let id = 0;
  let citizen: Agent;
  before(() => {
    citizen = new Agent(env.app);
  });

  test('the 专栏 links to the online form, which renders without JavaScript', async () => {
    const col = await publicGet(citizen, '/agencies/lingxi/apply');
    assert.match(col.body, /href="\/agencies\/lingxi\/apply\/online"/);
    const form = await publicGet(citizen, '/agencies/lingxi/apply/online');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="website"/, 'honeypot field');
    assert.match(form.body, /value="suggest"/, 'catalogue search is a plain submit button');
    assert.doesNotMatch(form.body, /<script/);
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['no name', { name: '' }, /请填写您的姓名/],
    ['bad ID checksum', { idDocumentNumber: ID_NUMBER.slice(0, 17) + (ID_NUMBER.endsWith('1') ? '2' : '1') }, /校验/],
    ['no contact', { phone: '', email: '', postalAddress: '' }, /至少填写一种联系方式/],
    ['no description', { informationName: '', featureDescription: '' }, /至少填写一项/],
    ['no delivery way', { deliveryWay: '' }, /请选择您希望怎样拿到信息/],
  ];
  for (const [name, over, message] of invalid) {
    test(`rejected with 422 and keeps input: ${name}`, async () => {
      await citizen.get('/agencies/lingxi/apply/online');
      const res = await citizen.post('/agencies/lingxi/apply/online', application(over));
      assert.equal(res.statusCode, 422);
      assert.match(res.body, message);
      assert.match(res.body, /value="416700"/);
      assert.doesNotMatch(
        /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? '',
        /条例/,
        'plain words: the legal basis is in the hints, not the errors',
      );
      for (const [, target] of res.body.matchAll(/<a href="#(f-[A-Za-z]+)">/g))
        assert.match(res.body, new RegExp(`id="${target}"`), `the summary link #${target} lands on a field`);
      const n = await env.database.db
        .selectFrom('infoRequests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
    });
  }

  test('a filled honeypot is refused and nothing is stored', async () => {
    await citizen.get('/agencies/lingxi/apply/online');
    const res = await citizen.post('/agencies/lingxi/apply/online', application({ website: 'http://spam.example' }));
    assert.equal(res.statusCode, 400);
    const n = await env.database.db.selectFrom('infoRequests').select('id').execute();
    assert.equal(n.length, 0);
  });

  test('“查找已公开信息” re-renders the form with the input kept', async () => {
    await citizen.get('/agencies/lingxi/apply/online');
    const res = await citizen.post('/agencies/lingxi/apply/online', application({ action: 'suggest' }));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /这些信息已主动公开|未找到与您的描述相符的已公开信息/);
    assert.match(res.body, /value="灵溪镇2025年道路维修项目预算"/);
  });

  test('「核对信息」 reads the form back and stores nothing; 返回修改 keeps the input', async () => {
    await citizen.get('/agencies/lingxi/apply/online');
    const review = await citizen.post('/agencies/lingxi/apply/online', application({ action: 'review' }));
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /<h1>核对信息<\/h1>/);
    assert.match(review.body, /value="submit"/);
    assert.match(review.body, /<dd>电子文件<\/dd>/);
    const edit = await citizen.post('/agencies/lingxi/apply/online', application({ action: 'edit' }));
    assert.equal(edit.statusCode, 200);
    assert.match(
      edit.body,
      /type="radio" name="requestedForm" value="electronic" id="f-requestedForm-electronic" checked/,
    );
    const bad = await citizen.post('/agencies/lingxi/apply/online', application({ action: 'review', postcode: '41' }));
    assert.equal(bad.statusCode, 422, 'an incomplete form does not reach the review');
    const n = await env.database.db.selectFrom('infoRequests').select('id').execute();
    assert.equal(n.length, 0);
  });

  test('submitting gives a number and a query code on the receipt, once', async () => {
    await citizen.get('/agencies/lingxi/apply/online');
    const res = await citizen.post('/agencies/lingxi/apply/online', application());
    assert.equal(res.statusCode, 303);
    const receipt = await publicGet(citizen, res.headers.location as string);
    assert.equal(receipt.statusCode, 200);
    const m =
      /<dd class="ir-code">(LINGXI-2025-\d{4})<\/dd>\s*<dt>查询码<\/dt>\s*<dd class="ir-code">([A-Z0-9]{8})<\/dd>/.exec(
        receipt.body,
      );
    assert.ok(m, 'number and query code on the receipt');
    number = m[1] as string;
    code = m[2] as string;
    const row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    id = row.id;
    assert.equal(row.state, 'submitted');
    assert.equal(row.idDocumentNumber, ID_NUMBER);
    assert.notEqual(row.queryCodeHash, code);
    const notes = await env.database.db
      .selectFrom('notifications')
      .select('subject')
      .where('relatedType', '=', 'infoRequest')
      .execute();
    assert.ok(notes.length >= 1, 'staff told of the new application');
  });

  test('tracking needs the right query code', async () => {
    const stranger = new Agent(env.app);
    const old = await stranger.get(`/apply/track?number=${number}`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `/track?number=${number}`);
    await stranger.get('/track');
    const wrong = await stranger.post('/track', { number, code: 'AAAAAAAA' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /编号或查询码不正确/);
    const direct = await stranger.get(`/apply/track/${number}`);
    assert.equal(direct.statusCode, 303);
    const ok = await stranger.post('/track', { number: number.toLowerCase(), code: code.toLowerCase() });
    assert.equal(ok.statusCode, 303);
    const page = await publicGet(stranger, ok.headers.location as string);
    assert.match(page.body, /已提交，待确认收到/);
  });

  test('a lost query code is re-issued to the e-mail on record only, through the outbox, once per 15 minutes', async () => {
    const someone = new Agent(env.app);
    const messages = () =>
      env.database.db
        .selectFrom('notifications')
        .select(['toAddress', 'body'])
        .where('subject', 'like', '%新查询码%')
        .execute();
    await someone.get('/apply/lost-code');
    const empty = await someone.post('/apply/lost-code', { number, channel: '', contact: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请选择把新查询码发到哪里/);
    const wrong = await someone.post('/apply/lost-code', { number, channel: 'email', contact: 'other@example.cn' });
    assert.equal(wrong.statusCode, 200);
    assert.match(wrong.body, /如果申请编号和联系方式与申请时登记的一致/);
    assert.equal((await messages()).length, 0, 'a contact not on record gets nothing');
    const right = await someone.post('/apply/lost-code', { number, channel: 'email', contact: 'QinXM@example.cn ' });
    const sent = await messages();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.toAddress, 'qinxm@example.cn');
    const newCode = /新查询码是：([A-Z2-9]{8})/.exec(sent[0]?.body ?? '')?.[1] as string;
    assert.ok(newCode && newCode !== code);
    assert.ok(!right.body.includes(newCode), 'the new code is never on the page');
    await someone.post('/apply/lost-code', { number, channel: 'email', contact: 'qinxm@example.cn' });
    assert.equal((await messages()).length, 1, 'one re-issue per 15 minutes');
    await someone.get('/track');
    assert.equal((await someone.post('/track', { number, code })).statusCode, 422, 'the old code stops working');
    assert.equal((await someone.post('/track', { number, code: newCode })).statusCode, 303);
    code = newCode;
  });

  test('staff of another town cannot open the case; the town clerk confirms, sends 补正, records the correction', async () => {
    const other = new Agent(env.app);
    await other.login('gp.clerk');
    assert.equal((await other.get(`/admin/info-requests/${id}`)).statusCode, 403);
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    assert.equal(
      (await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2025-06-02' })).statusCode,
      303,
    );
    let row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.receivedOn, '2025-06-02');
    assert.equal(row.dueOn, '2025-06-30'); // 20th working day after 06-02 (端午节 holiday itself)
    await clerk.post(`/admin/info-requests/${id}/notes`, { note: STAFF_NOTE });
    const bad = await clerk.post(`/admin/info-requests/${id}/correction`, {
      items: '',
      noticeSentOn: '2025-06-03',
      correctionDueOn: '2025-06-03',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请写明需要补正的事项/);
    const res = await clerk.post(`/admin/info-requests/${id}/correction`, {
      items: '请写明道路名称。',
      noticeSentOn: '2025-06-03',
      correctionDueOn: '2025-06-13',
    });
    assert.equal(res.statusCode, 303);
    row = await env.database.db.selectFrom('infoRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'awaitingCorrection');
    assert.equal(row.dueOn, null);

    const page = await publicGet(citizen, `/apply/track/${number}`);
    assert.match(page.body, /补正告知书/);

    env.clock.set('2025-06-10T02:00:00Z');
    await clerk.login('lx.clerk'); // eight days later: the old session has expired
    await clerk.get(`/admin/info-requests/${id}`);
    assert.equal(
      (
        await clerk.post(`/admin/info-requests/${id}/corrected`, {
          correctedReceivedOn: '2025-06-10',
          correctedText: '灵溪镇中华路维修',
        })
      ).statusCode,
      303,
    );
    row = await env.database.db.selectFrom('infoRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const expected = computeDeadline(await env.deps.calendar.get(), {
      receivedOn: '2025-06-10',
      settings: { pauseWhileFeePending: false },
    }).dueOn;
    assert.equal(row.dueOn, expected, '补正 restarts the 20 working days from the corrected application');
    const staffPage = await clerk.get(`/admin/info-requests/${id}`);
    assert.match(staffPage.body, /答复期限的计算/);
    assert.match(staffPage.body, /补正：答复期限自收到补正后的申请之日起重新计算/);
  });

  test('reply 部分公开 with an attachment; the applicant reads it, downloads the letter and the file', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    const missing = await postMultipart(
      env.app,
      clerk,
      `/admin/info-requests/${id}/reply`,
      { outcomeKey: '', legalBasis: '', text: '', repliedOn: '2025-06-10' },
      [],
    );
    assert.equal(missing.statusCode, 422);
    await clerk.get(`/admin/info-requests/${id}`);
    const pdf = Buffer.from('%PDF-1.4 test budget table');
    const res = await postMultipart(
      env.app,
      clerk,
      `/admin/info-requests/${id}/reply`,
      {
        outcomeKey: 'partlyDisclosed',
        legalBasis: '',
        text: '预算表予以公开，其中个人信息部分不予公开。',
        repliedOn: '2025-06-10',
      },
      [{ name: 'files', fileName: '中华路维修预算.pdf', content: pdf }],
    );
    assert.equal(res.statusCode, 303, /error-summary.*?<\/ul>/.exec(res.body)?.[0]);
    const row = await env.database.db
      .selectFrom('infoRequests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.outcomeKey, 'partlyDisclosed');
    assert.match(row.legalBasis, /第三十七条/);

    const page = await publicGet(citizen, `/apply/track/${number}`);
    assert.match(page.body, /部分公开/);
    const letter = /href="(\/apply\/track\/[^"]+\/letters\/(\d+))"/.exec(
      page.body.slice(page.body.lastIndexOf('答复告知书') - 400),
    );
    const replyLetter = await env.database.db
      .selectFrom('infoRequestLetters')
      .select('id')
      .where('infoRequestId', '=', id)
      .where('kind', '=', 'reply')
      .executeTakeFirstOrThrow();
    const html = await publicGet(citizen, `/apply/track/${number}/letters/${replyLetter.id}`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /行政复议/);
    assert.match(html.body, /60日/);
    assert.match(html.body, /6个月/);
    // Letters write dates as 2026年12月5日, never 2026-12-05.
    const article = html.body.slice(html.body.indexOf('<article'), html.body.indexOf('</article>'));
    assert.match(article, /class="ir-letter-sign">\d{4}年\d{1,2}月\d{1,2}日</);
    assert.doesNotMatch(article, /\d{4}-\d{2}-\d{2}/);
    const docx = await citizen.get(`/apply/track/${number}/letters/${replyLetter.id}/docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.ok(letter || replyLetter);
    const file = /href="(\/apply\/track\/[^"]+\/files\/\d+)"/.exec(page.body);
    assert.ok(file);
    const dl = await citizen.get(file[1] as string);
    assert.deepEqual(dl.rawPayload, pdf);
    const stranger = new Agent(env.app);
    assert.equal((await stranger.get(file[1] as string)).statusCode, 403);
  });

  test('public fee quote API', async () => {
    const cases: [string, number][] = [
      ['method=per-page&pages=250', 4700],
      ['method=per-page&pages=100', 700],
      ['method=per-page&pages=101', 720],
      ['method=per-page&pages=30', 0],
      ['method=per-item&monthlyCount=35', 3000],
      ['method=per-item&monthlyCount=10', 0],
      ['method=per-item&monthlyCount=11', 100],
    ];
    for (const [q, amount] of cases) {
      const res = await env.app.inject({ method: 'GET', url: `/api/v1/fees/quote?${q}` });
      assert.equal(res.statusCode, 200, q);
      const body = res.json() as { method: string; amount: number; bands: unknown[] };
      assert.equal(body.amount, amount, q);
      assert.ok(Array.isArray(body.bands));
      assert.equal(body.method, q.includes('per-page') ? 'per-page' : 'per-item');
      publicBodies.push([q, res.body]);
    }
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/fees/quote?method=per-page&pages=250' });
    assert.match(r.body, /"amount":4700/);
    for (const q of ['method=per-page&pages=-1', 'method=both&pages=3', 'method=per-item']) {
      assert.equal((await env.app.inject({ method: 'GET', url: `/api/v1/fees/quote?${q}` })).statusCode, 400, q);
    }
  });

  test('privacy: no public response contained the ID number, phone, address or a staff note', () => {
    assert.ok(publicBodies.length > 8);
    for (const [url, body] of publicBodies) assertNoPrivateData(url, body);
    assert.ok([ID_NUMBER, PHONE, ADDRESS].every((s) => s.length > 5));
  });
});
