// The authorisation matrix's world (authorization-matrix.db.test.ts): the demo county, an actor per
// role of 灵溪镇 and the county admin, each signed in, and for every kind of record one of 灵溪镇
// ("own") and one of 高坪乡 ("other") — copied from 灵溪镇's where the demo has none — by the
// path parameter names the routes use; `restore()` puts back what an allowed request switched off.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser, type Role } from '../../src/modules/account/index.ts';
import type { AppDeps } from '../../src/platform/http/types.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createDemoApp, TEST_PASSWORD } from '../support/test-app.ts';
import type { Who } from './authorization-policy.ts';

// --- the app, the actors and the records -------------------------------------------------------------

export let app: FastifyInstance;
export let deps: AppDeps;
let close: (() => Promise<void>) | undefined;

export interface Actor {
  name: string;
  role: Who;
  county: boolean;
  agent: Agent;
}
export const actors: Actor[] = [];
/** The attachments the matrix may delete, put back after each request. */
const attachmentRows: Row[] = [];
/** Path parameters of each agency's records, by parameter name. */
export const own: Record<string, number> = {};
export const other: Record<string, number> = {};
let ids: { lingxi: number; gaoping: number };

const db = () => deps.database.db;

async function agencyId(slug: string): Promise<number> {
  return (await db().selectFrom('agencies').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function user(username: string, agency: number, roles: Role[]): Promise<number> {
  const { id } = await inTransaction(db(), (trx) =>
    createUser(trx, systemContext(deps.clock), {
      agencyId: agency,
      username,
      displayName: username,
      email: '',
      roles,
      password: TEST_PASSWORD,
    }),
  );
  await db().updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  return id;
}

type Row = Record<string, unknown>;
/** The first row of `table` owned by `agency` (by `agencyId`, or the given filter). */
async function first(table: string, where: Row): Promise<Row | undefined> {
  let q = db()
    .selectFrom(table as never)
    .selectAll();
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return (await q.orderBy('id' as never).executeTakeFirst()) as Row | undefined;
}

/** A copy of `row` with `changes` (the record of another agency, where the demo has none). */
async function copy(table: string, row: Row, changes: Row): Promise<number> {
  const { id: _id, ...rest } = row;
  void _id;
  const inserted = await db()
    .insertInto(table as never)
    .values({ ...rest, ...changes } as never)
    .returning('id' as never)
    .executeTakeFirstOrThrow();
  return (inserted as { id: number }).id;
}

/** The record of `table` for both agencies: 灵溪镇's from the demo, 高坪乡's from the demo or copied. */
async function both(table: string, unique: (row: Row) => Row = () => ({})): Promise<[number, number]> {
  const mine = await first(table, { agencyId: ids.lingxi });
  assert.ok(mine, `the demo has no ${table} of 灵溪镇`);
  const theirs = await first(table, { agencyId: ids.gaoping });
  return [
    mine.id as number,
    theirs ? (theirs.id as number) : await copy(table, mine, { agencyId: ids.gaoping, ...unique(mine) }),
  ];
}

/** Starts the demo app, signs the actors in and finds or makes the records of both agencies. */
export async function setUpMatrix(): Promise<void> {
  ({ app, deps, close } = await createDemoApp('matrix'));
  ids = { lingxi: await agencyId('lingxi'), gaoping: await agencyId('gaoping') };
  const countyId = await agencyId('yongshun');

  for (const role of ['clerk', 'reviewer', 'signer', 'admin'] as const) {
    await user(`lx.${role}`, ids.lingxi, [role]);
    actors.push({ name: `灵溪镇 ${role}`, role, county: false, agent: new Agent(app) });
  }
  await user('county.admin', countyId, ['admin']);
  actors.push({ name: '县政府 admin', role: 'admin', county: true, agent: new Agent(app) });
  for (const a of actors) {
    const username = a.county ? 'county.admin' : `lx.${a.role}`;
    const res = await a.agent.login(username);
    assert.equal(res.statusCode, 303, `${username} could not sign in`);
    await a.agent.get('/admin');
  }

  // Records of each agency, by the name of the path parameter that names them.
  const at = deps.clock.now().toISOString();
  [own.agencies, other.agencies] = [ids.lingxi, ids.gaoping];
  [own.users, other.users] = [
    await user('lx.victim', ids.lingxi, ['clerk']),
    await user('gp.victim', ids.gaoping, ['clerk']),
  ];
  [own.publications, other.publications] = await both('publications');
  [own.categories, other.categories] = await both('categories');
  [own.annualReports, other.annualReports] = await both('annualReports');
  [own.interactionCases, other.interactionCases] = await both('interactionCases', (r) => ({
    receiptNumber: `GP-${String(r.receiptNumber)}`,
  }));
  [own.notices, other.notices] = await both('notices');
  [own.commentPeriods, other.commentPeriods] = await both('commentPeriods');
  [own.recordAmendments, other.recordAmendments] = await both('recordAmendments', (r) => ({
    number: `GZ-GP-${String(r.number)}`,
  }));
  [own.inspections, other.inspections] = await both('inspections');
  [own.staffMembers, other.staffMembers] = await both('staffMembers');
  [own.infoRequests, other.infoRequests] = await both('infoRequests', (r) => ({ number: `GP-${String(r.number)}` }));
  [own.serviceItems, other.serviceItems] = await both('serviceItems', () => ({ windowId: null }));
  [own.serviceCases, other.serviceCases] = await both('serviceCases', (r) => ({
    caseNumber: `GP-${String(r.caseNumber)}`,
    itemId: other.serviceItems,
    windowId: null,
  }));
  // Child records: a letter, a file and an appeal of each application; an attachment of each publication.
  const pdf = await fileStore(deps.config.dataDir).put(Buffer.from('%PDF-1.4 matrix'));
  for (const [side, ir, pub] of [
    [own, own.infoRequests, own.publications],
    [other, other.infoRequests, other.publications],
  ] as const) {
    const letter = await first('infoRequestLetters', { infoRequestId: own.infoRequests });
    assert.ok(letter, 'the demo application of 灵溪镇 has no letter');
    side.letters =
      ir === own.infoRequests ? (letter.id as number) : await copy('infoRequestLetters', letter, { infoRequestId: ir });
    side.files = await copy(
      'infoRequestAttachments',
      { id: 0 },
      {
        infoRequestId: ir,
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        size: pdf.size,
        sha256: pdf.sha256,
        createdAt: at,
      },
    );
    side.attachments = await copy(
      'attachments',
      { id: 0 },
      {
        publicationId: pub,
        sha256: pdf.sha256,
        size: pdf.size,
        mime: 'application/pdf',
        fileName: 'a.pdf',
        title: '附件',
        sortOrder: 1,
        extractedText: '',
        uploadedBy: null,
        createdAt: at,
      },
    );
    attachmentRows.push((await first('attachments', { id: side.attachments })) as Row);
    // A finding of the personal-data guard on each publication (#18).
    const pubAgency = (await first('publications', { id: pub }))?.agencyId as number;
    side.privacyFindings = await copy(
      'privacyFindings',
      { id: 0 },
      {
        publicationId: pub,
        agencyId: pubAgency,
        source: 'body',
        attachmentId: null,
        attachmentName: '',
        page: null,
        cell: '',
        kind: 'mobile',
        masked: '139****0011',
        context: '',
        confidence: 'high',
        state: 'open',
        resolutionNote: '',
        resolvedBy: null,
        resolvedAt: null,
        foundAt: at,
      },
    );
    // An online 补正 waiting for staff, with a file (an empty accept / ask-again form is a 422).
    side.corrections = await copy(
      'infoRequestCorrections',
      { id: 0 },
      {
        infoRequestId: ir,
        text: '补正后的申请内容',
        submittedAt: at,
        submittedOn: at.slice(0, 10),
        state: 'pending',
        decidedAt: null,
        decidedBy: '',
        decisionNote: '',
      },
    );
    side.correctionFiles = await copy(
      'infoRequestCorrectionFiles',
      { id: 0 },
      {
        correctionId: side.corrections,
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        size: pdf.size,
        sha256: pdf.sha256,
        createdAt: at,
      },
    );
    // A letter and an evidence file of each record amendment request (#17 point 7).
    const amendment = side === own ? own.recordAmendments : other.recordAmendments;
    const amendLetter = await first('recordAmendmentLetters', { amendmentId: own.recordAmendments });
    assert.ok(amendLetter, 'the demo record amendment of 灵溪镇 has no letter');
    side.amendmentLetters =
      side === own
        ? (amendLetter.id as number)
        : await copy('recordAmendmentLetters', amendLetter, { amendmentId: amendment });
    side.amendmentFiles = await copy(
      'recordAmendmentFiles',
      { id: 0 },
      {
        amendmentId: amendment,
        fileName: 'a.pdf',
        mime: 'application/pdf',
        size: pdf.size,
        sha256: pdf.sha256,
        createdAt: at,
      },
    );
    // A comment and an attachment of each consultation (#17 point 4).
    const period = side === own ? own.commentPeriods : other.commentPeriods;
    const comment = await first('publicComments', { commentPeriodId: own.commentPeriods });
    assert.ok(comment, 'the demo consultation of 灵溪镇 has no comment');
    side.publicComments =
      side === own ? (comment.id as number) : await copy('publicComments', comment, { commentPeriodId: period });
    side.commentPeriodFiles = await copy(
      'commentPeriodFiles',
      { id: 0 },
      {
        commentPeriodId: period,
        title: '附件',
        fileName: 'a.pdf',
        mime: 'application/pdf',
        size: pdf.size,
        sha256: pdf.sha256,
        createdAt: at,
      },
    );
    // An open 转为主动公开 suggestion of each agency (#17 point 6): an empty accept / dismiss is a 422.
    side.proactiveSuggestions = await copy(
      'proactiveSuggestions',
      { id: 0 },
      {
        agencyId: ir === own.infoRequests ? ids.lingxi : ids.gaoping,
        origin: 'detected',
        state: 'open',
        informationName: '相同信息',
        applicantNote: '',
        publicationId: null,
        dismissReason: '',
        decidedBy: null,
        decidedAt: null,
        decidedOn: null,
        createdAt: at,
        createdOn: at.slice(0, 10),
      },
    );
    // A meeting announced for next year with one sign-up waiting, of each agency (#17 point 5).
    side.meetings = await copy(
      'meetings',
      { id: 0 },
      {
        agencyId: ir === own.infoRequests ? ids.lingxi : ids.gaoping,
        kind: 'executive',
        title: '常务会议',
        meetingOn: '2099-01-10',
        startsAt: '09:00',
        place: '会议室',
        state: 'announced',
        openToPublic: 1,
        capacity: 5,
        signupOpensOn: '2099-01-01',
        signupClosesOn: '2099-01-05',
        decisionsSummary: '',
        announcedAt: at,
        decisionsPublishedAt: null,
        createdBy: null,
        createdAt: at,
        updatedAt: at,
      },
    );
    side.meetingSignups = await copy(
      'meetingSignups',
      { id: 0 },
      {
        meetingId: side.meetings,
        name: '张三',
        phone: '13900000000',
        role: 'public',
        reason: '旁听',
        state: 'pending',
        declineReason: '',
        submittedAt: at,
        decidedBy: null,
        decidedAt: null,
      },
    );
    const appeal = await first('infoRequestAppeals', {});
    side.appeals = appeal
      ? await copy('infoRequestAppeals', appeal, {
          infoRequestId: ir,
          agencyId: ir === own.infoRequests ? ids.lingxi : ids.gaoping,
        })
      : 0;
  }
}

export async function tearDownMatrix(): Promise<void> {
  await close?.();
}

/** Puts back what an allowed request may have switched off (the agencies and the staff accounts). */
export async function restore() {
  await db().updateTable('agencies').set({ active: 1 }).execute();
  await db().updateTable('users').set({ active: 1 }).execute();
  for (const row of attachmentRows)
    if (!(await first('attachments', { id: row.id })))
      await db()
        .insertInto('attachments')
        .values(row as never)
        .execute();
}
