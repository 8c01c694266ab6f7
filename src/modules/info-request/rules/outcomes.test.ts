import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APPLICANT_KINDS,
  applicantGroupLabels,
  isOutcomeKey,
  OUTCOME_GROUPS,
  OUTCOME_KEYS,
  OUTCOMES,
  outcomeDefinition,
  outcomeFullLabel,
  reportRowFor,
  type OutcomeKey,
} from './outcomes.ts';

// The result rows of table 三 as printed in the 2021 format (RULES.md §3.3), in order.
const PRINTED_ROWS = [
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
];

describe('RULES §3.3 — outcomes are the result rows of table 三', () => {
  test('RULES rule 20 / §3.3: 21 outcome rows with the exact labels in printed order', () => {
    assert.deepEqual(
      OUTCOMES.map((o) => o.rowLabel),
      PRINTED_ROWS,
    );
  });

  test('RULES §3.3: groups （一）…（六） in order; （三）8, （四）3, （五）5, （六）3 sub-rows', () => {
    assert.deepEqual(
      OUTCOME_GROUPS.map((g) => g.label),
      [
        '（一）予以公开',
        '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
        '（三）不予公开',
        '（四）无法提供',
        '（五）不予处理',
        '（六）其他处理',
      ],
    );
    const count = (g: string) => OUTCOMES.filter((o) => o.group === g).length;
    assert.deepEqual(
      OUTCOME_GROUPS.map((g) => count(g.key)),
      [1, 1, 8, 3, 5, 3],
    );
    // Rows of a group are contiguous, in the group order.
    const order = OUTCOME_GROUPS.map((g) => g.key);
    const seen = OUTCOMES.map((o) => order.indexOf(o.group));
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
  });

  test('RULES §3.3: keys are stable and unique', () => {
    assert.equal(new Set(OUTCOME_KEYS).size, OUTCOME_KEYS.length);
    for (const key of [
      'disclosed',
      'partlyDisclosed',
      'withheld.stateSecret',
      'otherOutcome.noCorrection',
      'otherOutcome.feeUnpaid',
      'otherOutcome.other',
    ]) {
      assert.ok(isOutcomeKey(key), key);
    }
    assert.equal(isOutcomeKey('withheld'), false);
  });

  const basis: [OutcomeKey, RegExp][] = [
    ['disclosed', /第三十六条第（二）项/],
    ['partlyDisclosed', /第三十七条/],
    ['withheld.stateSecret', /第十四条/],
    ['withheld.prohibitedByLaw', /第十四条/],
    ['withheld.securityAndStability', /第十四条/],
    ['withheld.thirdPartyRights', /第十五条、第三十二条/],
    ['withheld.internalAffairs', /第十六条第一款/],
    ['withheld.processInformation', /第十六条第二款/],
    ['withheld.enforcementFile', /第十六条第二款/],
    ['withheld.administrativeQuery', /第三十六条第（七）项/],
    ['unavailable.notHeld', /第三十六条第（四）项、第（五）项/],
    ['unavailable.needsCreation', /第三十八条/],
    ['unavailable.unclearAfterCorrection', /第三十条/],
    ['notProcessed.petitionOrComplaint', /第三十九条第一款/],
    ['notProcessed.repeated', /第三十六条第（六）项/],
    ['notProcessed.publication', /第三十九条第二款/],
    ['notProcessed.excessive', /第三十五条/],
    ['otherOutcome.noCorrection', /第三十条/],
    ['otherOutcome.feeUnpaid', /109号/],
  ];
  for (const [key, re] of basis) {
    test(`RULES §3.3 mapping: ${key} rests on ${re.source}`, () => {
      assert.match(outcomeDefinition(key).legalBasis, re);
    });
  }

  test('RULES §3.3: interpretive mappings are marked', () => {
    const marked = OUTCOMES.filter((o) => o.interpretive).map((o) => o.key);
    assert.deepEqual(marked, ['disclosed', 'withheld.administrativeQuery', 'notProcessed.confirmOrReissue']);
  });

  test('RULES §3.3: full labels carry the group', () => {
    assert.equal(outcomeFullLabel('withheld.stateSecret'), '（三）不予公开 1.属于国家秘密');
    assert.equal(outcomeFullLabel('disclosed'), '（一）予以公开');
  });
});

describe('RULES rule 27 — 部分公开 counts only in （二）', () => {
  const cases: { name: string; parts: OutcomeKey[]; row: OutcomeKey }[] = [
    { name: 'RULES rule 27: 部分公开 alone ⇒ （二）', parts: ['partlyDisclosed'], row: 'partlyDisclosed' },
    {
      name: 'RULES rule 27: 部分公开 with the withheld part’s reason ⇒ only （二）, not （三）4',
      parts: ['partlyDisclosed', 'withheld.thirdPartyRights'],
      row: 'partlyDisclosed',
    },
    {
      name: 'RULES rule 27 / 第三十七条: a disclosed part and a withheld part ⇒ （二）',
      parts: ['disclosed', 'withheld.stateSecret'],
      row: 'partlyDisclosed',
    },
    {
      name: 'RULES rule 27: a disclosed part and a part not held ⇒ （二）',
      parts: ['unavailable.notHeld', 'disclosed'],
      row: 'partlyDisclosed',
    },
    { name: 'RULES §3.3 identity 3: fully disclosed ⇒ （一）', parts: ['disclosed', 'disclosed'], row: 'disclosed' },
    {
      name: 'RULES §3.3 identity 3: two withholding grounds ⇒ the earlier row only',
      parts: ['withheld.processInformation', 'withheld.stateSecret'],
      row: 'withheld.stateSecret',
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(reportRowFor(c.parts), c.row));
  }

  test('RULES rule 27 / rule 19: each application lands in exactly one row, so rows sum to （七）总计', () => {
    const applications: OutcomeKey[][] = [
      ['partlyDisclosed', 'withheld.stateSecret'],
      ['disclosed'],
      ['withheld.stateSecret'],
      ['disclosed', 'withheld.internalAffairs'],
    ];
    const rows = new Map<OutcomeKey, number>();
    for (const parts of applications) {
      const row = reportRowFor(parts);
      rows.set(row, (rows.get(row) ?? 0) + 1);
    }
    assert.equal(
      [...rows.values()].reduce((a, b) => a + b, 0),
      applications.length,
    );
    assert.equal(rows.get('partlyDisclosed'), 2);
    assert.equal(rows.get('withheld.stateSecret'), 1);
    assert.equal(rows.get('withheld.internalAffairs'), undefined);
  });

  test('RULES §3.3: an application needs at least one outcome', () => {
    assert.throws(() => reportRowFor([]), RangeError);
  });
});

describe('RULES §3.3 — applicant kinds are the columns of table 三', () => {
  test('RULES rule 17: 自然人, then 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), no subtotal', () => {
    assert.deepEqual(
      APPLICANT_KINDS.map((k) => k.label),
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    );
    assert.deepEqual(
      APPLICANT_KINDS.map((k) => k.key),
      [
        'naturalPerson',
        'commercialEnterprise',
        'researchInstitution',
        'publicInterestOrganisation',
        'legalServiceProvider',
        'otherOrganisation',
      ],
    );
    assert.deepEqual(
      APPLICANT_KINDS.map((k) => applicantGroupLabels[k.group]),
      ['自然人', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织'],
    );
  });
});
