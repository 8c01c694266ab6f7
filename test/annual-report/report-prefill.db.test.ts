// Our own reports (#15 point 5): a national2021 report opened in the console has its 一、总体情况
// prefilled with sentences whose numbers equal the records (publications by category and channel,
// applications, 咨询, fees — counted here with SQL of their own), and before it is submitted the
// staff's narrative is checked against the computed tables: a changed number or 「均获维持」 while
// table 四 has a case 尚未审结 blocks the clerk's submission with the findings shown; corrected, it
// goes through.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { insertAppeal, insertApplication, insertDocument } from './fixtures.ts';

let env: TestEnv;
let lingxi = 0;
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  lingxi = env.county.agencyIds.lingxi ?? 0;
  const db = env.database.db;
  await insertApplication(db, {
    agencyId: lingxi,
    applicantKind: 'naturalPerson',
    receivedOn: '2025-03-01',
    concludedOn: '2025-03-20',
    outcome: 'disclosed',
    feePaidOn: '2025-03-15',
    feePaidAmount: 100,
  });
  const appealed = await insertApplication(db, {
    agencyId: lingxi,
    applicantKind: 'commercialEnterprise',
    receivedOn: '2025-12-22',
    concludedOn: null,
    outcome: null,
  });
  await insertAppeal(db, {
    infoRequestId: appealed,
    agencyId: lingxi,
    kind: 'reconsideration',
    filedOn: '2025-12-28',
    result: 'pending',
  });
  await insertDocument(db, { agencyId: lingxi, docKind: 'normativeDocument', issuedOn: '2025-05-10' });
  await insertDocument(db, { agencyId: lingxi, docKind: 'normativeDocument', issuedOn: '2025-06-10' });
});
after(() => env.close());

const n = async (query: ReturnType<typeof sql<{ n: number | string | null }>>): Promise<number> =>
  Number((await query.execute(env.database.db)).rows[0]?.n ?? 0);

const textareaOf = (body: string, name: string): string =>
  (new RegExp(`<textarea id="f-${name}" name="${name}"[^>]*>([^<]*)</textarea>`).exec(body)?.[1] ?? '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('our own report: 总体情况 from the records, checked against the tables before submitting', () => {
  let url = '';
  let overview = '';

  test('opening the 2025 report prefills 总体情况; every number equals the records', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    await a.get('/admin/annual-reports?year=2025');
    const res = await a.post('/admin/annual-reports', { agencyId: String(lingxi), year: '2025' });
    assert.equal(res.statusCode, 303);
    url = String(res.headers.location);
    const page = await a.get(url);
    overview = textareaOf(page.body, 'overview');
    assert.ok(overview, page.body.slice(0, 500));

    const inYear = (col: string) => sql.raw(`${col} between '2025-01-01' and '2025-12-31'`);
    const pubs = await n(
      sql`select count(*) as n from publications where agency_id = ${lingxi} and ${inYear('published_on')}`,
    );
    assert.ok(pubs >= 2);
    assert.ok(overview.includes(`2025年，本机关主动公开政府信息${pubs}条，其中`), overview);
    const byCategory = [...(/其中([^。]*)。/.exec(overview)?.[1] ?? '').matchAll(/(\d+)条/g)].map((m) => Number(m[1]));
    assert.equal(
      byCategory.reduce((s, x) => s + x, 0),
      pubs,
      'the categories add up to the total',
    );
    const channels = await sql<{ channel: string; n: number }>`
      select c.channel, count(distinct c.publication_id) as n from publication_channels c
      join publications p on p.id = c.publication_id
      where p.agency_id = ${lingxi} and ${inYear('p.published_on')} group by c.channel`.execute(env.database.db);
    for (const row of channels.rows) assert.match(overview, new RegExp(`[^\\d]${Number(row.n)}条`), row.channel);

    const received = await n(
      sql`select count(*) as n from info_requests where agency_id = ${lingxi} and ${inYear('received_on')}`,
    );
    const carriedOver = await n(
      sql`select count(*) as n from info_requests where agency_id = ${lingxi} and received_on < '2025-01-01' and (concluded_on is null or concluded_on >= '2025-01-01')`,
    );
    const forward = await n(
      sql`select count(*) as n from info_requests where agency_id = ${lingxi} and received_on <= '2025-12-31' and (concluded_on is null or concluded_on > '2025-12-31')`,
    );
    assert.ok(received >= 2 && forward >= 1);
    assert.ok(overview.includes(`全年新收政府信息公开申请${received}件，上年结转${carriedOver}件`), overview);
    assert.ok(overview.includes(`结转下年度继续办理${forward}件`), overview);

    const inquiries = await n(
      sql`select count(*) as n from interaction_cases where agency_id = ${lingxi} and kind = 'inquiry' and ${inYear('received_date')}`,
    );
    assert.ok(
      overview.includes(inquiries ? `全年接到咨询${inquiries}次` : '全年没有接到政府信息公开方面的咨询'),
      overview,
    );
    const fees = await n(
      sql`select coalesce(sum(fee_paid_amount), 0) as n from info_requests where agency_id = ${lingxi} and ${inYear('fee_paid_on')}`,
    );
    const paid = await n(
      sql`select count(*) as n from info_requests where agency_id = ${lingxi} and ${inYear('fee_paid_on')}`,
    );
    assert.ok(fees >= 100);
    assert.ok(overview.includes(`全年收取信息处理费${fees}元（${paid}件申请缴费）`), overview);
    assert.doesNotMatch(overview, /检索、复制、邮寄/);
  });

  test('a changed number, a changed fee and 「均获维持」 block the clerk’s submission, shown as findings; corrected, it is submitted', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const received = Number(/全年新收政府信息公开申请(\d+)件/.exec(overview)?.[1]);
    const fee = Number(/全年收取信息处理费(\d+(?:\.\d+)?)元/.exec(overview)?.[1]);
    const wrong = overview
      .replace(`全年新收政府信息公开申请${received}件`, `全年新收政府信息公开申请${received + 2}件`)
      .replace(`全年收取信息处理费${fee}元`, `全年收取信息处理费${fee + 50}元`);
    await a.get(url);
    const saved = await a.post(`${url}/narratives`, {
      overview: `${wrong}\n全年因政府信息公开被申请行政复议1件，均获维持。`,
      problems: '存在的主要问题是公开内容不够全面。下一步将加强培训。',
      other: '本年度无其他需要报告的事项。',
    });
    assert.equal(saved.statusCode, 303);
    await a.get(url);
    const refused = await a.post(`${url}/submit`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /一致性检查发现 3 个错误，请修改后再报送/);
    const prose = [...refused.body.matchAll(/<li class="finding-error">([\s\S]*?)<\/li>/g)]
      .map((m) => m[1] ?? '')
      .filter((li) => li.includes('prose-table-mismatch'));
    assert.equal(prose.length, 3, refused.body);
    assert.ok(prose.some((li) => li.includes(`为${received + 2}，表格中该项为${received}`)));
    // The fee sentence against the fees recorded on applications (#15 point 4 on our own reports).
    assert.ok(prose.some((li) => li.includes(`按申请登记的缴费记录计算的信息处理费为${fee}元`)));
    assert.ok(prose.some((li) => /均获维持[\s\S]*尚未审结1件/.test(li)));
    assert.ok(prose.every((li) => li.includes('【一、总体情况】')));
    const state = await env.database.db
      .selectFrom('annualReports')
      .select(['state', 'checkResults'])
      .where('agencyId', '=', lingxi)
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    assert.equal(state.state, 'draft');
    assert.match(state.checkResults, /prose-table-mismatch/);

    await a.post(`${url}/narratives`, {
      overview: `${overview}\n全年因政府信息公开被申请行政复议1件，尚未审结。`,
      problems: '存在的主要问题是公开内容不够全面。下一步将加强培训。',
      other: '本年度无其他需要报告的事项。',
    });
    await a.get(url);
    const submitted = await a.post(`${url}/submit`, {});
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 3000));
  });
});
