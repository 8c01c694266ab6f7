// 条例第四十一条 (更正个人政府信息记录) on the 第三十三条 clock: the due date on the working-day
// calendar, the one extension, and what each decision must carry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../calendar/index.ts';
import {
  amendmentDueDate,
  checkAmendmentDecision,
  checkAmendmentExtension,
  checkAmendmentForm,
  type AmendmentFormValues,
} from './record-amendment.rules.ts';

const cal = bundledWorkCalendar();

describe('第四十一条 on the clock of 第三十三条', () => {
  test('20 working days after the receipt date (the receipt day itself not counted)', () => {
    const due = amendmentDueDate(cal, '2025-06-03');
    assert.equal(due.dueOn, '2025-07-01');
    assert.match(due.explanation, /自2025-06-03的次日起算第20个工作日为2025-07-01/);
    assert.match(due.explanation, /条例第四十一条未规定更正期限，本平台参照第三十三条/);
  });

  test('over 国庆 2025: the holidays are skipped and the 调休上班日 (9-28, 10-11) count', () => {
    const due = amendmentDueDate(cal, '2025-09-26');
    assert.equal(due.dueOn, '2025-10-30');
    assert.ok(due.adjustedWorkdays.some((d) => d.date === '2025-09-28'));
    assert.ok(due.skipped.some((d) => d.date === '2025-10-01'));
  });

  test('an approved extension of 20 working days moves it on by 20 working days', () => {
    const due = amendmentDueDate(cal, '2025-06-03', 20);
    assert.equal(due.dueOn, '2025-07-29');
    assert.match(due.explanation, /含经批准延长的20个工作日/);
  });

  test('the extension: at most 20, approved and notified (第三十三条第二款), and only once', () => {
    const ok = { workingDays: 10, approvedBy: '王主任', approvedOn: '2025-06-20', applicantNotifiedOn: '2025-06-20' };
    assert.deepEqual(checkAmendmentExtension({ extensionDays: 0 }, ok), {});
    assert.match(checkAmendmentExtension({ extensionDays: 0 }, { ...ok, workingDays: 21 }).workingDays ?? '', /20/);
    assert.ok(checkAmendmentExtension({ extensionDays: 0 }, { ...ok, approvedBy: '' }).approvedBy);
    assert.match(checkAmendmentExtension({ extensionDays: 5 }, ok).workingDays ?? '', /只能一次/);
  });
});

describe('第四十一条: what each decision carries', () => {
  const base = { amendedRecord: '', decisionText: '', competentAgency: '', refusalGround: '' };

  test('予以更正 names the record corrected and what was changed', () => {
    const e = checkAmendmentDecision({ ...base, decision: 'amended' });
    assert.ok(e.amendedRecord && e.decisionText);
    assert.deepEqual(
      checkAmendmentDecision({
        ...base,
        decision: 'amended',
        amendedRecord: '2024年度农村低保名册',
        decisionText: '家庭人口由3人更正为4人',
      }),
      {},
    );
  });

  test('转送 and 告知 name the agency that has the authority to correct', () => {
    for (const decision of ['transferred', 'referred']) {
      assert.match(checkAmendmentDecision({ ...base, decision }).competentAgency ?? '', /有权更正的行政机关/);
      assert.deepEqual(checkAmendmentDecision({ ...base, decision, competentAgency: '永顺县公安局' }), {});
    }
  });

  test('不予更正 needs a ground of the list and the reasons', () => {
    const e = checkAmendmentDecision({ ...base, decision: 'refused', refusalGround: 'whatever' });
    assert.ok(e.refusalGround && e.decisionText);
    assert.deepEqual(
      checkAmendmentDecision({
        ...base,
        decision: 'refused',
        refusalGround: 'notOwnInformation',
        decisionText: '所涉记录为他人的户籍信息。',
      }),
      {},
    );
  });

  test('no decision chosen is refused with the four choices named', () => {
    assert.match(checkAmendmentDecision({ ...base, decision: '' }).decision ?? '', /予以更正、转送有权机关/);
  });
});

describe('the request (第二十九条 identity, 第四十一条 the record)', () => {
  const good: AmendmentFormValues = {
    applicantName: '张三',
    idDocumentType: 'residentIdCard',
    idDocumentNumber: '11010519491231002X',
    phone: '13812345678',
    email: '',
    postalAddress: '',
    recordConcerned: '2024年度灵溪镇农村低保名册',
    whatIsWrong: '家庭人口记为3人',
    shouldRead: '家庭人口应为4人',
  };

  test('a complete request passes', () => {
    assert.deepEqual(checkAmendmentForm(good, '2025-06-02'), {});
  });

  test('a bad ID number, no contact and no record are each told', () => {
    const e = checkAmendmentForm(
      { ...good, idDocumentNumber: '110105194912310021', phone: '', recordConcerned: ' ' },
      '2025-06-02',
    );
    assert.ok(e.idDocumentNumber);
    assert.match(e.phone ?? '', /至少填写一种联系方式/);
    assert.ok(e.recordConcerned);
  });
});
