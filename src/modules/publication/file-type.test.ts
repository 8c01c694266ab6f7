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
