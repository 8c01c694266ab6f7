import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeGbk } from '../support/gbk.ts';
import { decodeText, sniffEncoding, TextChunks, undecodable } from '../../src/platform/text-encoding.ts';

const TEXT = '标题,正文\n关于政府信息公开工作年度报告的通知,"永顺县人民政府办公室，2025年"\n';

test('a whole file: UTF-8 with or without BOM, GBK as written by Excel and Notepad on a Chinese Windows', () => {
  const utf8 = Buffer.from(TEXT);
  assert.equal(decodeText(utf8), TEXT);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), TEXT);
  const gbk = encodeGbk(TEXT);
  assert.notEqual(gbk.toString('utf8'), TEXT); // what the readers made of it before
  assert.equal(sniffEncoding(gbk), 'gb18030');
  assert.equal(decodeText(gbk), TEXT);
  assert.equal(decodeText(Buffer.from('plain ASCII, 2025')), 'plain ASCII, 2025');
  // Neither: a byte sequence GB18030 has no character for (0x81 then a space).
  assert.equal(decodeText(Buffer.from([0x81, 0x20, 0x81, 0x20])), null);
});

test('chunk by chunk: every split of a GBK and of a UTF-8 text gives the text back', () => {
  for (const bytes of [encodeGbk(TEXT), Buffer.from(TEXT)]) {
    for (let cut = 1; cut < bytes.length; cut++) {
      const chunks = new TextChunks();
      const text = chunks.push(bytes.subarray(0, cut)) + chunks.push(bytes.subarray(cut)) + chunks.end();
      assert.equal(text, TEXT, `cut at ${cut}`);
    }
  }
  const gbk = new TextChunks();
  gbk.push(encodeGbk('公开'));
  assert.equal(gbk.encoding, 'gb18030');
});

test("a file that turns out not to be of the first chunk's encoding is refused, not stored as U+FFFD", () => {
  const chunks = new TextChunks();
  assert.equal(chunks.push(Buffer.from('标题\n')), '标题\n');
  assert.throws(
    () => chunks.push(encodeGbk('政府信息')),
    (err) => undecodable(err),
  );
});
