import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidEmail, isValidLandline, isValidMobile, isValidPhone, isValidPostcode } from './phone.ts';

test('isValidMobile', () => {
  const cases: Array<[string, boolean]> = [
    ['13812345678', true],
    ['19912345678', true],
    ['138 1234 5678', true],
    ['138-1234-5678', true],
    ['+86 138 1234 5678', true],
    ['+8613812345678', true],
    ['008613812345678', true],
    ['86 13812345678', true],
    ['１３８１２３４５６７８', true],
    [' 13812345678 ', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['+85213812345678', false],
    ['13812345678转1', false],
    ['1381234567a', false],
    ['', false],
  ];
  for (const [input, expected] of cases) assert.equal(isValidMobile(input), expected, input);
});

test('isValidLandline needs the area code', () => {
  const cases: Array<[string, boolean]> = [
    ['0571-87654321', true],
    ['057187654321', true],
    ['0571-8765432', true],
    ['0571 8765 4321', true],
    ['(0571)87654321', true],
    ['（０５７１）８７６５４３２１', true],
    ['010-66558899', true],
    ['(010) 6655 8899', true],
    ['020-83331234', true],
    ['0398-5123456', true],
    ['+86 571 87654321', true],
    ['+86-10-66558899', true],
    ['0571-87654321转8001', true],
    ['0571-87654321 分机 8001', true],
    ['0571-87654321 ext. 8001', true],
    ['0571-87654321-8001', true],
    ['0571-8765-4321', true],
    ['87654321', false],
    ['8765432', false],
    ['010-6655889', false],
    ['010-16655889', false],
    ['0571-07654321', false],
    ['0571-876543210', false],
    ['0571-876543', false],
    ['(0571 87654321', false],
    ['+86 0571 87654321', false],
    ['0571-87654321转', false],
    ['12345', false],
    ['400-123-4567', false],
    ['13812345678', false],
  ];
  for (const [input, expected] of cases) assert.equal(isValidLandline(input), expected, input);
});

test('isValidPhone accepts mobile or landline', () => {
  const cases: Array<[string, boolean]> = [
    ['13812345678', true],
    ['0571-87654321', true],
    ['0398-5123456转12', true],
    ['12345', false],
    ['电话：0571-87654321', false],
    ['', false],
  ];
  for (const [input, expected] of cases) assert.equal(isValidPhone(input), expected, input);
});

test('isValidPostcode: six digits', () => {
  const cases: Array<[string, boolean]> = [
    ['310000', true],
    ['010000', true],
    ['３１００００', true],
    [' 310000 ', true],
    ['31000', false],
    ['3100000', false],
    ['31000a', false],
    ['310 000', false],
    ['', false],
  ];
  for (const [input, expected] of cases) assert.equal(isValidPostcode(input), expected, input);
});

test('isValidEmail', () => {
  const cases: Array<[string, boolean]> = [
    ['zfxxgk@example.gov.cn', true],
    ['xxgk_2024@163.com', true],
    ['Wang.Fang+gk@Example.COM', true],
    ['a@b.cn', true],
    ['office@xn--fiqs8s.xn--fiqs8s', true],
    [' zfxxgk@example.gov.cn ', true],
    ['zfxxgk@localhost', false],
    ['zfxxgk@example', false],
    ['zfxxgk@example.c', false],
    ['zfxxgk@example.123', false],
    ['zfxxgk.example.gov.cn', false],
    ['@example.gov.cn', false],
    ['zfxxgk@', false],
    ['zf xxgk@example.gov.cn', false],
    ['.zfxxgk@example.gov.cn', false],
    ['zfxxgk.@example.gov.cn', false],
    ['zf..xxgk@example.gov.cn', false],
    ['zfxxgk@-example.gov.cn', false],
    ['zfxxgk@example..gov.cn', false],
    ['zfxxgk@@example.gov.cn', false],
    ['信息公开@example.gov.cn', false],
    [`${'a'.repeat(65)}@example.gov.cn`, false],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}.cn`, false],
    ['', false],
  ];
  for (const [input, expected] of cases) assert.equal(isValidEmail(input), expected, input);
});
