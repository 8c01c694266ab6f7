// The bulk import's worker threads (publication.import-prepare.ts, platform/thread-pool.ts) on
// both engines: the rows they prepare are written exactly as the main thread writes them (the
// search row and the engine's index entry of each publication equal those its own re-index
// writes; the personal-data findings equal a release's scan), and a file's bad rows are reported
// by row, column and message as the main thread reports them, with the same counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { scanTextFields } from '../../src/modules/publication/privacy-guard.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import type { RowProblem } from '../../src/modules/publication/publication.transfer.ts';
import { searchPublications, syncPublication } from '../../src/modules/search/index.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { agencyFindings } from '../support/privacy-findings.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

/** Row i: personal data in every fourth body, no summary in every third, a 文号 in every other. */
function row(i: number, tag: string): NumberedRow {
  const personal = i % 4 === 0 ? `联系人李四，电话 1381234${String(5000 + i)}，住址永顺县灵溪镇幸福路${i}号` : '';
  return {
    row: i + 1,
    values: {
      title: `${tag}工作线程导入第${i}号通知`,
      summary: i % 3 === 0 ? '' : `${tag}第${i}号摘要`,
      body: `<p>${tag}正文第${i}段：猕猴桃产业补贴，ＡＢ-${i}项，共${i * 7}户。${personal}</p><p>第二段 gb${i}x</p>`,
      issuer: '永顺县人民政府',
      formedOn: `2025-0${1 + (i % 5)}-1${i % 10}`,
      documentNumber: i % 2 ? `永政发〔2025〕${i}号` : '',
      categories: 'statutory.a20.1',
      channels: '网站',
    },
  };
}

async function* rowsOf(list: NumberedRow[]) {
  for (const r of list) yield r;
}

const run = async (agencyId: number, list: NumberedRow[], workers: number, problems: RowProblem[] = []) =>
  bulkImport(env.database.db, systemContext(env.clock), await env.deps.calendar.get(), agencyId, rowsOf(list), {
    batchSize: 25,
    workers,
    onProblem: (p) => problems.push(p),
  });

/** Each publication's search row and its engine's index entry, by publication id. */
async function indexOf(ids: number[]) {
  const db = env.database.db;
  const docs = await db
    .selectFrom('searchDocuments')
    .select(['publicationId', 'text', 'categoryIds', 'year', 'validity'])
    .select(sql<string>`CAST(rank_key AS TEXT)`.as('rankKey'))
    .where('publicationId', 'in', ids)
    .orderBy('publicationId')
    .execute();
  if (ENGINE === 'postgres') {
    const vectors = await sql<{ id: number; v: string }>`SELECT publication_id AS id,
      tsv::text || '|' || title_tsv::text || '|' || gram_tsv::text || '|' || gram_full::text AS v
      FROM search_documents WHERE publication_id IN (${sql.join(ids)}) ORDER BY publication_id`.execute(db);
    return { docs, entries: vectors.rows };
  }
  // The re-check text apart (search_texts, the compact code), by rank key.
  const texts = await sql<{ id: number; code: string }>`SELECT d.publication_id AS id, hex(t.text) AS code
    FROM search_texts t JOIN search_documents d ON d.rank_key = t.rank_key
    WHERE d.publication_id IN (${sql.join(ids)}) ORDER BY d.publication_id`.execute(db);
  const entries: unknown[] = [texts.rows];
  for (const fts of ['search_fts', 'search_title_fts']) {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${sql.raw(`v_${fts}`)} USING fts5vocab(main, ${sql.raw(fts)}, 'instance')`.execute(
      db,
    );
    const rows = await sql<{ id: number; term: string; col: string; offset: number }>`SELECT d.publication_id AS id,
      v.term, v.col, v.offset FROM temp.${sql.raw(`v_${fts}`)} v JOIN search_documents d ON d.rank_key = v.doc
      WHERE d.publication_id IN (${sql.join(ids)}) ORDER BY d.publication_id, v.col, v.offset, v.term`.execute(db);
    entries.push(rows.rows);
  }
  return { docs, entries };
}

describe('bulk import on worker threads', () => {
  test('rows prepared on worker threads are indexed and scanned as the main thread does it', async () => {
    const agencyId = env.county.agencyIds['fgj']!;
    const list = Array.from({ length: 120 }, (_, i) => row(i + 1, '发改'));
    // One row with its 索引号 in the file (not allocated in the batch).
    list[30] = { ...list[30]!, values: { ...list[30]!.values, indexNumber: 'FGJ-WORKER-2025-031' } };
    const r = await run(agencyId, list, 2);
    assert.deepEqual([r.read, r.imported, r.skipped, r.bad], [120, 120, 0, 0]);
    const ids = (
      await env.database.db.selectFrom('publications').select('id').where('agencyId', '=', agencyId).execute()
    ).map((p) => p.id);
    assert.equal(ids.length, 120);
    const imported = await indexOf(ids);
    assert.equal(imported.docs.length, 120);
    const found = await searchPublications(env.database.db, { q: 'FGJ-WORKER-2025-031', agencyIds: [agencyId] });
    assert.equal(found.total, 1, 'the given 索引号 is searchable');
    // The publication's own entry, written again in the main thread from the stored row.
    await env.database.db.transaction().execute(async (trx) => {
      for (const id of ids) await syncPublication(trx, id);
    });
    assert.deepEqual(await indexOf(ids), imported);
    // The findings: a release's scan of each publication adds nothing and removes nothing.
    const findings = () => agencyFindings(env.database.db, agencyId);
    const stored = await findings();
    assert.equal(new Set(stored.map((f) => f.publicationId)).size, 30, 'every fourth row has personal data');
    await env.database.db.transaction().execute(async (trx) => {
      for (const id of ids) await scanTextFields(trx, id, systemContext(env.clock).at);
    });
    assert.deepEqual(await findings(), stored);
  });

  test('bad rows are reported by row from the workers as from the main thread, and a second run skips the rest', async () => {
    const bad = (i: number, tag: string): NumberedRow => {
      const r = row(i, tag);
      if (i % 9 === 0) return { ...r, values: { ...r.values, formedOn: '2025-02-30' } };
      if (i % 11 === 0) return { ...r, values: { ...r.values, categories: '不存在的分类', title: '' } };
      if (i === 40) return { row: r.row, values: {}, problem: '不是正确的 JSON' };
      return r;
    };
    const results = [];
    for (const [slug, workers] of [
      ['jyj', 0],
      ['yongshun', 2],
    ] as const) {
      const agencyId = env.county.agencyIds[slug]!;
      const list = Array.from({ length: 90 }, (_, i) => bad(i + 1, '坏行'));
      // A duplicate of an earlier row (same import key) in a later batch: skipped.
      list.push({ ...list[1]!, row: 92 });
      const problems: RowProblem[] = [];
      const first = await run(agencyId, list, workers, problems);
      const again = await run(agencyId, list, workers);
      results.push({ first: { ...first }, again: [again.imported, again.skipped, again.bad], problems });
    }
    assert.deepEqual(results[1], results[0]);
    const { first, problems } = results[0]!;
    assert.deepEqual([first.read, first.imported, first.skipped, first.bad], [91, 71, 1, 19]);
    assert.deepEqual(results[0]!.again, [0, 72, 19]);
    assert.ok(problems.some((p) => p.row === 10 && p.column === '成文日期'));
    assert.ok(problems.some((p) => p.row === 12 && p.column === '目录分类'));
    assert.ok(problems.some((p) => p.row === 12 && p.column === '标题'));
    assert.ok(problems.some((p) => p.row === 41 && p.column === '' && p.message === '不是正确的 JSON'));
  });
});
