// Items and guides of the service hall on both engines: deemed approval needs the agency's
// declaration, the public guide, CSV and XLSX export/import (formula cells neutralised).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { multipartBody } from '../support/multipart.ts';
import { env, lingxi, items, item, setUp } from './setup.ts';

before(setUp);
after(() => env.close());

describe('items, guides, CSV and XLSX', () => {
  test("deemed approval needs the agency's declaration; the form keeps what was typed", async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    await a.get(`/admin/service-hall/items/new?agencyId=${lingxi}`);
    const res = await a.post(`/admin/service-hall/items?agencyId=${lingxi}`, {
      ...item({ name: '个体诊所设置审批', deemedApproval: '1', promisedDays: '30', statutoryDays: '20' }),
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /只有本机关已公开承诺对该事项实行超时默许的/);
    assert.match(res.body, /承诺办结时限不能长于法定办结时限/);
    assert.match(res.body, /value="个体诊所设置审批"/);
    const stored = await env.database.db
      .selectFrom('serviceItems')
      .select('id')
      .where('name', '=', '个体诊所设置审批')
      .executeTakeFirst();
    assert.equal(stored, undefined);
  });

  test('the public guide lists basis, conditions, materials and time limits', async () => {
    const res = await env.app.inject(`/agencies/lingxi/service-hall/items/${items.deemed}`);
    assert.equal(res.statusCode, 200);
    for (const text of [
      '乡村建设规划许可证核发 办事指南',
      '设定依据',
      '<li>申请书</li>',
      '<li>身份证明</li>',
      '10 个工作日',
      '超时默许',
      '灵政发〔2025〕3号 第三条',
    ]) {
      assert.ok(res.body.includes(text), text);
    }
    const list = await env.app.inject('/agencies/lingxi/service-hall');
    assert.match(list.body, /临时救助申请/);
    const landing = await env.app.inject('/agencies/lingxi');
    assert.match(landing.body, /href="\/agencies\/lingxi\/service-hall"/);
    assert.match(landing.body, /href="\/agencies\/lingxi\/service-hall\/stats"/);
    for (const bad of ['abc', '99999999999', '0'])
      assert.equal((await env.app.inject(`/agencies/lingxi/service-hall/items/${bad}`)).statusCode, 404, bad);
    const other = await env.app.inject(`/agencies/gaoping/service-hall/items/${items.deemed}`);
    assert.equal(other.statusCode, 404, 'an item is only shown under its own agency');
  });

  test('CSV export and import round-trip; a bad row names its line and nothing is written', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const exported = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /text\/csv/);
    assert.ok(exported.body.startsWith('\ufeff事项名称,事项类型,办理窗口'));
    assert.ok(exported.body.includes('"申请书\n身份证明"'), 'materials stay one per line inside a quoted cell');
    const extra =
      '老年人优待证办理,公共服务,综合受理窗口,《老年人权益保障法》,年满六十周岁。,"身份证\n户口簿",5,1,不收费,否,\r\n';
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const bad = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, {
      csv: exported.body + extra + '坏事项,行政审批,,依据,条件,材料,abc,,,是,\r\n',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /第 6 行：事项类型应为/);
    assert.equal(
      await env.database.db
        .selectFrom('serviceItems')
        .select('id')
        .where('name', '=', '老年人优待证办理')
        .executeTakeFirst(),
      undefined,
    );
    const ok = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: exported.body + extra });
    assert.equal(ok.statusCode, 303);
    const rows = await env.database.db
      .selectFrom('serviceItems')
      .selectAll()
      .where('agencyId', '=', lingxi)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 4);
    const imported = rows.find((r) => r.name === '老年人优待证办理');
    assert.equal(imported?.materials, '身份证\n户口簿');
    assert.equal(imported?.promisedDays, 1);
    assert.equal(
      rows.find((r) => r.id === items.deemed)?.deemedApproval,
      1,
      'the round-trip keeps the deemed-approval declaration',
    );
  });
  test('formula-like cells are neutralised in the CSV and XLSX exports and re-import as typed', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const hostile = '=HYPERLINK("http://evil.example","点此")';
    const line = `公式测试事项,公共服务,综合受理窗口,"${hostile.replace(/"/g, '""')}",@SUM(1),-1+cmd,5,1,不收费,否,\r\n`;
    const base = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const first = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: base.body + line });
    assert.equal(first.statusCode, 303);
    const stored = () =>
      env.database.db
        .selectFrom('serviceItems')
        .selectAll()
        .where('name', '=', '公式测试事项')
        .executeTakeFirstOrThrow();
    assert.equal((await stored()).legalBasis, hostile);
    const csv = await a.get(`/admin/service-hall/items.csv?agencyId=${lingxi}`);
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil.example"",""点此"")",'@SUM(1),'-1+cmd,`), csv.body);
    const xlsx = await a.get(`/admin/service-hall/items.xlsx?agencyId=${lingxi}`);
    const { xlsxToRows } = await import('../../src/modules/service-hall/service-item.xlsx.ts');
    const row = (await xlsxToRows(xlsx.rawPayload)).find((r) => r[0] === '公式测试事项');
    assert.deepEqual(row?.slice(3, 6), [`'${hostile}`, "'@SUM(1)", "'-1+cmd"]);
    await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
    const again = await a.post(`/admin/service-hall/items/import?agencyId=${lingxi}`, { csv: csv.body });
    assert.equal(again.statusCode, 303);
    const back = await stored();
    assert.deepEqual([back.legalBasis, back.conditions, back.materials], [hostile, '@SUM(1)', '-1+cmd']);
    await env.database.db.deleteFrom('serviceItems').where('name', '=', '公式测试事项').execute();
  });
  test('XLSX export and upload import (file); a wrong file type is refused with a message', async () => {
    const a = new Agent(env.app);
    await a.login('lx.admin');
    const exported = await a.get(`/admin/service-hall/items.xlsx?agencyId=${lingxi}`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /spreadsheetml/);
    const { xlsxToRows, rowsToXlsx } = await import('../../src/modules/service-hall/service-item.xlsx.ts');
    const rows = await xlsxToRows(exported.rawPayload);
    assert.equal(rows[0]?.[0], '事项名称');
    assert.ok(rows.some((r) => r[0] === '乡村建设规划许可证核发' && r[9] === '是' && r[5] === '申请书\n身份证明'));
    rows.push([
      '残疾人证办理',
      '公共服务',
      '',
      '《残疾人保障法》',
      '持有残疾评定结论。',
      '身份证\n评定结论',
      '10',
      '',
      '不收费',
      '否',
      '',
    ]);
    const upload = async (fileName: string, data: Buffer) => {
      await a.get(`/admin/service-hall/items?agencyId=${lingxi}`);
      const { payload, contentType } = multipartBody([
        { name: '_csrf', value: a.csrf },
        { name: 'file', file: { name: fileName, data } },
      ]);
      return env.app.inject({
        method: 'POST',
        url: `/admin/service-hall/items/import-file?agencyId=${lingxi}`,
        payload,
        headers: { 'content-type': contentType, cookie: a.cookieHeader() },
      });
    };
    const wrong = await upload('items.txt', Buffer.from('x'));
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /只能导入 .csv 或 .xlsx 文件/);
    const ok = await upload('items.xlsx', await rowsToXlsx(rows, '事项清单'));
    assert.equal(ok.statusCode, 303);
    const added = await env.database.db
      .selectFrom('serviceItems')
      .selectAll()
      .where('name', '=', '残疾人证办理')
      .executeTakeFirstOrThrow();
    assert.equal(added.kind, 'publicService');
    assert.equal(added.materials, '身份证\n评定结论');
  });
});
