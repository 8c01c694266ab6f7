// A transfer CSV saved by Excel's 「CSV（逗号分隔）」 on a Chinese Windows is GBK: the bulk import's
// streaming reader and the console's whole-file reader read it as the same file in UTF-8
// (platform/text-encoding.ts); a file that is neither is refused with a message, not stored as
// U+FFFD. Before, the GBK file's Chinese was read as U+FFFD: every row was refused for its
// 公开方式, or, without that column, imported with its text lost.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  readTransferFile,
  TransferFileError,
  writeTransferFile,
} from '../../src/modules/publication/publication.transfer-file.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import { encodeGbk } from '../support/gbk.ts';
import { importRow } from '../support/import-rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-transfer-encoding-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function streamed(path: string) {
  const rows: unknown[] = [];
  for await (const r of openTransferRows(path).rows) rows.push(r);
  return rows;
}

test('a GBK CSV gives the rows of the same file in UTF-8, streamed (chunks of 256 KB) and whole', async () => {
  const utf8 = join(dir, 'rows.csv');
  // ~2,000 rows: several of the stream's 256 KB chunks, so characters are cut between chunks.
  await writeTransferFile(
    utf8,
    Array.from({ length: 2_000 }, (_, i) =>
      importRow(i + 1, '编码', { subject: '国标', detail: '逐行读取发放情况说明', numbered: true }),
    ),
  );
  const gbk = join(dir, 'rows-gbk.csv');
  writeFileSync(gbk, encodeGbk(readFileSync(utf8, 'utf8').replace(/^\uFEFF/, '')));
  const expected = await streamed(utf8);
  assert.equal(expected.length, 2_000);
  assert.ok(!JSON.stringify(expected).includes('\uFFFD'));
  assert.deepEqual(await streamed(gbk), expected);
  assert.deepEqual((await readTransferFile(gbk)).rows, (await readTransferFile(utf8)).rows);
});

test('a CSV that is neither UTF-8 nor GBK is refused with a message naming the encodings', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, Buffer.concat([Buffer.from('title,body\n'), Buffer.from([0x81, 0x20, 0x0a])]));
  await assert.rejects(streamed(bad), (err) => err instanceof TransferFileError && /UTF-8 或 GBK/.test(err.message));
  await assert.rejects(
    readTransferFile(bad),
    (err) => err instanceof TransferFileError && /UTF-8 或 GBK/.test(err.message),
  );
});
