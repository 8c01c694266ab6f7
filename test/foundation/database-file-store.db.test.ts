// Files in the database (#16 point 4): the content-addressed store that serves every web process
// on PostgreSQL when no FILE_STORE_DIR is shared. The same class runs here on the engine of
// GK_TEST_ENGINE (the embedded engine does not use it in production, but its tables exist).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { CHUNK_BYTES, DatabaseFileStore } from '../../src/platform/storage/database-file-store.ts';
import { DiskFileStore, fileStore } from '../../src/platform/storage/file-store.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let dir: string;
let disk: DiskFileStore;
let store: DatabaseFileStore;

before(async () => {
  env = await createTestEnv({ demo: false });
  dir = mkdtempSync(join(tmpdir(), 'gk-dbfiles-'));
  disk = new DiskFileStore(join(dir, 'files'), join(dir, 'staging'));
  store = new DatabaseFileStore(env.database.db, disk);
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a staged upload of 2.5 MiB is stored in 1 MiB chunks and streamed back byte for byte', async () => {
  const bytes = randomBytes(CHUNK_BYTES * 2 + CHUNK_BYTES / 2);
  const staged = await store.stage(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
  assert.equal(staged.sha256, sha(bytes));
  const stored = await store.put(staged);
  assert.deepEqual(stored, { sha256: sha(bytes), size: bytes.length });
  const chunks = await env.database.db
    .selectFrom('storedFileChunks')
    .select(['seq'])
    .where('sha256', '=', stored.sha256)
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    chunks.map((c) => c.seq),
    [0, 1, 2],
  );
  const parts: Buffer[] = [];
  for await (const p of (await store.stream(stored.sha256))!) parts.push(p as Buffer);
  assert.equal(parts.length, 3, 'streamed chunk by chunk');
  assert.ok(Buffer.concat(parts).equals(bytes));
  assert.ok((await store.get(stored.sha256))!.equals(bytes));
});

test('the same file stored twice at once is kept once', async () => {
  const bytes = Buffer.from('同一份文件'.repeat(1000));
  const results = await Promise.all([store.put(bytes), store.put(Buffer.from(bytes))]);
  assert.equal(results[0].sha256, results[1].sha256);
  const rows = await env.database.db
    .selectFrom('storedFiles')
    .select('size')
    .where('sha256', '=', sha(bytes))
    .execute();
  assert.equal(rows.length, 1);
  assert.equal(Number(rows[0]!.size), bytes.length);
});

test('an empty file and a missing file', async () => {
  const empty = await store.put(Buffer.alloc(0));
  assert.equal((await store.get(empty.sha256))!.length, 0);
  assert.equal(await store.get('0'.repeat(64)), null);
  assert.equal(await store.stream('0'.repeat(64)), null);
});

test('a file stored on disk before the switch to the database is still read', async () => {
  const bytes = Buffer.from('切换前上传的附件');
  const { sha256 } = await disk.put(bytes);
  assert.ok((await store.get(sha256))!.equals(bytes));
});

test(`the app's store: the database on PostgreSQL, DATA_DIR/files embedded (${ENGINE})`, async () => {
  const s = fileStore(env.config.dataDir);
  assert.equal(s instanceof DatabaseFileStore, ENGINE === 'postgres');
  assert.equal(s instanceof DiskFileStore, ENGINE === 'embedded');
});
