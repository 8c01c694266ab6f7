// Timeliness and content of publications through the admin routes, on both engines: the stored
// 20-working-day due date, late releases counted in the admin list, the automatic summary, and the
// body sanitised on save with bad input keeping what was typed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';

let env: TestEnv;
/** 灵溪镇's desk; its plans kept under 水利, on the website and the notice board. */
const desk = new PublicationDesk('lingxi', 'lx', [], { keywords: '水利', channels: ['website', 'noticeBoard'] });

before(async () => {
  // On purpose on a fixed day: the tests assert release dates and index-number years of 2025.
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as, pub, release, draft } = desk;

describe('timeliness and content', () => {
  test('the due date is 20 working days after the formed-on date, across the National Day holiday', async () => {
    const id = await draft({ formedOn: '2025-09-26' });
    // 9-28 (Sunday) is a 调休 working day; 10-1 … 10-8 are holidays; 10-11 (Saturday) works.
    assert.equal((await pub(id)).dueOn, '2025-10-30');
  });

  test('a release after the due date is flagged late and counted in the admin list', async () => {
    const before = await as('lx.clerk').get('/admin/publications');
    const count = (body: string) =>
      Number(/逾期发布（超过成文后 20 个工作日）：<a[^>]*><strong>(\d+)<\/strong>/.exec(body)?.[1]);
    const n0 = count(before.body);
    const id = await draft({ formedOn: '2025-04-01', title: '灵溪镇一季度工作总结' });
    await release(id);
    const p = await pub(id);
    assert.equal(p.isLate, 1);
    assert.ok(p.dueOn < '2025-06-02');
    const found = await as('lx.clerk').get(`/admin/publications?q=${encodeURIComponent('一季度')}`);
    assert.match(found.body, /灵溪镇一季度工作总结/);
    assert.match((await as('lx.clerk').get(`/admin/publications?q=${encodeURIComponent('100%')}`)).body, /共 0 条/);
    const after = await as('lx.clerk').get('/admin/publications?late=1');
    assert.equal(count(after.body), n0 + 1);
    assert.match(after.body, /灵溪镇一季度工作总结/);
  });

  test('an automatic summary follows the body: text removed after a return does not survive in it', async () => {
    const id = await draft({ body: '<p>公开的第一句。</p><p>未经审计的投资数额。</p>' });
    const p1 = await pub(id);
    assert.match(p1.summary, /未经审计的投资数额/);
    const same = { title: p1.title, issuer: p1.issuer, formedOn: p1.formedOn, body: '<p>公开的第一句。</p>' };
    // The edit form sends the stored (automatic) summary back unchanged.
    await desk.edit('lx.clerk', id, { ...same, summary: p1.summary });
    assert.equal((await pub(id)).summary, '公开的第一句。');
    // A summary someone typed is kept.
    await desk.edit('lx.clerk', id, { ...same, summary: '人工写的概述' });
    assert.equal((await pub(id)).summary, '人工写的概述');
  });

  test('the body is sanitised on save and bad input keeps what was typed', async () => {
    const id = await draft({
      body: '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p><table><tr><td>1</td></tr></table>',
    });
    const body = (await pub(id)).body;
    assert.doesNotMatch(body, /script|onclick|javascript:/);
    assert.match(body, /<table>/);
    const a = as('lx.clerk');
    await a.get('/admin/publications/new');
    const res = await a.post('/admin/publications', {
      agencyId: String(desk.agencyId),
      title: '保留我输入的标题',
      body: '',
      issuer: 'x',
      formedOn: '2025-02-30',
      validity: 'valid',
      docKind: 'normativeDocument',
      channels: ['website'],
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /保留我输入的标题/);
    assert.match(res.body, /这一天不存在/);
    assert.match(res.body, /请至少选择一个目录分类/);
  });
});
