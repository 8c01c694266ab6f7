// The one 进度查询 (#14 point 5) on both engines: one form finds an application, a letter and a
// service-hall case by the number's prefix; a match redirects to the case page with a cookie, the
// query code never in a URL; a wrong code or an unknown shape is refused alike; the old lookup
// addresses redirect to /track.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { makeServiceCase, makeServiceItem } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from '../info-request/helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

/** Submits a public form and reads number and code from its receipt. */
async function submit(url: string, fields: Record<string, string>, numberRe: RegExp) {
  const a = new Agent(env.app);
  await a.get(url);
  const receipt = await a.follow(await a.post(url, fields));
  const codes = [...receipt.body.matchAll(/[A-Z0-9]+(?:-[A-Z0-9]+)+|[A-Z2-9]{8}/g)].map((m) => m[0]);
  const number = codes.find((c) => numberRe.test(c)) as string;
  const code = /查询码<\/dt>\s*<dd[^>]*>([A-Z2-9]{8})</.exec(receipt.body)?.[1] as string;
  assert.ok(number && code, receipt.body.slice(0, 400));
  return { number, code };
}

test('one 进度查询 finds an application, a letter and a service-hall case', async () => {
  const lingxi = env.county.agencyIds.lingxi as number;
  const service = await makeServiceCase(env, await makeServiceItem(env, lingxi), { applicantName: '办件人' });
  const app = await submit('/agencies/lingxi/apply/online', application(), /^LINGXI-\d{4}-\d{4}$/);
  const letter = await submit(
    '/agencies/lingxi/mailbox',
    { topic: '路灯不亮', body: '灵溪镇老街路灯坏了一个月。', writerName: '来信人', writerPhone: '13812345678' },
    /^XX-LINGXI-\d{4}-\d{4}$/,
  );

  const cases: [string, string, string, RegExp][] = [
    [app.number, app.code, `/apply/track/${app.number}`, /办理进度/],
    [letter.number, letter.code, `/track/case/${letter.number}`, /路灯不亮/],
    [service.caseNumber, service.queryCode, `/service-hall/case/${service.caseNumber}`, /临时救助申请/],
  ];
  const citizen = new Agent(env.app);
  const form = await citizen.get('/track');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /政府信息公开申请/);
  assert.match(form.body, /政务服务办件/);
  for (const [number, code, location, content] of cases) {
    const wrong = await citizen.post('/track', { number, code: code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' });
    assert.equal(wrong.statusCode, 422, number);
    assert.match(wrong.body, /编号或查询码不正确/);
    await citizen.get('/track');
    const found = await citizen.post('/track', { number: ` ${number.toLowerCase()} `, code: code.toLowerCase() });
    assert.equal(found.statusCode, 303, number);
    assert.equal(found.headers.location, location);
    assert.ok(!String(found.headers.location).includes(code), 'the code is never in a URL');
    const page = await citizen.follow(found);
    assert.equal(page.statusCode, 200, location);
    assert.match(page.body, content);
    assert.ok(!page.body.includes(code), 'the case page does not repeat the code');
    await citizen.get('/track');
  }
  const unknown = await citizen.post('/track', { number: 'NOT A NUMBER', code: 'AAAAAAAA' });
  assert.equal(unknown.statusCode, 422);
  const empty = await citizen.post('/track', { number: '', code: '' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /href="#f-number"[\s\S]*href="#f-code"/);

  for (const [old, to] of [
    [`/apply/track?number=${app.number}`, `/track?number=${app.number}`],
    ['/service-hall/track', '/track'],
    [
      `/service-hall/case?caseNumber=${service.caseNumber}&queryCode=${service.queryCode}`,
      `/track?number=${service.caseNumber}`,
    ],
  ]) {
    const res = await env.app.inject(old as string);
    assert.ok([301, 303].includes(res.statusCode), old);
    assert.equal(res.headers.location, to);
  }
});
