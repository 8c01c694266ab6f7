// A large bulk import on the embedded engine writes its rows' search entries after the load, in
// rank_key order (search.backlog.ts): while it writes, its rows are in search_backlog and not in the
// index; after it ran to its end every row is found, and the search tables hold exactly what the
// site's own sync writes (a reindex of the same publications: search_documents, search_texts, every
// FTS5 instance, the rowids of FTS5 queries). An import stopped between batches leaves its backlog
// to the next process that starts (or to the next run, which builds it at its end); a build stopped
// between its chunks (what kill -9 leaves: the committed chunks, the rest in the backlog) is
// finished by the next process, not while an import holds the lock. PostgreSQL writes the entries
// in the batches, large import or not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { prepare, systemContext } from '../../src/bootstrap.ts';
import { holdImportLock } from '../../src/db/import-lock.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { queryTokens, toFts5Lookup } from '../../src/modules/search/bigram.ts';
import { buildInterruptedEntries, reindexAll } from '../../src/modules/search/index.ts';
import { backlogSize, buildBacklog } from '../../src/modules/search/search.backlog.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { syncPublications } from '../../src/modules/search/search.sync.ts';
import { importRow } from '../support/import-rows.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const SUBJECT = '暂缓检索';
function rows(n: number, tag: string) {
  return (async function* () {
    for (let i = 1; i <= n; i++)
      yield {
        row: i,
        values: importRow(i, tag, { subject: SUBJECT, detail: `${tag}油茶补助${i % 7}号`, numbered: true }),
      } satisfies NumberedRow;
  })();
}

/** A large import (8 rows a batch in 0.01 % of the file: 80,000 rows expected). */
async function largeImport(slug: string, n: number, tag: string, o: { stopAfter?: number; workers?: number } = {}) {
  let batches = 0;
  const indexedDuring: number[] = [];
  const r = await bulkImport(
    env.database.db,
    systemContext(env.clock),
    await env.deps.calendar.get(),
    env.county.agencyIds[slug]!,
    rows(n, tag),
    {
      batchSize: 8,
      workers: o.workers ?? 0,
      fileShare: () => 0.0001,
      onBatch: () => {
        batches++;
        indexedDuring.push(indexedOf(slug));
      },
      ...(o.stopAfter ? { shouldStop: () => batches >= o.stopAfter! } : {}),
    },
  );
  return { r, indexedDuring };
}

const agencyId = (slug: string) => env.county.agencyIds[slug]!;
/** The publications of an agency that have a search entry (read synchronously between batches on SQLite). */
function indexedOf(slug: string): number {
  if (ENGINE !== 'embedded') return -1;
  return (
    env.database
      .sqlite!.prepare(
        `SELECT count(*) AS n FROM publications p JOIN search_documents d ON d.publication_id = p.id WHERE p.agency_id = ?`,
      )
      .get(agencyId(slug)) as { n: number }
  ).n;
}
async function publicationsOf(slug: string): Promise<number> {
  const r = await env.database.db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId(slug))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
/** The hits of a search for the tag's subject in the agency (every imported row matches). */
async function hits(slug: string, tag: string): Promise<number> {
  const r = await searchPublications(env.database.db, { q: `${tag}${SUBJECT}`, agencyIds: [agencyId(slug)] });
  return r.total;
}
/** Each numbered row found by a search of its own title's number and subject. */
async function eachFound(slug: string, tag: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    const r = await searchPublications(env.database.db, {
      q: `${tag}第${i}号${SUBJECT}`,
      agencyIds: [agencyId(slug)],
      resultCap: 10,
    });
    assert.equal(r.total, 1, `row ${i}`);
  }
}

/** The embedded search tables in key order, run timestamps (indexed_at) left out. */
function searchTables() {
  const s = env.database.sqlite!;
  s.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.gk_vi USING fts5vocab(main, 'search_fts', 'instance')`);
  s.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.gk_vti USING fts5vocab(main, 'search_title_fts', 'instance')`);
  const all = (q: string) => JSON.stringify(s.prepare(q).raw().all());
  const match = (fts: string, q: string) =>
    JSON.stringify(
      s
        .prepare(`SELECT CAST(rowid AS TEXT) FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid`)
        .raw()
        .all(toFts5Lookup(queryTokens(q)).expr),
    );
  const queries = ['油茶补助', '暂缓检索', '第1号', '3号', '测试公告', '永政发', '甲油茶', '2025'].flatMap((q) => [
    match('search_fts', q),
    match('search_title_fts', q),
  ]);
  return {
    documents: all(
      `SELECT CAST(rank_key AS TEXT), publication_id, agency_id, year, validity, published_at, category_ids, text FROM search_documents ORDER BY rank_key`,
    ),
    texts: all(`SELECT CAST(rank_key AS TEXT), hex(text) FROM search_texts ORDER BY rank_key`),
    vocab: all(`SELECT term, CAST(doc AS TEXT), col, "offset" FROM temp.gk_vi ORDER BY term, doc, col, "offset"`),
    titleVocab: all(`SELECT term, CAST(doc AS TEXT), col, "offset" FROM temp.gk_vti ORDER BY term, doc, col, "offset"`),
    queries,
  };
}

describe('the search index of a large bulk import', () => {
  test('built after the load: no entry while it writes (embedded), every row found after', async () => {
    const { r, indexedDuring } = await largeImport('mzj', 80, '甲', { workers: 1 });
    assert.deepEqual([r.imported, r.stopped], [80, false]);
    if (ENGINE === 'embedded') assert.deepEqual(indexedDuring, Array<number>(10).fill(0));
    assert.equal(await hits('mzj', '甲'), 80);
    await eachFound('mzj', '甲', 80);
    if (ENGINE === 'embedded') {
      assert.equal(await backlogSize(env.database.db), 0);
      assert.equal(indexedOf('mzj'), await publicationsOf('mzj'));
    }
  });

  onEmbedded('the search tables are what the site’s own sync writes (a reindex), in key order', async () => {
    const built = searchTables();
    assert.ok(JSON.parse(built.documents).length >= 80);
    assert.ok(JSON.parse(built.queries[0]!).length >= 80, 'a query finds the imported rows');
    assert.ok(JSON.parse(built.vocab).length > 80 * 20);
    await reindexAll(env.database.db);
    const again = searchTables();
    for (const k of Object.keys(built) as (keyof typeof built)[]) assert.deepEqual(again[k], built[k], k);
  });

  onEmbedded(
    'stopped between batches: its rows wait in the backlog, the next process builds them; a second run ends with every row found',
    async () => {
      const { r, indexedDuring } = await largeImport('runya', 80, '乙', { stopAfter: 4 });
      assert.deepEqual([r.imported, r.stopped], [32, true]);
      assert.deepEqual(indexedDuring, [0, 0, 0, 0]);
      assert.equal(await backlogSize(env.database.db), 32);
      assert.equal(await hits('runya', '乙'), 0, 'not found before the build');
      // The next run of the same import skips the 32 and builds all 80 at its end.
      const again = await largeImport('runya', 80, '乙');
      assert.deepEqual([again.r.imported, again.r.skipped, again.r.stopped], [48, 32, false]);
      assert.equal(await backlogSize(env.database.db), 0);
      assert.equal(await publicationsOf('runya'), indexedOf('runya'));
      await eachFound('runya', '乙', 80);

      // Stopped again, then a process starts (the server, another command): it builds them.
      const third = await largeImport('shidi', 40, '丙', { stopAfter: 2 });
      assert.deepEqual([third.r.imported, third.r.stopped], [16, true]);
      assert.equal(await backlogSize(env.database.db), 16);
      const { deps } = await prepare(env.config, env.clock);
      await deps.database.close();
      assert.equal(await backlogSize(env.database.db), 0);
      assert.equal(await hits('shidi', '丙'), 16);
    },
  );

  onEmbedded(
    'a build cut between its chunks (kill -9) keeps what it committed; the next process builds the rest, not while an import runs',
    async () => {
      const { r } = await largeImport('lingxi', 96, '丁', { stopAfter: 10 });
      assert.deepEqual([r.imported, r.stopped], [80, true]);
      assert.equal(await backlogSize(env.database.db), 80);
      // Three chunks of 8 committed, then the process is gone. After the first, another connection
      // (the site) changes the title of a publication of the second chunk, whose text was read and
      // tokenised already: that chunk is made again at its write, from the text as committed.
      const second = (
        env.database
          .sqlite!.prepare('SELECT publication_id AS id FROM search_backlog ORDER BY rank_key LIMIT 1 OFFSET 8')
          .get() as { id: number }
      ).id;
      let chunks = 0;
      const built = await buildBacklog(env.database.db, {
        chunk: 8,
        shouldStop: () => ++chunks >= 3,
        progress: (done) => {
          if (done !== 8) return;
          const site = new SQLite(env.database.sqlite!.name);
          try {
            site.prepare(`UPDATE publications SET title = '丁改题目测试' WHERE id = ?`).run(second);
          } finally {
            site.close();
          }
        },
        write: (trx, ids, prepared) => syncPublications(trx, ids, undefined, prepared),
      });
      assert.deepEqual(built, { built: 24, ahead: 16 });
      assert.equal(
        (await searchPublications(env.database.db, { q: '丁改题目', agencyIds: [agencyId('lingxi')] })).ids.join(),
        String(second),
      );
      assert.equal(await backlogSize(env.database.db), 56);
      assert.equal(indexedOf('lingxi') - ((await publicationsOf('lingxi')) - 80), 24);
      assert.equal(await hits('lingxi', '丁'), 24);
      // While an import holds the lock, a process that starts leaves the backlog to it.
      const release = holdImportLock(env.database.sqlite!.name);
      try {
        assert.equal(await buildInterruptedEntries(env.database.db), 0);
      } finally {
        release();
      }
      assert.equal(await backlogSize(env.database.db), 56);
      assert.equal(await buildInterruptedEntries(env.database.db), 56);
      assert.equal(await backlogSize(env.database.db), 0);
      assert.equal(await hits('lingxi', '丁'), 80);
      assert.equal(
        (await searchPublications(env.database.db, { q: '丁改题目', agencyIds: [agencyId('lingxi')] })).ids.join(),
        String(second),
      );
      assert.equal(
        (await sql<{ v: number }>`SELECT v FROM search_fts_config WHERE k = 'automerge'`.execute(env.database.db))
          .rows[0]?.v,
        4,
        'the bulk settings put back',
      );
    },
  );

  onEmbedded(
    "with threads, the text is read on the threads' own connections: the build's connection reads no body, but for a chunk made again at its write",
    async () => {
      const { r } = await largeImport('fgj', 96, '戊', { stopAfter: 10 });
      assert.deepEqual([r.imported, r.stopped], [80, true]);
      assert.equal(await backlogSize(env.database.db), 80);
      const third = (
        env.database
          .sqlite!.prepare('SELECT publication_id AS id FROM search_backlog ORDER BY rank_key LIMIT 1 OFFSET 16')
          .get() as { id: number }
      ).id;
      // Every statement of the build's connection that reads publications.body.
      let bodyReads = 0;
      const spied = env.database.db.withPlugin({
        transformQuery: ({ node }) => {
          const text = JSON.stringify(node);
          if (node.kind === 'SelectQueryNode' && text.includes('"publications"') && text.includes('"body"'))
            bodyReads += 1;
          return node;
        },
        transformResult: async ({ result }) => result,
      });
      const built = await buildBacklog(spied, {
        chunk: 8,
        workers: 1,
        // After the first chunk another connection changes a title of the third chunk: the second,
        // posted before that commit, is made again at its write (its bodies read there, once);
        // the third, posted after it, is read by the thread with the new title.
        progress: (done) => {
          if (done !== 8) return;
          const site = new SQLite(env.database.sqlite!.name);
          try {
            site.prepare(`UPDATE publications SET title = '戊改题目测试' WHERE id = ?`).run(third);
          } finally {
            site.close();
          }
        },
        write: (trx, ids, prepared) => syncPublications(trx, ids, undefined, prepared),
      });
      assert.deepEqual(built, { built: 80, ahead: 72 });
      assert.equal(bodyReads, 1, 'the bodies read on the build connection only for the chunk made again');
      assert.equal(await backlogSize(env.database.db), 0);
      assert.equal(await hits('fgj', '戊'), 80);
      assert.equal(
        (await searchPublications(env.database.db, { q: '戊改题目', agencyIds: [agencyId('fgj')] })).ids.join(),
        String(third),
      );
    },
  );
});
