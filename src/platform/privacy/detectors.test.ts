import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  containsPersonalNumber,
  findPersonalNumbers,
  isBankCardNumber,
  isLandlineNumber,
  isMobileNumber,
  isResidentId15,
  isResidentId18,
  maskPersonalNumbers,
  passesLuhn,
  residentIdCheckCharacter,
  type PersonalNumberKind,
} from './detectors.ts';

test('18-character ID numbers: check character, province and a real birth date', () => {
  const cases: Array<[string, boolean, string]> = [
    ['433127199001011238', true, 'valid'],
    ['11010519491231002X', true, 'valid, X check character'],
    ['11010519491231002x', true, 'lower-case x'],
    ['440304200002294517', true, '29 February of a leap year'],
    ['330106198507152019', true, 'valid'],
    ['433127199001011234', false, 'wrong check character'],
    ['43312719900101123X', false, 'wrong check character X'],
    ['440304190002294516', false, '1900 was no leap year'],
    ['433127199013011230', false, 'month 13'],
    ['433127199002301234', false, '30 February'],
    ['433127180001011237', false, 'born 1800'],
    ['993127199001011238', false, 'no province 99'],
    ['4331271990010112381', false, '19 digits'],
    ['43312719900101123', false, '17 digits'],
    ['4331271990010112X8', false, 'X not last'],
  ];
  for (const [id, expected, why] of cases) assert.equal(isResidentId18(id), expected, `${id}: ${why}`);
  assert.equal(residentIdCheckCharacter('11010519491231002'), 'X');
});

test('15-digit ID numbers: province and a real date 19YYMMDD', () => {
  const cases: Array<[string, boolean]> = [
    ['433127900101123', true],
    ['110105491231002', true],
    ['433127901301123', false],
    ['433127900230123', false],
    ['003127900101123', false],
    ['43312790010112', false],
  ];
  for (const [id, expected] of cases) assert.equal(isResidentId15(id), expected, id);
});

test('mobile, landline and bank card numbers', () => {
  for (const [v, expected] of [
    ['13812345678', true],
    ['19912345678', true],
    ['8613812345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
  ] as const)
    assert.equal(isMobileNumber(v), expected, v);
  for (const [v, expected] of [
    ['074352312345', true],
    ['0743523123456', false],
    ['07435231234', true],
    ['01066558899', true],
    ['02087654321', true],
    ['057187654321', true],
    ['05711234567', false],
    ['0743523123', false],
    ['00743523123', false],
  ] as const)
    assert.equal(isLandlineNumber(v), expected, v);
  for (const [v, expected] of [
    ['6222021234567890128', true],
    ['6217000001234562', true],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['0111111111111111', false],
    ['411111111111111', false],
    ['41111111111111111111', false],
  ] as const)
    assert.equal(isBankCardNumber(v), expected, v);
  assert.equal(passesLuhn('79927398713'), true);
  assert.equal(passesLuhn('79927398710'), false);
});

test('findPersonalNumbers: true cases, as written, with separators and full-width forms', () => {
  const cases: Array<[string, PersonalNumberKind, string]> = [
    ['身份证号433127199001011238', 'idNumber', '433127199001011238'],
    ['433127 19900101 1238。', 'idNumber', '433127 19900101 1238'],
    ['身份证 4331 2719 9001 0112 38', 'idNumber', '4331 2719 9001 0112 38'],
    ['证件：11010519491231002X，男', 'idNumber', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'idNumber', '１１０１０５１９４９１２３１００２Ｘ'],
    ['老证433127900101123号', 'idNumber', '433127900101123'],
    ['电话13812345678', 'mobile', '13812345678'],
    ['138 1234 5678', 'mobile', '138 1234 5678'],
    ['138-1234-5678', 'mobile', '138-1234-5678'],
    ['+86 138 1234 5678', 'mobile', '86 138 1234 5678'],
    ['tel:13812345678.', 'mobile', '13812345678'],
    ['2025 13812345678', 'mobile', '13812345678'],
    ['0743-5231234', 'landline', '0743-5231234'],
    ['(010) 6655 8899', 'landline', '010) 6655 8899'],
    ['（0571）87654321', 'landline', '0571）87654321'],
    ['020-87654321转8001', 'landline', '020-87654321'],
    ['卡号6222 0212 3456 7890 128', 'bankCard', '6222 0212 3456 7890 128'],
    ['6217000001234562', 'bankCard', '6217000001234562'],
  ];
  for (const [text, kind, found] of cases) {
    const all = findPersonalNumbers(text);
    if (found === '') {
      assert.ok(!all.some((f) => f.kind === 'idNumber'), text);
      continue;
    }
    assert.equal(all.length, 1, `${text}: ${JSON.stringify(all)}`);
    assert.equal(all[0]!.kind, kind, text);
    assert.equal(all[0]!.text, found, text);
    assert.equal(text.slice(all[0]!.start, all[0]!.end), found, text);
  }
});

test('findPersonalNumbers: false cases — wrong checks, longer digit runs, dates, amounts, codes', () => {
  const cases = [
    '433127199001011234',
    '43312719900101123X',
    '4433127199001011238',
    '4331271990010112381',
    '413812345678',
    '138123456789',
    'No.213812345678',
    '2025-06-02',
    '2025年6月2日',
    '20250602',
    '2025-06-02 14:30',
    '1990-01-01至2025-12-31',
    '金额13812345678.00元',
    '13,812,345,678',
    '合计 1,234,567,890,123,456 元',
    '3.1415926535897932',
    '4111111111111112',
    '0111111111111111',
    '索引号 000014349/2025-00012',
    '统一社会信用代码 11433127MB1A02412X',
    '湘发〔2025〕13号',
    '第138号 第1234号',
    '5231234',
    '8765 4321',
    'v13.8.12345678',
    '2025-06-02 13:00 至 2025-06-09 17:30',
    '邮编 416700，门牌 21 号',
  ];
  for (const text of cases) assert.deepEqual(findPersonalNumbers(text), [], text);
});

test('several numbers in one text are each found; masks keep what 公示 masks keep', () => {
  const text = '张三 433127199001011238，电话 138 1234 5678，座机 0743-5231234，卡号 6217000001234562。';
  assert.deepEqual(
    findPersonalNumbers(text).map((f) => f.kind),
    ['idNumber', 'mobile', 'landline', 'bankCard'],
  );
  assert.equal(
    maskPersonalNumbers(text),
    '张三 433127********1238，电话 *** **** 5678，座机 ****-***1234，卡号 ************4562。',
  );
  assert.equal(maskPersonalNumbers('11010519491231002X'), '110105********002X');
  assert.equal(maskPersonalNumbers('没有号码 2025-06-02'), '没有号码 2025-06-02');
  assert.equal(containsPersonalNumber(maskPersonalNumbers(text)), false);
  assert.equal(containsPersonalNumber(text), true);
});
