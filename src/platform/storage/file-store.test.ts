// The shared content-addressed store: one copy per content, reads of both on-disk layouts, uploads
// staged on disk and moved in.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { bytesOf, fileStore } from './file-store.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gk-files-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('a file is stored once under files/ab/cd/<sha256> and read back', async () => {
  const store = fileStore(dataDir);
  const data = Buffer.from('政府信息公开 attachment');
  const a = await store.put(data);
  const b = await store.put(Buffer.from(data));
  assert.deepEqual(a, b);
  assert.equal(a.sha256, createHash('sha256').update(data).digest('hex'));
  assert.deepEqual(readdirSync(join(dataDir, 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4))), [a.sha256]);
  assert.deepEqual(await store.get(a.sha256), data);
  assert.equal(await store.get('0'.repeat(64)), null);
  await assert.rejects(store.get('../etc/passwd'), /invalid sha256/);
});

test('files written earlier under files/ab/<sha256> are still read and not written again', async () => {
  const data = Buffer.from('released document of an older reply');
  const sha256 = createHash('sha256').update(data).digest('hex');
  mkdirSync(join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true });
  writeFileSync(join(dataDir, 'files', sha256.slice(0, 2), sha256), data);
  const store = fileStore(dataDir);
  assert.deepEqual(await store.get(sha256), data);
  assert.deepEqual(await store.put(data), { sha256, size: data.length });
  assert.deepEqual(readdirSync(join(dataDir, 'files', sha256.slice(0, 2))), [sha256]);
});

test('an upload is staged while hashed, then moved into the store (or dropped when already there)', async () => {
  const store = fileStore(dataDir);
  const data = Buffer.from('公开的政府信息 '.repeat(10_000));
  const staged = await store.stage(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
  assert.equal(staged.size, data.length);
  assert.equal(staged.sha256, createHash('sha256').update(data).digest('hex'));
  assert.deepEqual(await bytesOf(staged), data);
  assert.deepEqual(await store.put(staged), { sha256: staged.sha256, size: data.length });
  assert.equal(existsSync(staged.stagedPath), false);
  assert.deepEqual(await store.get(staged.sha256), data);
  const again = await store.stage(Readable.from([data]));
  assert.deepEqual(await store.put(again), { sha256: staged.sha256, size: data.length });
  assert.equal(existsSync(again.stagedPath), false);
  assert.deepEqual(readdirSync(join(dataDir, 'tmp', 'uploads')), []);
});

test('a stream that fails leaves no staged file; old staged files are swept', async () => {
  const store = fileStore(dataDir);
  const failing = new Readable({
    read() {
      this.destroy(new Error('client went away'));
    },
  });
  await assert.rejects(store.stage(failing), /client went away/);
  assert.deepEqual(readdirSync(join(dataDir, 'tmp', 'uploads')), []);
  const left = await store.stage(Readable.from([Buffer.from('left behind by a crash')]));
  await store.sweepStaging(3_600_000, Date.now());
  assert.equal(existsSync(left.stagedPath), true);
  await store.sweepStaging(3_600_000, Date.now() + 2 * 3_600_000);
  assert.equal(existsSync(left.stagedPath), false);
});
