// Content-addressed file storage for released documents: a file is stored once under
// DATA_DIR/files/ab/abcdef… (its sha256), so the same document attached twice takes no extra
// space and a stored file can never be changed behind a case's back.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

function pathFor(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
  return join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

export function storeFile(dataDir: string, content: Buffer): StoredFile {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const target = pathFor(dataDir, sha256);
  if (!existsSync(target)) {
    mkdirSync(join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  }
  return { sha256, size: content.length };
}

export function readStoredFile(dataDir: string, sha256: string): Buffer | null {
  const p = pathFor(dataDir, sha256);
  return existsSync(p) ? readFileSync(p) : null;
}
