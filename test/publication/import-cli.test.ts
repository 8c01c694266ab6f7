// `npx gongkai import/export publications` as an operator runs them (embedded database).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.ts';

test('import reports bad rows with exit 1, imports a good file with a progress indication, export writes the same shape', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-cli-pub-'));
  const env = { SEED_DEMO: '0', GONGKAI_SECRET: 'x'.repeat(40) };
  assert.equal((await runCli(['seed-demo'], dataDir, env)).code, 0);
  const bad = join(dataDir, 'bad.csv');
  writeFileSync(bad, '标题,正文,发布机构,成文日期,目录分类\n,正文,灵溪镇,2025-01-05,statutory.a21.1\n');
  const r1 = await runCli(['import', 'publications', bad, '--agency', 'lingxi'], dataDir, env);
  assert.equal(r1.code, 1);
  // Each bad row on a line of its own, then the progress line; the summary and the report on stdout.
  assert.match(
    r1.stderr,
    /^ {2}第 2 行：标题——请填写标题。\n导入：已读 1 行（文件的 100%），已导入 0，跳过 0，有问题 1；/m,
  );
  assert.match(r1.stdout, /本次导入并发布 0 条，跳过已导入的 0 条，有问题未导入 1 条/);
  assert.match(r1.stdout, /bad\.csv\.问题\.csv/);
  const good = join(dataDir, 'good.csv');
  writeFileSync(
    good,
    '标题,正文,发布机构,成文日期,目录分类,公开方式\n灵溪镇春季造林通告,今年春季计划造林 1200 亩。,灵溪镇人民政府,2025-02-20,statutory.classes.news,网站\n',
  );
  const r2 = await runCli(['import', 'publications', good, '--agency', 'lingxi'], dataDir, env);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /导入：已读 1 行（文件的 100%），已导入 1，跳过 0，有问题 0/);
  assert.match(r2.stdout, /本次导入并发布 1 条/);
  const out = join(dataDir, 'out.json');
  const r3 = await runCli(['export', 'publications', '--agency', 'lingxi', '--out', out], dataDir, env);
  assert.equal(r3.code, 0, r3.stderr);
  const data = JSON.parse(readFileSync(out, 'utf8')) as {
    publications: { title: string; indexNumber: string; categories: string }[];
  };
  const row = data.publications.find((p) => p.title === '灵溪镇春季造林通告');
  assert.ok(row);
  assert.match(row.indexNumber, /\/2025-\d{5}$/);
  assert.equal(row.categories, 'statutory.classes.news');
  assert.match(r3.stdout, new RegExp(`已导出 .+ 的 ${data.publications.length} 条已发布信息`));
  // JSON Lines too, one publication a line, the same rows.
  const lines = join(dataDir, 'out.jsonl');
  const r4 = await runCli(['export', 'publications', '--agency', 'lingxi', '--out', lines], dataDir, env);
  assert.equal(r4.code, 0, r4.stderr);
  const objects = readFileSync(lines, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  assert.deepEqual(objects, data.publications);
  // The export imported again: a `.json` list counts its items (条), not lines; every one is in.
  const again = await runCli(['import', 'publications', out, '--agency', 'lingxi'], dataDir, env);
  assert.equal(again.code, 0, again.stderr);
  const total = data.publications.length;
  assert.match(
    again.stderr,
    new RegExp(`导入：已读 ${total} 条（文件的 100%），已导入 0，跳过 ${total}，有问题 0；\\d+ 条/秒`),
  );
  assert.match(again.stdout, new RegExp(`跳过已导入的 ${total} 条`));
  const txt = await runCli(
    ['export', 'publications', '--agency', 'lingxi', '--out', join(dataDir, 'out.txt')],
    dataDir,
    env,
  );
  assert.equal(txt.code, 1);
  assert.match(txt.stderr, /导出文件应为 \.csv、\.jsonl、\.json 或 \.xlsx/);
  assert.equal((await runCli(['import', 'publications', good], dataDir, env)).code, 2);
});
