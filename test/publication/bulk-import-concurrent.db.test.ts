// Two imports of the same rows at once (PostgreSQL does not keep them apart: the import lock is the
// embedded engine's): a batch's rows whose keys came in after its check — the other import's — are
// skipped at the write (ON CONFLICT DO NOTHING) and counted as skipped, so that each report adds up
// (read = imported + skipped + bad) and the two together import each row once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { bulkImport } from '../../src/modules/publication/publication.bulk-import.ts';
import { importRow } from '../support/import-rows.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

async function* rowsOf(n: number, tag: string) {
  for (let i = 1; i <= n; i++)
    yield { row: i + 1, values: importRow(i, tag, { subject: '同时导入', detail: '两次', numbered: true }) };
}

const importInto = async (agencyId: number, n: number, tag: string) =>
  bulkImport(env.database.db, systemContext(env.clock), await env.deps.calendar.get(), agencyId, rowsOf(n, tag), {
    batchSize: 40,
    workers: 0,
  });

test('two imports of the same rows at once: each row once, the other counted as skipped', async () => {
  const agencyId = env.county.agencyIds.lingxi!;
  const [a, b] = await Promise.all([importInto(agencyId, 200, '灵溪'), importInto(agencyId, 200, '灵溪')]);
  assert.deepEqual([a.read, b.read, a.bad, b.bad], [200, 200, 0, 0]);
  assert.equal(a.imported + b.imported, 200);
  assert.equal(a.skipped + b.skipped, 200);
  const { n } = await env.database.db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId)
    .executeTakeFirstOrThrow();
  assert.equal(Number(n), 200);
});
