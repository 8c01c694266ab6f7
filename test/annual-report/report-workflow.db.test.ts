// The annual report workflow through the admin console and the portal: a clerk of 灵溪镇 opens
// the 2025 report, edits the narrative, runs the check and submits; the county admin returns it
// with a comment, then approves and publishes; the report appears in the 年报 column. Errors of
// the consistency check block submitting unless an admin gives a reason (audited).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { insertApplication } from './fixtures.ts';
import { auditEvents } from '../support/audit.ts';
import { makeReport } from '../support/factories.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
  await env.user('lx.admin', 'lingxi', ['admin']);
  await env.user('county.admin', 'yongshun', ['admin']);
  await insertApplication(env.database.db, {
    agencyId: env.county.agencyIds.lingxi ?? 0,
    applicantKind: 'naturalPerson',
    receivedOn: '2025-03-01',
    concludedOn: '2025-03-20',
    outcome: 'disclosed',
  });
});
after(() => env.close());

const NARRATIVES = {
  overview: '2025年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息，依法办理政府信息公开申请。',
  problems: '存在的主要问题是公开内容不够全面。下一步将加强培训，提高公开质量。',
  other: '本年度无其他需要报告的事项。',
};

async function openReport(a: Agent): Promise<string> {
  await a.get('/admin/annual-reports?year=2025');
  const res = await a.post('/admin/annual-reports', { agencyId: String(env.county.agencyIds.lingxi), year: '2025' });
  assert.equal(res.statusCode, 303);
  return String(res.headers.location);
}

describe('annual report workflow', () => {
  test('a clerk of 灵溪镇 cannot open 高坪乡 reports; 高坪乡 cannot see 灵溪镇', async () => {
    const a = new Agent(env.app);
    await a.login('gp.clerk');
    await a.get('/admin/annual-reports');
    const res = await a.post('/admin/annual-reports', { agencyId: String(env.county.agencyIds.lingxi), year: '2025' });
    assert.equal(res.statusCode, 403);
  });

  test('draft → check → submit → returned with comment → resubmit → approved and published → 年报 column', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const url = await openReport(clerk);
    let page = await clerk.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /三、收到和处理政府信息公开申请情况/);
    assert.match(page.body, /本报告由永顺县灵溪镇人民政府根据/);
    assert.match(
      page.body,
      /<a href="\/admin\/annual-reports\/\d+\/cell\?cell=table3\.newlyReceived\.naturalPerson">1<\/a>/,
    );

    // Empty narratives: the check finds errors and the clerk cannot submit (no override right).
    let res = await clerk.post(`${url}/submit`, {});
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /一致性检查发现 \d+ 个错误/);

    // A narrative that names another town is caught too.
    res = await clerk.post(`${url}/narratives`, { ...NARRATIVES, other: '高坪乡协助完成了本年度工作。' });
    assert.equal(res.statusCode, 303);
    await clerk.get(url);
    res = await clerk.post(`${url}/check`, {});
    assert.equal(res.statusCode, 303);
    page = await clerk.get(url);
    assert.match(page.body, /foreign-agency-name/);

    res = await clerk.post(`${url}/narratives`, NARRATIVES);
    assert.equal(res.statusCode, 303);
    // Bad staff figure: 422, the typed value kept.
    await clerk.get(url);
    res = await clerk.post(`${url}/figures`, {
      'v:table2.administrativeLicensing.decisions': '-3',
      'n:table2.administrativeLicensing.decisions': '台账',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /应为不小于 0 的整数/);
    assert.match(res.body, /value="-3"/);
    res = await clerk.post(`${url}/figures`, {
      'v:table2.administrativeLicensing.decisions': '12',
      'n:table2.administrativeLicensing.decisions': '镇便民服务中心许可台账',
    });
    assert.equal(res.statusCode, 303);

    await clerk.get(url);
    res = await clerk.post(`${url}/submit`, {});
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    page = await clerk.get(url);
    assert.match(page.body, /已报送待审核/);
    // Submitted: no more edits.
    res = await clerk.post(`${url}/narratives`, NARRATIVES);
    assert.equal(res.statusCode, 422);

    // The town's own admin cannot review its own report: that is the county's job.
    const townAdmin = new Agent(env.app);
    await townAdmin.login('lx.admin');
    await townAdmin.get(url);
    res = await townAdmin.post(`${url}/review`, { decision: 'approve', comment: '' });
    assert.equal(res.statusCode, 403);

    const county = new Agent(env.app);
    await county.login('county.admin');
    const list = await county.get('/admin/annual-reports?year=2025');
    assert.match(list.body, /永顺县灵溪镇人民政府<\/th><td>已报送待审核<\/td><td>0 个错误/);
    await county.get(url);
    res = await county.post(`${url}/review`, { decision: 'return', comment: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /退回时请填写修改意见/);
    res = await county.post(`${url}/review`, { decision: 'return', comment: '请补充政务新媒体公开情况。' });
    assert.equal(res.statusCode, 303);

    page = await clerk.get(url);
    assert.match(page.body, /已退回修改/);
    assert.match(page.body, /请补充政务新媒体公开情况。/);
    // Written at 02:00 UTC, shown in Beijing time as every other time of the console.
    assert.match(page.body, /2026-01-15 10:00 [^<]*（[^）]*）：/);
    res = await clerk.post(`${url}/narratives`, {
      ...NARRATIVES,
      overview: `${NARRATIVES.overview}\n通过政务新媒体发布信息56条。`,
    });
    assert.equal(res.statusCode, 303);
    await clerk.get(url);
    res = await clerk.post(`${url}/submit`, {});
    assert.equal(res.statusCode, 303);

    // Not yet published: the public page is 404.
    assert.equal((await new Agent(env.app).get('/agencies/lingxi/reports/2025')).statusCode, 404);

    await county.get(url);
    res = await county.post(`${url}/review`, { decision: 'approve', comment: '同意发布。', publishNow: '1' });
    assert.equal(res.statusCode, 303);
    page = await county.get(url);
    assert.match(page.body, /已发布/);

    const pub = new Agent(env.app);
    const column = await pub.get('/agencies/lingxi/reports');
    // Published as a publication in the 年报 category, with an index number.
    const published = await env.database.db
      .selectFrom('annualReports')
      .innerJoin('publications', 'publications.id', 'annualReports.publicationId')
      .select(['publications.indexNumber', 'publications.state', 'publications.title'])
      .where('annualReports.year', '=', 2025)
      .where('annualReports.agencyId', '=', env.county.agencyIds.lingxi ?? 0)
      .executeTakeFirst();
    assert.ok(published?.indexNumber);
    assert.equal(published.state, 'published');
    assert.equal(published.title, '永顺县灵溪镇人民政府2025年政府信息公开工作年度报告');
    assert.ok(column.body.includes(`索引号：${published.indexNumber}`));
    assert.match(
      column.body,
      /<a href="\/agencies\/lingxi\/reports\/2025">永顺县灵溪镇人民政府2025年政府信息公开工作年度报告<\/a>/,
    );
    const report = await pub.get('/agencies/lingxi/reports/2025');
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /通过政务新媒体发布信息56条。/);
    assert.match(report.body, /role="img" aria-label="主要数据历年对比（数据见下表）"><div aria-hidden="true"><svg /);
    assert.match(
      report.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
      /年度 本年新收申请 本年办结申请 制发行政规范性文件 2025年 1 1 0/,
    );
    assert.doesNotMatch(report.body, /请补充政务新媒体公开情况/);
    assert.doesNotMatch(report.body, /cell\?cell=/);
    const json = await pub.get('/api/v1/agencies/lingxi/annual-reports/2025');
    const body = JSON.parse(json.body) as {
      schema: string;
      table3: { row: string; values: Record<string, number> }[];
      table2: { row: string; values: Record<string, number> }[];
    };
    assert.equal(body.schema, 'gongkai.annualReport/1');
    const openapi = JSON.parse((await pub.get('/api/openapi.json')).body) as { paths: Record<string, unknown> };
    assert.ok(
      openapi.paths['/api/v1/agencies/{slug}/annual-reports/{year}'],
      'the report JSON is documented in the OpenAPI',
    );
    assert.equal(body.table3.find((r) => r.row === 'newlyReceived')?.values.naturalPerson, 1);
    assert.equal(body.table2.find((r) => r.row === 'administrativeLicensing')?.values.decisions, 12);

    // Frozen: a later application does not change the published report.
    await insertApplication(env.database.db, {
      agencyId: env.county.agencyIds.lingxi ?? 0,
      applicantKind: 'naturalPerson',
      receivedOn: '2025-05-01',
      concludedOn: '2025-05-20',
      outcome: 'disclosed',
    });
    const again = JSON.parse((await pub.get('/api/v1/agencies/lingxi/annual-reports/2025')).body) as typeof body;
    assert.equal(again.table3.find((r) => r.row === 'newlyReceived')?.values.naturalPerson, 1);

    const events = await auditEvents(env, { entityType: 'annualReport' });
    const actions = events.map((e) => e.action);
    for (const a of [
      'annualReport.create',
      'annualReport.narratives',
      'annualReport.figures',
      'annualReport.check',
      'annualReport.submit',
      'annualReport.return',
      'annualReport.approve',
      'annualReport.publish',
    ]) {
      assert.ok(actions.includes(a), a);
    }
  });

  test('an admin may submit despite errors only with a reason, which is audited', async () => {
    const admin = new Agent(env.app);
    await admin.login('county.admin');
    await admin.get('/admin/annual-reports?year=2025');
    const res0 = await admin.post('/admin/annual-reports', { agencyId: String(env.county.countyId), year: '2025' });
    const url = String(res0.headers.location);
    await admin.get(url);
    let res = await admin.post(`${url}/submit`, { overrideReason: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /或填写理由强制报送/);
    res = await admin.post(`${url}/submit`, { overrideReason: '文字部分将于发布前补充，先行报送数据。' });
    assert.equal(res.statusCode, 303);
    const ev = (await auditEvents(env, { action: 'annualReport.override' }))[0];
    assert.ok(ev);
    assert.match(ev.summary, /文字部分将于发布前补充/);

    // Published at 04:00 Beijing time on 16 January (20:00 UTC the day before): dated the 16th.
    env.clock.set('2026-01-15T20:00:00Z');
    await admin.login('county.admin');
    await admin.get(url);
    res = await admin.post(`${url}/review`, {
      decision: 'approve',
      comment: '',
      publishNow: '1',
      overrideReason: '文字部分已补充。',
    });
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(url)).body, /已于 2026-01-16 发布到/);
    assert.match((await new Agent(env.app).get('/agencies/yongshun/reports')).body, /发布日期：2026-01-16/);
    assert.match((await admin.get('/admin/audit')).body, /<td>2026-01-16 04:00:00<\/td>/);
    env.clock.set('2026-01-15T02:00:00Z');
  });

  test('exports download for staff; the checker finds the seed errors', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const list = await a.get('/admin/annual-reports?year=2025');
    const id = /\/admin\/annual-reports\/(\d+)/.exec(list.body)?.[1];
    for (const [ext, type] of [
      ['xlsx', /spreadsheetml/],
      ['docx', /wordprocessingml/],
      ['json', /json/],
    ] as const) {
      const res = await a.get(`/admin/annual-reports/${id}/export.${ext}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), type);
    }
    // The public report page offers the Word download its opening paragraph promises (查阅和下载).
    const pub = new Agent(env.app);
    assert.match(
      (await pub.get('/agencies/lingxi/reports/2025')).body,
      /href="\/agencies\/lingxi\/reports\/2025\/download.docx"/,
    );
    const docx = await pub.get('/agencies/lingxi/reports/2025/download.docx');
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.match(String(docx.headers['content-disposition']), /attachment/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await pub.get('/agencies/lingxi/reports/2024/download.docx')).statusCode, 404);
    assert.equal((await pub.get('/agencies/lingxi/reports/2025/download.xlsx')).statusCode, 404);
    // Rendered on each request: 20 a minute from one client, then 429 (the three above count).
    let asked = 3;
    let last = 200;
    while (last !== 429 && asked < 30) {
      last = (await pub.get('/agencies/lingxi/reports/2025/download.docx')).statusCode;
      asked += 1;
    }
    assert.equal(last, 429);
    assert.equal(asked, 21);
    await a.get('/admin/annual-reports/checker');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../fixtures/reports/seed-lingxi-2013.txt', import.meta.url), 'utf8');
    const res = await a.post('/admin/annual-reports/checker', { text, year: '2013', agencyName: '' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /total-mismatch/);
    assert.match(res.body, /foreign-agency-name/);
    // Upload (multipart): an HTML report file is read as HTML.
    await a.get('/admin/annual-reports/checker');
    const html = readFileSync(
      new URL('../fixtures/reports/clean-national2021-liutang-subdistrict-2024.html', import.meta.url),
      'utf8',
    );
    const boundary = '----gk-test-boundary';
    const part = (name: string, value: string, file?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: text/html` : ''}\r\n\r\n${value}\r\n`;
    const payload = Buffer.from(
      part('_csrf', a.csrf) +
        part('text', '') +
        part('year', '2024') +
        part('agencyName', '') +
        part('file', html, 'report.html') +
        `--${boundary}--\r\n`,
    );
    const uploaded = await env.app.inject({
      method: 'POST',
      url: '/admin/annual-reports/checker',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: a.cookieHeader() },
    });
    assert.equal(uploaded.statusCode, 200, uploaded.body.slice(0, 500));
    assert.match(uploaded.body, /检查结果/);
    assert.match(uploaded.body, /<dt>年度<\/dt><dd>2024<\/dd>/);
    assert.doesNotMatch(uploaded.body, /finding-error/);
    const empty = await a.post('/admin/annual-reports/checker', { text: '', year: 'abc', agencyName: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请上传报告文件或粘贴报告文本/);
  });

  test('the drill-down of a table 三 cell shows what an application asked for when it gave only a description', async () => {
    await insertApplication(env.database.db, {
      agencyId: env.county.agencyIds.lingxi ?? 0,
      applicantKind: 'legalServiceProvider',
      receivedOn: '2024-05-06',
      informationName: '',
      featureDescription: '镇里今年修路花了多少钱',
    });
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get('/admin/annual-reports?year=2024');
    const res = await clerk.post('/admin/annual-reports', {
      agencyId: String(env.county.agencyIds.lingxi),
      year: '2024',
    });
    assert.equal(res.statusCode, 303);
    const cell = await clerk.get(`${String(res.headers.location)}/cell?cell=table3.newlyReceived.legalServiceProvider`);
    assert.equal(cell.statusCode, 200);
    assert.match(cell.body, /<td>镇里今年修路花了多少钱<\/td>/);
  });

  test('a report is published only once its year has ended (上一年度, 条例第四十九条)', async () => {
    // 2026's report approved on 2026-12-08: its December is still to come.
    env.clock.set('2026-12-08T02:00:00Z');
    let county = new Agent(env.app);
    await county.login('county.admin');
    const { id } = await makeReport(env, env.county.agencyIds.lingxi ?? 0, 2026, 'approved');
    const url = `/admin/annual-reports/${id}`;
    await county.get(url);
    let res = await county.post(`${url}/publish`, { overrideReason: '年底前发布' });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /2026年度尚未结束：年度报告公布的是上一年度的情况（条例第四十九条），2026年度的报告自2027年1月1日起才能发布。/,
    );
    // 23:59 on 31 December in Beijing: still 2026.
    env.clock.set('2026-12-31T15:59:00Z');
    county = new Agent(env.app);
    await county.login('county.admin');
    await county.get(url);
    assert.equal((await county.post(`${url}/publish`, {})).statusCode, 422);
    // 00:00 on 1 January in Beijing.
    env.clock.set('2026-12-31T16:00:00Z');
    await county.get(url);
    res = await county.post(`${url}/publish`, {});
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const row = await env.database.db
      .selectFrom('annualReports')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'published');
  });
});
