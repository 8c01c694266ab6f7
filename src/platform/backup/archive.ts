// Backup and restore (`npx gongkai backup` / `restore`) — the archive format and what backup.ts and restore.ts share: one tar archive holding a consistent
// snapshot of the database and every stored file, with a manifest of SHA-256 hashes and sizes.
// The format is described in docs/ARCHITECTURE.md ("Backup archive").
//
// - Embedded engine: the snapshot is `VACUUM INTO` a temporary file (a consistent copy while other
//   processes keep writing). PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot).
// - Files: the content-addressed store is walked AFTER the snapshot; files are only ever added, and
//   a file is stored before the row that references it commits, so every file the snapshot
//   references is found (a file added later is a harmless extra). Every byte is hashed as it
//   streams into the archive; a store file whose bytes do not match its name, or a referenced file
//   that is missing, fails the backup with the names.
// - Restore streams every entry to a staging directory, hashing it, and compares with the
//   manifest; only a complete, matching archive replaces anything. Embedded: the current database
//   is moved aside and the snapshot renamed into place. PostgreSQL: `pg_restore` into an empty
//   database (a non-empty one only with --force), in one transaction. Then the files are renamed
//   into the store.
import { AppError } from '../errors.ts';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ARCHIVE_FORMAT = 'gongkai-backup';
export const ARCHIVE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const DB_EMBEDDED = 'database/gongkai.db';
export const DB_POSTGRES = 'database/gongkai.pgdump';
export const FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
export const SHA256 = /^[0-9a-f]{64}$/;
/** Tables whose rows name a stored file by its SHA-256. */
export const FILE_REFERENCES = [
  { table: 'attachments', column: 'sha256' },
  { table: 'info_request_attachments', column: 'sha256' },
  { table: 'info_request_correction_files', column: 'sha256' },
] as const;

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  engine: 'embedded' | 'postgres';
  createdAt: string;
  /** PostgreSQL only: the server's and pg_dump's versions. */
  postgres?: { server: string; pgDump: string };
  database: ManifestEntry;
  files: ManifestEntry[];
}

/** A refusal with a message for the operator (Chinese), exit code 1. */
export class BackupError extends AppError {
  constructor(message: string) {
    super('backupArchiveInvalid', message);
    this.name = 'BackupError';
  }
}

/** libpq settings for a child process: the URL without its password, the password in PGPASSWORD. */
export function pgConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.PG_BINDIR;
  return dir ? join(dir, name) : name;
}

export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    // Decoded as streams: a character split across two chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ code: err.code === 'ENOENT' ? 127 : 1, out: `${cmd}: ${err.message}` }),
    );
    child.on('close', (code) => resolve({ code, out }));
  });
}

export const majorOf = (version: string) => Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? NaN);
