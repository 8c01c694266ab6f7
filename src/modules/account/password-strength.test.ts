// The password policy refuses what is easy to guess — common passwords, pinyin words and names,
// "love" digit strings, years, personal numbers, the user's own data — with a Chinese reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPasswordPolicy, generateOneTimePassword } from './password.ts';
import { checkPasswordStrength, MIN_SCORE } from './password-strength.ts';

const CONTEXT = ['灵溪镇信息员', 'lingxi', '永顺县灵溪镇人民政府', 'yongshun', '0743-5221234'];

test('common passwords that pass the length and letters-and-digits rules are refused (issue #12.9)', () => {
  for (const p of ['password123', 'password12', 'Password1234', 'qwerty123456', 'abc1234567', 'Abc12345678']) {
    const message = checkPasswordPolicy(p, 'lx.clerk', CONTEXT);
    assert.ok(message, `${p} is refused`);
    assert.match(message, /^密码太容易被猜到：/, p);
  }
  assert.match(checkPasswordPolicy('password123', 'lx.clerk') ?? '', /常见弱密码/);
});

test('pinyin words and names, Chinese digit strings and years are refused', () => {
  for (const p of ['woaini1314', 'woaini5201314', 'zhangwei1990', 'wangfang2024', 'zhongguo2025', '5201314abcd'])
    assert.ok(checkPasswordPolicy(p, 'lx.clerk', CONTEXT), `${p} is refused`);
});

test('phone-like digit runs and ID numbers are refused with a reason naming them', () => {
  for (const p of ['a13912345678', 'wx13912345678', 'tel07435221234', '43052219900101123X'.toLowerCase() + 'a']) {
    const message = checkPasswordPolicy(p, 'lx.clerk', CONTEXT) ?? '';
    assert.match(message, /手机号、电话号码或身份证号/, p);
  }
});

test("the site's and the agency's names count as the user's own data", () => {
  assert.match(checkPasswordPolicy('gongkai2025', 'lx.clerk', CONTEXT) ?? '', /本人或本单位/);
  assert.match(checkPasswordPolicy('yongshun2025', 'lx.clerk', CONTEXT) ?? '', /本人或本单位/);
  // Without the agency in the context the same password is only judged as a word.
  assert.ok(checkPasswordStrength('yongshun2025', []).score <= checkPasswordStrength('xq7yongshun2025', []).score);
});

test('strong passwords pass: passphrases, the test and demo passwords, generated one-time passwords', () => {
  for (const p of [
    'Correct-horse-42',
    'Brand-new-pass-7',
    'Yongshun-2025-letters',
    'Lingxi-clerk-2025-phone',
    'Lingxi-2025-gongkai',
    'tea kettle 7 orbit',
  ])
    assert.equal(checkPasswordPolicy(p, 'someone', []), null, p);
  for (let i = 0; i < 5; i++) {
    const otp = generateOneTimePassword();
    assert.ok(checkPasswordStrength(otp, []).score >= MIN_SCORE, otp);
  }
});

test('the length, letters-and-digits and username rules still come first', () => {
  assert.equal(checkPasswordPolicy('Short-1', 'x'), '密码至少需要 10 位。');
  assert.equal(checkPasswordPolicy('only-letters-here', 'x'), '密码须同时包含字母和数字。');
  assert.equal(checkPasswordPolicy('lx.clerk-secret-42', 'lx.clerk'), '密码不能包含用户名。');
});
