// Open redirects (issue #12 point 3): every hostile form of a return path falls back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnPath } from './return-path.ts';

test('same-origin paths are kept, with their query and fragment', () => {
  assert.equal(safeReturnPath('/'), '/');
  assert.equal(safeReturnPath('/agencies'), '/agencies');
  assert.equal(safeReturnPath('/search?q=a&page=2#r'), '/search?q=a&page=2#r');
  assert.equal(safeReturnPath('/agencies/lingxi/../gaoping'), '/agencies/gaoping');
});

test('non-Latin text comes back percent-encoded (a Location header must be ASCII)', () => {
  assert.equal(safeReturnPath('/\u3000'), '/%E3%80%80');
  assert.equal(safeReturnPath('/search?q=低保'), '/search?q=%E4%BD%8E%E4%BF%9D');
  assert.equal(safeReturnPath('/\ud800'), '/%EF%BF%BD');
});

test('other origins, schemes and protocol-relative forms fall back', () => {
  const hostile = [
    // what the query string decoder makes of /%09/evil.example, //, /\, %2F%2F, …
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '%2F%2Fevil.example',
    'https://evil.example/',
    'http://gongkai.invalid/',
    'HTTPS:evil.example',
    'javascript:alert(1)',
    ' /agencies',
    'agencies',
    '/\u0000',
    '/a\u0000b',
    '/\u007f',
    '/\u0085',
    '',
    '/'.padEnd(1001, 'a'),
  ];
  for (const v of hostile) assert.equal(safeReturnPath(v, '/fallback'), '/fallback', JSON.stringify(v));
  // "%2F%2F" inside a path stays encoded: the browser asks this site for that path.
  assert.equal(safeReturnPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example');
});

test('values that are not one string fall back', () => {
  for (const v of [undefined, null, 42, ['/a', '/b'], { a: 1 }]) assert.equal(safeReturnPath(v, '/x'), '/x');
});
