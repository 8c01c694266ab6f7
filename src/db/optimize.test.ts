import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, optimizeSqlite } from './database.ts';

test('optimizeSqlite gathers planner statistics, and with them an id lookup is not read through a low-selectivity index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-optimize-'));
  try {
    const h = openSqlite(join(dir, 'x.db'));
    h.exec(`CREATE TABLE p (id INTEGER PRIMARY KEY, state TEXT NOT NULL, at TEXT NOT NULL);
      CREATE INDEX p_state ON p (state, at, id);`);
    const ins = h.prepare('INSERT INTO p (state, at) VALUES (?, ?)');
    h.transaction(() => {
      for (let i = 0; i < 5000; i += 1) ins.run('published', `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    })();
    const plan = () =>
      (
        h.prepare(`EXPLAIN QUERY PLAN SELECT id FROM p WHERE id IN (1, 2, 3) AND state = 'published'`).all() as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' ');
    assert.match(
      plan(),
      /p_state/,
      'without statistics the planner picks the state index (what happened at 200,000 publications)',
    );
    optimizeSqlite(h);
    assert.ok((h.prepare(`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'p'`).get() as { n: number }).n > 0);
    assert.match(plan(), /PRIMARY KEY/);
    h.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
