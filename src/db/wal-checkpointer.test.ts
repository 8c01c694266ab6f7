// The WAL's checkpoints on a thread of their own (wal-checkpointer.ts): a writer that makes none
// itself keeps its WAL bounded when it calls committed() and beforeWrite() around its transactions,
// every committed row is there, and close() lets the thread go.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { startWalCheckpointer } from './wal-checkpointer.ts';

const dir = mkdtempSync(join(tmpdir(), 'gk-wal-checkpointer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A writer in WAL mode that never checkpoints by itself; each transaction writes ~`pages` pages. */
function writer(name: string) {
  const file = join(dir, name);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (randomblob(3000))');
  const write = db.transaction((rows: number) => {
    for (let i = 0; i < rows; i++) insert.run();
  });
  return { file, db, write, wal: () => statSync(`${file}-wal`).size };
}

test('with the thread the WAL stays near its limit; without it, it grows with every transaction', async () => {
  const limit = 300; // pages
  const a = writer('a.db');
  const c = await startWalCheckpointer(a.file, limit);
  for (let n = 0; n < 150; n++) {
    await c.beforeWrite();
    a.write(50); // ~50 pages a transaction
    c.committed();
    // A turn of the event loop between transactions, as the import makes (the thread's replies).
    await new Promise((resolve) => setImmediate(resolve));
  }
  await c.close();
  // The limit and what three transactions add past it (the thread's view is at most two behind).
  const bound = (limit + 4 * 55) * (4096 + 24) + 32;
  assert.ok(a.wal() <= bound, `WAL ${a.wal()} bytes > ${bound}`);
  assert.ok(c.mostPages >= limit, `the thread saw at most ${c.mostPages} pages`);
  assert.equal((a.db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 7500);
  assert.equal(a.db.pragma('integrity_check', { simple: true }), 'ok');
  a.db.close();

  const b = writer('b.db');
  for (let n = 0; n < 150; n++) b.write(50);
  assert.ok(b.wal() > 4 * bound, `without the thread the WAL is ${b.wal()} bytes`);
  b.db.close();
});

test('a thread that cannot open the database is refused at the start', async () => {
  await assert.rejects(startWalCheckpointer(join(dir, 'missing', 'x.db'), 100));
});
