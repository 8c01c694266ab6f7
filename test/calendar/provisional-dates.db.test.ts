// Stored provisional due dates (issue #11 point 3): in December 2026, with 2027's holidays not
// yet imported, an application, a mailbox letter and a publication draft all get a due date,
// flagged provisional, shown with 「暂定」 and a reason; letters add the State Council caveat.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import type { AuditContext } from '../../src/platform/audit.ts';
import { listCategories } from '../../src/modules/catalog/catalog.repository.ts';
import { readInfoRequestForm, registerIntake } from '../../src/modules/info-request/intake.service.ts';
import { presentForApplicant } from '../../src/modules/info-request/info-request.presenters.ts';
import { loadCase, parseStoredDeadline } from '../../src/modules/info-request/info-request.service.ts';
import { extendDeadline } from '../../src/modules/info-request/process.service.ts';
import { emptyInput } from '../../src/modules/publication/publication.input.ts';
import { createDraft } from '../../src/modules/publication/publication.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { application } from '../info-request/helpers.ts';
import { Agent } from '../support/agent.ts';
import { makeLetter } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
before(async () => {
  env = await createTestEnv({ now: '2026-12-07T02:00:00Z' });
  lingxi = env.county.agencyIds.lingxi as number;
  await env.user('lingxi.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: 'test',
  ip: '127.0.0.1',
  at: `${date}T03:00:00.000Z`,
});

async function intakeOn(handedInOn: string): Promise<number> {
  const cal = await env.deps.calendar.get();
  const { id } = await inTransaction(env.database.db, (t) =>
    registerIntake(
      t,
      at(handedInOn),
      cal,
      { id: lingxi, slug: 'lingxi' },
      readInfoRequestForm(application()),
      'inPerson',
      { handedInOn },
      '',
    ),
  );
  return id;
}

describe('applications (条例 第三十三条: 20 working days)', () => {
  test('received 2026-12-07: due 2027-01-05, stored as provisional with the years consulted', async () => {
    const id = await intakeOn('2026-12-07');
    const r = await loadCase(env.database.db, id);
    assert.equal(r.dueOn, '2027-01-05');
    assert.equal(r.dueProvisional, 1);
    assert.equal(r.clockStatus, 'running', 'counted like any running clock (due-soon / overdue queues)');
    assert.deepEqual(parseStoredDeadline(r)?.provisionalYears, [2027]);

    const letter = await env.database.db
      .selectFrom('infoRequestLetters')
      .select('dataJson')
      .where('infoRequestId', '=', id)
      .where('kind', '=', 'receipt')
      .executeTakeFirstOrThrow();
    assert.match(letter.dataJson, /2027-01-05（暂定，以国务院办公厅公布的节假日安排为准）/);

    const view = presentForApplicant(r, '灵溪镇人民政府', [], [], []);
    assert.equal(view.dueOn, '2027-01-05');
    assert.equal(view.dueProvisional, true);

    const a = new Agent(env.app);
    await a.login('lingxi.clerk');
    const page = await a.get(`/admin/info-requests/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /2027-01-05[\s\S]{0,200}暂定[\s\S]{0,100}2027年节假日安排尚未公布/);
    const list = await a.get('/admin/info-requests?view=all');
    assert.match(list.body, /2027-01-05 <span class="badge badge-provisional">暂定<\/span>/);
  });

  test('an extension into 2027: the applicant’s history says its new due date is provisional, as the letter does', async () => {
    const id = await intakeOn('2026-12-07');
    const cal = await env.deps.calendar.get();
    const x = {
      workingDays: 20,
      approvedBy: '张主任',
      approvedOn: '2026-12-28',
      applicantNotifiedOn: '2026-12-28',
      reason: '需要调取档案核实',
    };
    await inTransaction(env.database.db, async (t) =>
      extendDeadline(t, at('2026-12-28'), cal, await loadCase(t, id), x),
    );
    const lines = await env.database.db
      .selectFrom('infoRequestEvents')
      .select('publicText')
      .where('infoRequestId', '=', id)
      .where('kind', '=', 'extended')
      .execute();
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]?.publicText ?? '',
      /^经政府信息公开工作机构负责人同意，答复期限延长20个工作日，至2027-\d{2}-\d{2}（暂定，以国务院办公厅公布的节假日安排为准）。$/,
    );
  });

  test('a period inside 2026 is not provisional', async () => {
    const r = await loadCase(env.database.db, await intakeOn('2026-11-02'));
    assert.equal(r.dueOn, '2026-11-30');
    assert.equal(r.dueProvisional, 0);
    assert.equal(parseStoredDeadline(r)?.provisionalYears, undefined);
  });
});

describe('mailbox letters and publications', () => {
  test('a letter received 2026-12-21 gets a provisional reply date in 2027', async () => {
    const receipt = await makeLetter(env, lingxi, 'letter', 'received', { on: '2026-12-21' });
    assert.equal(receipt.dueProvisional, true);
    assert.ok((receipt.dueDate ?? '') > '2027-01-01');
    const row = await env.database.db
      .selectFrom('interactionCases')
      .select(['dueDate', 'dueProvisional'])
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { dueDate: receipt.dueDate, dueProvisional: 1 });
  });

  test('a publication formed in December is drafted (never refused), due provisionally on 2027-01-05', async () => {
    const cal = await env.deps.calendar.get();
    const cats = (await listCategories(env.database.db, lingxi, { activeOnly: true })).filter(
      (c) => c.columnKey === 'statutory' && c.parentId !== null,
    );
    const base = emptyInput('灵溪镇人民政府', '2026-12-07');
    const id = await inTransaction(env.database.db, (trx) =>
      createDraft(trx, systemContext(env.clock), 'system', cal, lingxi, {
        values: { ...base.values, title: '十二月成文的通知', body: '<p>正文。</p>', formedOn: '2026-12-07' },
        categoryIds: [String(cats[0]?.id)],
        channels: ['website'],
      }),
    );
    const row = await env.database.db
      .selectFrom('publications')
      .select(['dueOn', 'dueProvisional'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { dueOn: '2027-01-05', dueProvisional: 1 });
  });
});
