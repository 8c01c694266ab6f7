// `npx gongkai backup`: the database snapshot and every stored file into one archive (format and
// the consistency argument: archive.ts, docs/ARCHITECTURE.md "Backup archive").
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import tar from 'tar-stream';
import type { Database } from '../../db/database.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  BackupError,
  DB_EMBEDDED,
  DB_POSTGRES,
  FILE_REFERENCES,
  MANIFEST,
  SHA256,
  majorOf,
  pgConnection,
  pgTool,
  run,
  type Manifest,
  type ManifestEntry,
} from './archive.ts';
import { hashTap } from '../storage/file-store.ts';

/** Every file of the store: current layout `ab/cd/<sha>` and the older `ab/<sha>`. */
async function storeFiles(filesDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const list = async (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const a of await list(filesDir)) {
    if (!a.isDirectory() || !/^[0-9a-f]{2}$/.test(a.name)) continue;
    for (const b of await list(join(filesDir, a.name))) {
      const path = join(filesDir, a.name, b.name);
      if (b.isFile() && SHA256.test(b.name)) {
        if (!out.has(b.name)) out.set(b.name, path);
      } else if (b.isDirectory() && /^[0-9a-f]{2}$/.test(b.name)) {
        for (const c of await list(path)) {
          if (c.isFile() && SHA256.test(c.name)) out.set(c.name, join(path, c.name));
        }
      }
    }
  }
  return out;
}

async function referencedHashes(database: Database, snapshotFile: string | undefined): Promise<Set<string>> {
  const out = new Set<string>();
  if (snapshotFile) {
    const snap = new SQLite(snapshotFile, { readonly: true, fileMustExist: true });
    try {
      for (const r of FILE_REFERENCES)
        for (const row of snap.prepare(`SELECT DISTINCT ${r.column} AS h FROM ${r.table}`).all() as { h: string }[])
          out.add(row.h);
    } finally {
      snap.close();
    }
    return out;
  }
  for (const r of FILE_REFERENCES) {
    const rows = await sql<{ h: string }>`SELECT DISTINCT ${sql.ref(r.column)} AS h FROM ${sql.table(r.table)}`.execute(
      database.db,
    );
    for (const row of rows.rows) out.add(row.h);
  }
  return out;
}

/** Adds one file to the archive, hashing the bytes as they stream. */
async function addEntry(pack: tar.Pack, path: string, source: string, size: number): Promise<ManifestEntry> {
  const { tap, result } = hashTap();
  const entry = pack.entry({ name: path, size, mode: 0o640, mtime: new Date(0), type: 'file' });
  await pipeline(createReadStream(source), tap, entry as unknown as Writable);
  const r = result();
  if (r.size !== size) throw new BackupError(`${source} 在备份过程中被改动（大小 ${size} → ${r.size}），备份中止。`);
  return { path, ...r };
}

export interface BackupResult {
  manifest: Manifest;
  archive: string;
}

/**
 * Writes the archive to `target` (a new file). The archive is written under a temporary name
 * next to it and renamed when complete, so `target` is either absent or a whole archive.
 */
export async function createBackup(opts: {
  database: Database;
  databaseUrl: string | undefined;
  dataDir: string;
  /** FILE_STORE_DIR when files live in a shared folder (default DATA_DIR/files). */
  filesDir?: string | undefined;
  target: string;
  now: Date;
}): Promise<BackupResult> {
  const { database, dataDir, target } = opts;
  if (existsSync(target)) throw new BackupError(`${target} 已存在，请换一个文件名。`);
  const work = join(dataDir, 'tmp');
  await mkdir(work, { recursive: true });
  const tmpDir = await mkdtemp(join(work, 'backup-'));
  const partial = `${target}.partial-${randomBytes(6).toString('hex')}`;
  try {
    // 1. The database snapshot.
    let snapshot: string;
    let postgres: Manifest['postgres'];
    if (database.engine === 'embedded') {
      snapshot = join(tmpDir, 'gongkai.db');
      // A consistent copy while other connections (and processes) keep writing.
      database.sqlite!.prepare('VACUUM INTO ?').run(snapshot);
    } else {
      snapshot = join(tmpDir, 'gongkai.pgdump');
      const { dbname, env } = pgConnection(opts.databaseUrl!);
      const version = await run(pgTool('pg_dump'), ['--version'], env);
      if (version.code !== 0)
        throw new BackupError(
          `找不到 pg_dump（PostgreSQL 客户端，Debian 软件包 postgresql-client），无法备份 PostgreSQL 数据库。可用 PG_BINDIR 指定其目录。\n${version.out}`,
        );
      const server = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db))
        .rows[0]!.v;
      const pgDump = version.out.trim();
      if (majorOf(pgDump.replace(/^\D+/, '')) < majorOf(server))
        throw new BackupError(
          `pg_dump 的版本（${pgDump}）低于数据库服务器（${server}）：请安装与服务器同一大版本的 PostgreSQL 客户端，或用 PG_BINDIR 指定。`,
        );
      postgres = { server, pgDump };
      const dump = await run(
        pgTool('pg_dump'),
        ['--format=custom', '--no-owner', '--no-privileges', `--file=${snapshot}`, `--dbname=${dbname}`],
        env,
      );
      if (dump.code !== 0) throw new BackupError(`pg_dump 失败（退出码 ${dump.code}）：\n${dump.out.trim()}`);
    }

    // 2. Which files the snapshot needs, then the store (walked after the snapshot).
    const needed = await referencedHashes(database, database.engine === 'embedded' ? snapshot : undefined);
    const files = await storeFiles(opts.filesDir ?? join(dataDir, 'files'));
    // On PostgreSQL, files stored in the database (stored_files, #16 point 4) are in the dump.
    const inDatabase = new Set<string>();
    if (database.engine === 'postgres')
      for (const r of await database.db.selectFrom('storedFiles').select('sha256').execute()) inDatabase.add(r.sha256);
    const missing = [...needed].filter((h) => !files.has(h) && !inDatabase.has(h)).sort();
    if (missing.length > 0)
      throw new BackupError(
        `文件库中缺少 ${missing.length} 个被记录引用的文件，备份中止（请从上一份备份找回）：\n${missing.join('\n')}`,
      );

    // 3. The archive: database, files (sorted), manifest last.
    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial, { mode: 0o600 }));
    // Awaited at the end; a write that fails before then (a full disk) must not be an unhandled
    // rejection, which ends the process (restore.ts stageArchive, the same).
    written.catch(() => undefined);
    let manifest: Manifest;
    try {
      const dbPath = database.engine === 'embedded' ? DB_EMBEDDED : DB_POSTGRES;
      const dbEntry = await addEntry(pack, dbPath, snapshot, (await stat(snapshot)).size);
      const fileEntries: ManifestEntry[] = [];
      const damaged: string[] = [];
      for (const sha of [...files.keys()].sort()) {
        const source = files.get(sha)!;
        const e = await addEntry(
          pack,
          `files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`,
          source,
          (await stat(source)).size,
        );
        if (e.sha256 !== sha) damaged.push(source);
        fileEntries.push(e);
      }
      if (damaged.length > 0)
        throw new BackupError(
          `文件库中 ${damaged.length} 个文件的内容与其 SHA-256 名称不符（已损坏），备份中止：\n${damaged.join('\n')}`,
        );
      manifest = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        engine: database.engine,
        createdAt: opts.now.toISOString(),
        ...(postgres ? { postgres } : {}),
        database: dbEntry,
        files: fileEntries,
      };
      pack.entry({ name: MANIFEST, mode: 0o640, mtime: new Date(0) }, `${JSON.stringify(manifest, null, 2)}\n`);
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
      await written.catch(() => undefined);
      throw err;
    }
    await written;
    await rename(partial, target);
    return { manifest, archive: target };
  } finally {
    await rm(partial, { force: true });
    await rm(tmpDir, { recursive: true, force: true });
  }
}
