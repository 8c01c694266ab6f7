import { test } from 'node:test';
import assert from 'node:assert/strict';
import { residentIdCheckCharacter } from './detectors.ts';
import { makeCreditCode } from '../validation/credit-code.ts';
import {
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
