// The 工作台 test's fixture (test/workbench/workbench.db.test.ts), written row by row so that each
// queue's count is known: in 灵溪镇 (counted for its staff) and 高坪乡 (never counted for
// 灵溪镇's staff), applications, publications, letters, notices, service cases, annual reports and
// e-mails around NOW, with the users who look at them (lx.clerk, lx.other, lx.all, gp.all,
// county.admin). Inserted directly: only the columns the queues read need meaning.
import type { Insertable } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { infoRequestRow, interactionCaseRow, noticeRow, serviceCaseRow } from '../support/rows.ts';
import type { TestEnv } from '../support/test-app.ts';

// Wednesday 2025-06-04, 10:00 in Beijing. Due soon = through 2025-06-11 (5 working days);
// this week ends on Sunday 2025-06-08.
export const NOW = '2025-06-04T02:00:00Z';
const AT = '2025-06-01T02:00:00.000Z';

let seq = 0;

function infoRequest(agencyId: number, over: Partial<Insertable<DB['infoRequests']>>): Insertable<DB['infoRequests']> {
  seq += 1;
  return infoRequestRow({
    agencyId,
    number: `T-${seq}`,
    state: 'processing',
    applicantName: '测试',
    informationName: `信息${seq}`,
    clockStatus: 'running',
    submittedAt: AT,
    ...over,
  });
}

function publication(agencyId: number, over: Partial<Insertable<DB['publications']>>): Insertable<DB['publications']> {
  seq += 1;
  return {
    agencyId,
    title: `信息标题${seq}`,
    summary: '',
    body: '<p>正文</p>',
    issuer: '灵溪镇人民政府',
    formedOn: '2025-05-20',
    dueOn: '2025-06-18',
    isLate: 0,
    documentNumber: '',
    validity: 'valid',
    topic: '',
    keywords: '',
    disclosureMode: 'proactive',
    state: 'draft',
    docKind: 'other',
    withdrawnReason: '',
    reviewComment: '',
    revision: 0,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

function interaction(
  agencyId: number,
  over: Partial<Insertable<DB['interactionCases']>>,
): Insertable<DB['interactionCases']> {
  seq += 1;
  return interactionCaseRow({
    agencyId,
    receiptNumber: `XX-${seq}`,
    receivedAt: AT,
    receivedDate: '2025-05-10',
    ...over,
  });
}

function notice(agencyId: number, over: Partial<Insertable<DB['notices']>>): Insertable<DB['notices']> {
  return noticeRow({ agencyId, startDate: '2025-05-30', endDate: '2025-06-06', createdAt: AT, ...over });
}

/** Writes the fixture and its users; returns 灵溪镇's (L) and 高坪乡's (G) ids. */
export async function seedWorkbenchFixture(env: TestEnv): Promise<{ L: number; G: number }> {
  const L = env.county.agencyIds.lingxi as number;
  const G = env.county.agencyIds.gaoping as number;
  const clerkId = await env.user('lx.clerk', 'lingxi', ['clerk']);
  const otherClerkId = await env.user('lx.other', 'lingxi', ['clerk']);
  await env.user('lx.all', 'lingxi', ['clerk', 'reviewer', 'signer']);
  await env.user('gp.all', 'gaoping', ['clerk', 'reviewer', 'signer']);
  await env.user('county.admin', 'yongshun', ['admin']);
  const db = env.database.db;

  await db
    .insertInto('infoRequests')
    .values([
      infoRequest(L, { state: 'submitted', clockStatus: 'notStarted' }),
      infoRequest(L, { state: 'submitted', clockStatus: 'notStarted' }),
      infoRequest(L, { dueOn: '2025-06-04' }), // due today: soon
      infoRequest(L, { dueOn: '2025-06-11' }), // last day of the window: soon
      infoRequest(L, { dueOn: '2025-06-12' }), // beyond: neither
      infoRequest(L, { dueOn: '2025-06-03' }), // overdue
      infoRequest(L, { dueOn: '2025-05-20', clockStatus: 'paused' }), // paused: neither
      infoRequest(L, { state: 'awaitingCorrection', dueOn: '2025-06-30', clockStatus: 'awaitingCorrection' }),
      infoRequest(L, { state: 'feePending', dueOn: '2025-06-30', clockStatus: 'paused' }),
      infoRequest(L, { state: 'replied', dueOn: '2025-05-01' }), // answered: nothing
      infoRequest(G, { state: 'submitted', clockStatus: 'notStarted' }),
      infoRequest(G, { dueOn: '2025-06-02' }),
      infoRequest(G, { dueOn: '2025-06-02' }),
    ])
    .execute();

  await db
    .insertInto('publications')
    .values([
      publication(L, { state: 'submitted' }),
      publication(L, { state: 'reviewed' }),
      publication(L, { state: 'reviewed' }),
      publication(L, { state: 'draft', reviewComment: '请补充附件', createdBy: clerkId }),
      publication(L, { state: 'draft', reviewComment: '请改标题', createdBy: otherClerkId }),
      publication(L, { state: 'draft', dueOn: '2025-06-03', createdBy: otherClerkId }), // late
      publication(L, { state: 'published', dueOn: '2025-06-01', publishedOn: '2025-06-03', isLate: 1 }),
      publication(G, { state: 'submitted' }),
      publication(G, { state: 'draft', dueOn: '2025-05-01' }),
    ])
    .execute();

  await db
    .insertInto('interactionCases')
    .values([
      interaction(L, { state: 'received', dueDate: '2025-06-03' }), // open + overdue
      interaction(L, { kind: 'inquiry', state: 'handling', dueDate: '2025-06-20' }), // open
      interaction(L, { kind: 'complaint', state: 'assigned', dueDate: '2025-06-04' }), // open, due today
      interaction(L, { state: 'replied', dueDate: '2025-05-01' }),
      interaction(G, { state: 'received', dueDate: '2025-05-01' }),
    ])
    .execute();

  await db
    .insertInto('notices')
    .values([
      notice(L, { endDate: '2025-06-06' }), // ends this week
      notice(L, { endDate: '2025-06-08' }), // ends on Sunday: this week
      notice(L, { endDate: '2025-06-09' }), // next week
      notice(L, { endDate: '2025-06-05', state: 'ended' }),
      notice(L, { endDate: '2025-06-03' }), // already ended (job not yet run): not "ending"
      notice(G, { endDate: '2025-06-07' }),
    ])
    .execute();

  const item = await db
    .insertInto('serviceItems')
    .values({ ...(await serviceItemTemplate()), agencyId: L })
    .returning('id')
    .executeTakeFirstOrThrow();
  const gItem = await db
    .insertInto('serviceItems')
    .values({ ...(await serviceItemTemplate()), agencyId: G })
    .returning('id')
    .executeTakeFirstOrThrow();
  const serviceCase = (agencyId: number, itemId: number, status: string, dueOn: string | null) => {
    seq += 1;
    return serviceCaseRow({
      agencyId,
      itemId,
      caseNumber: `FW-${seq}`,
      status: status as 'inProcess',
      receivedOn: '2025-05-10',
      dueOn,
      createdAt: AT,
    });
  };
  await db
    .insertInto('serviceCases')
    .values([
      serviceCase(L, item.id, 'inProcess', '2025-06-11'), // near
      serviceCase(L, item.id, 'accepted', '2025-06-01'), // past its limit
      serviceCase(L, item.id, 'inProcess', '2025-06-12'), // not yet
      serviceCase(L, item.id, 'suspended', '2025-06-05'), // paused
      serviceCase(L, item.id, 'decided', '2025-06-05'),
      serviceCase(G, gItem.id, 'accepted', '2025-06-05'),
    ])
    .execute();

  // 高坪乡 published its 2024 report; nobody else did.
  await db
    .insertInto('annualReports')
    .values({
      agencyId: G,
      year: 2024,
      format: 'national2021',
      state: 'published',
      source: 'system',
      narratives: '{}',
      figures: '{}',
      checkResults: '[]',
      overrideReason: '',
      scope: '{"kind":"own"}',
      importedText: '',
      extracted: '{}',
      createdAt: AT,
      updatedAt: AT,
    })
    .execute();

  const mail = (agencyId: number, status: 'failed' | 'sent') => ({
    agencyId,
    recipientUserId: null,
    toAddress: 'x@example.cn',
    recipientName: '张三',
    subject: '回执',
    body: '',
    relatedType: '',
    relatedId: '',
    status,
    attempts: 5,
    lastError: status === 'failed' ? '550 mailbox unavailable' : '',
    createdAt: AT,
  });
  await db
    .insertInto('notifications')
    .values([mail(L, 'failed'), mail(L, 'sent'), mail(G, 'failed'), mail(G, 'failed')])
    .execute();
  return { L, G };
}

async function serviceItemTemplate() {
  return {
    windowId: null,
    name: '个体工商户登记',
    kind: 'licence' as const,
    legalBasis: '',
    conditions: '',
    materials: '',
    statutoryDays: 20,
    promisedDays: 10,
    fees: '',
    deemedApproval: 0,
    deemedApprovalBasis: '',
    active: 1,
    createdAt: AT,
    updatedAt: AT,
  };
}
