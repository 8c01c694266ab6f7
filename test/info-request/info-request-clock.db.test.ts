// The statutory clock and the other steps through the services on both engines, table-driven:
// receipt date per channel (第三十一条, rules 1–4), the stored due date (rule 5), 补正 late notice
// and closure as （六）1, a consultation pause spanning the National Day holiday (rules 9–10), an
// extension across the Spring Festival (rule 6) and the rejected ones, fees with the 20-day window
// and closure as （六）2 (rules 23–26), the reminders job (idempotent), table 三/四 counts and the
// fees total for the annual report, and the demo seed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditContext } from '../../src/platform/audit.ts';
import { addWorkingDays } from '../../src/modules/calendar/working-days.ts';
import { runInfoRequestReminders, seedDemoInfoRequests } from '../../src/modules/info-request/index.ts';
import { addAppeal, replyToInfoRequest } from '../../src/modules/info-request/decision.service.ts';
import { readInfoRequestForm, registerIntake } from '../../src/modules/info-request/intake.service.ts';
import { loadCase, parseStoredDeadline } from '../../src/modules/info-request/info-request.service.ts';
import {
  closeMissingCorrection,
  closeUnpaidFee,
  extendDeadline,
  recordPayment,
  requestCorrection,
  sendFeeNotice,
} from '../../src/modules/info-request/process.service.ts';
import { recordConsultation, startConsultation } from '../../src/modules/info-request/consultation.service.ts';
import { listConsultations } from '../../src/modules/info-request/info-request.repository.ts';
import { APPLICANT_KIND_KEYS, OUTCOME_KEYS, type IntakeChannel } from '../../src/modules/info-request/rules/index.ts';
import { feesQuery } from '../../src/modules/annual-report/queries/fees.query.ts';
import { table3Query } from '../../src/modules/annual-report/queries/table3.query.ts';
import { table4Query } from '../../src/modules/annual-report/queries/table4.query.ts';
import { ValidationError } from '../../src/platform/errors.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
});
after(() => env.close());

const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: 'test',
  ip: '127.0.0.1',
  at: `${date}T03:00:00.000Z`,
});
const lingxi = () => ({ id: env.county.agencyIds.lingxi as number, slug: 'lingxi' });
/** One agency's report year, as the annual report's queries take it. */
const scope = (year: number) => ({ agencyIds: [lingxi().id], year });
const cal = () => env.deps.calendar.get();

async function intake(
  channel: IntakeChannel,
  dates: Record<string, string>,
  on: string,
  over: Record<string, string> = {},
) {
  const c = await cal(); // before the transaction: the embedded engine has one connection
  return inTransaction(env.database.db, (t) =>
    registerIntake(t, at(on), c, lingxi(), readInfoRequestForm(application(over)), channel, dates, ''),
  );
}

describe('receipt date and stored due date (第三十一条, 第三十三条)', () => {
  const cases: [string, IntakeChannel, Record<string, string>, string, string][] = [
    ['in person: the day handed in', 'inPerson', { handedInOn: '2025-01-20' }, '2025-01-20', '2025-02-21'],
    [
      'signed-for post: the signing day, not the posting day',
      'signedPost',
      { signedForOn: '2025-01-20' },
      '2025-01-20',
      '2025-02-21',
    ],
    [
      'ordinary letter: the confirmation day',
      'ordinaryPost',
      { arrivedOn: '2025-01-17', confirmedOn: '2025-01-20' },
      '2025-01-20',
      '2025-02-21',
    ],
    ['online: both sides confirmed', 'online', { confirmedOn: '2026-02-10' }, '2026-02-10', '2026-03-16'],
    ['fax: both sides confirmed', 'fax', { confirmedOn: '2026-02-10' }, '2026-02-10', '2026-03-16'],
  ];
  for (const [name, channel, dates, receivedOn, dueOn] of cases) {
    test(name, async () => {
      const { id } = await intake(channel, dates, '2026-05-01');
      const r = await loadCase(env.database.db, id);
      assert.equal(r.receivedOn, receivedOn);
      assert.equal(r.dueOn, dueOn);
      assert.ok(parseStoredDeadline(r)?.segments.length, 'the explanation is stored');
      if (channel === 'ordinaryPost') assert.match(r.flags, /confirmationAfterArrival/, 'late confirmation flagged');
    });
  }
  test('a missing date for the channel is a field error, nothing stored', async () => {
    const before = (await env.database.db.selectFrom('infoRequests').select('id').execute()).length;
    await assert.rejects(
      intake('signedPost', {}, '2026-05-01'),
      (e: unknown) => e instanceof ValidationError && Boolean(e.fields?.signedForOn),
    );
    assert.equal((await env.database.db.selectFrom('infoRequests').select('id').execute()).length, before);
  });
});

describe('补正, consultation, extension, fees', () => {
  test('a 补正 notice after 7 working days is flagged; no correction in time closes as （六）1', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2024-02-05' }, '2026-05-01');
    const c = await cal();
    await inTransaction(env.database.db, async (t) =>
      requestCorrection(t, at('2024-02-21'), c, await loadCase(t, id), {
        noticeSentOn: '2024-02-21',
        correctionDueOn: '2024-03-01',
        items: '请写明文件名称。',
      }),
    );
    const clock = parseStoredDeadline(await loadCase(env.database.db, id));
    assert.equal(clock?.correctionNoticeDueOn, '2024-02-20');
    assert.ok(clock?.warnings.some((w) => w.code === 'correctionNoticeLate'));
    await assert.rejects(
      inTransaction(env.database.db, async (t) =>
        closeMissingCorrection(t, at('2024-03-01'), c, await loadCase(t, id), false),
      ),
      ValidationError,
      'not before the period ends',
    );
    await inTransaction(env.database.db, async (t) =>
      closeMissingCorrection(t, at('2024-03-04'), c, await loadCase(t, id), false),
    );
    const r = await loadCase(env.database.db, id);
    assert.equal(r.state, 'closed');
    assert.equal(r.outcomeKey, 'otherOutcome.noCorrection');
  });

  test('a third-party consultation spanning National Day moves the due date by exactly the paused working days', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2025-09-22' }, '2026-05-01');
    const c = await cal();
    const before = (await loadCase(env.database.db, id)).dueOn;
    assert.equal(before, '2025-10-24');
    await inTransaction(env.database.db, async (t) =>
      startConsultation(t, at('2025-09-25'), c, await loadCase(t, id), {
        party: 'thirdParty',
        partyName: '某建设公司',
        letterSentOn: '2025-09-25',
      }),
    );
    let r = await loadCase(env.database.db, id);
    assert.equal(r.dueOn, null, 'paused while the consultation runs');
    assert.equal(r.clockStatus, 'paused');
    const [k] = await listConsultations(env.database.db, id);
    await inTransaction(env.database.db, async (t) =>
      recordConsultation(t, at('2025-10-15'), c, await loadCase(t, id), k!.id, {
        letterReceivedOn: '2025-09-26',
        repliedOn: '2025-10-15',
        reply: 'consent',
      }),
    );
    r = await loadCase(env.database.db, id);
    const d = parseStoredDeadline(r)!;
    // (09-25, 10-15]: 09-26, 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13…10-15 = 10 working days.
    assert.equal(d.pausedWorkingDays, 10);
    assert.equal(addWorkingDays(c, before as string, 10).date, r.dueOn, 'shifted by exactly the paused working days');
    assert.equal(r.dueOn, '2025-11-07');
    const pause = d.segments.find((s) => s.kind === 'pause')!;
    assert.ok(pause.skipped.some((s) => s.date === '2025-10-01'));
    assert.ok(pause.adjustedWorkdays.some((s) => s.date === '2025-09-28'));
  });

  test('a co-producer that stays silent for 15 working days consents; the job settles it', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2026-03-02' }, '2026-05-01');
    const c = await cal();
    await inTransaction(env.database.db, async (t) =>
      startConsultation(t, at('2026-03-03'), c, await loadCase(t, id), {
        party: 'coProducer',
        partyName: '县民政局',
        letterSentOn: '2026-03-03',
      }),
    );
    const [k] = await listConsultations(env.database.db, id);
    await inTransaction(env.database.db, async (t) =>
      recordConsultation(t, at('2026-03-04'), c, await loadCase(t, id), k!.id, {
        letterReceivedOn: '2026-03-04',
        repliedOn: null,
        reply: null,
      }),
    );
    await runInfoRequestReminders(env.deps);
    const [after] = await listConsultations(env.database.db, id);
    assert.equal(after!.state, 'deemedConsent');
    assert.equal(after!.endedOn, after!.replyDueOn);
    assert.equal((await loadCase(env.database.db, id)).clockStatus, 'running');
  });

  const badExtensions: [string, Record<string, unknown>, string][] = [
    ['21 working days', { workingDays: 21 }, 'workingDays'],
    ['no approver', { approvedBy: '' }, 'approvedBy'],
    ['applicant not told', { applicantNotifiedOn: '' }, 'applicantNotifiedOn'],
  ];
  for (const [name, over, field] of badExtensions) {
    test(`an extension is rejected: ${name}`, async () => {
      const { id } = await intake('inPerson', { handedInOn: '2025-01-20' }, '2026-05-01');
      const c = await cal();
      const x = {
        workingDays: 20,
        approvedBy: '办公室主任 向东',
        approvedOn: '2025-02-10',
        applicantNotifiedOn: '2025-02-10',
        reason: '需调取档案',
        ...over,
      } as Parameters<typeof extendDeadline>[4];
      await assert.rejects(
        inTransaction(env.database.db, async (t) => extendDeadline(t, at('2025-02-10'), c, await loadCase(t, id), x)),
        (e: unknown) => e instanceof ValidationError && Boolean(e.fields?.[field]),
      );
      assert.equal((await loadCase(env.database.db, id)).dueOn, '2025-02-21');
    });
  }

  test('the maximum extension across the Spring Festival: received 2025-01-20 ⇒ 2025-03-21', async () => {
    const { id } = await intake('inPerson', { handedInOn: '2025-01-20' }, '2026-05-01');
    const c = await cal();
    await inTransaction(env.database.db, async (t) =>
      extendDeadline(t, at('2025-02-10'), c, await loadCase(t, id), {
        workingDays: 20,
        approvedBy: '办公室主任 向东',
        approvedOn: '2025-02-10',
        applicantNotifiedOn: '2025-02-10',
        reason: '需调取档案',
      }),
    );
    const r = await loadCase(env.database.db, id);
    assert.equal(r.dueOn, '2025-03-21');
    const letters = await env.database.db
      .selectFrom('infoRequestLetters')
      .select(['kind', 'templateVersion'])
      .where('infoRequestId', '=', id)
      .execute();
    assert.ok(letters.some((l) => l.kind === 'extension' && l.templateVersion === 'extension.v1'));
    assert.ok(parseStoredDeadline(r)!.segments.some((s) => s.skipped.some((k) => k.date === '2025-01-29')));
  });

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
