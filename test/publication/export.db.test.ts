// `npx gongkai export publications` at any size: the rows read a page at a time and written as
// they come (CSV, JSON Lines, JSON, XLSX), the same rows whatever the page, each format read back
// as it was written, and an export that fails leaves no file behind.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { exportRows } from '../../src/modules/publication/publication.transfer.ts';
import { countPublished } from '../../src/modules/publication/publication.repository.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import {
  checkExportTarget,
  TRANSFER_COLUMNS,
  TransferFileError,
  writeTransferFile,
  XLSX_MAX_ROWS,
} from '../../src/modules/publication/publication.transfer-file.ts';
import { toSafeCsv } from '../../src/platform/spreadsheet/formula-injection.ts';
import { importRow } from '../support/import-rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let agency: number;
const dir = mkdtempSync(join(tmpdir(), 'gk-export-'));
const ROWS = 23;

before(async () => {
  env = await createTestEnv();
  agency = env.county.agencyIds.gaoping!;
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    ...importRow(i, '导出', { subject: '补贴', detail: '逐页', numbered: true }),
    // Two channels and two categories on some rows: each row's own, in a stable order.
    channels: i % 3 ? '网站' : '网站;政务新媒体',
    categories: i % 4 ? 'statutory.a20.1' : 'statutory.a20.1;statutory.a20.7',
    keywords: i === 5 ? '=SUM(1)' : '',
  }));
  async function* source() {
    for (const [i, values] of rows.entries()) yield { row: i + 2, values };
  }
  const r = await bulkImport(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    agency,
    source(),
  );
  assert.equal(r.imported, ROWS);
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('export a page at a time', () => {
  test('the same rows in the same order whatever the page size, each with its own categories and channels', async () => {
    const whole = await collect(exportRows(env.database.db, agency, 1000));
    assert.equal(whole.length, ROWS);
    assert.equal(await countPublished(env.database.db, agency), ROWS);
    for (const page of [1, 2, 7, ROWS])
      assert.deepEqual(await collect(exportRows(env.database.db, agency, page)), whole, `page ${page}`);
    const two = whole.filter((r) => r.channels.includes(';'));
    assert.ok(two.length >= 7);
    assert.ok(
      two.every((r) => r.channels === '政务新媒体;政府网站'),
      two[0]?.channels,
    );
    assert.ok(whole.filter((r) => r.categories.includes(';')).length >= 5);
    // Oldest release first, as before.
    const dates = whole.map((r) => r.publishedOn);
    assert.deepEqual(dates, [...dates].sort());
  });

  test('each format is written as it was whole, and reads back as the same rows', async () => {
    const rows = await collect(exportRows(env.database.db, agency, 4));
    const json = join(dir, 'out.json');
    assert.equal(await writeTransferFile(json, exportRows(env.database.db, agency, 4)), ROWS);
    assert.equal(readFileSync(json, 'utf8'), `${JSON.stringify({ publications: rows }, null, 2)}\n`);
    const csv = join(dir, 'out.csv');
    await writeTransferFile(csv, exportRows(env.database.db, agency, 4));
    assert.equal(
      readFileSync(csv, 'utf8'),
      toSafeCsv([TRANSFER_COLUMNS, ...rows.map((r) => TRANSFER_COLUMNS.map((c) => r[c]))]),
    );
    for (const ext of ['csv', 'jsonl', 'json', 'xlsx']) {
      const file = join(dir, `back.${ext}`);
      await writeTransferFile(file, exportRows(env.database.db, agency, 4));
      assert.ok(!existsSync(`${file}.part`));
      const back = await collect(openTransferRows(file).rows);
      assert.equal(back.length, ROWS, ext);
      for (const [i, r] of back.entries())
        for (const c of TRANSFER_COLUMNS) assert.equal(r.values[c] ?? '', rows[i]![c], `${ext} row ${i} ${c}`);
    }
    // No rows: a file with its header (CSV), nothing (JSON Lines), an empty list (JSON).
    const empty = join(dir, 'empty.json');
    assert.equal(await writeTransferFile(empty, []), 0);
    assert.equal(readFileSync(empty, 'utf8'), `${JSON.stringify({ publications: [] }, null, 2)}\n`);
  });

  test('an export that fails on the way leaves no file under its name', async () => {
    for (const ext of ['csv', 'xlsx']) {
      const file = join(dir, `broken.${ext}`);
      async function* failing() {
        let n = 0;
        for await (const r of exportRows(env.database.db, agency, 2)) {
          if (++n === 5) throw new Error('connection lost');
          yield r;
        }
      }
      await assert.rejects(writeTransferFile(file, failing()), /connection lost/);
      assert.ok(!existsSync(file), ext);
      assert.ok(!existsSync(`${file}.part`), ext);
    }
  });

  test('a sheet too small, or a format no writer knows, is refused before anything is written', () => {
    assert.doesNotThrow(() => checkExportTarget('a.xlsx', XLSX_MAX_ROWS));
    assert.throws(
      () => checkExportTarget('a.xlsx', XLSX_MAX_ROWS + 1),
      (e: unknown) =>
        e instanceof TransferFileError && /超过 Excel 一个工作表的上限.*请导出为 \.csv 或 \.jsonl/.test(e.message),
    );
    assert.throws(() => checkExportTarget('a.txt', 1), /导出文件应为 \.csv、\.jsonl、\.json 或 \.xlsx/);
  });
});
