// The bulk import on both engines (issue #16 point 3): CSV, XLSX and JSON Lines read as streams and
// written in batches (publications, links, revisions, audit, search index all in step); bad rows
// in a report file (行号, 列, 问题) while the good rows go in; the CLI interrupted with SIGINT (and
// with kill -9) mid-way leaves only whole batches, and a second run ends with exactly the rows
// of the file, none twice — with the rows prepared on worker threads and in the main thread.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { BULK_CACHE_KIB, BULK_WAL_PAGES } from '../../src/modules/publication/publication.bulk-import-write.ts';
import { scanTextFields } from '../../src/modules/publication/privacy-guard.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { writeTransferFile } from '../../src/modules/publication/publication.transfer-file.ts';
import { importRow } from '../support/import-rows.ts';
import { openTransferRows } from '../../src/modules/publication/publication.transfer-stream.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { mergeStep } from '../../src/modules/search/search-index.sqlite.ts';
import { processEnv } from '../support/server-process.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';
import { agencyFindings } from '../support/privacy-findings.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let env: TestEnv;
const dir = mkdtempSync(join(tmpdir(), 'gk-bulk-import-'));

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

/** Row i of a generated file: every title different (甲乙丙… so the search finds one by a bigram). */
const row = (i: number, agencyTag: string) =>
  importRow(i, agencyTag, { subject: '批量导入', detail: '猕猴桃产业补贴', numbered: true });

const count = async (table: 'publications' | 'searchDocuments', agencyId: number) =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agencyId', '=', agencyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('bulk import', () => {
  for (const [ext, slug, tag] of [
    ['csv', 'lingxi', '灵溪'],
    ['xlsx', 'gaoping', '高坪'],
    ['jsonl', 'shouche', '首车'],
  ] as const) {
    test(`a ${ext} file of 300 rows streams in batches: publications, links, revisions, audit and search in step`, async () => {
      const agencyId = env.county.agencyIds[slug]!;
      assert.equal(await count('publications', agencyId), 0);
      const file = join(dir, `three-hundred.${ext}`);
      const rows = Array.from({ length: 300 }, (_, i) => row(i + 1, tag));
      if (ext === 'jsonl') writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
      else await writeTransferFile(file, rows);
      const source = openTransferRows(file);
      const batches: number[] = [];
      const r = await bulkImport(
        env.database.db,
        systemContext(env.clock),
        await env.deps.calendar.get(),
        agencyId,
        source.rows,
        { batchSize: 64, onBatch: (s) => batches.push(s.imported) },
      );
      assert.deepEqual([r.read, r.imported, r.skipped, r.bad, r.stopped], [300, 300, 0, 0, false]);
      assert.deepEqual(batches, [64, 128, 192, 256, 300]);
      assert.equal(source.bytesRead(), source.size);
      assert.equal(await count('publications', agencyId), 300);
      assert.equal(await count('searchDocuments', agencyId), 300);
      const pubs = await env.database.db
        .selectFrom('publications')
        .select(['id', 'state', 'indexNumber', 'revision', 'importKey'])
        .where('agencyId', '=', agencyId)
        .execute();
      assert.ok(pubs.every((p) => p.state === 'published' && p.revision === 1 && p.importKey?.startsWith('#')));
      assert.equal(new Set(pubs.map((p) => p.indexNumber)).size, 300, 'every 索引号 different');
      const ids = pubs.map((p) => p.id);
      const linked = async (t: 'publicationCategories' | 'publicationChannels' | 'publicationRevisions') =>
        (await env.database.db.selectFrom(t).select('publicationId').where('publicationId', 'in', ids).execute())
          .length;
      assert.deepEqual([await linked('publicationCategories'), await linked('publicationChannels')], [300, 300]);
      assert.equal(await linked('publicationRevisions'), 300);
      const audited = await env.database.db
        .selectFrom('auditEvents')
        .select('entityId')
        .where('action', '=', 'publication.imported')
        .where('agencyId', '=', agencyId)
        .execute();
      assert.equal(audited.length, 300);
      const found = await searchPublications(env.database.db, { q: `${tag}第123号`, agencyIds: [agencyId] });
      assert.equal(found.total, 1);
      // The same file again: every row already in.
      const again = await bulkImport(
        env.database.db,
        systemContext(env.clock),
        await env.deps.calendar.get(),
        agencyId,
        openTransferRows(file).rows,
        { batchSize: 64 },
      );
      assert.deepEqual([again.imported, again.skipped], [0, 300]);
      assert.equal(await count('publications', agencyId), 300);
    });
  }

  test('the CLI reports bad rows by row and column in a report file and imports the good ones', async () => {
    const slug = 'furong';
    const agencyId = env.county.agencyIds[slug]!;
    const before = await count('publications', agencyId);
    const file = join(dir, 'bad-rows.jsonl');
    const good = (i: number) => JSON.stringify({ ...row(1000 + i, '坏行'), 导入标识: `bad-file-${i}` });
    writeFileSync(
      file,
      [
        good(1),
        '{"标题": "没有闭合',
        JSON.stringify({ ...row(2000, '坏行'), formedOn: '2025-02-30', categories: '不存在的分类' }),
        good(2),
      ].join('\n'),
    );
    const report = join(dir, 'report.csv');
    const r = await cli(['import', 'publications', file, '--agency', slug, '--report', report]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /本次导入并发布 2 条，跳过已导入的 0 条，有问题未导入 2 条/);
    assert.match(r.stdout, /有问题的行及原因见 .*report\.csv/);
    const text = readFileSync(report, 'utf8');
    assert.match(text, /^\uFEFF行号,列,问题\r\n/);
    assert.match(text, /\r\n2,,不是正确的 JSON/);
    assert.match(text, /\r\n3,目录分类,找不到分类“不存在的分类”/);
    assert.match(text, /\r\n3,成文日期,.*这一天不存在/);
    assert.equal(await count('publications', agencyId), before + 2);
  });

  test('bad rows inside a batch leave its good rows in; a run stopped at a batch boundary resumes at the next row', async () => {
    const agencyId = env.county.agencyIds['cheping']!;
    assert.equal(await count('publications', agencyId), 0);
    // Ten rows in batches of four; rows 2 and 6 have a date that does not exist. Rank keys go up
    // and down within a batch (成文日期 of row(i) cycles through five months).
    const rows: NumberedRow[] = Array.from({ length: 10 }, (_, i) => ({
      row: i + 2,
      values: { ...row(i + 1, '车坪'), ...(i === 1 || i === 5 ? { formedOn: '2025-02-30' } : {}) },
    }));
    async function* source(from = 0) {
      for (const r of rows.slice(from)) yield r;
    }
    const run = async (shouldStop?: () => boolean, batches: number[] = []) =>
      bulkImport(env.database.db, systemContext(env.clock), await env.deps.calendar.get(), agencyId, source(), {
        batchSize: 4,
        workers: 2,
        shouldStop,
        onBatch: (s) => batches.push(s.read),
      });
    // Stopped after its first batch (asked after each committed batch).
    const first = await run(() => true);
    assert.deepEqual([first.read, first.imported, first.skipped, first.bad, first.stopped], [4, 3, 0, 1, true]);
    assert.equal(await count('publications', agencyId), 3);
    assert.equal(await count('searchDocuments', agencyId), 3);
    const batches: number[] = [];
    const second = await run(undefined, batches);
    assert.deepEqual(batches, [4, 8, 10], 'batches of four and the rest');
    assert.deepEqual([second.read, second.imported, second.skipped, second.bad, second.stopped], [10, 5, 3, 2, false]);
    assert.equal(await count('publications', agencyId), 8);
    assert.equal(await count('searchDocuments', agencyId), 8);
    const titles = (
      await env.database.db.selectFrom('publications').select('title').where('agencyId', '=', agencyId).execute()
    ).map((p) => p.title);
    for (const i of [1, 3, 4, 5, 7, 8, 9, 10]) assert.ok(titles.includes(`车坪第${i}号批量导入测试公告`), `row ${i}`);
    for (const i of [2, 6]) assert.ok(!titles.includes(`车坪第${i}号批量导入测试公告`), `bad row ${i}`);
    // Every imported row is found by a search, whatever its place in its batch.
    for (const i of [1, 3, 4, 5, 7, 8, 9, 10]) {
      const found = await searchPublications(env.database.db, { q: `车坪第${i}号批量`, agencyIds: [agencyId] });
      assert.equal(found.total, 1, `search for row ${i}`);
    }
  });

  test('the personal-data findings of an imported row are those a scan on release stores', async () => {
    const agencyId = env.county.agencyIds['mzj']!;
    const body = '<p>低保对象张三，身份证号 433127199001011238，联系电话 13812345678。</p>';
    async function* source() {
      yield { row: 2, values: { ...row(1, '民政'), body } } satisfies NumberedRow;
      yield { row: 3, values: row(2, '民政') } satisfies NumberedRow;
    }
    const r = await bulkImport(
      env.database.db,
      systemContext(env.clock),
      await env.deps.calendar.get(),
      agencyId,
      source(),
    );
    assert.equal(r.imported, 2);
    const findings = () => agencyFindings(env.database.db, agencyId);
    const stored = await findings();
    assert.ok(stored.length >= 2, JSON.stringify(stored));
    assert.equal(new Set(stored.map((f) => f.publicationId)).size, 1, 'only the row with personal data');
    assert.ok(
      stored.every((f) => f.state === 'open'),
      JSON.stringify(stored),
    );
    // The scan of the release path finds the same: nothing added, nothing gone.
    await env.database.db
      .transaction()
      .execute((trx) => scanTextFields(trx, stored[0]!.publicationId, systemContext(env.clock).at));
    assert.deepEqual(await findings(), stored);
  });

  onEmbedded('an import that ran to its end leaves no level of search_fts with four or more segments', async () => {
    const agencyId = env.county.agencyIds['mzj']!;
    const rows = async function* () {
      for (let i = 4000; i < 4060; i++) yield { row: i + 1, values: row(i, '段落') } satisfies NumberedRow;
    };
    const calendar = await env.deps.calendar.get();
    // Six batches: six new segments of level 0, which automerge 64 leaves unmerged during the import.
    const r = await bulkImport(env.database.db, systemContext(env.clock), calendar, agencyId, rows(), {
      batchSize: 10,
      workers: 0,
    });
    assert.deepEqual([r.imported, r.stopped], [60, false]);
    assert.equal(await mergeStep(env.database.db), false, 'a further merge step found segments to merge');
    const found = await searchPublications(env.database.db, { q: '段落第4031号', agencyIds: [agencyId] });
    assert.equal(found.total, 1);
  });

  onEmbedded(
    'a batch is one new segment of each FTS5 index; the connection has a larger page cache and WAL until the import ends',
    async () => {
      const agencyId = env.county.agencyIds['mzj']!;
      // Segments of an FTS5 index: each holds at least one page, with a row in its %_idx table.
      const segments = () =>
        ['search_fts', 'search_title_fts'].map(
          (t) =>
            (env.database.sqlite!.prepare(`SELECT count(DISTINCT segid) AS n FROM ${t}_idx`).get() as { n: number }).n,
        );
      const before = segments();
      const cache = () =>
        ['cache_size', 'wal_autocheckpoint'].map((p) => env.database.sqlite!.pragma(p, { simple: true }) as number);
      const cacheBefore = cache();
      const seen: number[][] = [];
      const caches: number[][] = [];
      const rows = async function* () {
        for (let i = 5000; i < 5402; i++) yield { row: i + 1, values: row(i, '一段') } satisfies NumberedRow;
      };
      const calendar = await env.deps.calendar.get();
      // Stopped after the first batch (the merge at the end of a completed import would change the count).
      const r = await bulkImport(env.database.db, systemContext(env.clock), calendar, agencyId, rows(), {
        batchSize: 401,
        workers: 0,
        onBatch: () => {
          seen.push(segments());
          caches.push(cache());
        },
        shouldStop: () => true,
      });
      assert.deepEqual([r.imported, r.stopped, seen], [401, true, [before.map((n) => n + 1)]]);
      assert.deepEqual([caches, cache()], [[[-BULK_CACHE_KIB, BULK_WAL_PAGES]], cacheBefore]);
      // The WAL checkpointed and truncated at the end (the test's connection is the only one).
      assert.equal(statSync(join(env.config.dataDir, 'gongkai.db-wal')).size, 0);
      const found = await searchPublications(env.database.db, { q: '一段第5400号', agencyIds: [agencyId] });
      assert.equal(found.total, 1);
    },
  );

  // 'SIGINT twice': the second Ctrl+C exits at once (the open batch rolled back, the WAL synced).
  for (const signal of ['SIGINT', 'SIGINT twice', 'SIGKILL'] as const) {
    test(`the CLI stopped by ${signal} mid-way leaves whole batches; run again, it ends with exactly the file's rows`, async () => {
      // Agencies no other test of this file imports into.
      const slug = { SIGINT: 'shidi', 'SIGINT twice': 'fgj', SIGKILL: 'runya' }[signal];
      const agencyId = env.county.agencyIds[slug]!;
      assert.equal(await count('publications', agencyId), 0);
      const file = join(dir, `interrupted-${signal}.csv`);
      await writeTransferFile(
        file,
        Array.from({ length: 600 }, (_, i) => row(i + 1, slug)),
      );
      // Worker threads for SIGINT, the main thread alone for SIGKILL: both ways stop the same.
      const workers = signal === 'SIGINT' ? '2' : '0';
      // Larger batches when stopped twice, so that the second Ctrl+C comes while a batch is written.
      const batch = signal === 'SIGINT twice' ? 50 : 5;
      const args = ['import', 'publications', file, '--agency', slug, '--batch', String(batch), '--workers', workers];
      const first = spawnCli(args);
      // Stop it once some batches are in (polled through the test's own connection).
      for (let n = 0; n === 0; n = await count('publications', agencyId))
        await new Promise((done) => setTimeout(done, 20));
      first.child.kill(signal === 'SIGKILL' ? 'SIGKILL' : 'SIGINT');
      if (signal === 'SIGINT twice') {
        // The second once the first has been heard (its notice on stderr).
        while (!first.stderr().includes('收到中断信号')) await new Promise((done) => setTimeout(done, 10));
        first.child.kill('SIGINT');
      }
      const stopped = await first.done;
      const partial = await count('publications', agencyId);
      assert.ok(partial > 0 && partial < 600, `stopped mid-way at ${partial}`);
      assert.equal(partial % batch, 0, 'only whole batches');
      assert.equal(await count('searchDocuments', agencyId), partial, 'the index committed with its batch');
      if (signal === 'SIGINT') {
        assert.equal(stopped.code, 130, stopped.stderr);
        assert.match(stopped.stdout, /已中断。.*本次导入并发布 \d+ 条/);
        assert.match(
          stopped.stdout,
          new RegExp(`再次运行同一命令即可接着导入.*\\n  npx gongkai import publications .* --agency ${slug}`),
        );
      }
      // The second Ctrl+C exits at once (130) — or, when the stop had already finished its batch and
      // let go of the signal, ends the process by SIGINT itself; whole batches and a resumable import
      // either way.
      if (signal === 'SIGINT twice')
        assert.ok(
          stopped.code === 130 || stopped.signal === 'SIGINT',
          `${stopped.code} ${stopped.signal} ${stopped.stderr}`,
        );
      const second = await spawnCli(args).done;
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, new RegExp(`本次导入并发布 ${600 - partial} 条，跳过已导入的 ${partial} 条`));
      assert.equal(await count('publications', agencyId), 600);
      assert.equal(await count('searchDocuments', agencyId), 600);
      const keys = await env.database.db
        .selectFrom('publications')
        .select('importKey')
        .where('agencyId', '=', agencyId)
        .execute();
      assert.equal(new Set(keys.map((k) => k.importKey)).size, 600, 'no row twice');
    });
  }
});

function spawnCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/gongkai.mjs', ...args], {
    cwd: ROOT,
    env: processEnv(env.config.dataDir, env.config.databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
  return { child, done, stderr: () => stderr };
}

const cli = (args: string[]) => spawnCli(args).done;
