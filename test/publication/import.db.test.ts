// Import and export of publications on both engines: every row checked and a bad one reported by
// its number and column while the good rows go in, released rows get index numbers, and an export
// re-reads with the same shape (and re-imports as rows already in).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { exportRows, problemLine } from '../../src/modules/publication/publication.transfer.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
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

/** An export's rows, collected (exportRows reads a page at a time). */
async function exported(agencyId: number) {
  const out = [];
  for await (const row of exportRows(env.database.db, agencyId)) out.push(row);
  return out;
}

const count = async (agencyId: number) =>
  (await env.database.db.selectFrom('publications').select('id').where('agencyId', '=', agencyId).execute()).length;
const run = async (agencyId: number, file: string) => {
  const source = openTransferRows(file);
  const seen: number[] = [];
  const problems: string[] = [];
  const r = await bulkImport(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    agencyId,
    source.rows,
    { batchSize: 1, onBatch: (s) => seen.push(s.read), onProblem: (p) => problems.push(problemLine(p, source.unit)) },
  );
  return { ...r, problems, seen };
};

describe('import', () => {
  test('a CSV with bad rows reports each by its line and column and imports the good rows', async () => {
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
    assert.equal(r.imported, 1);
    assert.equal(r.bad, 2);
    const third = r.problems.filter((p) => p.startsWith('第 3 行：')).join('\n');
    assert.match(third, /目录分类——找不到分类“不存在的分类”/);
    assert.match(third, /公开方式——公开方式“电报”无法识别/);
    assert.match(third, /标题——请填写标题/);
    assert.match(third, /这一天不存在/);
    assert.match(r.problems.at(-1)!, /^第 5 行：有效性——有效性“永久”无法识别/);
    assert.equal(await count(lingxi), before + 1);
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

  test('an export re-imports as rows already in (import key); a 索引号 in use by another publication is refused by row', async () => {
    const out = join(dir, 'export.csv');
    await writeTransferFile(out, await exported(gaoping));
    const again = await run(gaoping, out);
    assert.deepEqual([again.imported, again.skipped, again.bad], [0, 2, 0], again.problems.join('\n'));
    const json = join(dir, 'export.json');
    const rows = (await exported(gaoping)).map((r) => ({ ...r, importKey: '', indexNumber: '' }));
    await writeTransferFile(json, rows);
    const r = await run(gaoping, json);
    assert.deepEqual([r.imported, r.skipped], [0, 2], 'the same 标题 + 文号 + 成文日期 is the same row');
    const inUse = (await exported(gaoping))[0]!.indexNumber;
    const other = rows.map((row, i) => ({ ...row, importKey: `other-${i}`, indexNumber: inUse }));
    const taken = join(dir, 'taken.json');
    await writeTransferFile(taken, other);
    const t = await run(gaoping, taken);
    assert.equal(t.imported, 0);
    assert.match(t.problems[0]!, /^第 1 条：索引号——索引号 \S+ 已被使用/);
    assert.equal(await count(gaoping), 2);
  });

  test('an export of publications made through the site (no import key) re-imports as rows already in', async () => {
    // Made through the site, a publication has a 索引号 and no import key: lingxi's, made so here.
    await env.database.db.updateTable('publications').set({ importKey: null }).where('agencyId', '=', lingxi).execute();
    const made = await exported(lingxi);
    assert.ok(made.length >= 1 && made.every((r) => r.importKey === '' && r.indexNumber !== ''));
    const before = await count(lingxi);
    const out = join(dir, 'site-made.csv');
    await writeTransferFile(out, made);
    const again = await run(lingxi, out);
    assert.deepEqual([again.imported, again.skipped, again.bad], [0, made.length, 0], again.problems.join('\n'));
    assert.equal(await count(lingxi), before);
  });

  test('XLSX: an export re-reads with the same rows and row numbers', async () => {
    const x = join(dir, 'export.xlsx');
    const rows = await exported(gaoping);
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
    assert.deepEqual([again.imported, again.skipped], [0, rows.length]);
  });

  test('formula-like cells are neutralised in CSV and XLSX exports and come back unchanged on import', async () => {
    const [first] = await exported(gaoping);
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
    wb.worksheets[0]!.getRow(2).eachCell((c) => cells.push(c.text));
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
