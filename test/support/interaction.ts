// Letters on the public site and their answer by staff, through the real routes: the mailbox form
// filled in, its receipt read back, a case found by number or counted by writer, a clerk's reply.
import assert from 'node:assert/strict';
import { Agent } from './agent.ts';
import type { TestEnv } from './test-app.ts';

/** A valid 领导信箱 letter to 灵溪镇 (its writer's data planted to be masked), with overrides. */
export const letterForm = (over: Record<string, string> = {}): Record<string, string> => ({
  topic: '村口路灯不亮',
  body: '村口的路灯坏了一个月，晚上出行不便。我的电话是 13812345678。',
  writerName: '龙美玲',
  writerPhone: '13812345678',
  writerEmail: 'mlong@example.com',
  writerAddress: '永顺县灵溪镇杉木村6组9号',
  ...over,
});

/**
 * Letter `i` of a load test, for every public form that takes one (信箱, 咨询, 投诉's kind): the
 * same letter with a numbered topic, no e-mail or address, the honeypot left empty.
 */
export const numberedLetter = (i: number): Record<string, string> => ({
  topic: `关于村道路灯的建议（${i}）`,
  body: '村口路灯坏了两个月，请尽快修复。',
  writerName: '龙美玲',
  writerPhone: '13974300001',
  writerEmail: '',
  writerAddress: '',
  complaintAbout: 'conduct',
  website: '',
});

/** The receipt number of a public form's answer: on the receipt page, or in its address after a 303. */
export const receiptNumberOf = (r: { body: string; location?: string | undefined }): string | undefined =>
  /id="receipt-number">([^<]+)</.exec(r.body)?.[1] ?? /\/receipt\/([^/?]+)$/.exec(r.location ?? '')?.[1];

/** A citizen posts the mailbox form of `agency`; the page after it, with its receipt number and query code. */
export async function submitLetter(env: TestEnv, fields: Record<string, string>, agency = 'lingxi') {
  const citizen = new Agent(env.app);
  await citizen.get(`/agencies/${agency}/mailbox`);
  const posted = await citizen.post(`/agencies/${agency}/mailbox`, fields);
  const res = await citizen.follow(posted);
  const receiptNumber = /id="receipt-number">([^<]+)</.exec(res.body)?.[1] ?? '';
  const queryCode = /id="query-code">([^<]+)</.exec(res.body)?.[1] ?? '';
  return { posted, res, receiptNumber, queryCode, citizen };
}

/** The stored case with this receipt number. */
export const caseByReceipt = (env: TestEnv, receiptNumber: string) =>
  env.database.db
    .selectFrom('interactionCases')
    .selectAll()
    .where('receiptNumber', '=', receiptNumber)
    .executeTakeFirstOrThrow();

/** How many cases were stored from this writer. */
export async function casesFromWriter(env: TestEnv, writerName: string): Promise<number> {
  const rows = await env.database.db
    .selectFrom('interactionCases')
    .select('id')
    .where('writerName', '=', writerName)
    .execute();
  return rows.length;
}

/**
 * `clerk` (a username) answers the case: the reply, the timeline it leaves, and, with `publish`,
 * the decision on 留言选登; the last answer and the case id.
 */
export async function staffReply(
  env: TestEnv,
  clerkName: string,
  receiptNumber: string,
  text: string,
  publish?: 'yes' | 'no',
) {
  const { id } = await caseByReceipt(env, receiptNumber);
  const clerk = new Agent(env.app);
  await clerk.login(clerkName);
  await clerk.get(`/admin/interaction/${id}`);
  const r = await clerk.post(`/admin/interaction/${id}/reply`, { replyText: text });
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  // The timeline shown to staff is a query over the audit events.
  const detail = await clerk.get(`/admin/interaction/${id}`);
  assert.match(
    detail.body,
    new RegExp(`<ol class="timeline"><li>[^<]*公众：受理</li><li>[^<]*${clerkName.replace('.', '\\.')}：答复</li>`),
  );
  if (publish) {
    await clerk.get(`/admin/interaction/${id}`);
    return { id, res: await clerk.post(`/admin/interaction/${id}/publication`, { publish }) };
  }
  return { id, res: r };
}
