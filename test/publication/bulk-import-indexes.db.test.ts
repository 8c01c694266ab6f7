// A large bulk import on the embedded engine builds the date indexes of publications after its rows
// (publication.bulk-indexes.ts): they are missing while it writes, and afterwards the schema is the
// migrations' again — after an import that ran to its end, one stopped between batches, and one
// killed with -9 (the next process that starts creates them, not while an import holds the lock).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { prepare, systemContext } from '../../src/bootstrap.ts';
import { holdImportLock } from '../../src/db/import-lock.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import {
  DEFER_INDEX_ROWS,
  DEFERRED_INDEXES,
  defersIndexes,
  PUBLICATION_INDEXES,
  restoreDeferredIndexes,
} from '../../src/modules/publication/publication.bulk-indexes.ts';
import type { NumberedRow } from '../../src/modules/publication/publication.transfer-file.ts';
import { importRow } from '../support/import-rows.ts';
import { publicationIndexes as indexesOf, sqliteSchema } from '../support/sqlite-schema.ts';
import { ENGINE, createTestEnv, type TestEnv } from '../support/test-app.ts';

const onEmbedded = ENGINE === 'embedded' ? test : () => undefined;
let env: TestEnv;
let migrated = '';

before(async () => {
  env = await createTestEnv();
  if (ENGINE === 'embedded') migrated = schema();
});
after(() => env.close());

const schema = () => sqliteSchema(env.database.sqlite!);
const publicationIndexes = () => indexesOf(env.database.sqlite!);
const DEFERRED = [...DEFERRED_INDEXES];
const present = () =>
  DEFERRED.filter((name) => env.database.sqlite!.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name))
    .length;
const analysed = () =>
  DEFERRED.filter((name) => env.database.sqlite!.prepare('SELECT 1 FROM sqlite_stat1 WHERE idx = ?').get(name)).length;

function rows(n: number, tag: string) {
  return (async function* () {
    for (let i = 1; i <= n; i++)
      yield { row: i, values: importRow(i, tag, { subject: '索引重建', detail: '批量导入' }) } satisfies NumberedRow;
  })();
}

describe('the date indexes of a large bulk import', () => {
  test('the rule: a file of enough rows, and at least half the publications there are', () => {
    assert.equal(defersIndexes(DEFER_INDEX_ROWS - 1, 0), false);
    assert.equal(defersIndexes(DEFER_INDEX_ROWS, 0), true);
    assert.equal(defersIndexes(1_000_000, 2_000_000), true);
    assert.equal(defersIndexes(1_000_000, 2_000_001), false);
  });

  onEmbedded('the definitions built again are the migrations’, in their order', () => {
    assert.deepEqual(publicationIndexes(), PUBLICATION_INDEXES);
    for (const name of DEFERRED)
      assert.ok(
        PUBLICATION_INDEXES.some((i) => i.name === name),
        name,
      );
  });

  for (const stop of [false, true])
    onEmbedded(
      stop
        ? 'an import stopped between batches builds them before it returns'
        : 'missing while a large import writes, the same as the migrations’ after it',
      async () => {
        const agencyId = env.county.agencyIds[stop ? 'runya' : 'mzj']!;
        const during: number[] = [];
        const r = await bulkImport(
          env.database.db,
          systemContext(env.clock),
          await env.deps.calendar.get(),
          agencyId,
          rows(80, stop ? '停' : '全'),
          {
            batchSize: 8,
            workers: 0,
            // 8 rows in 0.01 % of the file: 80,000 rows expected.
            fileShare: () => 0.0001,
            onBatch: () => during.push(present()),
            ...(stop ? { shouldStop: () => during.length >= 4 } : {}),
          },
        );
        assert.deepEqual([r.imported, r.stopped], stop ? [32, true] : [80, false]);
        assert.deepEqual(during, Array<number>(stop ? 4 : 10).fill(0), 'indexes present during the import');
        assert.equal(schema(), migrated);
        assert.equal(analysed(), DEFERRED.length, 'statistics of the indexes built');
      },
    );

  onEmbedded('a small import, or one whose rows are all in already, leaves them in place', async () => {
    const agencyId = env.county.agencyIds['shidi']!;
    const go = async (fileShare: () => number) => {
      const during: number[] = [];
      const r = await bulkImport(
        env.database.db,
        systemContext(env.clock),
        await env.deps.calendar.get(),
        agencyId,
        rows(16, '小'),
        { batchSize: 8, workers: 0, onBatch: () => during.push(present()), fileShare },
      );
      return { r, during };
    };
    const small = await go(() => 0.5);
    assert.deepEqual([small.r.imported, small.during], [16, [5, 5]]);
    const again = await go(() => 0.0001);
    assert.deepEqual([again.r.skipped, again.during], [16, [5, 5]]);
    assert.equal(schema(), migrated);
  });

  onEmbedded(
    'killed with -9: the next process that starts builds the missing ones, not while an import runs',
    async () => {
      const sqlite = env.database.sqlite!;
      // What kill -9 leaves: the indexes dropped, the import lock let go by the operating system.
      for (const name of DEFERRED.slice(1)) sqlite.exec(`DROP INDEX ${name}`);
      const file = sqlite.name;
      const release = holdImportLock(file);
      try {
        assert.deepEqual(
          await restoreDeferredIndexes(env.database.db),
          { built: [], stopped: true },
          'built while an import runs',
        );
        assert.equal(present(), 1);
      } finally {
        release();
      }
      const { deps } = await prepare(env.config, env.clock);
      try {
        assert.equal(schema(), migrated);
        assert.deepEqual(await restoreDeferredIndexes(deps.database.db), { built: [] }, 'nothing the second time');
      } finally {
        await deps.database.close();
      }
      assert.equal(analysed(), DEFERRED.length);
    },
  );
});
