// Content-addressed files in PostgreSQL (#16 point 4): with several web processes on several
// machines and no shared folder (FILE_STORE_DIR), an attachment uploaded to one process must be
// readable by all. Same interface as the disk store: uploads are staged on the local disk
// (hashed while they arrive) and then streamed into `stored_file_chunks` 1 MiB at a time, with
// the `stored_files` row last, in one transaction — so a file is whole or absent, and storing
// the same file twice (at once, from two processes) keeps one copy. Reads stream the chunks in
// order. Files stored on disk before the switch (DATA_DIR/files) are still read from there.
import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  configureFileStore,
  type DiskFileStore,
  type FileSource,
  type FileStore,
  type StagedFile,
  type StoredFile,
} from './file-store.ts';

export interface StoredFileTables {
  storedFiles: { sha256: string; size: number; chunks: number; createdAt: string };
  storedFileChunks: { sha256: string; seq: number; data: Buffer };
}

export const CHUNK_BYTES = 1024 * 1024;

export class DatabaseFileStore implements FileStore {
  constructor(
    private readonly db: Kysely<DB>,
    /** Stages uploads and holds the files written before the switch. */
    private readonly disk: DiskFileStore,
  ) {}

  private async has(sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('storedFiles')
      .select('sha256')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return !!row;
  }

  async put(source: FileSource): Promise<StoredFile> {
    const sha256 = Buffer.isBuffer(source) ? createHash('sha256').update(source).digest('hex') : source.sha256;
    const size = Buffer.isBuffer(source) ? source.length : source.size;
    try {
      if (await this.has(sha256)) return { sha256, size };
      await this.db.transaction().execute(async (trx) => {
        let seq = 0;
        for await (const chunk of chunksOf(source)) {
          await trx
            .insertInto('storedFileChunks')
            .values({ sha256, seq, data: chunk })
            .onConflict((oc) => oc.columns(['sha256', 'seq']).doNothing())
            .execute();
          seq += 1;
        }
        await trx
          .insertInto('storedFiles')
          .values({ sha256, size, chunks: seq, createdAt: new Date().toISOString() })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      });
      return { sha256, size };
    } finally {
      if (!Buffer.isBuffer(source)) await unlink(source.stagedPath).catch(() => undefined);
    }
  }

  /** The file as a stream of its chunks, or null when there is no such file. */
  async stream(sha256: string): Promise<Readable | null> {
    const row = await this.db
      .selectFrom('storedFiles')
      .select('chunks')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!row) {
      const data = await this.disk.get(sha256);
      return data ? Readable.from([data]) : null;
    }
    const db = this.db;
    const chunks = Number(row.chunks);
    return Readable.from(
      (async function* () {
        for (let seq = 0; seq < chunks; seq += 1) {
          const c = await db
            .selectFrom('storedFileChunks')
            .select('data')
            .where('sha256', '=', sha256)
            .where('seq', '=', seq)
            .executeTakeFirstOrThrow();
          yield Buffer.from(c.data);
        }
      })(),
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    const s = await this.stream(sha256);
    if (!s) return null;
    const parts: Buffer[] = [];
    for await (const part of s) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  stage(stream: Readable): Promise<StagedFile> {
    return this.disk.stage(stream);
  }

  sweepStaging(olderThanMs: number, now: number): Promise<void> {
    return this.disk.sweepStaging(olderThanMs, now);
  }
}

/** The source's bytes, CHUNK_BYTES at a time (a staged file is read, never loaded whole). */
async function* chunksOf(source: FileSource): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    for (let at = 0; at < source.length || at === 0; at += CHUNK_BYTES) {
      yield source.subarray(at, at + CHUNK_BYTES);
      if (source.length === 0) return;
    }
    return;
  }
  const fh = await open(source.stagedPath, 'r');
  try {
    for (;;) {
      const buf = Buffer.alloc(CHUNK_BYTES);
      let filled = 0;
      while (filled < CHUNK_BYTES) {
        const { bytesRead } = await fh.read(buf, filled, CHUNK_BYTES - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled > 0) yield buf.subarray(0, filled);
      if (filled < CHUNK_BYTES) return;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Where files live (called by buildApp and prepare): FILE_STORE_DIR if set (a folder every
 * machine mounts), else PostgreSQL's tables when the database is PostgreSQL, else DATA_DIR/files.
 */
export function setUpFileStore(
  config: { dataDir: string; fileStoreDir?: string | undefined },
  database: { engine: 'embedded' | 'postgres'; db: Kysely<DB> },
): void {
  configureFileStore(config.dataDir, {
    sharedDir: config.fileStoreDir,
    database: database.engine === 'postgres' ? (local) => new DatabaseFileStore(database.db, local) : undefined,
  });
}
