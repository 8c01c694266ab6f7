// Import and export of publications on both engines: every row checked and reported by its
// number, nothing written when any row fails (one transaction), released rows get index
// numbers, and an export re-imports with the same shape.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { systemContext } from '../../src/bootstrap.ts';
import { exportRows, importPublications } from '../../src/modules/publication/publication.transfer.ts';
import { readTransferFile, writeTransferFile } from '../../src/modules/publication/publication.transfer-file.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let gaoping: number;
const dir = mkdtempSync(join(tmpdir(), 'gk-import-'));

before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi!;
  gaoping = env.county.agencyIds.gaoping!;
});
after(() => env.close());

const count = async (agencyId: number) =>
  (await env.database.db.selectFrom('publications').select('id').where('agencyId', '=', agencyId).execute()).length;
const run = async (agencyId: number, file: string) => {
  const { rows, unit } = await readTransferFile(file);
  const seen: number[] = [];
  const r = await importPublications(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    agencyId,
    rows,
    unit,
    (d) => seen.push(d),
  );
  return { ...r, seen };
};

describe('import', () => {
  test('a CSV with bad rows reports each by its line and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'title,body,issuer,formedOn,categories,channels,validity',
        '好的一行,<p>正文</p>,灵溪镇,2025-02-10,statutory.a21.1,网站,有效',
        ',"<p>多行',
        '正文</p>",灵溪镇,2025-02-30,不存在的分类,电报,有效',
        '第四行,<p>正文</p>,灵溪镇,2025-02-10,statutory.a21.1,网站,永久',
      ].join('\n'),
    );
    const before = await count(lingxi);
    const r = await run(lingxi, file);
    assert.equal(r.imported, 0);
    assert.equal(r.problems.length, 2);
    assert.match(
      r.problems[0]!,
      /^第 3 行：.*找不到分类“不存在的分类”.*公开方式“电报”无法识别.*请填写标题.*这一天不存在/,
    );
    assert.match(r.problems[1]!, /^第 5 行：有效性——有效性“永久”无法识别/);
    assert.equal(await count(lingxi), before);
  });

  test('a good JSON file is released row by row with index numbers and a progress count', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          标题: '高坪乡2025年烤烟生产技术要点',
          正文: '<p>合理密植，科学施肥。</p>',
          发布机构: '高坪乡农业综合服务中心',
          成文日期: '2025-03-01',
          目录分类: ['贯彻落实农业农村政策'],
          公开方式: '网站；公示栏',
          发布日期: '2025-03-05',
        },
        {
          title: '高坪乡筹资筹劳情况公示',
          body: '一事一议项目 2 个。',
          issuer: '高坪乡人民政府',
          formedOn: '2025-04-01',
          categories: 'statutory.a21.7',
          channels: 'noticeBoard',
          docKind: '',
          validity: '有效',
        },
      ]),
    );
    const r = await run(gaoping, file);
    assert.deepEqual(r.problems, []);
    assert.equal(r.imported, 2);
    assert.deepEqual(r.seen, [1, 2]);
    const rows = await env.database.db
      .selectFrom('publications')
      .selectAll()
      .where('agencyId', '=', gaoping)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((p) => p.state === 'published' && /\/2025-\d{5}$/.test(p.indexNumber ?? '')));
    assert.equal(rows[0]!.publishedOn, '2025-03-05');
    assert.equal(rows[1]!.body, '<p>一事一议项目 2 个。</p>');
  });

  test('an export re-imports: index numbers already in use are refused by row; without them the rows import', async () => {
    const out = join(dir, 'export.csv');
    await writeTransferFile(out, await exportRows(env.database.db, gaoping));
    const again = await run(gaoping, out);
    assert.equal(again.imported, 0);
    assert.equal(again.problems.length, 2);
    assert.match(again.problems[0]!, /^第 2 行：索引号——索引号 \S+ 已被使用/);
    const json = join(dir, 'export.json');
    const rows = (await exportRows(env.database.db, gaoping)).map((r) => ({ ...r, indexNumber: '' }));
    await writeTransferFile(json, rows);
    const r = await run(gaoping, json);
    assert.equal(r.imported, 2);
    assert.equal(await count(gaoping), 4);
  });

  test('XLSX: an export re-reads with the same rows and row numbers', async () => {
    const x = join(dir, 'export.xlsx');
    const rows = await exportRows(env.database.db, gaoping);
    await writeTransferFile(x, rows);
    const back = await readTransferFile(x);
    assert.equal(back.unit, '行');
    assert.deepEqual(
      back.rows.map((r) => r.row),
      rows.map((_, i) => i + 2),
    );
    assert.equal(back.rows[0]!.values.title, rows[0]!.title);
    assert.equal(back.rows[0]!.values.indexNumber, rows[0]!.indexNumber);
    const again = await run(gaoping, x);
    assert.match(again.problems[0]!, /^第 2 行：索引号——索引号 \S+ 已被使用/);
  });

  test('formula-like cells are neutralised in CSV and XLSX exports and come back unchanged on import', async () => {
    const [first] = await exportRows(env.database.db, gaoping);
    const hostile = { ...first!, title: '=HYPERLINK("http://evil.example","点此")', keywords: '@SUM(1);-1+cmd' };
    const csv = join(dir, 'formula.csv');
    await writeTransferFile(csv, [hostile]);
    const text = readFileSync(csv, 'utf8');
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""点此"")"`), text);
    assert.ok(text.includes(`'@SUM(1);-1+cmd`), text);
    const xlsx = join(dir, 'formula.xlsx');
    await writeTransferFile(xlsx, [hostile]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells: string[] = [];
    wb.worksheets[0]!.getRow(2).eachCell((c) => cells.push(String(c.value)));
    assert.ok(cells.includes(`'${hostile.title}`), cells.join(' | '));
    for (const file of [csv, xlsx]) {
      const back = await readTransferFile(file);
      assert.equal(back.rows[0]!.values.title, hostile.title, file);
      assert.equal(back.rows[0]!.values.keywords, hostile.keywords, file);
    }
  });

  test('unsupported and broken files are explained', async () => {
    const x = join(dir, 'a.xlsx');
    writeFileSync(x, 'PK');
    await assert.rejects(readTransferFile(x), /无法读取该 XLSX 文件/);
    const t = join(dir, 'a.txt');
    writeFileSync(t, 'x');
    await assert.rejects(readTransferFile(t), /请使用 \.csv、\.xlsx 或 \.json/);
    const h = join(dir, 'h.csv');
    writeFileSync(h, '标题,颜色\nx,红\n');
    await assert.rejects(readTransferFile(h), /无法识别的列：颜色/);
  });
});
