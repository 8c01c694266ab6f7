// Content-addressed file storage, shared by every module that keeps uploaded files (publication
// attachments, documents released with info-request replies). Files are named by their SHA-256,
// so the same file uploaded twice is stored once and a stored file never changes. The interface
// is small so that an S3-compatible store can replace the disk one.
//
// Uploads never pass through memory whole: `stage` writes the incoming stream to a temporary
// file under DATA_DIR/tmp/uploads, hashing while it streams, and `put` of a staged file moves it
// into the store (a rename on the same disk). Staged files that are not stored are removed when
// their request ends (platform/http/multipart.ts).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  sha256: string;
  size: number;
}

/** An upload written to a temporary file, hashed as it arrived. */
export interface StagedFile extends StoredFile {
  /** The temporary file (gone once the file is stored or its request has ended). */
  stagedPath: string;
}

/** Bytes to store: in memory, or a staged upload (moved into the store, never copied). */
export type FileSource = Buffer | StagedFile;

export interface FileStore {
  /** Stores the bytes (idempotent) and returns their address. */
  put(source: FileSource): Promise<StoredFile>;
  /** The stored bytes, or null when there is no such file. */
  get(sha256: string): Promise<Buffer | null>;
  /** Writes a stream to a temporary file, hashing it on the way. */
  stage(stream: Readable): Promise<StagedFile>;
}

/** The bytes of a source (a staged file is read from its temporary file). */
export async function bytesOf(source: FileSource): Promise<Buffer> {
  return Buffer.isBuffer(source) ? source : readFile(source.stagedPath);
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files under `root/ab/cd/abcd…`. Files written by earlier versions of the info-request module
 * under `root/ab/abcd…` are still read.
 */
export class DiskFileStore implements FileStore {
  constructor(
    private readonly root: string,
    private readonly stagingDir: string,
  ) {}

  private dirOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('invalid sha256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
  }

  private has(sha256: string): boolean {
    return existsSync(join(this.dirOf(sha256), sha256)) || existsSync(this.legacyPathOf(sha256));
  }

  async put(source: FileSource): Promise<StoredFile> {
    if (!Buffer.isBuffer(source)) return this.putStaged(source);
    const sha256 = createHash('sha256').update(source).digest('hex');
    if (!this.has(sha256)) {
      const dir = this.dirOf(sha256);
      await mkdir(dir, { recursive: true });
      // Write then rename: a reader never sees half a file.
      const tmp = join(dir, `${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(tmp, source, { mode: 0o640 });
      await rename(tmp, join(dir, sha256));
    }
    return { sha256, size: source.length };
  }

  private async putStaged(file: StagedFile): Promise<StoredFile> {
    const { sha256, size } = file;
    if (this.has(sha256)) {
      await unlink(file.stagedPath).catch(() => undefined);
    } else {
      const dir = this.dirOf(sha256);
      await mkdir(dir, { recursive: true });
      await rename(file.stagedPath, join(dir, sha256));
    }
    return { sha256, size };
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

  async stream(sha256: string): Promise<Readable | null> {
    for (const path of [join(this.dirOf(sha256), sha256), this.legacyPathOf(sha256)]) {
      if (existsSync(path)) return createReadStream(path);
    }
    return null;
  }

  async stage(stream: Readable): Promise<StagedFile> {
    await mkdir(this.stagingDir, { recursive: true });
    const stagedPath = join(this.stagingDir, `${randomBytes(12).toString('hex')}.part`);
    const { tap, result } = hashTap();
    try {
      await pipeline(stream, tap, createWriteStream(stagedPath, { mode: 0o640 }));
    } catch (err) {
      await rm(stagedPath, { force: true });
      throw err;
    }
    return { stagedPath, ...result() };
  }

  /** Removes staged files left by a process that stopped mid-upload. */
  async sweepStaging(olderThanMs: number, now: number): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.stagingDir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.stagingDir, name);
      const s = await stat(path).catch(() => undefined);
      if (s && now - s.mtimeMs > olderThanMs) await rm(path, { force: true });
    }
  }

  private legacyPathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}

/** A store whose uploads are staged on this machine's disk. */
export interface StagingFileStore extends FileStore {
  /** The file as a stream, or null when there is no such file. */
  stream(sha256: string): Promise<Readable | null>;
  sweepStaging(olderThanMs: number, now: number): Promise<void>;
}

const disks = new Map<string, DiskFileStore>();
const configured = new Map<string, StagingFileStore>();

function diskStore(root: string, stagingDir: string): DiskFileStore {
  const key = `${root}\u0000${stagingDir}`;
  let s = disks.get(key);
  if (!s) {
    s = new DiskFileStore(root, stagingDir);
    disks.set(key, s);
  }
  return s;
}

/**
 * Chooses where the files of `dataDir` live (#16 point 4), once at start-up (buildApp, prepare):
 * a shared folder when FILE_STORE_DIR is set; else the database when it is PostgreSQL (every
 * process on every machine reads the same files); else DATA_DIR/files (the embedded engine).
 */
export function configureFileStore(
  dataDir: string,
  opts: { sharedDir?: string | undefined; database?: StagingFileStoreFactory | undefined },
): void {
  const local = diskStore(join(dataDir, 'files'), join(dataDir, 'tmp', 'uploads'));
  if (opts.sharedDir) configured.set(dataDir, diskStore(opts.sharedDir, join(opts.sharedDir, '.staging')));
  else if (opts.database) configured.set(dataDir, opts.database(local));
  else configured.set(dataDir, local);
}
export type StagingFileStoreFactory = (local: DiskFileStore) => StagingFileStore;

/** The file store of a data directory (DATA_DIR/files unless configureFileStore chose another). */
export function fileStore(dataDir: string): StagingFileStore {
  return configured.get(dataDir) ?? diskStore(join(dataDir, 'files'), join(dataDir, 'tmp', 'uploads'));
}

/** A pass-through stream that hashes (SHA-256) and counts what flows through it; `result` once it has ended. */
export function hashTap(): { tap: Transform; result: () => { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash.digest('hex'), size }) };
}
