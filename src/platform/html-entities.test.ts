import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHtmlEntities } from './html-entities.ts';

test('numeric and named references become characters; unknown and invalid ones stay as written', () => {
  assert.equal(decodeHtmlEntities('&#20844;&#x5F00;'), '公开');
  assert.equal(decodeHtmlEntities('A&amp;B &lt;p&gt; &ldquo;x&rdquo;&nbsp;1&ensp;2'), 'A&B <p> “x” 1 2');
  assert.equal(decodeHtmlEntities('&NBSP;'), ' ');
  assert.equal(decodeHtmlEntities('&bogus; &#0; &#x110000;'), '&bogus; &#0; &#x110000;');
});
