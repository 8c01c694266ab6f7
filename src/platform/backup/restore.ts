// `npx gongkai restore`: verify the whole archive in a staging folder, then replace (format:
// archive.ts, docs/ARCHITECTURE.md "Backup archive").
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import tar from 'tar-stream';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  BackupError,
  DB_EMBEDDED,
  DB_POSTGRES,
  FILE_ENTRY,
  MANIFEST,
  pgConnection,
  pgTool,
  run,
  type Manifest,
} from './archive.ts';
import { hashTap } from '../storage/file-store.ts';

/** Reads an archive into `staging`, verifying every entry against the manifest. */
async function stageArchive(archive: string, staging: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; size: number; staged: string }>();
  let manifestText: string | undefined;
  const extract = tar.extract();
  const reading = pipeline(createReadStream(archive), extract);
  // Awaited after the entries, but it can fail first — a truncated archive ends the reading while
  // an entry is read — and a rejection nothing handles yet ends the process (Node 24 got there:
  // 「Unexpected end of data」 and a stack trace instead of the message below).
  reading.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== 'file') throw new BackupError(`不应出现的条目 ${name}（${type}）`);
      if (seen.has(name) || (name === MANIFEST && manifestText !== undefined))
        throw new BackupError(`条目 ${name} 出现了两次`);
      if (name === MANIFEST) {
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const c of entry as AsyncIterable<Buffer>) {
          total += c.length;
          if (total > 64 * 1024 * 1024) throw new BackupError('清单文件过大');
          chunks.push(c);
        }
        manifestText = Buffer.concat(chunks).toString('utf8');
        continue;
      }
      const file = FILE_ENTRY.exec(name);
      if (!file && name !== DB_EMBEDDED && name !== DB_POSTGRES) throw new BackupError(`不认识的条目 ${name}`);
      const staged = join(staging, file ? file[3]! : name.replace('database/', ''));
      const { tap, result } = hashTap();
      await pipeline(entry as unknown as Readable, tap, createWriteStream(staged, { mode: 0o640 }));
      seen.set(name, { ...result(), staged });
    }
    await reading;
  } catch (err) {
    extract.destroy();
    await reading.catch(() => undefined);
    if (err instanceof BackupError) throw err;
    throw new BackupError(`无法读取归档（${err instanceof Error ? err.message : String(err)}），可能被截断或已损坏`);
  }
  if (manifestText === undefined) throw new BackupError('归档中没有清单（manifest.json），可能被截断');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw new BackupError('清单（manifest.json）不是有效的 JSON');
  }
  if (manifest.format !== ARCHIVE_FORMAT) throw new BackupError('这不是 Gongkai 的备份归档');
  if (manifest.version !== ARCHIVE_VERSION)
    throw new BackupError(`归档格式版本 ${String(manifest.version)} 不受支持（本程序读取版本 ${ARCHIVE_VERSION}）`);
  const expected = [manifest.database, ...(manifest.files ?? [])];
  const problems: string[] = [];
  for (const e of expected) {
    const got = seen.get(e.path);
    if (!got) problems.push(`${e.path}：归档中缺少`);
    else if (got.size !== e.size || got.sha256 !== e.sha256)
      problems.push(
        `${e.path}：内容与清单不符（SHA-256 ${got.sha256.slice(0, 12)}…，清单为 ${String(e.sha256).slice(0, 12)}…）`,
      );
    else if (FILE_ENTRY.exec(e.path)?.[3] !== undefined && FILE_ENTRY.exec(e.path)?.[3] !== e.sha256)
      problems.push(`${e.path}：文件名与内容的 SHA-256 不符`);
  }
  const listed = new Set(expected.map((e) => e.path));
  for (const name of seen.keys()) if (!listed.has(name)) problems.push(`${name}：不在清单中`);
  const dbPath = manifest.engine === 'postgres' ? DB_POSTGRES : DB_EMBEDDED;
  if (manifest.database?.path !== dbPath) problems.push('清单中的数据库条目与引擎不符');
  if (problems.length > 0) throw new BackupError(problems.slice(0, 20).join('\n'));
  return manifest;
}

/** Relations in the database's own schemas (not the system catalogs). */
async function pgRelationCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_toast%'
         AND s.nspname NOT LIKE 'pg\\_temp%'`,
    );
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  /** Embedded engine: where the replaced database was moved. */
  asideDatabase?: string;
  filesAdded: number;
}

/**
 * Verifies the whole archive, then restores it into this configuration's database and file
 * store. Refuses (BackupError, nothing changed) a damaged or incomplete archive, an archive of
 * the other engine, and on PostgreSQL a database that is not empty unless `force`.
 */
export async function restoreBackup(opts: {
  archive: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** FILE_STORE_DIR when files live in a shared folder (default DATA_DIR/files). */
  filesDir?: string | undefined;
  force: boolean;
  now: Date;
}): Promise<RestoreResult> {
  const { archive, dataDir } = opts;
  if (!existsSync(archive)) throw new BackupError(`找不到 ${archive}。`);
  const engine = opts.databaseUrl ? 'postgres' : 'embedded';
  const work = join(dataDir, 'tmp');
  await mkdir(work, { recursive: true });
  const staging = await mkdtemp(join(work, 'restore-'));
  try {
    let manifest: Manifest;
    try {
      manifest = await stageArchive(archive, staging);
    } catch (err) {
      if (err instanceof BackupError) throw new BackupError(`备份归档已损坏或不完整，未做任何更改：\n${err.message}`);
      throw err;
    }
    if (manifest.engine !== engine)
      throw new BackupError(
        manifest.engine === 'postgres'
          ? '这是 PostgreSQL 的备份：请设置 DATABASE_URL 指向一个空数据库后再恢复。未做任何更改。'
          : '这是内置数据库的备份：请不设置 DATABASE_URL（只设 DATA_DIR）再恢复。未做任何更改。',
      );
    const stagedDb = join(staging, manifest.database.path.replace('database/', ''));
    let asideDatabase: string | undefined;
    if (engine === 'embedded') {
      // The snapshot itself must be an intact Gongkai database.
      let valid = false;
      try {
        const check = new SQLite(stagedDb, { readonly: true, fileMustExist: true });
        try {
          const tables = check
            .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('agencies','audit_events')")
            .get() as { n: number };
          valid = check.pragma('integrity_check', { simple: true }) === 'ok' && tables.n === 2;
        } finally {
          check.close();
        }
      } catch {
        valid = false;
      }
      if (!valid) throw new BackupError('归档中的数据库不是有效的 Gongkai 数据库。未做任何更改。');
      await mkdir(dataDir, { recursive: true });
      const target = join(dataDir, 'gongkai.db');
      if (existsSync(target)) {
        asideDatabase = `${target}.before-restore-${opts.now.getTime()}`;
        for (let n = 1; existsSync(asideDatabase); n++)
          asideDatabase = `${target}.before-restore-${opts.now.getTime() + n}`;
        await rename(target, asideDatabase);
        // After a crash the last commits are still in the WAL: keep it with the set-aside copy.
        if (existsSync(`${target}-wal`)) await rename(`${target}-wal`, `${asideDatabase}-wal`);
      }
      for (const ext of ['-wal', '-shm']) await rm(target + ext, { force: true });
      await rename(stagedDb, target);
    } else {
      const url = opts.databaseUrl!;
      let relations: number;
      try {
        relations = await pgRelationCount(url);
      } catch (err) {
        throw new BackupError(
          `无法连接目标数据库：${err instanceof Error ? err.message : String(err)}。未做任何更改。`,
        );
      }
      if (relations > 0 && !opts.force)
        throw new BackupError(
          `目标数据库不是空的（有 ${relations} 个表、索引或序列）。请恢复到一个新建的空数据库（createdb），或加 --force 先删除其中与备份同名的对象。未做任何更改。`,
        );
      const { dbname, env } = pgConnection(url);
      const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`];
      if (relations > 0) args.unshift('--clean', '--if-exists');
      const r = await run(pgTool('pg_restore'), [...args, stagedDb], env);
      if (r.code === 127)
        throw new BackupError(`找不到 pg_restore（Debian 软件包 postgresql-client）。未做任何更改。\n${r.out}`);
      if (r.code !== 0) throw new BackupError(`pg_restore 失败（退出码 ${r.code}），数据库未改动：\n${r.out.trim()}`);
    }
    // Files last: content-addressed, so adding them never changes a file another record uses.
    let filesAdded = 0;
    for (const f of manifest.files) {
      const sha = f.sha256;
      const dir = join(opts.filesDir ?? join(dataDir, 'files'), sha.slice(0, 2), sha.slice(2, 4));
      await mkdir(dir, { recursive: true });
      if (!existsSync(join(dir, sha))) filesAdded++;
      await rename(join(staging, sha), join(dir, sha));
    }
    return { manifest, ...(asideDatabase ? { asideDatabase } : {}), filesAdded };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
