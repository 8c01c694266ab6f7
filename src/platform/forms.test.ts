// codePointCount against the count it replaces in parseForm ([...value].length), on random strings
// of surrogate pairs, lone high and low surrogates (alone, at either end, doubled), CJK and ASCII.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../bench/corpus.ts';
import { codePointCount, parseForm } from './forms.ts';

test('codePointCount is the number of code points the string iterator gives', () => {
  const pool = ['a', '公', ' ', '\ud840\udc0b', '\ud83d\ude00', '\ud800', '\udc00', '\udbff', '\udfff', '\r\n'];
  const r = rng(1207);
  for (let n = 0; n < 20000; n++) {
    let s = '';
    for (let k = 0, len = Math.floor(r() * 12); k < len; k++) s += pool[Math.floor(r() * pool.length)];
    assert.equal(codePointCount(s), [...s].length, JSON.stringify(s));
  }
});

test('parseForm counts a surrogate pair as one character against max', () => {
  const spec = { t: { label: '标题', max: 2 } };
  assert.equal(parseForm({ t: '\ud840\udc0b\ud840\udc0b' }, spec).ok, true);
  assert.equal(parseForm({ t: '\ud840\udc0b\ud840\udc0ba' }, spec).errors.t, '标题不能超过 2 个字符（现为 3 个）。');
  assert.equal(parseForm({ t: '\ud800\ud800' }, spec).ok, true);
});
