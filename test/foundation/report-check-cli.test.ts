// `npx gongkai report check <file>` run the way an operator runs it: `node bin/gongkai.mjs` as a
// child process from the repository root. The command needs no database: DATABASE_URL points at
// a server that does not exist and DATA_DIR at a directory that does not exist, and it still works.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnCli, type CliResult } from '../support/cli.ts';
import { wordOf } from '../support/word.ts';

function reportCheck(...args: string[]): Promise<CliResult> {
  return spawnCli(['report', 'check', ...args], {
    ...process.env,
    DATABASE_URL: 'postgres://gongkai:unused@127.0.0.1:1/none',
    DATA_DIR: '/nonexistent/gongkai-report-check',
  });
}

interface Output {
  agency: string | null;
  year: number | null;
  format: string;
  findings: { code: string; severity: string; message: string; evidence: string }[];
}

describe('npx gongkai report check', () => {
  it('the seed report (灵溪镇 2013): exit 1, the 135 ≠ 133 total and the foreign name 高坪乡', async () => {
    const r = await reportCheck('test/fixtures/reports/seed-lingxi-2013.txt');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as Output;
    assert.deepEqual(Object.keys(out), ['agency', 'year', 'format', 'findings']);
    assert.equal(out.agency, '灵溪镇');
    assert.equal(out.year, 2013);
    for (const f of out.findings) assert.deepEqual(Object.keys(f), ['code', 'severity', 'message', 'evidence']);

    const total = out.findings.find((f) => f.code === 'total-mismatch');
    assert.ok(total, r.stdout);
    assert.equal(total.severity, 'error');
    assert.match(`${total.message} ${total.evidence}`, /135/);
    assert.match(`${total.message} ${total.evidence}`, /133/);

    const foreign = out.findings.find((f) => f.code === 'foreign-agency-name');
    assert.ok(foreign, r.stdout);
    assert.match(`${foreign.message} ${foreign.evidence}`, /高坪乡/);
    // Pretty-printed UTF-8, not \u escapes.
    assert.ok(r.stdout.includes('\n  "findings": ['));
    assert.ok(r.stdout.includes('高坪乡'));
  });

  it('a clean report exits 0 with no findings', async () => {
    const r = await reportCheck('test/fixtures/reports/clean-national2021-qingshi-town-2022.txt');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as Output;
    assert.equal(out.format, 'national2021');
    assert.deepEqual(out.findings, []);
  });

  it('a clean .html report is read as HTML and exits 0', async () => {
    const r = await reportCheck(
      'test/fixtures/reports/clean-national2021-liutang-subdistrict-2024.html',
      '--year',
      '2024',
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as Output;
    assert.equal(out.year, 2024);
    assert.deepEqual(out.findings, []);
  });

  it('a missing file exits 2 with a Chinese message and nothing on stdout', async () => {
    const r = await reportCheck('test/fixtures/reports/does-not-exist.txt');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /找不到文件/);
  });

  it('no file given: exit 2 with the usage line', async () => {
    const r = await reportCheck();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /用法：npx gongkai report check/);
  });
});

describe('npx gongkai report check on several files and folders (#15 points 4 and 6)', () => {
  const edited = 'test/fixtures/reports/edited-national2021-qingshi-town-2022.txt';

  it('the edited 2021 fixture gives exactly its two findings and exit 1', async () => {
    const r = await reportCheck(edited);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as Output;
    assert.deepEqual(
      out.findings.map((f) => f.code),
      ['prose-table-mismatch', 'prose-table-mismatch'],
    );
  });

  it('a Word file (.docx) is read with its tables: the edited fixture gives the same two findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-docx-'));
    try {
      const path = join(dir, 'qingshi-2022.docx');
      writeFileSync(path, await wordOf(readFileSync(edited, 'utf8')));
      const r = await reportCheck(path);
      assert.equal(r.code, 1, r.stderr);
      const out = JSON.parse(r.stdout) as Output;
      assert.equal(out.agency, '青石镇');
      assert.deepEqual(
        out.findings.map((f) => f.code),
        ['prose-table-mismatch', 'prose-table-mismatch'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder and a file: a summary table (file, agency, year, format, errors, warnings), exit 1 on any error', async () => {
    const r = await reportCheck('test/fixtures/corpus', edited);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0] ?? '', /^文件\s+机关\s+年度\s+结构\s+错误\s+警告$/);
    assert.match(r.stdout, /edited-national2021-qingshi-town-2022\.txt\s+青石镇\s+2022\s+2021格式\s+2\s+0/);
    assert.match(r.stdout, /2022-gansu-town-xintian\.txt\s+临洮县新添镇\s+2022/);
    assert.match(r.stdout, /共51个文件/);
    assert.match(r.stdout, /错误 prose-table-mismatch 第13行/);
  });

  it('--json: one object per file with numbers and certainty; --json-dir writes one file each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-check-'));
    try {
      const r = await reportCheck(
        'test/fixtures/reports/clean-national2021-qingshi-town-2022.txt',
        edited,
        '--json',
        '--json-dir',
        dir,
      );
      assert.equal(r.code, 1, r.stderr);
      const out = JSON.parse(r.stdout) as (Output & { file: string; findings: { numbers?: number[] }[] })[];
      assert.deepEqual(
        out.map((f) => [f.file, f.findings.length]),
        [
          ['test/fixtures/reports/clean-national2021-qingshi-town-2022.txt', 0],
          ['test/fixtures/reports/edited-national2021-qingshi-town-2022.txt', 2],
        ],
      );
      assert.deepEqual(out[1]?.findings[0]?.numbers, [9, 7]);
      assert.equal(readdirSync(dir).length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two reports of one agency: this year’s 上年结转 against last year’s 结转下年度', async () => {
    const consistent = await reportCheck(
      'test/fixtures/reports/clean-national2021-qingshi-town-2022.txt',
      'test/fixtures/reports/bad-table3-row-sum-qingshi-2023.txt',
      '--json',
    );
    assert.ok(!consistent.stdout.includes('carry-over-mismatch'), consistent.stdout);

    const dir = mkdtempSync(join(tmpdir(), 'gk-carry-'));
    try {
      const y2022 = readFileSync('test/fixtures/reports/clean-national2021-qingshi-town-2022.txt', 'utf8').replace(
        '四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1',
        '四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2',
      );
      writeFileSync(join(dir, 'qingshi-2022.txt'), y2022);
      copyFileSync('test/fixtures/reports/bad-table3-row-sum-qingshi-2023.txt', join(dir, 'qingshi-2023.txt'));
      const r = await reportCheck(join(dir, 'qingshi-2022.txt'), join(dir, 'qingshi-2023.txt'), '--json');
      const out = JSON.parse(r.stdout) as { file: string; findings: { code: string; numbers?: number[] }[] }[];
      const carry = out[1]?.findings.find((f) => f.code === 'carry-over-mismatch');
      assert.ok(carry, r.stdout);
      assert.deepEqual(carry.numbers, [1, 2]);
      assert.equal(r.code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
