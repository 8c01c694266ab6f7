// The test factories (test/support/factories.ts) on both engines, without the demo county: each
// brings its record to the state asked for through the services, with the audit events the routes
// would write, and what it makes is usable through the app (a made clerk signs in and sees the case).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { workingDaysBetween } from '../../src/modules/calendar/index.ts';
import { loadCase } from '../../src/modules/info-request/info-request.service.ts';
import {
  makeAgency,
  makeApplication,
  makeLetter,
  makeOffice,
  makePublication,
  makeReport,
  makeStaff,
  rootAgency,
  todayOf,
  workingDaysBefore,
} from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { auditEvents } from '../support/audit.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ demo: false, now: '2026-06-03T02:00:00Z' });
});
after(() => env.close());

const events = async (type: string, id: number) =>
  (await auditEvents(env, { entityType: type, entityId: id })).map((e) => e.action);

describe('agencies and staff', () => {
  test('an agency is made under a county made once, with its default 目录 taxonomy', async () => {
    const a = await makeAgency(env);
    const b = await makeAgency(env, { kind: 'township' });
    const root = await rootAgency(env);
    const rows = await env.database.db
      .selectFrom('agencies')
      .select(['id', 'parentId', 'kind'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    assert.deepEqual(
      rows.map((r) => r.parentId),
      [root.id, root.id],
    );
    assert.ok(
      Number(
        (
          await env.database.db
            .selectFrom('categories')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('agencyId', '=', a.id)
            .executeTakeFirstOrThrow()
        ).n,
      ) > 10,
    );
  });

  test('a made clerk signs in with the test password and sees the admin home', async () => {
    const a = await makeAgency(env);
    const clerk = await makeStaff(env, a.id, ['clerk']);
    const agent = await clerk.login();
    const home = await agent.get('/admin');
    assert.equal(home.statusCode, 200);
  });
});

describe('publications in every workflow state', () => {
  for (const state of ['draft', 'returned', 'submitted', 'reviewed', 'published', 'withdrawn'] as const) {
    test(state, async () => {
      const a = await makeAgency(env);
      const p = await makePublication(env, a.id, state);
      const row = await env.database.db
        .selectFrom('publications')
        .select(['state', 'indexNumber', 'reviewComment'])
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, state === 'returned' ? 'draft' : state);
      assert.equal(Boolean(row.indexNumber), state === 'published' || state === 'withdrawn');
      if (state === 'returned') assert.match(row.reviewComment, /补充/);
      assert.equal((await events('publication', p.id))[0], 'publication.created');
    });
  }
  test('a published one is on its public page', async () => {
    const a = await makeAgency(env);
    const p = await makePublication(env, a.id, 'published', { title: '工厂做的公开信息' });
    const res = await env.app.inject({ url: `/publications/${p.id}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /工厂做的公开信息/);
  });
});

describe('applications at any point of their clock', () => {
  test('received N working days ago: the stored due date is 20 working days after receipt', async () => {
    const a = await makeAgency(env);
    const cal = await env.deps.calendar.get();
    const made = await makeApplication(env, a, 'processing', { receivedWorkingDaysAgo: 18 });
    assert.equal(workingDaysBetween(cal, made.receivedOn!, todayOf(env)), 18);
    const r = await loadCase(env.database.db, made.id);
    assert.equal(r.state, 'processing');
    assert.equal(workingDaysBetween(cal, r.receivedOn!, r.dueOn!), 20);
    assert.equal(workingDaysBefore(cal, '2026-06-01', 1), '2026-05-29', 'Friday before Monday');
  });

  const expected = {
    submitted: ['submitted', null],
    processing: ['processing', null],
    correction: ['awaitingCorrection', 'correctionNoticeSentOn'],
    consulting: ['processing', 'consultation'],
    extended: ['processing', 'extensionWorkingDays'],
    replied: ['replied', 'outcomeKey'],
  } as const;
  for (const [step, [state, marker]] of Object.entries(expected)) {
    test(step, async () => {
      const a = await makeAgency(env);
      const made = await makeApplication(env, a, step as keyof typeof expected, { receivedWorkingDaysAgo: 3 });
      const r = await loadCase(env.database.db, made.id);
      assert.equal(r.state, state);
      if (marker === 'consultation') {
        const c = await env.database.db
          .selectFrom('infoRequestConsultations')
          .select('id')
          .where('infoRequestId', '=', made.id)
          .execute();
        assert.equal(c.length, 1);
      } else if (marker) assert.ok(r[marker], `${marker} is set`);
    });
  }
});

describe('letters, inquiries and complaints', () => {
  for (const kind of ['letter', 'inquiry', 'complaint'] as const)
    for (const step of ['received', 'assigned', 'handling', 'replied'] as const) {
      if (step === 'handling' && kind !== 'complaint') continue;
      test(`${kind} ${step}`, async () => {
        const a = await makeAgency(env);
        const made = await makeLetter(env, a.id, kind, step);
        const row = await env.database.db
          .selectFrom('interactionCases')
          .select(['kind', 'state', 'dueDate'])
          .where('id', '=', made.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.kind, kind);
        assert.equal(row.state, step);
        assert.ok(row.dueDate);
      });
    }
});

describe('annual reports', () => {
  for (const state of ['draft', 'submitted', 'returned', 'approved'] as const)
    test(state, async () => {
      const { agency } = await makeOffice(env);
      const made = await makeReport(env, agency.id, 2025, state);
      const row = await env.database.db
        .selectFrom('annualReports')
        .select(['state', 'year', 'narratives'])
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, state);
      assert.match(row.narratives, /认真贯彻落实/);
    });
});
