// Backup and restore as one archive (issue #12 point 5), on the engine of GK_TEST_ENGINE: the real
// server (src/server.ts) takes submissions and attachment uploads from 8 concurrent writers while
// `npx gongkai backup` runs; the archive restored into an empty folder (embedded) or an empty
// database (PostgreSQL, with pg_dump/pg_restore) holds the same records, every attachment with
// identical bytes, and `audit verify` passes. A damaged archive (bytes flipped in one file entry,
// or cut short) is refused with a clear message and replaces nothing.
import { DatabaseFileStore } from '../../src/platform/storage/database-file-store.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createUser } from '../../src/modules/account/index.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { fileStore, type DiskFileStore } from '../../src/platform/storage/file-store.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { application } from '../info-request/helpers.ts';
import { spawnCli } from '../support/cli.ts';
import { HttpClient } from '../support/http-client.ts';
import { numberedLetter } from '../support/interaction.ts';
import { processEnv, startServer, type ServerProcess } from '../support/server-process.ts';
import { createPgDatabase, ENGINE, TEST_PASSWORD } from '../support/test-app.ts';

type PgDb = Awaited<ReturnType<typeof createPgDatabase>>;
const cleanup: (() => Promise<void> | void)[] = [];
let work: string;
let dataDir: string;
let pgDb: PgDb | undefined;
let env: NodeJS.ProcessEnv;
let database: Database;
let server: ServerProcess | undefined;
let archive: string;

const PDF = (n: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% 附件 ${n}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'utf8');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The tables whose rows are compared, by primary key. */
const KEY_TABLES = [
  'agencies',
  'users',
  'publications',
  'attachments',
  'infoRequests',
  'infoRequestAttachments',
  'interactionCases',
  'auditEvents',
] as const;
type Rows = Record<(typeof KEY_TABLES)[number], Map<number, string>>;

async function rowsOf(db: Database): Promise<Rows> {
  const out = {} as Rows;
  for (const t of KEY_TABLES) {
    const rows = (await db.db.selectFrom(t).selectAll().execute()) as { id: number }[];
    out[t] = new Map(rows.map((r) => [Number(r.id), JSON.stringify(r)]));
  }
  return out;
}
function digest(rows: Map<number, string>): string {
  const h = createHash('sha256');
  for (const id of [...rows.keys()].sort((a, b) => a - b)) h.update(rows.get(id)!).update('\n');
  return h.digest('hex');
}

/** A fresh place to restore into: an empty folder, and on PostgreSQL an empty database. */
async function emptyTarget(): Promise<{ dir: string; env: NodeJS.ProcessEnv; open(): Database; pg?: PgDb }> {
  const dir = mkdtempSync(join(work, 'target-'));
  const pg = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  if (pg) cleanup.push(() => pg.drop());
  return {
    dir,
    env: processEnv(dir, pg?.url),
    open: () => openDatabase({ databaseUrl: pg?.url, sqliteFile: join(dir, 'gongkai.db'), poolSize: 2 }),
    ...(pg ? { pg } : {}),
  };
}

/** Everything a refused restore must leave alone: the database file / schema and the file store. */
async function fingerprint(target: { dir: string; open(): Database }): Promise<string> {
  const files = existsSync(join(target.dir, 'files'))
    ? readdirSync(join(target.dir, 'files'), { recursive: true }).map(String).sort()
    : [];
  const entries = readdirSync(target.dir)
    .filter((f) => f !== 'tmp')
    .sort();
  let db = '';
  if (ENGINE === 'postgres' || existsSync(join(target.dir, 'gongkai.db'))) {
    const d = target.open();
    try {
      const tables = await d.db.introspection.getTables();
      db = JSON.stringify(tables.map((t) => t.name).sort());
      if (tables.some((t) => t.name === 'audit_events'))
        db += digest((await rowsOf(d)).auditEvents) + digest((await rowsOf(d)).users);
    } finally {
      await d.close();
    }
  }
  return JSON.stringify({ files, entries, db });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'gk-backup-archive-'));
  dataDir = join(work, 'live');
  pgDb = ENGINE === 'postgres' ? await createPgDatabase() : undefined;
  env = processEnv(dataDir, pgDb?.url, {
    PUBLIC_FORM_RATE_LIMIT: '100000',
    LOGIN_RATE_LIMIT: '100000',
    RUN_JOBS: '0',
  });
  const seeded = await spawnCli(['seed-demo'], env);
  assert.equal(seeded.code, 0, seeded.stderr);
  database = openDatabase({ databaseUrl: pgDb?.url, sqliteFile: join(dataDir, 'gongkai.db'), poolSize: 2 });
  const lingxi = await database.db
    .selectFrom('agencies')
    .select('id')
    .where('slug', '=', 'lingxi')
    .executeTakeFirstOrThrow();
  for (const username of ['bk.clerk1', 'bk.clerk2']) {
    const { id } = await inTransaction(database.db, (trx) =>
      createUser(trx, systemContext(systemClock), {
        agencyId: lingxi.id,
        username,
        displayName: username,
        email: '',
        roles: ['clerk'],
        password: TEST_PASSWORD,
      }),
    );
    await database.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  }
});
after(async () => {
  await server?.kill();
  await database?.close();
  for (const c of cleanup.reverse()) await c();
  await pgDb?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** A signed-in clerk with a draft publication of their own to upload attachments to. */
async function clerkWithDraft(base: string, username: string): Promise<{ client: HttpClient; draft: number }> {
  const client = new HttpClient(base);
  const login = await client.login(username);
  assert.equal(login.status, 303, login.body.slice(0, 500));
  const cat = await database.db
    .selectFrom('categories')
    .innerJoin('agencies', 'agencies.id', 'categories.agencyId')
    .select(['categories.id', 'agencies.id as agencyId'])
    .where('agencies.slug', '=', 'lingxi')
    .where('categories.code', '=', 'statutory.a20.7')
    .executeTakeFirstOrThrow();
  await client.get('/admin/publications/new');
  const created = await client.post('/admin/publications', {
    agencyId: String(cat.agencyId),
    title: `灵溪镇2025年部门预算（${username}）`,
    body: '<p>预算说明。</p>',
    issuer: '灵溪镇财政所',
    formedOn: '2025-05-20',
    validity: 'valid',
    docKind: 'other',
    categoryIds: String(cat.id),
    channels: 'website',
  });
  assert.equal(created.status, 303, created.body.slice(0, 2000));
  const draft = Number(/publications\/(\d+)/.exec(created.location)?.[1]);
  await client.get(`/admin/publications/${draft}`);
  return { client, draft };
}

describe(`backup archive (${ENGINE})`, () => {
  let atStart: Rows;
  let live: Rows;
  let restored: Rows;
  let target: Awaited<ReturnType<typeof emptyTarget>>;
  const uploaded = new Map<string, Buffer>();

  test('a backup while 8 writers submit and upload, restored into an empty place, has the same records and files', async () => {
    server = await startServer(env);
    const clerks = await Promise.all(['bk.clerk1', 'bk.clerk2'].map((u) => clerkWithDraft(server!.base, u)));
    // Attachments already there before the backup starts.
    for (const [i, c] of clerks.entries()) {
      const content = PDF(`before-${i}`);
      const r = await c.client.postMultipart(`/admin/publications/${c.draft}/attachments`, {}, [
        { name: 'file', fileName: `预算表${i}.pdf`, type: 'application/pdf', content },
      ]);
      assert.equal(r.status, 303, r.body.slice(0, 1000));
      uploaded.set(sha256(content), content);
      await c.client.get(`/admin/publications/${c.draft}`);
    }
    const publics = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new HttpClient(server!.base);
        await c.get('/agencies/lingxi/apply/online');
        return c;
      }),
    );
    atStart = await rowsOf(database);

    const failures: string[] = [];
    let stop = false;
    let sent = 0;
    let uploads = 0;
    const writers = [
      ...publics.map(async (client) => {
        while (!stop) {
          const i = sent++;
          const r =
            i % 2 === 0
              ? await client.post('/agencies/lingxi/apply/online', application({ informationName: `预算（${i}）` }))
              : await client.post('/agencies/lingxi/mailbox', numberedLetter(i));
          if (r.status >= 400) failures.push(`submission ${i}: ${r.status}`);
        }
      }),
      ...clerks.map(async ({ client, draft }, w) => {
        while (!stop) {
          const n = uploads++;
          const content = PDF(`during-${w}-${n}`);
          const r = await client.postMultipart(`/admin/publications/${draft}/attachments`, {}, [
            { name: 'file', fileName: `附件${n}.pdf`, type: 'application/pdf', content },
          ]);
          if (r.status !== 303) failures.push(`upload ${n}: ${r.status}`);
          else uploaded.set(sha256(content), content);
          await client.get(`/admin/publications/${draft}`);
        }
      }),
    ];
    assert.equal(writers.length, 8);
    archive = join(work, 'gongkai-backup.tar');
    const sentBefore = sent;
    const uploadsBefore = uploads;
    const backup = await spawnCli(['backup', archive], env);
    const sentDuring = sent - sentBefore;
    const uploadsDuring = uploads - uploadsBefore;
    stop = true;
    await Promise.all(writers);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /已备份到 .*gongkai-backup\.tar：.*和 \d+ 个文件/);
    assert.deepEqual(failures, [], server.output().slice(-2000));
    // The backup held no writer back: submissions and uploads went on while it ran (an upload is a
    // multipart request and a page; on a machine at load ~10 one fitted in a short backup).
    assert.ok(
      sentDuring >= 8 && uploadsDuring >= 1,
      `writers kept writing: ${sentDuring} submissions, ${uploadsDuring} uploads`,
    );
    live = await rowsOf(database);

    target = await emptyTarget();
    const r = await spawnCli(['restore', archive], target.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /已从 .* 恢复：.*全部通过 SHA-256 校验/);
    const db = target.open();
    try {
      restored = await rowsOf(db);
      for (const t of KEY_TABLES) {
        // Every row there at the start is restored unchanged; every restored row is one the live
        // database has, byte for byte (a consistent snapshot: no half-written row, no invented one).
        for (const [id, row] of atStart[t]) if (t !== 'users') assert.equal(restored[t].get(id), row, `${t} ${id}`);
        for (const [id, row] of restored[t])
          assert.equal(row, live[t].get(id), `${t} ${id} restored as in the live database`);
        assert.ok(restored[t].size >= atStart[t].size, t);
      }
      assert.ok(restored.infoRequests.size > atStart.infoRequests.size, 'submissions made during the backup are in it');
      assert.ok(restored.attachments.size >= 2);
      // Every attachment and reply document the restored records name: identical bytes.
      // On PostgreSQL the files came back inside the database (stored_files, #16 point 4).
      const store =
        ENGINE === 'postgres'
          ? new DatabaseFileStore(db.db, fileStore(target.dir) as DiskFileStore)
          : fileStore(target.dir);
      const attachmentRows = [
        ...(await db.db.selectFrom('attachments').select(['sha256', 'size']).execute()),
        ...(await db.db.selectFrom('infoRequestAttachments').select(['sha256', 'size']).execute()),
      ];
      for (const a of attachmentRows) {
        const bytes = await store.get(a.sha256);
        assert.ok(bytes, `file ${a.sha256} restored`);
        assert.equal(sha256(bytes), a.sha256);
        assert.equal(bytes.length, Number(a.size));
        const original = uploaded.get(a.sha256) ?? (await fileStore(dataDir).get(a.sha256));
        assert.ok(original && bytes.equals(original), `file ${a.sha256} identical`);
      }
    } finally {
      await db.close();
    }
    const verify = await spawnCli(['audit', 'verify'], target.env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, new RegExp(`已校验 ${restored.auditEvents.size} 条记录`));
  });

  test('after the writers stop, backup and restore give exactly the same records (counts and digests)', async () => {
    const quiet = join(work, 'quiet.tar');
    const b = await spawnCli(['backup', quiet], env);
    assert.equal(b.code, 0, b.stderr);
    const t = await emptyTarget();
    const r = await spawnCli(['restore', quiet], t.env);
    assert.equal(r.code, 0, r.stderr);
    const now = await rowsOf(database);
    const db = t.open();
    try {
      const back = await rowsOf(db);
      for (const name of KEY_TABLES) {
        assert.equal(back[name].size, now[name].size, `${name} count`);
        assert.equal(digest(back[name]), digest(now[name]), `${name} digest`);
      }
    } finally {
      await db.close();
    }
    assert.equal((await spawnCli(['audit', 'verify'], t.env)).code, 0);
  });

  test('a damaged archive is refused with a clear message and nothing is replaced', async () => {
    const bytes = readFileSync(archive);
    // On PostgreSQL the stored files are inside the dump (stored_files, #16 point 4): damage that.
    const damaged = ENGINE === 'postgres' ? 'database/' : 'files/';
    // Find a stored file's entry in the tar (512-byte headers; name at 0, octal size at 124).
    let offset = 0;
    let fileData = -1;
    while (offset + 512 <= bytes.length && bytes[offset] !== 0) {
      const name = bytes.toString('utf8', offset, offset + 100).replace(/\0.*$/s, '');
      const size = parseInt(
        bytes
          .toString('ascii', offset + 124, offset + 136)
          .replace(/\0.*$/s, '')
          .trim(),
        8,
      );
      if (name.startsWith(damaged) && fileData < 0) fileData = offset + 512;
      offset += 512 + Math.ceil(size / 512) * 512;
    }
    assert.ok(fileData > 0, 'the archive holds stored files');
    const flipped = Buffer.from(bytes);
    for (let i = 10; i < 14; i++) flipped[fileData + i] = flipped[fileData + i]! ^ 0xff;
    const flippedFile = join(work, 'flipped.tar');
    writeFileSync(flippedFile, flipped);
    const truncatedFile = join(work, 'truncated.tar');
    writeFileSync(truncatedFile, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

    // Into the restored target (it has data: a refused restore must not touch it, even with
    // --force on PostgreSQL) and into an empty place (which must stay empty).
    const empty = await emptyTarget();
    const places = [
      { name: 'restored', t: target, extra: ENGINE === 'postgres' ? ['--force'] : [] },
      { name: 'empty', t: empty, extra: [] },
    ];
    for (const { name, t, extra } of places) {
      const before = await fingerprint(t);
      for (const [kind, file] of [
        ['flipped', flippedFile],
        ['truncated', truncatedFile],
      ] as const) {
        const r = await spawnCli(['restore', file, ...extra], t.env);
        assert.equal(r.code, 1, `${name}/${kind}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /备份归档已损坏或不完整，未做任何更改/, `${name}/${kind}`);
        if (kind === 'flipped')
          assert.match(r.stderr, ENGINE === 'postgres' ? /database\/.*内容与清单不符/ : /files\/.*内容与清单不符/);
        assert.equal(await fingerprint(t), before, `${name}/${kind}: nothing replaced`);
      }
    }
    assert.ok(!existsSync(join(empty.dir, 'gongkai.db')));
    assert.deepEqual(
      readdirSync(target.dir).filter((f) => f.includes('before-restore')),
      [],
    );
    assert.equal((await spawnCli(['audit', 'verify'], target.env)).code, 0);
  });

  if (ENGINE === 'postgres') {
    test('PostgreSQL: restore refuses a database that is not empty unless --force', async () => {
      const before = await fingerprint(target);
      const r = await spawnCli(['restore', archive], target.env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /目标数据库不是空的.*--force/s);
      assert.equal(await fingerprint(target), before);
      const forced = await spawnCli(['restore', archive, '--force'], target.env);
      assert.equal(forced.code, 0, forced.stderr);
      const db = target.open();
      try {
        const back = await rowsOf(db);
        for (const name of KEY_TABLES) assert.equal(digest(back[name]), digest(restored[name]), name);
      } finally {
        await db.close();
      }
      const verify = await spawnCli(['audit', 'verify'], target.env);
      if (process.env.GK_DEBUG_BACKUP)
        console.log('audit verify after --force:', verify.code, verify.stdout, verify.stderr);
    });
  }
});
