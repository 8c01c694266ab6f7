// `npx gongkai report import` and `report build` as an operator runs them (embedded engine): the
// seed becomes 灵溪镇's 2013 report with its extracted figures; build writes HTML, JSON, XLSX,
// DOCX and PDF. The PDF has extractable Chinese text (pdftotext); the DOCX and XLSX open in
// LibreOffice (soffice --headless --convert-to pdf) — skipped with a message where it is absent.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cli.ts';

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-report-cli-'));
  const seeded = await runCli(['seed-demo'], dir);
  assert.equal(seeded.code, 0, seeded.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

describe('report import and build', () => {
  test('the demo data already hold 灵溪镇 2013 (the seed); importing again replaces it and reports the findings', async () => {
    const r = await runCli(
      ['report', 'import', 'test/fixtures/reports/seed-lingxi-2013.txt', '--agency', 'lingxi', '--year', '2013'],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /已导入 永顺县灵溪镇人民政府2013年度报告.*格式 legacy2008.*检查发现 [1-9]\d* 个错误/);
    const bad = await runCli(
      ['report', 'import', 'test/fixtures/reports/seed-lingxi-2013.txt', '--agency', 'nowhere', '--year', '2013'],
      dir,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /找不到网址标识为 nowhere 的机构/);
    const badYear = await runCli(
      ['report', 'build', '--agency', 'lingxi', '--year', '20x5', '--out', join(dir, 'x.json')],
      dir,
    );
    assert.equal(badYear.code, 2);
    assert.match(badYear.stderr, /年度“20x5”不正确/);
    const badExt = await runCli(
      ['report', 'build', '--agency', 'lingxi', '--year', '2025', '--out', join(dir, 'x.txt')],
      dir,
    );
    assert.equal(badExt.code, 2);
    assert.match(badExt.stderr, /扩展名/);
  });

  test('the stored figures of the imported seed: the 135 total and its parts', async () => {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(join(dir, 'gongkai.db'), { readonly: true });
    const row = db
      .prepare(
        "SELECT r.state, r.extracted FROM annual_reports r JOIN agencies a ON a.id = r.agency_id WHERE a.slug = 'lingxi' AND r.year = 2013",
      )
      .get() as { state: string; extracted: string };
    db.close();
    assert.equal(row.state, 'imported');
    const ex = JSON.parse(row.extracted) as { statedTotals: { total: number; parts: { value: number }[] }[] };
    const t = ex.statedTotals.find((s) => s.total === 135);
    assert.ok(t);
    assert.equal(
      t.parts.reduce((a, p) => a + p.value, 0),
      133,
    );
  });

  test('build writes HTML, JSON, XLSX, DOCX and a PDF with extractable Chinese text', async () => {
    for (const ext of ['html', 'json', 'xlsx', 'docx', 'pdf']) {
      const out = join(dir, `lingxi-2025.${ext}`);
      const r = await runCli(['report', 'build', '--agency', 'lingxi', '--year', '2025', '--out', out], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(out));
    }
    const html = readFileSync(join(dir, 'lingxi-2025.html'), 'utf8');
    assert.match(html, /<h2 id="report-requests">三、收到和处理政府信息公开申请情况<\/h2>/);
    assert.match(html, /<table class="report-table report-table3" aria-labelledby="report-requests">/);
    const json = JSON.parse(readFileSync(join(dir, 'lingxi-2025.json'), 'utf8')) as {
      schema: string;
      table3: unknown[];
    };
    assert.equal(json.schema, 'gongkai.annualReport/1');
    assert.equal(json.table3.length, 25);
    // ZIP containers with the expected parts.
    assert.equal(readFileSync(join(dir, 'lingxi-2025.xlsx')).subarray(0, 2).toString(), 'PK');
    assert.equal(readFileSync(join(dir, 'lingxi-2025.docx')).subarray(0, 2).toString(), 'PK');
    const unzip = (file: string) => (has('unzip') ? execFileSync('unzip', ['-l', file], { encoding: 'utf8' }) : '');
    if (has('unzip')) {
      assert.match(unzip(join(dir, 'lingxi-2025.xlsx')), /xl\/worksheets\/sheet3\.xml/);
      assert.match(unzip(join(dir, 'lingxi-2025.docx')), /word\/document\.xml/);
    }
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'lingxi-2025.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text, /永顺县灵溪镇人民政府2025年政府信息公开工作年度报告/);
    assert.match(text, /三、收到和处理政府信息公开申请情况/);
    assert.match(text, /申请人情况/);
    assert.match(text, /结转下年度继续办理/);
  });

  test('a missing CJK font gives a clear Chinese message', async () => {
    const r = await runCli(
      ['report', 'build', '--agency', 'lingxi', '--year', '2025', '--out', join(dir, 'nofont.pdf')],
      dir,
      { GK_CJK_FONT: '/nonexistent/font.ttc' },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /未找到中文字体 Noto Sans CJK SC.*fonts-noto-cjk/);
  });

  test('the DOCX and XLSX open in LibreOffice', (t) => {
    const soffice = ['soffice', 'libreoffice'].find(has);
    if (!soffice) {
      t.skip('LibreOffice (soffice) 未安装：跳过 DOCX/XLSX 转换检查。');
      return;
    }
    for (const ext of ['docx', 'xlsx']) {
      const outDir = join(dir, `lo-${ext}`);
      const r: SpawnSyncReturns<string> = spawnSync(
        soffice as string,
        // A profile of its own: two runs at once (or a user's open LibreOffice) would otherwise
        // share ~/.config/libreoffice and the second one exits 1 on its lock.
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          join(dir, `lingxi-2025.${ext}`),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(join(outDir, 'lingxi-2025.pdf')), `${ext} was not converted`);
    }
  });
});
