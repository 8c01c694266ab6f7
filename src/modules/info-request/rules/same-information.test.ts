import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applicantKey,
  isSameInformation,
  severalApplicantsForSameInformation,
  type AnsweredRequest,
} from './same-information.ts';

const base = { informationName: '2025年道路维修项目预算', featureDescription: '', documentNumber: '' };
const req = (id: number, applicant: string, over: Partial<AnsweredRequest> = {}): AnsweredRequest => ({
  id,
  agencyId: 1,
  applicant,
  outcomeKey: 'disclosed',
  ...base,
  ...over,
});

describe('相同政府信息 (第三十六条第（六）项 and 第四十四条 share it)', () => {
  test('spaces and punctuation do not make information different; an empty field never matches', () => {
    assert.ok(isSameInformation(base, { ...base, informationName: '2025 年道路维修项目预算。' }));
    assert.ok(!isSameInformation({ ...base, informationName: '' }, { ...base, informationName: '' }));
    assert.ok(
      isSameInformation(
        { ...base, documentNumber: '永政发〔2025〕3号' },
        {
          informationName: '别的名称',
          featureDescription: '',
          documentNumber: '永政发〔2025〕3号',
        },
      ),
    );
  });
  test('an applicant is the 证件号码, else name and phone', () => {
    assert.equal(
      applicantKey({ idDocumentNumber: ' 43312719800101001x ', applicantName: '甲', phone: '' }),
      'doc:43312719800101001X',
    );
    assert.equal(
      applicantKey({ idDocumentNumber: '', applicantName: ' 乙 ', phone: '139-0000-0000' }),
      'name:乙|13900000000',
    );
  });
});

describe('条例 第四十四条: 多个申请人就相同政府信息向同一行政机关提出公开申请，且属于可以公开的', () => {
  const cases: {
    name: string;
    one: AnsweredRequest;
    others: AnsweredRequest[];
    threshold: number;
    expect: [boolean, number, number];
  }[] = [
    { name: 'one applicant alone is not several', one: req(1, 'a'), others: [], threshold: 2, expect: [false, 1, 1] },
    {
      name: 'two applicants, both 予以公开: several',
      one: req(2, 'b'),
      others: [req(1, 'a')],
      threshold: 2,
      expect: [true, 2, 2],
    },
    {
      name: 'the same applicant twice counts once',
      one: req(2, 'a'),
      others: [req(1, 'a')],
      threshold: 2,
      expect: [false, 2, 1],
    },
    {
      name: '部分公开 counts as disclosable',
      one: req(2, 'b', { outcomeKey: 'partlyDisclosed' }),
      others: [req(1, 'a')],
      threshold: 2,
      expect: [true, 2, 2],
    },
    {
      name: 'a refusal is not "可以公开的": not counted',
      one: req(2, 'b'),
      others: [req(1, 'a', { outcomeKey: 'withheld.stateSecret' })],
      threshold: 2,
      expect: [false, 1, 1],
    },
    {
      name: 'another agency is not "同一行政机关"',
      one: req(2, 'b'),
      others: [req(1, 'a', { agencyId: 9 })],
      threshold: 2,
      expect: [false, 1, 1],
    },
    {
      name: 'other information does not count',
      one: req(2, 'b'),
      others: [req(1, 'a', { informationName: '敬老院收支' })],
      threshold: 2,
      expect: [false, 1, 1],
    },
    {
      name: 'a county setting of 3 needs a third applicant',
      one: req(2, 'b'),
      others: [req(1, 'a')],
      threshold: 3,
      expect: [false, 2, 2],
    },
    {
      name: 'the application itself not disclosed: nothing to suggest',
      one: req(2, 'b', { outcomeKey: 'unavailable.notExist' }),
      others: [req(1, 'a'), req(3, 'c')],
      threshold: 2,
      expect: [false, 0, 0],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const r = severalApplicantsForSameInformation(c.one, c.others, c.threshold);
      assert.deepEqual([r.suggest, r.requests.length, r.applicants], c.expect);
      if (r.requests.length) assert.equal(r.requests[0]?.id, c.one.id);
    });
});
