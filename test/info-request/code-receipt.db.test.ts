// The 登记回执 of a paper application carries its 查询码: the page answering the registration is
// the receipt with the number and the code, printable as it is (the code shown there once, stored
// only as a hash). Later, 「重新生成查询码」 gives a receipt with a working code: the old code stops,
// the audit log records it; only staff who register applications for that agency may.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashQueryCode } from '../../src/platform/query-code.ts';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-03-03T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
});
after(() => env.close());

/** The receipt section of an answer page: the part printed. */
function receiptSection(body: string): string {
  const m = /<section class="ir-code-receipt"[^>]*>([\s\S]*?)<\/section>/.exec(body);
  assert.ok(m, 'the page has the receipt with its code');
  return m[1] ?? '';
}

const codeIn = (section: string) => /<dt>查询码<\/dt><dd>([A-Z2-9]{8})<\/dd>/.exec(section)?.[1];

async function storedHash(id: number): Promise<string> {
  const row = await env.database.db
    .selectFrom('infoRequests')
    .select('queryCodeHash')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.queryCodeHash;
}

describe('the paper 登记回执 with its 查询码', () => {
  let id = 0;
  let number = '';
  let firstCode = '';

  test('registering a paper application answers with the receipt carrying the number and the code', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    await a.get('/admin/info-requests/new');
    const res = await a.post('/admin/info-requests', {
      ...application(),
      agencyId: String(env.county.agencyIds.lingxi),
      channel: 'inPerson',
      handedInOn: '2025-03-03',
      signedForOn: '',
      arrivedOn: '',
      confirmedOn: '',
      staffNote: '',
    });
    assert.equal(res.statusCode, 201);
    const section = receiptSection(res.body);
    assert.match(section, /<h1 class="ir-letter-title">政府信息公开申请登记回执<\/h1>/);
    number = /<p class="ir-letter-ref">申请编号：([A-Z0-9-]+)<\/p>/.exec(section)?.[1] ?? '';
    assert.match(number, /^LINGXI-2025-\d{4}$/);
    assert.match(section, new RegExp(`<dt>申请编号</dt><dd>${number}</dd>`));
    firstCode = codeIn(section) ?? '';
    assert.match(firstCode, /^[A-Z2-9]{8}$/);
    const row = await env.database.db
      .selectFrom('infoRequests')
      .select(['id', 'queryCodeHash'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    id = row.id;
    // Stored as its hash only: the letters kept do not hold it either.
    assert.equal(row.queryCodeHash, hashQueryCode(firstCode));
    const letters = await env.database.db
      .selectFrom('infoRequestLetters')
      .select('dataJson')
      .where('infoRequestId', '=', id)
      .execute();
    assert.ok(letters.length > 0);
    for (const l of letters) assert.ok(!l.dataJson.includes(firstCode));
    // The instructions are not printed; the receipt is.
    assert.match(res.body, /<div class="no-print"><h1>申请已登记<\/h1>/);
  });

  test('「重新生成查询码」 gives a receipt with a new code; the old one stops, and the audit log says so', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const page = await a.get(`/admin/info-requests/${id}`);
    assert.match(page.body, new RegExp(`<form method="post" action="/admin/info-requests/${id}/query-code">`));
    assert.match(page.body, /重新生成查询码并打印回执/);
    const res = await a.post(`/admin/info-requests/${id}/query-code`, {});
    assert.equal(res.statusCode, 200);
    const section = receiptSection(res.body);
    assert.match(section, /政府信息公开申请登记回执/);
    assert.match(section, new RegExp(`<dt>申请编号</dt><dd>${number}</dd>`));
    const code = codeIn(section) ?? '';
    assert.match(code, /^[A-Z2-9]{8}$/);
    assert.notEqual(code, firstCode);
    assert.match(res.body, /原查询码已失效/);
    assert.equal(await storedHash(id), hashQueryCode(code));
    assert.notEqual(await storedHash(id), hashQueryCode(firstCode));
    const events = await auditEvents(env, { action: 'infoRequest.queryCodeRegenerated', entityId: id });
    assert.equal(events.length, 1);
    assert.ok(!JSON.stringify(events).includes(code), 'the audit log does not hold the code');
  });

  test('only staff who register applications for the agency may, and a form without its token is refused', async () => {
    const before = await storedHash(id);
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.reviewer');
    const page = await reviewer.get(`/admin/info-requests/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /重新生成查询码/);
    assert.equal((await reviewer.post(`/admin/info-requests/${id}/query-code`, {})).statusCode, 403);
    const other = new Agent(env.app);
    await other.login('gp.clerk');
    await other.get('/admin/info-requests');
    assert.equal((await other.post(`/admin/info-requests/${id}/query-code`, {})).statusCode, 403);
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    const forged = await clerk.post(`/admin/info-requests/${id}/query-code`, {}, { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.equal(await storedHash(id), before);
  });
});
