// Two staff answer the same letter at the same moment, on both engines (seen on PostgreSQL for a 咨询
// in the walk of 2026-12-07: both answers accepted from 已受理, two 「答复」 events, the first answer
// overwritten by the second). The second acts on the case as the first left it: one answer, a 409.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { auditEvents } from '../support/audit.ts';
import { caseByReceipt, letterForm, submitLetter } from '../support/interaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.signer', 'lingxi', ['signer']);
});
after(() => env.close());

test('two staff reply to one letter at once: one answer is kept, the other is refused', async () => {
  const { receiptNumber } = await submitLetter(env, letterForm());
  const { id } = await caseByReceipt(env, receiptNumber);
  const staff = [new Agent(env.app), new Agent(env.app)];
  await staff[0]!.login('lx.clerk');
  await staff[1]!.login('lx.signer');
  for (const a of staff) await a.get(`/admin/interaction/${id}`);
  const answers = await Promise.all(
    staff.map((a, i) => a.post(`/admin/interaction/${id}/reply`, { replyText: `答复${i + 1}：已转交村委会处理。` })),
  );
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 409]);
  const replied = await auditEvents(env, { entityId: id, action: ['letter.replied', 'inquiry.replied'] });
  assert.equal(replied.length, 1);
  const stored = await caseByReceipt(env, receiptNumber);
  const kept = answers[0]!.statusCode === 303 ? '答复1' : '答复2';
  assert.ok(String(stored.replyText).startsWith(kept), String(stored.replyText));
});
