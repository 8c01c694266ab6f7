import { test } from 'node:test';
import assert from 'node:assert/strict';
import { residentIdCheckCharacter } from './detectors.ts';
import { makeCreditCode } from '../validation/credit-code.ts';
import { generatePublication, rng } from '../../../bench/corpus.ts';
import {
  ADDRESS_PATTERNS,
  applyMasks,
  detectPersonalData,
  maskPersonalData,
  type KnownPublicData,
  type PersonalDataKind,
} from './personal-data.ts';

const id18 = (first17: string) => first17 + residentIdCheckCharacter(first17);
const ID = id18('43312719900101123'); // 433127199001011238
const BAD_ID = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
const PERSON_CODE = makeCreditCode('92433127MA4L12345');
const AGENCY_CODE = makeCreditCode('11433127MB1234567');

const AGENCY: KnownPublicData = {
  phones: ['0743-5231234', '0743-5231235'],
  emails: ['lxz@yongshun.gov.cn'],
  creditCodes: [AGENCY_CODE],
  addresses: ['永顺县灵溪镇人民路12号'],
};

/** [text, expected findings as kind:text, why] */
const CASES: Array<[string, string[], string]> = [
  // resident ID numbers
  [`身份证号${ID}`, [`idNumber:${ID}`], '18 digits, right check character, real date'],
  [`身份证号${BAD_ID}`, [], 'wrong check character'],
  ['433127199002301234 号', [], '30 February is no birth date'],
  ['老证433127900101123号', ['idNumber:433127900101123'], '15-digit old ID'],
  [`编号9${ID}5`, [], 'an ID inside a longer digit run'],
  // mobiles
  ['电话13812345678', ['mobile:13812345678'], 'mobile'],
  ['138 1234 5678', ['mobile:138 1234 5678'], 'mobile with spaces'],
  ['138-1234-5678', ['mobile:138-1234-5678'], 'mobile with dashes'],
  ['12812345678', [], '12 is no mobile prefix'],
  ['订单号613812345678901', [], 'a mobile inside a longer run'],
  ['金额13812345678.00元', [], 'an amount'],
  ['共计1,381,234,567元', [], 'an amount with thousands commas'],
  // landlines
  ['0743-5239876', ['landline:0743-5239876'], 'landline with area code'],
  ['（0743）5239876', ['landline:0743）5239876'], 'area code in parentheses'],
  ['联系电话：0743-5231234', [], "the agency's own office phone"],
  ['5239876', [], 'no area code: not detected'],
  // dates
  ['2025年1月1日 20250101 2025-01-01', [], 'dates'],
  // bank cards
  ['卡号6222021234567890128', ['bankCard:6222021234567890128'], 'Luhn-valid 19 digits'],
  ['6217 0000 0123 4562', ['bankCard:6217 0000 0123 4562'], 'card in fours'],
  ['6222021234567890127', [], 'fails Luhn'],
  // passports and 港澳通行证
  ['护照号码E12345678', ['passport:E12345678'], 'passport'],
  ['通行证CA1234567', ['passport:CA1234567'], '港澳通行证, new form'],
  ['型号XE123456789', [], 'inside a longer code'],
  // e-mails
  ['邮箱zhang.san@163.com。', ['email:zhang.san@163.com'], 'e-mail'],
  ['来信请寄 LXZ@yongshun.gov.cn', [], "the agency's own e-mail (any case)"],
  ['@一个提及', [], 'no e-mail'],
  // addresses
  ['住址：灵溪镇人民路8号3栋2单元501室', ['address:灵溪镇人民路8号3栋2单元501室'], 'flat address'],
  ['家住司城村3组15号', ['address:家住司城村3组15号'], 'village address down to the house'],
  ['办公地址：永顺县灵溪镇人民路12号', [], 'an office address to the road number only'],
  ['门牌号：人民路8号', ['address:门牌号：人民路8号'], '门牌号'],
  // credit codes
  [`张三 ${PERSON_CODE}`, [`name:张三`, `creditCode:${PERSON_CODE}`], 'credit code beside a name'],
  [`永顺县某某有限公司 ${PERSON_CODE}`, [], 'credit code of a company, no person'],
  [`统一社会信用代码：${AGENCY_CODE}`, [], "the agency's own credit code"],
  // names beside findings
  [`张三\t${ID}\t13812345678`, ['name:张三', `idNumber:${ID}`, 'mobile:13812345678'], 'table row'],
  ['联系人王小明，电话13812345678', ['name:王小明', 'mobile:13812345678'], 'labelled name'],
  ['联系人王明电话13812345678', ['name:王明', 'mobile:13812345678'], 'labelled two-character name'],
  ['请与县政府办公室联系，电话13812345678', ['mobile:13812345678'], 'no name: an office'],
  ['张三同志参加会议', [], 'a name with nothing beside it'],
];

test('detectPersonalData: true and false cases', () => {
  for (const [text, expected, why] of CASES) {
    const got = detectPersonalData(text, AGENCY).map((f) => `${f.kind}:${f.text}`);
    assert.deepEqual(got, expected, `${why}: ${text}`);
  }
});

test('each finding is stored masked, with offsets and a confidence', () => {
  const text = `户主张三丰，身份证${ID}，手机13800000000`;
  const found = detectPersonalData(text);
  for (const f of found) {
    assert.equal(text.slice(f.start, f.end), f.text);
    assert.ok(!f.masked.includes(f.text) || f.kind === 'name', f.masked);
  }
  const byKind = Object.fromEntries(found.map((f) => [f.kind, f]));
  assert.equal(byKind.idNumber?.masked, '4331**********1238');
  assert.equal(byKind.idNumber?.confidence, 'high');
  assert.equal(byKind.mobile?.masked, '138****0000');
  assert.equal(byKind.name?.masked, '张**');
  assert.equal(byKind.name?.confidence, 'medium');
  assert.equal(applyMasks(text, found), '户主张**，身份证4331**********1238，手机138****0000');
});

test('masks per kind keep separators', () => {
  const cases: Array<[PersonalDataKind, string, string]> = [
    ['mobile', '138-1234-0000', '138-****-0000'],
    ['mobile', '86 138 1234 0000', '86 138 **** 0000'],
    ['landline', '0743-5239876', '0743-***9876'],
    ['bankCard', '6217 0000 0123 4562', '6217 **** **** 4562'],
    ['email', 'zhang.san@163.com', 'z********@163.com'],
    ['passport', 'E12345678', 'E1****678'],
    ['address', '灵溪镇人民路8号3栋2单元501室', '灵溪镇人民路***********'],
    ['idNumber', '433127900101123', '4331*******1123'],
  ];
  for (const [kind, text, masked] of cases) assert.equal(maskPersonalData(kind, text), masked, `${kind} ${text}`);
});

test('the kinds are disjoint: one number is one finding', () => {
  const found = detectPersonalData(`${ID}`);
  assert.equal(found.length, 1);
});

// The address patterns are searched only in a text that has the part every match of them contains
// (ADDRESS_PATTERNS' second element): random address-like text, built from the pieces the patterns
// name, must never match a pattern without matching its part — else a finding would be lost.
test('an address pattern matches only where its required part does', () => {
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const place = [...'灵溪镇人民司城A0１'];
  const road = ['路', '街', '巷', '弄', '胡同', '大道', '道', '小区', '花园', '苑', '公寓', '大厦', '村', '社区'];
  const num = ['1', '12', '三', '十二', '两', 'A', 'Ｂ', '１０', '-', '0一'];
  const unit = ['号楼', '号院', '号', '栋', '幢', '座', '单元', '楼', '层'];
  const end = ['室', '房', '户', '组', '队', '社', '号'];
  const noise = [...'，。 \n的门牌:：'].concat(['\ud840\udc0b', '\ud800', '门牌号']);
  const r = rng(1207);
  let matched = 0;
  for (let n = 0; n < 20000; n++) {
    // An address's pieces in its order, with pieces dropped, repeated or replaced by noise.
    const parts: string[] = [];
    for (let k = 0, m = 1 + Math.floor(r() * 4); k < m; k++) parts.push(pick(r, place));
    parts.push(pick(r, road));
    if (r() < 0.3) parts.push(pick(r, place));
    for (let k = 0, m = Math.floor(r() * 5); k < m; k++) parts.push(pick(r, num), pick(r, unit));
    parts.push(pick(r, num), pick(r, end));
    if (r() < 0.5) parts.push(pick(r, num), pick(r, end));
    const s = parts.map((p) => (r() < 0.08 ? pick(r, noise) : r() < 0.04 ? '' : p)).join('');
    for (const [pattern, needs] of ADDRESS_PATTERNS) {
      const hit = [...s.matchAll(pattern)].length > 0;
      if (hit) matched += 1;
      if (hit && needs) assert.ok(needs.test(s), `${pattern.source} in ${JSON.stringify(s)}`);
    }
  }
  assert.ok(matched > 1000, `${matched} matches`);
  const c = rng(20261205);
  for (let n = 0; n < 60; n++) {
    const g = generatePublication(c, n);
    for (const [pattern, needs] of ADDRESS_PATTERNS)
      if ([...g.bodyHtml.matchAll(pattern)].length) assert.ok(!needs || needs.test(g.bodyHtml));
  }
});

test('known public data gives the same findings on every call with one object', () => {
  const text = '办公电话0743-5231234，联系人张三13812345678，住址灵溪镇人民路12号3栋2单元501室';
  const first = detectPersonalData(text, AGENCY);
  assert.deepEqual(detectPersonalData(text, AGENCY), first);
  assert.deepEqual(detectPersonalData(text, { ...AGENCY }), first);
  assert.ok(!first.some((f) => f.text === '0743-5231234'));
});
