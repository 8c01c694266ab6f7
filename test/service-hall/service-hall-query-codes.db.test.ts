// Query codes of service-hall cases on both engines: stored hashed, looked up by POST, the view
// a signed cookie for one case; shown to staff once, a reset replaces it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { Agent } from '../support/agent.ts';
import { env, newCase, caseRow, setUp } from './setup.ts';

before(setUp);
after(() => env.close());

describe('query codes (hashed, never in a URL)', () => {
  test('stored as a hash; looked up by POST; the view is a signed 30-minute cookie for that case only', async () => {
    const c = await newCase('licence', '2025-03-03');
    const row = await caseRow(c.id);
    assert.equal(row.queryCodeHash, createHash('sha256').update(`gk-query-code:${c.queryCode}`).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(c.queryCode), 'the plaintext code is stored nowhere in the row');
    assert.equal(
      (await env.database.db.selectFrom('auditEvents').select('summary').execute()).filter((e) =>
        e.summary.includes(c.queryCode),
      ).length,
      0,
    );

    const a = new Agent(env.app);
    const old = await a.get('/service-hall/track');
    assert.equal(old.statusCode, 301, 'the old lookup leads to the one 进度查询');
    assert.equal(old.headers.location, '/track');
    const form = await a.get('/track');
    assert.match(form.body, /<form method="post" action="\/track"/);
    // The old form's POST (its field names) is still answered, by the same lookup.
    const wrong = await a.post('/service-hall/track', { caseNumber: c.caseNumber, queryCode: 'WRONG234' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /编号或查询码不正确/);
    assert.match(wrong.body, new RegExp(`value="${c.caseNumber}"`), 'the form keeps the number');
    const empty = await a.post('/service-hall/track', { caseNumber: c.caseNumber, queryCode: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写查询码/);
    const ok = await a.post('/track', {
      number: c.caseNumber.toLowerCase(),
      code: c.queryCode.toLowerCase(),
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/service-hall/case/${c.caseNumber}`);
    assert.ok(!String(ok.headers.location).includes(c.queryCode));
    const page = await a.get(`/service-hall/case/${c.caseNumber}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /当前状态/);
    assert.ok(!page.body.includes(c.queryCode), 'the status page does not repeat the code');
    assert.match(String(page.headers['cache-control']), /no-store/);

    // Without the cookie, with another case's number, or after 30 minutes: back to the lookup form.
    const other = await newCase('licence', '2025-03-03');
    for (const [agent, number] of [
      [new Agent(env.app), c.caseNumber],
      [a, other.caseNumber],
    ] as const) {
      const res = await agent.get(`/service-hall/case/${number}`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/track?number=${number}`);
    }
    // A forged (unsigned) cookie is refused.
    const forged = await env.app.inject({
      url: `/service-hall/case/${other.caseNumber}`,
      headers: { cookie: `gk_sh_view=${other.id}.9999999999` },
    });
    assert.equal(forged.statusCode, 303);
    const saved = env.clock.now();
    try {
      env.clock.set(new Date(saved.getTime() + 31 * 60 * 1000).toISOString());
      assert.equal((await a.get(`/service-hall/case/${c.caseNumber}`)).statusCode, 303);
    } finally {
      env.clock.set(saved);
    }
    // Old links with the code in the query string lead to the form and show nothing.
    const oldLink = await env.app.inject(`/service-hall/case?caseNumber=${c.caseNumber}&queryCode=${c.queryCode}`);
    assert.equal(oldLink.statusCode, 303);
    assert.equal(oldLink.headers.location, `/track?number=${c.caseNumber}`);
  });

  test('staff see the code once at registration; a reset issues a new one and the old one stops working', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const c = await newCase('licence', '2025-03-03');
    const page = await clerk.get(`/admin/service-hall/cases/${c.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(c.queryCode));
    assert.match(page.body, /仅在登记时显示一次/);
    assert.ok(!/queryCode=/.test(page.body), 'no link carries a query code');
    const reset = await clerk.post(`/admin/service-hall/cases/${c.id}/query-code`, {});
    assert.equal(reset.statusCode, 303);
    assert.equal(reset.headers.location, `/admin/service-hall/cases/${c.id}?receipt=1`);
    const shown = await clerk.get(String(reset.headers.location));
    const code = /查询码 <strong>([A-Z2-9]{8})<\/strong>/.exec(shown.body)?.[1];
    assert.ok(code && code !== c.queryCode, shown.body.slice(0, 300));
    const v = new Agent(env.app);
    await v.get('/track');
    assert.equal((await v.post('/track', { number: c.caseNumber, code: c.queryCode })).statusCode, 422);
    assert.equal((await v.post('/track', { number: c.caseNumber, code })).statusCode, 303);
    // Another browser opening ?receipt=1 without the cookie sees no code.
    const other = new Agent(env.app);
    await other.login('lx.clerk');
    assert.ok(!(await other.get(`/admin/service-hall/cases/${c.id}?receipt=1`)).body.includes(code));
  });
});
