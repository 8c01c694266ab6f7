// `npx gongkai report check <file>` run the way an operator runs it: `node bin/gongkai.mjs` as a
// child process from the repository root. The command needs no database: DATABASE_URL points at
// a server that does not exist and DATA_DIR at a directory that does not exist, and it still works.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spawnCli, type CliResult } from '../support/cli.ts';

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
