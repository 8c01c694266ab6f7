// Pure rules of the case engine: the state machines, scrubbing of published letters, stored due
// dates and the report sentences (the publicity notices' rules are in notice/notice.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledWorkCalendar } from '../calendar/index.ts';
import { legacyStaffText } from '../staff/index.ts';
import { canMove } from './case.states.ts';
import { legacyInquiryText, type InteractionCounts } from './interaction.report.ts';
import { computeDueDate, queryCodeMatches, removePersonalData } from './interaction.service.ts';

const cal = bundledWorkCalendar();

describe('case state machines', () => {
  const table: [Parameters<typeof canMove>[0], string, Parameters<typeof canMove>[2], boolean][] = [
    ['letter', 'received', 'replied', true],
    ['letter', 'received', 'handling', false],
    ['letter', 'replied', 'closed', true],
    ['letter', 'closed', 'replied', false],
    ['complaint', 'received', 'replied', false],
    ['complaint', 'received', 'handling', true],
    ['complaint', 'handling', 'replied', true],
    ['objection', 'received', 'replied', false],
    ['objection', 'assigned', 'handling', true],
    ['inquiry', 'received', 'replied', true],
    ['inquiry', 'replied', 'replied', false],
    ['inquiry', 'unknown', 'replied', false],
  ];
  for (const [kind, from, to, ok] of table)
    test(`${kind}: ${from} → ${to} ${ok ? 'allowed' : 'refused'}`, () => assert.equal(canMove(kind, from, to), ok));
});

describe('removePersonalData (留言选登)', () => {
  const writer = {
    writerName: '向秀兰',
    writerPhone: '13907430001',
    writerEmail: 'x@example.com',
    writerAddress: '永顺县灵溪镇司城村4组12号',
  };
  test('the writer’s own values are removed wherever they occur', () => {
    const out = removePersonalData(
      '我是向秀兰，住永顺县灵溪镇司城村4组12号，邮箱 x@example.com，电话13907430001。',
      writer,
    );
    assert.equal(out, '我是***，住***，邮箱 ***，电话***。');
  });
  test('other mobile numbers, ID numbers and e-mail addresses are masked as the guard masks them', () => {
    const out = removePersonalData(
      '邻居电话 139-1234-5678，身份证 433127199001011234，旧号 433127900101123，邮箱 a.b@c.cn',
      writer,
    );
    assert.equal(out, '邻居电话 139-****-5678，身份证 4331**********1234，旧号 4331*******1123，邮箱 a**@c.cn');
  });
  test('bank cards and landlines in the writer’s text are masked', () => {
    assert.equal(
      removePersonalData('低保金打到 6222021234567890128，邻居座机 0743-8234567', writer),
      '低保金打到 6222***********0128，邻居座机 0743-***4567',
    );
  });
  test('the guard’s other detectors too: a name beside a number, a flat, a passport; a bad check digit fails closed', () => {
    assert.equal(
      removePersonalData('联系人：张建国 13974310011，住城关镇建设路18号3栋2单元501室，护照号码E12345678', writer),
      '联系人：张** 139****0011，住城关镇建设路************，护照号码E1****678',
    );
    assert.equal(removePersonalData('身份证 433127199001011230', writer), '身份证 4331**********1230');
  });
  test('in the agency’s reply an office landline and a one-character name are left alone', () => {
    assert.equal(
      removePersonalData('请拨打 0743-5230501 咨询。', { ...writer, writerName: '龙' }, { keepLandlines: true }),
      '请拨打 0743-5230501 咨询。',
    );
  });
});

describe('stored deadlines', () => {
  test('15 working days skip weekends and holidays (2025-09-30 → after 国庆)', () => {
    assert.deepEqual(computeDueDate(cal, '2025-09-30', 15), { dueDate: '2025-10-28', provisional: false });
  });
  test('an unconfirmed year gives a provisional date (weekends + statutory holidays), never none', () => {
    // 2026-12-21 + 15: 12-22..12-31 are 8 days, 01-01 元旦 and 01-02/03 pass, 01-04..01-08 = 13, 01-11/12 = 15
    assert.deepEqual(computeDueDate(cal, '2026-12-21', 15), { dueDate: '2027-01-12', provisional: true });
  });
  test('the query code is compared by hash', () => {
    const hash = '5d5b09f6dcb2d53a5fffc60c4ac0d55fabdf556069d6631545f42aa6e3500f2e';
    assert.equal(queryCodeMatches({ queryCodeHash: hash }, 'ABC'), false);
  });
});

describe('report sentences', () => {
  const counts = (over: Partial<InteractionCounts['inquiries']> = {}): InteractionCounts => ({
    inquiries: { phone: 37, inPerson: 0, online: 0, mail: 0, total: 37, ...over },
    complaints: { total: 0, aboutDisclosure: 0, aboutConduct: 0 },
    letters: { total: 0, published: 0 },
    objections: 0,
    ratings: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, total: 0 },
  });
  test('灵溪镇 2013 in the seed report’s words', () => {
    assert.equal(
      legacyInquiryText(counts(), 2013),
      '2013年，接到咨询电话37次，没有接到因政府信息公开工作的投诉电话或者来信。',
    );
    assert.equal(
      legacyStaffText({ fullTime: 1, partTime: 1, total: 2, trainings: 0, trainingParticipants: 0 }, 2013),
      '2013年，从事政务公开工作人员2人（专职1人、兼职1人）。',
    );
  });
  test('several channels are listed', () => {
    assert.equal(
      legacyInquiryText(counts({ inPerson: 3, online: 2, total: 42 }), 2025),
      '2025年，接到咨询42次（电话37次、当面3次、网上2次），没有接到因政府信息公开工作的投诉电话或者来信。',
    );
  });
});
