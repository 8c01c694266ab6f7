// An XLSX transfer file's shared strings are kept in a temporary file, not in memory (issue #16
// point 3: memory flat; publication.xlsx-strings.ts): the strings come back exactly; the rows read
// by the streaming reader equal those of the whole-file reader — no character split by a chunk
// boundary lost to U+FFFD, as ExcelJS's own streaming reader loses them —; the progress follows the
// rows (the zip is read whole before the first row, so its bytes alone had the bar at 100 % from
// the start and kept a large XLSX import from building its date indexes after the load); a date
// cell is a date.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readTransferFile } from '../../src/modules/publication/publication.transfer-file.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import { SpilledStrings } from '../../src/modules/publication/publication.xlsx-strings.ts';
import { writeExcelSavedXlsx } from '../support/excel-file.ts';
import { importRow } from '../support/import-rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-xlsx-strings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const spilledDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('gongkai-xlsx-')).length;

describe('XLSX shared strings on disk', () => {
  test('SpilledStrings gives back every string exactly, large ones and ones added after a read included', () => {
    const strings = new SpilledStrings();
    const expected: string[] = [];
    const big = '长'.repeat(700_000) + '😀'; // 2.1 MB of UTF-8: more than one write buffer
    try {
      for (let i = 0; i < 5_000; i++) {
        const s =
          i === 7
            ? big
            : i % 11 === 0
              ? ''
              : `第${i}条 ${'公开'.repeat(i % 50)} é\u0000${String.fromCodePoint(0x20000 + i)}`;
        strings.add(s);
        expected.push(s);
        if (i % 997 === 0) assert.equal(strings.get(i), s); // a read between writes
      }
      assert.equal(strings.count, 5_000);
      for (let i = 4_999; i >= 0; i--) assert.equal(strings.get(i), expected[i], `string ${i}`);
      assert.equal(strings.get(5_000), undefined);
      assert.equal(strings.get(-1), undefined);
      assert.equal(strings.get(1.5), undefined);
    } finally {
      strings.close();
    }
  });

  test("the streamed rows equal the whole-file reader's; progress follows the rows; nothing is left in tmp", async () => {
    const file = join(dir, 'rows.xlsx');
    const rows = Array.from({ length: 3_000 }, (_, i) =>
      importRow(i + 1, '共享', { subject: '字符串', detail: '逐行读取', numbered: true }),
    );
    await writeExcelSavedXlsx(file, rows);
    const before = spilledDirs();
    const whole = await readTransferFile(file);
    const source = openTransferRows(file);
    const streamed: unknown[] = [];
    const shares: number[] = [];
    for await (const r of source.rows) {
      streamed.push(r);
      shares.push(source.bytesRead() / source.size);
    }
    assert.equal(streamed.length, 3_000);
    assert.deepEqual(streamed, whole.rows);
    // The zip was read whole before the first row; the share still starts low and grows to 1.
    assert.ok((shares[0] as number) < 0.5, `share at the first row ${shares[0]}`);
    for (let i = 1; i < shares.length; i++) assert.ok((shares[i] as number) >= (shares[i - 1] as number));
    assert.equal(source.bytesRead(), source.size);
    assert.equal(spilledDirs(), before);
  });

  test("a date cell (Excel's serial number with a date format) is read as its date", async () => {
    const { newWorkbook } = await import('../../src/platform/spreadsheet/workbook.ts');
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('主动公开信息');
    ws.addRow(['标题', '正文', '成文日期']);
    ws.addRow(['日期单元格', '<p>正文</p>', new Date(Date.UTC(2025, 2, 14))]);
    const file = join(dir, 'date.xlsx');
    await wb.xlsx.writeFile(file);
    const rows: unknown[] = [];
    for await (const r of openTransferRows(file).rows) rows.push(r);
    assert.deepEqual(rows, [{ row: 2, values: { title: '日期单元格', body: '<p>正文</p>', formedOn: '2025-03-14' } }]);
  });
});
