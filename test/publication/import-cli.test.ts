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
  assert.match(r1.stderr, /第 2 行：标题——请填写标题/);
  assert.match(r1.stderr, /未导入任何信息/);
  const good = join(dataDir, 'good.csv');
  writeFileSync(
    good,
    '标题,正文,发布机构,成文日期,目录分类,公开方式\n灵溪镇春季造林通告,今年春季计划造林 1200 亩。,灵溪镇人民政府,2025-02-20,statutory.classes.news,网站\n',
  );
  const r2 = await runCli(['import', 'publications', good, '--agency', 'lingxi'], dataDir, env);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /导入 1\/1（100%）/);
  assert.match(r2.stdout, /已导入并发布 1 条信息/);
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
  assert.equal((await runCli(['import', 'publications', good], dataDir, env)).code, 2);
});
