// Content-addressed file storage, shared by every module that keeps uploaded files (publication
// attachments, documents released with info-request replies). Files are named by their SHA-256,
// so the same file uploaded twice is stored once and a stored file never changes. The interface
// is small so that an S3-compatible store can replace the disk one.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  /** Stores the bytes (idempotent) and returns their address. */
  put(data: Buffer): Promise<StoredFile>;
  /** The stored bytes, or null when there is no such file. */
  get(sha256: string): Promise<Buffer | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files under `root/ab/cd/abcd…`. Files written by earlier versions of the info-request module
 * under `root/ab/abcd…` are still read.
 */
export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private dirOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('invalid sha256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
  }

  async put(data: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const dir = this.dirOf(sha256);
    const path = join(dir, sha256);
    if (!existsSync(path) && !existsSync(this.legacyPathOf(sha256))) {
      await mkdir(dir, { recursive: true });
      // Write then rename: a reader never sees half a file.
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, data, { mode: 0o640 });
      await rename(tmp, path);
    }
    return { sha256, size: data.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    for (const path of [join(this.dirOf(sha256), sha256), this.legacyPathOf(sha256)]) {
      try {
        return await readFile(path);
      } catch {
        // try the next layout
      }
    }
    return null;
  }

  private legacyPathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}

const stores = new Map<string, FileStore>();

/** The file store under DATA_DIR/files (one instance per data directory). */
export function fileStore(dataDir: string): FileStore {
  let s = stores.get(dataDir);
  if (!s) {
    s = new DiskFileStore(join(dataDir, 'files'));
    stores.set(dataDir, s);
  }
  return s;
}
