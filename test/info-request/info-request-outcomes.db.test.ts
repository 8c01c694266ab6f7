// What follows the clock, through the services on both engines: fees with the 20-working-day
// window and closure as （六）2 (rules 23–26) and the fees total, a reply with one outcome and the
// appeals, table 三/四 counts as the annual report computes them, the reminders job (idempotent),
// and the demo seed. The clock itself: info-request-clock.db.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runInfoRequestReminders, seedDemoInfoRequests } from '../../src/modules/info-request/index.ts';
import { addAppeal, replyToInfoRequest } from '../../src/modules/info-request/decision.service.ts';
import { loadCase } from '../../src/modules/info-request/info-request.service.ts';
import { closeUnpaidFee, recordPayment, sendFeeNotice } from '../../src/modules/info-request/process.service.ts';
import { APPLICANT_KIND_KEYS, OUTCOME_KEYS } from '../../src/modules/info-request/rules/index.ts';
import { feesQuery } from '../../src/modules/annual-report/queries/fees.query.ts';
import { table3Query } from '../../src/modules/annual-report/queries/table3.query.ts';
import { table4Query } from '../../src/modules/annual-report/queries/table4.query.ts';
import { ValidationError } from '../../src/platform/errors.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';
import { at, serviceDesk } from './service-desk.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
});
after(() => env.close());
const { cal, intake, scope } = serviceDesk(() => env);

describe('fees (国办函〔2020〕109号)', () => {
  test('fees: 按量 250 pages is 4 700 元; one method per application; unpaid after 20 working days closes as （六）2', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2025-08-04' }, '2026-05-01');
    const c = await cal();
    const quote = await inTransaction(env.database.db, async (t) =>
      sendFeeNotice(t, at('2025-08-11'), c, await loadCase(t, id), {
        method: 'perPage',
        quantity: 250,
        noticeReceivedOn: '2025-08-11',
      }),
    );
    assert.equal(quote.amount, 4700);
    let r = await loadCase(env.database.db, id);
    assert.equal(r.state, 'feePending');
    assert.equal(r.feePaymentDueOn, '2025-09-08');
    await assert.rejects(
      inTransaction(env.database.db, async (t) => closeUnpaidFee(t, at('2025-09-08'), c, await loadCase(t, id))),
      ValidationError,
    );
    await assert.rejects(
      inTransaction(env.database.db, async (t) =>
        recordPayment(t, at('2025-09-09'), c, await loadCase(t, id), { paidOn: '2025-09-09', amount: 4700 }),
      ),
      ValidationError,
      'late payment refused',
    );
    await inTransaction(env.database.db, async (t) => closeUnpaidFee(t, at('2025-09-09'), c, await loadCase(t, id)));
    r = await loadCase(env.database.db, id);
    assert.equal(r.outcomeKey, 'otherOutcome.feeUnpaid');
    assert.equal(r.concludedOn, '2025-09-09');
  });

  test('fees paid are recorded and totalled; a second fee notice on one application is refused', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2025-08-04' }, '2026-05-01', {
      idDocumentNumber: '' + application().idDocumentNumber,
    });
    const c = await cal();
    await inTransaction(env.database.db, async (t) =>
      sendFeeNotice(t, at('2025-08-11'), c, await loadCase(t, id), {
        method: 'perPage',
        quantity: 101,
        noticeReceivedOn: '2025-08-11',
      }),
    );
    await inTransaction(env.database.db, async (t) =>
      recordPayment(t, at('2025-08-20'), c, await loadCase(t, id), { paidOn: '2025-08-20', amount: 720 }),
    );
    await assert.rejects(
      inTransaction(env.database.db, async (t) =>
        sendFeeNotice(t, at('2025-08-21'), c, await loadCase(t, id), {
          method: 'perItem',
          quantity: 20,
          noticeReceivedOn: '2025-08-21',
        }),
      ),
      ValidationError,
    );
    assert.equal((await feesQuery(env.database.db, scope(2025))).values.informationProcessing, 720);
  });
});

describe('decisions, reminders and the annual report queries', () => {
  test('reply with one outcome; appeals; table 三 identities hold and table 四 counts', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2025-12-29' }, '2026-05-01');
    const c = await cal();
    await assert.rejects(
      inTransaction(env.database.db, async (t) =>
        replyToInfoRequest(t, at('2026-01-05'), c, env.config.dataDir, await loadCase(t, id), {
          outcomeKey: 'withheld.secret',
          legalBasis: 'x',
          text: 'x',
          repliedOn: '2026-01-05',
          files: [],
        }),
      ),
      ValidationError,
    );
    await inTransaction(env.database.db, async (t) =>
      replyToInfoRequest(t, at('2026-01-05'), c, env.config.dataDir, await loadCase(t, id), {
        outcomeKey: 'withheld.processInformation',
        legalBasis: '条例第十六条第二款',
        text: '属于过程性信息。',
        repliedOn: '2026-01-05',
        files: [],
      }),
    );
    await inTransaction(env.database.db, async (t) =>
      addAppeal(t, at('2026-02-01'), await loadCase(t, id), {
        kind: 'lawsuit',
        afterReconsideration: true,
        filedOn: '2026-02-01',
        result: 'corrected',
        concludedOn: '2026-04-01',
        note: '',
      }),
    );
    // Tables 三 and 四 as the annual report computes them (its queries are the one computation).
    const table3 = async (year: number) => (await table3Query(env.database.db, scope(year), '')).values;
    for (const year of [2024, 2025, 2026]) {
      const t3 = await table3(year);
      for (const k of APPLICANT_KIND_KEYS) {
        assert.equal(
          t3.newlyReceived[k] + t3.carriedOver[k],
          t3.total[k] + t3.carriedForward[k],
          `${year} ${k}: 一 + 二 = （七） + 四`,
        );
        assert.equal(
          t3.total[k],
          OUTCOME_KEYS.reduce((s, o) => s + t3[o][k], 0),
          `${year} ${k}: （七） is the sum of the outcomes`,
        );
      }
    }
    const t2025 = await table3(2025);
    const t2026 = await table3(2026);
    assert.equal(t2026.carriedOver.naturalPerson, t2025.carriedForward.naturalPerson, '二 of 2026 = 四 of 2025');
    assert.ok(t2026['withheld.processInformation'].naturalPerson >= 1);
    const t4 = (await table4Query(env.database.db, scope(2026), '')).values;
    assert.equal(t4.lawsuitAfterReconsideration.corrected, 1);
    assert.equal(t4.lawsuitAfterReconsideration.total, 1);
  });

  test('reminders are queued once per case, kind and due date', async () => {
    await intake('inPerson', { handedInOn: '2025-01-20' }, '2026-05-01'); // due 2025-02-21
    env.clock.set('2025-02-18T02:00:00Z');
    const count = async () =>
      Number(
        (
          await env.database.db
            .selectFrom('infoRequestReminders')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await env.user('lx.signer', 'lingxi', ['signer']);
    await runInfoRequestReminders(env.deps);
    const first = await count();
    const notes = Number(
      (
        await env.database.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('relatedType', '=', 'infoRequest')
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.ok(first >= 1);
    await runInfoRequestReminders(env.deps);
    assert.equal(await count(), first);
    const notesAfter = Number(
      (
        await env.database.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('relatedType', '=', 'infoRequest')
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(notesAfter, notes);
    env.clock.set('2026-06-01T02:00:00Z');
  });

  test('the demo seed creates applications in various states, through the services', async () => {
    await env.database.db.deleteFrom('infoRequests').execute();
    const n = await seedDemoInfoRequests(env.database.db, env.county.agencyIds, env.config.dataDir);
    assert.equal(n, 7);
    const states = new Set(
      (await env.database.db.selectFrom('infoRequests').select('state').execute()).map((r) => r.state),
    );
    for (const s of ['archived', 'replied', 'closed', 'processing']) assert.ok(states.has(s as never), s);
    assert.equal(await seedDemoInfoRequests(env.database.db, env.county.agencyIds, env.config.dataDir), 0, 'only once');
  });
});
