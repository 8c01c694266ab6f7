// Authorisation matrix (issue #12, "Authorisation matrix as a test"): every admin route of Fastify's
// route table × every role × a record of the actor's own agency and of another one, sent as real
// requests (cookies, CSRF) and compared with the answer the declared policy expects:
// allow, 403 or 404. The policy is stated in authorization-policy.ts, route by route, independently of
// src/platform/auth/policy.ts: a route in the route table that has no entry in POLICY fails the
// test (「新路由缺少授权策略」), so a new admin route cannot ship without one.
//
// The actors: a clerk, a reviewer, a signer and an admin of 灵溪镇 (one role each), and the admin
// of the county government above every town. The records: 灵溪镇's ("own") and 高坪乡's ("other");
// the county admin may act on both. "allow" means the request passed authorisation: any answer but
// 401, 403, 404 or a redirect to the login or password page (a 422 for the empty form or a 409 for
// a step the record's state does not allow is an allowed request). Forms are sent empty but for the
// CSRF token and what the policy says the request needs to reach the decision (the agency a form
// names), so an allowed request changes little; what it can switch off is put back after it. Where
// the demo has no record of 高坪乡, the test copies 灵溪镇's. A handler that checks its form before
// the actor's role shows up here as "expected 403, got allow 422": the role comes first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../src/bootstrap.ts';
import { createUser, type Role } from '../../src/modules/account/index.ts';
import type { AppDeps } from '../../src/platform/http/types.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { createDemoApp, TEST_PASSWORD } from '../support/test-app.ts';
import { answerOf, POLICY, type Answer, type Policy, type RolesPolicy, type Who } from './authorization-policy.ts';

// --- the app, the actors and the records -------------------------------------------------------------

let app: FastifyInstance;
let deps: AppDeps;
let close: (() => Promise<void>) | undefined;

interface Actor {
  name: string;
  role: Who;
  county: boolean;
  agent: Agent;
}
const actors: Actor[] = [];
/** The attachments the matrix may delete, put back after each request. */
const attachmentRows: Row[] = [];
/** Path parameters of each agency's records, by parameter name. */
const own: Record<string, number> = {};
const other: Record<string, number> = {};
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

before(async () => {
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
    const appeal = await first('infoRequestAppeals', {});
    side.appeals = appeal
      ? await copy('infoRequestAppeals', appeal, {
          infoRequestId: ir,
          agencyId: ir === own.infoRequests ? ids.lingxi : ids.gaoping,
        })
      : 0;
  }
});

after(async () => {
  await close?.();
});

// --- the matrix ---------------------------------------------------------------------------------------

/** Which records a route's path parameters name, by the URL's first segment after /admin. */
function recordParams(url: string, side: Record<string, number>): Record<string, number> {
  const table: [RegExp, Record<string, string>][] = [
    [/^\/admin\/publications\//, { id: 'publications', attachmentId: 'attachments', findingId: 'privacyFindings' }],
    [/^\/admin\/privacy\/publications\//, { id: 'publications' }],
    [/^\/admin\/categories\//, { id: 'categories' }],
    [/^\/admin\/annual-reports\//, { id: 'annualReports' }],
    [/^\/admin\/interaction\//, { id: 'interactionCases' }],
    [/^\/admin\/notices\//, { id: 'notices' }],
    [
      /^\/admin\/comment-periods\//,
      { id: 'commentPeriods', fileId: 'commentPeriodFiles', commentId: 'publicComments' },
    ],
    [/^\/admin\/supervision\/inspections\//, { id: 'inspections' }],
    [
      /^\/admin\/record-amendments\//,
      { id: 'recordAmendments', letterId: 'amendmentLetters', fileId: 'amendmentFiles' },
    ],
    [/^\/admin\/staff\//, { id: 'staffMembers' }],
    [/^\/admin\/info-requests\/proactive\//, { id: 'proactiveSuggestions' }],
    [
      /^\/admin\/info-requests\//,
      {
        id: 'infoRequests',
        letterId: 'letters',
        fileId: 'files',
        itemId: 'appeals',
        correctionId: 'corrections',
        correctionFileId: 'correctionFiles',
      },
    ],
    [/^(?:\/api\/v1)?\/admin\/agencies\//, { id: 'agencies' }],
    [/^\/admin\/standard-catalogue\/agencies\//, { id: 'agencies' }],
    [/^\/admin\/users\//, { id: 'users' }],
    [/^\/admin\/service-hall\/cases\//, { id: 'serviceCases' }],
    [/^\/admin\/service-hall\/items\//, { id: 'serviceItems' }],
    // The county's 标准目录 items belong to no agency: the policy names one of the demo's.
    [/^\/admin\/standard-catalogue\/items\//, {}],
  ];
  const names = table.find(([re]) => re.test(url))?.[1];
  assert.ok(names, `${url}: which records does it name?`);
  return Object.fromEntries(Object.entries(names).map(([param, key]) => [param, side[key] as number]));
}

function fill(url: string, values: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const v = values[name];
    assert.ok(v !== undefined && v !== 0, `${url}: no value for :${name}`);
    return String(v);
  });
}
function expected(policy: Policy, actor: Actor, target: 'own' | 'other'): Answer {
  if (policy.kind === 'signedIn') return 'allow';
  if (!policy.roles.includes(actor.role)) return 403;
  if (policy.county && !actor.county) return 403;
  if (target === 'other' && !actor.county) return policy.other ?? 403;
  return 'allow';
}

/** Puts back what an allowed request may have switched off (the agencies and the staff accounts). */
async function restore() {
  await db().updateTable('agencies').set({ active: 1 }).execute();
  await db().updateTable('users').set({ active: 1 }).execute();
  for (const row of attachmentRows)
    if (!(await first('attachments', { id: row.id })))
      await db()
        .insertInto('attachments')
        .values(row as never)
        .execute();
}

test('every admin route × every role × own / other agency answers as the policy says', async () => {
  const routes = app.routeTable.filter(
    (r) => r.method !== 'HEAD' && (r.url.startsWith('/admin') || r.url.startsWith('/api/v1/admin')),
  );
  assert.ok(routes.length > 100, `only ${routes.length} admin routes`);
  const missing = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !POLICY[k]);
  assert.deepEqual(missing, [], '新路由缺少授权策略：请在 POLICY 中声明');
  const stale = Object.keys(POLICY).filter((k) => !routes.some((r) => `${r.method} ${r.url}` === k));
  assert.deepEqual(stale, [], 'POLICY names routes that no longer exist');

  const wrong: string[] = [];
  let sent = 0;
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const policy = POLICY[key] as Policy;
    if (policy.kind === 'signedIn' && policy.skip) continue;
    const names = Object.keys(policy.kind === 'roles' ? (policy.body ?? {}) : {});
    const named = /:(?:id|\w+Id)\b/.test(route.url) || names.length > 0;
    const targets: ('own' | 'other')[] = named ? ['own', 'other'] : ['own'];
    for (const target of targets)
      for (const actor of actors) {
        const side = target === 'own' ? own : other;
        const extra: Omit<RolesPolicy, 'kind' | 'roles'> = policy.kind === 'roles' ? policy : {};
        const values = /:(?:id|\w+Id)\b/.test(route.url)
          ? { ...recordParams(route.url, side), ...extra.params }
          : { ...extra.params };
        const url = fill(route.url, values) + (extra.query ? `?${extra.query}` : '');
        const form = new URLSearchParams({ _csrf: actor.agent.csrf });
        for (const [k, v] of Object.entries(extra.body ?? {}))
          form.set(k, v === '{agency}' ? String(side.agencies) : v);
        const res =
          route.method === 'GET'
            ? await app.inject({ method: 'GET', url, headers: { cookie: actor.agent.cookieHeader() } })
            : await app.inject({
                method: route.method as 'POST',
                url,
                payload: form.toString(),
                headers: {
                  cookie: actor.agent.cookieHeader(),
                  'content-type': 'application/x-www-form-urlencoded',
                },
              });
        sent += 1;
        if (route.method !== 'GET') await restore();
        const got = answerOf(res.statusCode, res.headers.location as string | undefined);
        const want = expected(policy, actor, target);
        const said = (/<title>([^<]*)<\/title>[\s\S]*?<p[^>]*>([^<]*)/.exec(res.body) ?? ['', res.body.slice(0, 120)])
          .slice(1)
          .join(' ');
        if (got !== want)
          wrong.push(
            `${key} as ${actor.name} on ${target} (${url}): expected ${want}, got ${got} ${res.statusCode} ${said}`,
          );
      }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${sent} answers differ from the policy`);
  assert.ok(sent > 700, `only ${sent} requests`);
  // Every actor is still signed in: no answer above came from a lost session.
  for (const a of actors) assert.equal((await a.agent.get('/admin')).statusCode, 200, a.name);
});
