// A report to check that was saved as GBK — Notepad's 「ANSI」 on a Chinese Windows, or an older
// site's page declared gb2312 — is read as the same text as in UTF-8 (platform/text-encoding.ts):
// every real report of the checker's corpus that GBK can write. Before, such a file was refused
// (「不是 UTF-8 编码的文本」).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportFileError, reportTextOf } from '../../src/modules/annual-report/checker/text/read-report.ts';
import { encodeGbk } from '../support/gbk.ts';

const corpus = join(import.meta.dirname, '..', 'fixtures', 'corpus');

test('the corpus reports in GBK read as in UTF-8, as text and as a gb2312 web page', async () => {
  let compared = 0;
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.txt'))) {
    const text = readFileSync(join(corpus, name), 'utf8');
    let gbk: Buffer;
    try {
      gbk = encodeGbk(text);
    } catch {
      continue; // a character GBK does not have (GB18030 has it, but no office writes such a file)
    }
    assert.equal(await reportTextOf(name, gbk), await reportTextOf(name, Buffer.from(text)), name);
    compared++;
  }
  assert.ok(compared >= 44, `${compared} reports compared`);
  const page = `<html><head><meta charset="gb2312"><title>政府信息公开工作年度报告</title></head><body><p>一、总体情况</p><p>本年度主动公开政府信息135条。</p></body></html>`;
  assert.equal(await reportTextOf('报告.html', encodeGbk(page)), await reportTextOf('报告.html', Buffer.from(page)));
});

test('a file that is neither UTF-8 nor GBK is refused with a message naming the file and both encodings', async () => {
  await assert.rejects(
    reportTextOf('报告.txt', Buffer.from([0x81, 0x20, 0x81, 0x20])),
    (err) => err instanceof ReportFileError && /“报告\.txt”不是 UTF-8 或 GBK/.test(err.message),
  );
});
