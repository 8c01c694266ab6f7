// `gongkai audit verify` as an operator runs it, on an embedded DATA_DIR: exit 0 on a clean
// chain, exit 1 naming the first broken row after tampering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { bundledCalendarYears } from '../../src/modules/calendar/bundled-calendar.ts';
import { runCli } from '../support/cli.ts';

describe('gongkai audit verify (command line)', () => {
  test('exits 0 on a clean database and 1, naming the row, after tampering', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-audit-cli-'));
    try {
      const seeded = await runCli(['seed-demo'], dataDir);
      assert.equal(seeded.code, 0, seeded.stderr);
      const clean = await runCli(['audit', 'verify'], dataDir);
      assert.equal(clean.code, 0, clean.stderr);
      // Every row is checked: at least 11 agencies + the bundled calendar years + the admin account,
      // plus whatever the modules' demo data records.
      const counter = new SQLite(join(dataDir, 'gongkai.db'), { readonly: true });
      const rows = (counter.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
      counter.close();
      assert.ok(rows >= 11 + bundledCalendarYears().length + 1, String(rows));
      assert.match(clean.stdout, new RegExp(`审计日志完整：已校验 ${rows} 条记录`));

      const raw = new SQLite(join(dataDir, 'gongkai.db'));
      const ids = (raw.prepare('SELECT id FROM audit_events ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      const middle = ids[Math.floor(ids.length / 2)]!;
      assert.throws(
        () => raw.prepare("UPDATE audit_events SET summary = '{}' WHERE id = ?").run(middle),
        /append-only/,
      );
      raw.exec('DROP TRIGGER audit_events_no_update');
      raw.prepare("UPDATE audit_events SET summary = '{}' WHERE id = ?").run(middle);
      raw.close();

      const broken = await runCli(['audit', 'verify'], dataDir);
      assert.equal(broken.code, 1, broken.stdout);
      assert.match(broken.stderr, new RegExp(`审计日志被破坏：第 ${middle} 条记录——记录内容与其哈希不符`));
      assert.match(broken.stderr, new RegExp(`此前 ${ids.indexOf(middle)} 条完好`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
