// Shared state of the service-hall tests (one file per feature): a fresh database per file with
// 灵溪镇's window and three items (deemed approval, licence, public service) and staff of 灵溪镇 and
// 高坪乡; helpers to register a case, look it up as the applicant and read its row.
import assert from 'node:assert/strict';
import { systemContext } from '../../src/bootstrap.ts';
import type { AuditContext } from '../../src/platform/audit.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import type { WorkCalendar } from '../../src/modules/calendar/working-days.ts';
import { registerCase } from '../../src/modules/service-hall/service-case.register.ts';
import {
  createWindow,
  saveItem,
  EMPTY_ITEM,
  type ItemInput,
} from '../../src/modules/service-hall/service-item.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

export let env: TestEnv;
export let cal: WorkCalendar;
export let lingxi: number;
export let gaoping: number;
export const items: Record<string, number> = {};
export let windowId: number;

export const at = (date: string, time = '02:00:00'): AuditContext => ({
  actorUserId: null,
  actorName: 'test',
  ip: '127.0.0.1',
  at: `${date}T${time}.000Z`,
});
export const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(env.database.db, fn);
export const item = (over: Partial<ItemInput> & Pick<ItemInput, 'name'>): ItemInput => ({
  ...EMPTY_ITEM,
  legalBasis: '《中华人民共和国行政许可法》',
  conditions: '符合条件。',
  materials: '申请书\n身份证明',
  windowId: String(windowId),
  ...over,
});
export const applicant = {
  channel: 'window' as const,
  applicantName: '测试申请人甲',
  applicantPhone: '13974300001',
  applicantEmail: 'jia@example.com',
  summary: '',
};

/** The status page as an applicant reaches it: number and code POSTed, then the page the cookie opens. */
export async function statusPage(caseNumber: string, queryCode: string) {
  const a = new Agent(env.app);
  await a.get('/track');
  const found = await a.post('/track', { number: caseNumber, code: queryCode });
  assert.equal(found.statusCode, 303, found.body.slice(0, 500));
  return a.get(String(found.headers.location));
}

export async function newCase(itemKey: string, receivedOn: string) {
  return tx((trx) => registerCase(trx, at(receivedOn), { itemId: items[itemKey] as number, ...applicant }));
}
/** A rejection with a ValidationError whose field messages match `re`. */
export const fieldError = (re: RegExp) => (err: unknown) =>
  re.test(Object.values((err as { fields?: Record<string, string> }).fields ?? {}).join(' '));
export const caseRow = (id: number) =>
  env.database.db.selectFrom('serviceCases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export async function setUp(): Promise<void> {
  env = await createTestEnv({ now: '2025-03-03T02:00:00Z' });
  cal = await loadWorkCalendar(env.database.db);
  lingxi = env.county.agencyIds.lingxi as number;
  gaoping = env.county.agencyIds.gaoping as number;
  windowId = await tx((trx) => createWindow(trx, systemContext(env.clock), lingxi, '综合受理窗口', '一楼 1 号'));
  const defs: [string, ItemInput][] = [
    [
      'deemed',
      item({
        name: '乡村建设规划许可证核发',
        promisedDays: '10',
        deemedApproval: '1',
        deemedApprovalBasis: '灵政发〔2025〕3号 第三条',
      }),
    ],
    ['licence', item({ name: '农村村民宅基地审批', promisedDays: '15' })],
    ['service', item({ name: '临时救助申请', kind: 'publicService', statutoryDays: '10', promisedDays: '5' })],
  ];
  for (const [k, input] of defs) items[k] = await tx((trx) => saveItem(trx, systemContext(env.clock), lingxi, input));
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('lx.admin', 'lingxi', ['admin']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
}
