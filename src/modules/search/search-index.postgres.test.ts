// The PostgreSQL lookup's choice of what the index decides (no database: exactTerms is pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryTokens } from './bigram.ts';
import { postgresSearchIndex } from './search-index.postgres.ts';

const exact = (q: string) => [...postgresSearchIndex.exactTerms(queryTokens(q))].sort();

test('a Latin/digit word of four or more characters stays in the lookup beside other terms; shorter prefixes do not', () => {
  // Left out, 2024 was re-checked by substring on every candidate of 灵溪镇 (~600 ms at 20,000 rows).
  assert.deepEqual(exact('灵溪镇 2024'), ['2024', '灵溪镇'].sort());
  assert.deepEqual(exact('防汛 abcd'), ['abcd', '防汛'].sort());
  // A lone character is still left out next to a bigram and re-checked.
  assert.deepEqual(exact('防汛 镇'), ['防汛']);
  assert.deepEqual(exact('防汛 7'), ['防汛']);
  // Alone, a word is decided by its prefix as before.
  assert.deepEqual(exact('2024'), ['2024']);
});
