// .xls reading for the personal-data guard (issue #18 point 2): without LibreOffice, or with a file
// it cannot convert, an .xls is "not scanned" (never clean). The reading of a real .xls is tested
// through the upload route (test/publication/privacy-spreadsheets.db.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sofficeAvailable, xlsToXlsx } from './xls.ts';

test('without LibreOffice on the PATH an .xls is not scanned, and says so', () => {
  const script = `
    const { textSegments } = await import('./src/platform/privacy/extract.ts');
    const r = await textSegments('xls', Buffer.from('not really a workbook'));
    process.stdout.write(JSON.stringify(r));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, PATH: '/nonexistent' },
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { status: string; segments: unknown[]; note: string };
  assert.equal(out.status, 'notScanned');
  assert.deepEqual(out.segments, []);
  assert.match(out.note, /未安装 LibreOffice.*未扫描/u);
});

test(
  'a conversion past its time limit is stopped and the file is not scanned',
  { skip: sofficeAvailable() ? false : 'LibreOffice (soffice) 未安装' },
  async () => {
    const r = await xlsToXlsx(Buffer.alloc(2048, 0x41), 50);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.note, /超过 1 秒的时限）.*未扫描/u);
  },
);
