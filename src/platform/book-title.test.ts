import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookTitle } from './book-title.ts';

test('a title is quoted 《…》; one that quotes a title itself takes 〈〉 inside (GB/T 15834-2011 4.15)', () => {
  assert.equal(bookTitle('灵溪镇2026年临时救助对象公示'), '《灵溪镇2026年临时救助对象公示》');
  assert.equal(
    bookTitle('关于《灵溪镇农村生活垃圾收运处置实施方案（征求意见稿）》公开征求意见的公告'),
    '《关于〈灵溪镇农村生活垃圾收运处置实施方案（征求意见稿）〉公开征求意见的公告》',
  );
});
