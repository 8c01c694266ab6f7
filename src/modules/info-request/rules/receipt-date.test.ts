import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidDateError } from '../../calendar/index.ts';
import { InfoRequestRuleError, MissingReceiptDateError } from './errors.ts';
import { determineReceivedOn, INTAKE_CHANNELS, intakeChannelLabels, type ReceiptInput } from './receipt-date.ts';

describe('条例第三十一条 — 收到申请之日 by channel', () => {
  const cases: { name: string; input: ReceiptInput; receivedOn: string; warnings: string[] }[] = [
    {
      name: 'RULES rule 1 / 第三十一条第（一）项: in person ⇒ the day it is handed in',
      input: { channel: 'inPerson', handedInOn: '2025-03-03' },
      receivedOn: '2025-03-03',
      warnings: [],
    },
    {
      name: 'RULES rule 2 / 第三十一条第（二）项: signed-for post ⇒ the 签收 date, not the arrival or posting date',
      input: { channel: 'signedPost', arrivedOn: '2025-03-04', signedForOn: '2025-03-05' },
      receivedOn: '2025-03-05',
      warnings: [],
    },
    {
      name: 'RULES rule 3 / 第三十一条第（二）项: ordinary letter confirmed on the arrival day ⇒ that day, no warning',
      input: { channel: 'ordinaryPost', arrivedOn: '2025-03-05', confirmedOn: '2025-03-05' },
      receivedOn: '2025-03-05',
      warnings: [],
    },
    {
      name: 'RULES rule 3 / 第三十一条第（二）项: ordinary letter confirmed later ⇒ the confirmation day, flagged',
      input: { channel: 'ordinaryPost', arrivedOn: '2025-03-05', confirmedOn: '2025-03-07' },
      receivedOn: '2025-03-07',
      warnings: ['confirmationAfterArrival'],
    },
    {
      name: 'RULES rule 4 / 第三十一条第（三）项: online ⇒ the day both sides confirmed',
      input: { channel: 'online', confirmedOn: '2025-03-10' },
      receivedOn: '2025-03-10',
      warnings: [],
    },
    {
      name: 'RULES rule 4 / 第三十一条第（三）项: fax ⇒ the day both sides confirmed',
      input: { channel: 'fax', arrivedOn: '2025-03-07', confirmedOn: '2025-03-10' },
      receivedOn: '2025-03-10',
      warnings: [],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = determineReceivedOn(c.input);
      assert.equal(r.receivedOn, c.receivedOn);
      assert.equal(r.channel, c.input.channel);
      assert.deepEqual(
        r.warnings.map((w) => w.code),
        c.warnings,
      );
      assert.match(r.basis, /第三十一条/);
      for (const w of r.warnings) assert.match(w.message, /当日/);
    });
  }

  const missing: { name: string; input: ReceiptInput; field: string }[] = [
    { name: 'in person without the hand-in date', input: { channel: 'inPerson' }, field: 'handedInOn' },
    {
      name: 'signed-for post with only the arrival date',
      input: { channel: 'signedPost', arrivedOn: '2025-03-04' },
      field: 'signedForOn',
    },
    {
      name: 'ordinary letter without the arrival date',
      input: { channel: 'ordinaryPost', confirmedOn: '2025-03-04' },
      field: 'arrivedOn',
    },
    {
      name: 'ordinary letter without the confirmation date',
      input: { channel: 'ordinaryPost', arrivedOn: '2025-03-04' },
      field: 'confirmedOn',
    },
    {
      name: 'online without the confirmation date',
      input: { channel: 'online', arrivedOn: '2025-03-04' },
      field: 'confirmedOn',
    },
    { name: 'fax with a blank confirmation date', input: { channel: 'fax', confirmedOn: '  ' }, field: 'confirmedOn' },
  ];
  for (const c of missing) {
    test(`第三十一条: ${c.name} ⇒ MissingReceiptDateError with a Chinese message`, () => {
      assert.throws(
        () => determineReceivedOn(c.input),
        (e: unknown) =>
          e instanceof MissingReceiptDateError &&
          e.code === 'receipt.missingDate' &&
          e.field === c.field &&
          /第三十一条/.test(e.message) &&
          typeof e.fieldErrors[c.field] === 'string',
      );
    });
  }

  test('第三十一条第（二）项: a confirmation before the letter arrived is refused', () => {
    assert.throws(
      () => determineReceivedOn({ channel: 'ordinaryPost', arrivedOn: '2025-03-05', confirmedOn: '2025-03-04' }),
      (e: unknown) => e instanceof InfoRequestRuleError && e.code === 'receipt.inconsistentDates',
    );
  });

  test('第三十一条: an impossible date is refused', () => {
    assert.throws(() => determineReceivedOn({ channel: 'inPerson', handedInOn: '2025-02-30' }), InvalidDateError);
  });

  test('第三十一条: every channel has a Chinese label', () => {
    assert.deepEqual(INTAKE_CHANNELS, ['inPerson', 'signedPost', 'ordinaryPost', 'online', 'fax']);
    for (const ch of INTAKE_CHANNELS) assert.match(intakeChannelLabels[ch], /[\u4e00-\u9fff]/);
  });
});
