// The statutory clock through the services on both engines, table-driven: receipt date per
// channel (第三十一条, rules 1–4), the stored due date (rule 5), 补正 late notice and closure as
// （六）1, a consultation pause spanning the National Day holiday (rules 9–10), a co-producer's
// deemed consent, an extension across the Spring Festival (rule 6) and the rejected ones. Fees,
// replies, reminders and what the annual report counts: info-request-outcomes.db.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addWorkingDays } from '../../src/modules/calendar/working-days.ts';
import { runInfoRequestReminders } from '../../src/modules/info-request/index.ts';
import { loadCase, parseStoredDeadline } from '../../src/modules/info-request/info-request.service.ts';
import {
  closeMissingCorrection,
  extendDeadline,
  requestCorrection,
} from '../../src/modules/info-request/process.service.ts';
import { recordConsultation, startConsultation } from '../../src/modules/info-request/consultation.service.ts';
import { listConsultations } from '../../src/modules/info-request/info-request.repository.ts';
import type { IntakeChannel } from '../../src/modules/info-request/rules/index.ts';
import { ValidationError } from '../../src/platform/errors.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { at, serviceDesk } from './service-desk.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
});
after(() => env.close());
const { cal, intake } = serviceDesk(() => env);

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

describe('补正, consultation, extension', () => {
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
});
