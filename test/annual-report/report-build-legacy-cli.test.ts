// `npx gongkai report build --format legacy2008` as an operator runs it (embedded engine): the
// nine-part report of 灵溪镇 for 2013 computed from the demo records (37 phone inquiries, 2 staff)
// to HTML and JSON, the imported 2013 original left untouched, and XLSX refused in Chinese.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cli.ts';

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-legacy-cli-'));
  const seeded = await runCli(['seed-demo'], dir);
  assert.equal(seeded.code, 0, seeded.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface LegacyJson {
  schema: string;
  format: string;
  year: number;
  sections: { key: string; heading: string; text: string }[];
  figures: {
    inquiries: { inquiries: { total: number } };
    staff: { total: number };
    proactive: { total: number; byCategory: { count: number }[] };
  };
}

describe('report build --format legacy2008', () => {
  test('HTML and JSON of 灵溪镇 2013 state 接到咨询电话37次 and 从事政务公开工作人员2人', async () => {
    const html = join(dir, 'lingxi-2013.html');
    const r = await runCli(
      ['report', 'build', '--format', 'legacy2008', '--agency', 'lingxi', '--year', '2013', '--out', html],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /旧版九部分结构，按当前记录计算；该年度已导入的报告原文不受影响/);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /<h1>永顺县灵溪镇人民政府2013年度政府信息公开工作年度报告<\/h1>/);
    assert.match(page, /<h2 id="legacy-inquiries">四、咨询和投诉情况<\/h2><p>2013年，接到咨询电话37次/);
    assert.match(page, /2013年，从事政务公开工作人员2人/);
    assert.match(page, /九、其他需要报告事项/);

    const json = join(dir, 'lingxi-2013.json');
    const j = await runCli(
      ['report', 'build', '--format', 'legacy2008', '--agency', 'lingxi', '--year', '2013', '--out', json],
      dir,
    );
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as LegacyJson;
    assert.equal(doc.schema, 'gongkai.annualReport.legacy2008/1');
    assert.equal(doc.format, 'legacy2008');
    assert.equal(doc.sections.length, 9);
    assert.equal(doc.figures.inquiries.inquiries.total, 37);
    assert.equal(doc.figures.staff.total, 2);

    // The imported original of 2013 is still the stored report.
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(join(dir, 'gongkai.db'), { readonly: true });
    const row = db
      .prepare(
        "SELECT r.state, r.format FROM annual_reports r JOIN agencies a ON a.id = r.agency_id WHERE a.slug = 'lingxi' AND r.year = 2013",
      )
      .get() as { state: string; format: string };
    db.close();
    assert.deepEqual({ ...row }, { state: 'imported', format: 'legacy2008' });
  });

  test('2025 JSON: the 主动公开 total equals the sum of its categories', async () => {
    const json = join(dir, 'lingxi-2025-legacy.json');
    const r = await runCli(
      ['report', 'build', '--format', 'legacy2008', '--agency', 'lingxi', '--year', '2025', '--out', json],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as LegacyJson;
    assert.ok(doc.figures.proactive.total > 0);
    assert.equal(
      doc.figures.proactive.byCategory.reduce((a, c) => a + c.count, 0),
      doc.figures.proactive.total,
    );
    assert.match(
      doc.sections.find((s) => s.key === 'proactive')?.text ?? '',
      new RegExp(`主动公开政府信息${doc.figures.proactive.total}条，其中`),
    );
  });

  test('DOCX is a ZIP container and the PDF has extractable Chinese text', async () => {
    for (const ext of ['docx', 'pdf']) {
      const r = await runCli(
        [
          'report',
          'build',
          '--format',
          'legacy2008',
          '--agency',
          'lingxi',
          '--year',
          '2013',
          '--out',
          join(dir, `lingxi-2013.${ext}`),
        ],
        dir,
      );
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(readFileSync(join(dir, 'lingxi-2013.docx')).subarray(0, 2).toString(), 'PK');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'lingxi-2013.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text, /永顺县灵溪镇人民政府2013年度政府信息公开工作年度报告/);
    assert.match(text, /接到咨询电话37次/);
    assert.match(text, /七、工作人员情况/);
  });

  test('XLSX and unknown formats are refused with a Chinese message (exit 2)', async () => {
    const x = await runCli(
      [
        'report',
        'build',
        '--format',
        'legacy2008',
        '--agency',
        'lingxi',
        '--year',
        '2013',
        '--out',
        join(dir, 'x.xlsx'),
      ],
      dir,
    );
    assert.equal(x.code, 2);
    assert.match(x.stderr, /没有统计表，不能导出为 XLSX/);
    const f = await runCli(
      [
        'report',
        'build',
        '--format',
        'national2007',
        '--agency',
        'lingxi',
        '--year',
        '2013',
        '--out',
        join(dir, 'x.json'),
      ],
      dir,
    );
    assert.equal(f.code, 2);
    assert.match(f.stderr, /格式“national2007”无法由系统生成/);
    const n = await runCli(
      ['report', 'build', '--agency', 'lingxi', '--year', '2013', '--out', join(dir, 'x.json')],
      dir,
    );
    assert.equal(n.code, 2);
    assert.match(n.stderr, /--format legacy2008/);
  });
});
