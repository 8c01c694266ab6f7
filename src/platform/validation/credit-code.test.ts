import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeCheckChar, isValidCreditCode, makeCreditCode, normaliseCreditCode } from './credit-code.ts';

// Real codes shown in index numbers on county portals (RULES §6.1) and the GB 32100 sample.
const REAL_CODES = ['11341702486344515H', '1133102400268125XW', '113708280043326001', '91350100M000100Y43'];

test('creditCodeCheckChar computes GB 32100-2015 check characters', () => {
  for (const code of REAL_CODES) assert.equal(creditCodeCheckChar(code.slice(0, 17)), code[17], code);
  // 31 − (sum mod 31) = 31 maps to 0: an all-zero prefix has sum 0.
  assert.equal(creditCodeCheckChar('00000000000000000'), '0');
  // sum 1 → 30 → 'Y', the last character of the set.
  assert.equal(creditCodeCheckChar('10000000000000000'), 'Y');
  // sum 30 → 1.
  assert.equal(creditCodeCheckChar('Y0000000000000000'), '1');
});

test('creditCodeCheckChar rejects malformed prefixes', () => {
  for (const bad of [
    '',
    '1234567890123456',
    '113417024863445150',
    '1134170248634451I',
    '1134170248634451o',
    '1134170248634451 ',
  ]) {
    assert.throws(() => creditCodeCheckChar(bad), RangeError, JSON.stringify(bad));
  }
});

test('isValidCreditCode', () => {
  const cases: Array<[string, boolean]> = [
    ...REAL_CODES.map((code): [string, boolean] => [code, true]),
    ['11341702486344515J', false],
    ['1133102400268125XY', false],
    ['113708280043326002', false],
    ['11341702486344515h', false],
    ['11341702486344515', false],
    ['11341702486344515HH', false],
    [' 11341702486344515H', false],
    ['I1341702486344515H', false],
    ['', false],
    ['000000000000000000', true],
  ];
  for (const [code, expected] of cases) assert.equal(isValidCreditCode(code), expected, code);
});

test('a single changed character or a swap of neighbours is detected', () => {
  const code = '91350100M000100Y43';
  for (let i = 0; i < 18; i += 1) {
    for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (ch === code[i]) continue;
      const changed = code.slice(0, i) + ch + code.slice(i + 1);
      assert.equal(isValidCreditCode(changed), false, changed);
    }
  }
  for (let i = 0; i < 16; i += 1) {
    if (code[i] === code[i + 1]) continue;
    const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    assert.equal(isValidCreditCode(swapped), false, swapped);
  }
});

test('makeCreditCode completes demo codes that validate', () => {
  assert.equal(makeCreditCode('11341702486344515'), '11341702486344515H');
  for (const first17 of ['11330000000000001', '52330000MJ0000001', '12330000000000002']) {
    assert.equal(isValidCreditCode(makeCreditCode(first17)), true, first17);
  }
  assert.throws(() => makeCreditCode('1134170248634451'), RangeError);
});

test('normaliseCreditCode turns form input into the canonical form', () => {
  assert.equal(normaliseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ '), '91350100M000100Y43');
  assert.equal(normaliseCreditCode('9135-0100-M000-100Y43'), '91350100M000100Y43');
  assert.equal(isValidCreditCode(normaliseCreditCode('91350100m000100y43')), true);
});
