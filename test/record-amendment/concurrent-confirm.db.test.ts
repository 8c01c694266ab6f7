// Two staff confirm the same online 更正申请 at the same moment, on both engines (the row read before
// the transaction was acted on twice on PostgreSQL, as the applications' was): the second acts on the
// request as the first left it — one confirmation and a 409.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-03T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.signer', 'lingxi', ['signer']);
});
after(() => env.close());

test('two staff confirm one online 更正申请 at once: it is confirmed once', async () => {
  const citizen = new Agent(env.app);
  await citizen.get('/agencies/lingxi/amend');
  const sent = await citizen.postMultipart(
    '/agencies/lingxi/amend',
    {
      applicantName: '张三',
      idDocumentType: 'residentIdCard',
      idDocumentNumber: '11010519491231002X',
      phone: '13812345678',
      email: '',
      postalAddress: '',
      recordConcerned: '灵溪镇2024年度农村低保名册中本人家庭的登记信息',
      whatIsWrong: '家庭人口记为3人',
      shouldRead: '家庭人口应为4人',
      consent: 'yes',
    },
    { files: [{ name: '户口簿.pdf', data: Buffer.from('%PDF-1.4 户口簿'), type: 'application/pdf' }] },
  );
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const { id } = await env.database.db.selectFrom('recordAmendments').select('id').executeTakeFirstOrThrow();
  const staff = [new Agent(env.app), new Agent(env.app)];
  await staff[0]!.login('lx.clerk');
  await staff[1]!.login('lx.signer');
  for (const a of staff) await a.get(`/admin/record-amendments/${id}`);
  const answers = await Promise.all(
    staff.map((a) => a.post(`/admin/record-amendments/${id}/confirm`, { confirmedOn: '2025-06-03' })),
  );
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 409]);
  assert.equal((await auditEvents(env, { action: 'recordAmendment.confirmed', entityId: id })).length, 1);
});
