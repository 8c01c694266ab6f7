// Migration 20261206_0042_import_compression on the engine of GK_TEST_ENGINE: on PostgreSQL the
// three search vectors and publications.body are compressed with lz4 (where the server has lz4,
// else the vectors are stored uncompressed), undone by down; rows written before and after read
// back the same and every search answers the same. The embedded engine has no such setting: the
// migration changes nothing there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { reindexAll } from '../../src/modules/search/search.sync.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { migrateDownThrough } from '../support/migrations.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
});
after(async () => env.close());

/** Compression and storage of the columns concerned ('' and 'x': PostgreSQL's defaults). */
async function settings(): Promise<Record<string, string>> {
  if (ENGINE !== 'postgres') return {};
  const rows = (
    await sql<{ col: string; compression: string; storage: string }>`SELECT c.relname || '.' || a.attname AS col,
      a.attcompression::text AS compression, a.attstorage::text AS storage
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE (c.relname = 'search_documents' AND a.attname IN ('tsv', 'title_tsv', 'gram_tsv'))
         OR (c.relname = 'publications' AND a.attname = 'body')
      ORDER BY 1`.execute(env.database.db)
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.col, `${r.compression}/${r.storage}`]));
}

async function snapshot() {
  const db = env.database.db;
  const vectors = ENGINE === 'postgres' ? sql`, tsv::text AS tsv, title_tsv::text AS t, gram_tsv::text AS g` : sql``;
  const docs = (
    await sql`SELECT publication_id, text ${vectors} FROM search_documents ORDER BY publication_id`.execute(db)
  ).rows;
  const bodies = (await sql`SELECT id, body FROM publications ORDER BY id`.execute(db)).rows;
  const searches: number[][] = [];
  for (const q of ['关于', '公开', '2025', '镇', '通知 工作'])
    searches.push((await searchPublications(db, { q, page: 1, pageSize: 50 })).ids);
  return { docs, bodies, searches };
}

test('vectors and bodies lz4 after the migration, the defaults before; the same rows and searches', async () => {
  const before = await snapshot();
  const latest = await settings();
  await migrateDownThrough(env.database, '20261206_0042_import_compression');
  const down = await settings();
  if (ENGINE === 'postgres') {
    assert.deepEqual(down, {
      'publications.body': '/x',
      'search_documents.gram_tsv': '/x',
      'search_documents.title_tsv': '/x',
      'search_documents.tsv': '/x',
    });
    const lz4 = latest['publications.body'] === 'l/x';
    assert.deepEqual(
      latest,
      lz4
        ? {
            'publications.body': 'l/x',
            'search_documents.gram_tsv': 'l/x',
            'search_documents.title_tsv': 'l/x',
            'search_documents.tsv': 'l/x',
          }
        : {
            'publications.body': '/x',
            'search_documents.gram_tsv': '/e',
            'search_documents.title_tsv': '/e',
            'search_documents.tsv': '/e',
          },
    );
  }
  // Rows written under the defaults, then the migration again and every row written again. On the
  // embedded engine the migration changes nothing, and today's index code needs the latest schema
  // (search_backlog, migration 0044, which the step down dropped): its rows are written at latest.
  if (ENGINE === 'postgres') {
    await reindexAll(env.database.db);
    assert.deepEqual(await snapshot(), before);
  }
  await migrateToLatest(env.database);
  assert.deepEqual(await settings(), latest);
  assert.deepEqual(await snapshot(), before);
  await reindexAll(env.database.db);
  assert.deepEqual(await snapshot(), before);
});
