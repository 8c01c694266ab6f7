import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../../calendar/index.ts';
import { computeDeadline } from './clock.ts';
import { InfoRequestRuleError } from './errors.ts';
import {
  consultationReplyDueOn,
  resolveConsultation,
  type ConsultationInput,
  type ConsultationState,
} from './third-party.ts';

const cal = bundledWorkCalendar();

describe('条例第三十二条、第三十四条 — 15 working days after the letter is received', () => {
  const cases = [
    {
      name: 'RULES rule 9: letter received 2025-03-11 ⇒ reply due 2025-04-01',
      receivedOn: '2025-03-11',
      dueOn: '2025-04-01',
    },
    {
      name: '第三十二条: letter received 2025-09-26 ⇒ reply due 2025-10-23 (National Day skipped, 09-28 and 10-11 count)',
      receivedOn: '2025-09-26',
      dueOn: '2025-10-23',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const due = consultationReplyDueOn(cal, c.receivedOn);
      assert.equal(due.dueOn, c.dueOn);
      assert.equal(due.workingDays, 15);
      assert.equal(due.from, c.receivedOn);
    });
  }
});

describe('条例第三十二条、第三十四条 — what silence and replies mean', () => {
  const base: ConsultationInput = { party: 'thirdParty', letterSentOn: '2025-03-10', letterReceivedOn: '2025-03-11' };
  const cases: {
    name: string;
    input: ConsultationInput;
    today: string;
    state: ConsultationState;
    endedOn: string | null;
    late?: boolean;
    message: RegExp;
  }[] = [
    {
      name: '第三十二条: third party silent after 15 working days ⇒ the agency decides',
      input: base,
      today: '2025-04-02',
      state: 'noReplyAgencyDecides',
      endedOn: '2025-04-01',
      message: /由行政机关依照本条例的规定决定是否公开/,
    },
    {
      name: 'RULES rule 10 / 第三十四条: co-producing agency silent after 15 working days ⇒ recorded as consent',
      input: { ...base, party: 'coProducer' },
      today: '2025-04-02',
      state: 'deemedConsent',
      endedOn: '2025-04-01',
      message: /视为同意公开/,
    },
    {
      name: 'RULES rule 10 / 第三十四条: on the 15th working day itself the reply is still awaited',
      input: { ...base, party: 'coProducer' },
      today: '2025-04-01',
      state: 'awaitingReply',
      endedOn: null,
      message: /暂停计算/,
    },
    {
      name: '第三十二条: an objection in time ⇒ objected, reasons weighed against the public interest',
      input: { ...base, repliedOn: '2025-03-20', reply: 'objection' },
      today: '2025-03-21',
      state: 'objected',
      endedOn: '2025-03-20',
      message: /公共利益/,
    },
    {
      name: '第三十二条: consent in time ⇒ consented',
      input: { ...base, repliedOn: '2025-04-01', reply: 'consent' },
      today: '2025-04-02',
      state: 'consented',
      endedOn: '2025-04-01',
      message: /同意公开/,
    },
    {
      name: 'RULES rule 10 / 第三十四条: a late objection from a co-producer has the effect of silence ⇒ consent',
      input: { ...base, party: 'coProducer', repliedOn: '2025-04-03', reply: 'objection' },
      today: '2025-04-03',
      state: 'deemedConsent',
      endedOn: '2025-04-01',
      late: true,
      message: /逾期/,
    },
    {
      name: '第三十三条第三款: a letter not yet delivered keeps the clock stopped',
      input: { party: 'thirdParty', letterSentOn: '2025-03-10' },
      today: '2025-03-12',
      state: 'awaitingDelivery',
      endedOn: null,
      message: /尚未送达/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = resolveConsultation(cal, c.input, c.today);
      assert.equal(r.state, c.state);
      assert.equal(r.endedOn, c.endedOn);
      assert.equal(r.lateReply, c.late ?? false);
      assert.match(r.message, c.message);
      assert.equal(r.pause.kind, c.input.party === 'thirdParty' ? 'thirdParty' : 'otherAgency');
      assert.equal(r.pause.startOn, c.input.letterSentOn);
      assert.equal(r.pause.endOn, c.endedOn);
    });
  }

  test('RULES rule 9: the consultation pause excludes exactly its working days from the applicant’s deadline', () => {
    const r = resolveConsultation(cal, base, '2025-04-10');
    const d = computeDeadline(cal, {
      receivedOn: '2025-03-03',
      pauses: [r.pause],
      settings: { pauseWhileFeePending: false },
    });
    assert.equal(d.pausedWorkingDays, 16);
    assert.equal(d.dueOn, '2025-04-23');
  });

  const bad: { name: string; input: ConsultationInput }[] = [
    { name: 'a reply date without the reply', input: { ...base, repliedOn: '2025-03-20' } },
    {
      name: 'a reply without the delivery date',
      input: { party: 'thirdParty', letterSentOn: '2025-03-10', repliedOn: '2025-03-20', reply: 'consent' },
    },
    { name: 'delivery before sending', input: { ...base, letterReceivedOn: '2025-03-09' } },
  ];
  for (const c of bad) {
    test(`第三十二条: ${c.name} is refused`, () => {
      assert.throws(
        () => resolveConsultation(cal, c.input, '2025-03-21'),
        (e: unknown) => e instanceof InfoRequestRuleError && e.code === 'consultation.inconsistentInput',
      );
    });
  }
});
