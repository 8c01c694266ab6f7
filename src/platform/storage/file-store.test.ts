// The shared content-addressed store: one copy per content, reads of both on-disk layouts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileStore } from './file-store.ts';

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
