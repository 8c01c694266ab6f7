// Recordings of 音视频解读 (issue #17 point 1) are accepted by content like every other attachment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkUpload, FileTypeError, sniffFileKind } from './file-type.ts';

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(24)]);
const MP3 = Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.alloc(32)]);
const MP3_FRAME = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]);

test('MP4 and MP3 are recognised by their content', () => {
  assert.equal(sniffFileKind(MP4), 'mp4');
  assert.equal(sniffFileKind(MP3), 'mp3');
  assert.equal(sniffFileKind(MP3_FRAME), 'mp3');
  assert.deepEqual(checkUpload('政策解读.mp4', MP4), { kind: 'mp4', mime: 'video/mp4' });
  assert.deepEqual(checkUpload('访谈.mp3', MP3), { kind: 'mp3', mime: 'audio/mpeg' });
});

test('a recording named as something else, or a PDF named .mp4, is refused', () => {
  assert.throws(() => checkUpload('解读.pdf', MP4), FileTypeError);
  assert.throws(() => checkUpload('解读.mp4', Buffer.from('%PDF-1.4\n', 'latin1')), /内容实际是PDF 文件/);
});

/** An OLE2 compound file whose first directory entry (at 512) is the stream `name`. */
function ole(name: string): Buffer {
  const buf = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf);
  const utf16 = Buffer.from(`${name}\0`, 'utf16le');
  utf16.copy(buf, 512);
  buf.writeUInt16LE(utf16.length, 512 + 64);
  return buf;
}

test('an Excel 97-2003 workbook (.xls) is recognised by its Workbook stream; a Word 97 file is not one', () => {
  assert.equal(sniffFileKind(ole('Workbook')), 'xls');
  assert.equal(sniffFileKind(ole('Book')), 'xls');
  assert.deepEqual(checkUpload('低保名单.xls', ole('Workbook')), { kind: 'xls', mime: 'application/vnd.ms-excel' });
  assert.equal(sniffFileKind(ole('WordDocument')), null);
  assert.throws(() => checkUpload('名单.xls', ole('WordDocument')), /无法识别文件/);
  // The name must stand where a directory entry starts, not anywhere in the data.
  const shifted = Buffer.concat([ole('Root Entry'), Buffer.alloc(2), Buffer.from('Workbook\0', 'utf16le')]);
  assert.equal(sniffFileKind(shifted), null);
  assert.throws(() => checkUpload('名单.xlsx', ole('Workbook')), /内容实际是Excel 97-2003 表格/);
});
