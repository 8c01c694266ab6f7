// Keeps the index in step with publications: publication.service emits an event inside the
// transaction of every release, revision, validity change and withdrawal, and this listener
// rewrites (or removes) the publication's entry in that same transaction — a rollback undoes both.
// Only published publications are in the index: drafts never are, withdrawn ones leave it.
import { sql, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findRow } from '../../platform/rows.ts';
import { availableParallelism } from 'node:os';
import type { BulkOptions } from '../../platform/publication-events.ts';
import type { Db, Executor } from '../../platform/transaction.ts';
import {
  removeIndexEntry,
  upsertIndexEntry,
  upsertIndexEntries,
  clearIndex,
  optimizeIndex,
  type IndexEntry,
} from './search.service.ts';
import { completeEntry, type PreparedEntry } from './search.prepare.ts';
import { engineOf, searchIndexFor } from './search-index.ts';
import { backlogPending, backlogSize, buildBacklog, deferEntries } from './search.backlog.ts';

type PublicationRow = Selectable<DB['publications']>;
/** The columns of a publication that its index entry reads, the body apart. */
type EntryFields = Pick<
  PublicationRow,
  | 'id'
  | 'agencyId'
  | 'state'
  | 'title'
  | 'summary'
  | 'documentNumber'
  | 'indexNumber'
  | 'validity'
  | 'publishedAt'
  | 'publishedOn'
>;
type Released<T extends EntryFields> = T & { publishedAt: string; publishedOn: string };

/** Only published publications are in the index. */
function isReleased<T extends EntryFields>(pub: T): pub is Released<T> {
  return pub.state === 'published' && !!pub.publishedAt && !!pub.publishedOn;
}

/** What the index holds of a published publication. */
function indexEntry(
  pub: Released<EntryFields>,
  bodyHtml: string,
  attachmentTexts: string[],
  categoryIds: number[],
  indexed?: IndexEntry['indexed'],
): IndexEntry {
  return {
    ...(indexed ? { indexed } : {}),
    id: pub.id,
    agencyId: pub.agencyId,
    title: pub.title,
    summary: pub.summary,
    bodyHtml,
    documentNumber: pub.documentNumber,
    indexNumber: pub.indexNumber ?? '',
    attachmentTexts,
    validity: pub.validity,
    publishedAt: pub.publishedAt,
    publishedOn: pub.publishedOn,
    categoryIds,
  };
}

/** The index entry of one publication, from the publication tables. */
export async function syncPublication(
  executor: Executor,
  id: number,
  now = new Date().toISOString(),
): Promise<'indexed' | 'removed'> {
  const pub = await findRow(executor, 'publications', { id });
  if (!pub || !isReleased(pub)) {
    await removeIndexEntry(executor, id);
    return 'removed';
  }
  const categories = await executor
    .selectFrom('publicationCategories')
    .select('categoryId')
    .where('publicationId', '=', id)
    .orderBy('categoryId')
    .execute();
  const attachments = await executor
    .selectFrom('attachments')
    .select('extractedText')
    .where('publicationId', '=', id)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  await upsertIndexEntry(
    executor,
    indexEntry(
      pub,
      pub.body,
      attachments.map((a) => a.extractedText),
      categories.map((c) => c.categoryId),
    ),
    now,
  );
  return 'indexed';
}

/**
 * The index entries of many publications (a bulk import's batch) in a few statements: the same
 * entries as syncPublication() one by one, for publications that are published. `prepared[i]`:
 * search.prepare.ts's work on the text of `ids[i]`, done ahead on a worker thread.
 */
export async function syncPublications(
  executor: Executor,
  ids: readonly number[],
  now = new Date().toISOString(),
  prepared?: readonly unknown[],
) {
  if (!ids.length) return;
  // Without the body: a row prepared ahead has its text made (the body read back was ~13 KB a row
  // for the server to send and the client to decode, docs/PERFORMANCE.md "Bulk import on
  // PostgreSQL: the CPU a row"); the bodies of the others are read below.
  const pubs = await executor
    .selectFrom('publications')
    .select([
      'id',
      'agencyId',
      'state',
      'title',
      'summary',
      'documentNumber',
      'indexNumber',
      'validity',
      'publishedAt',
      'publishedOn',
    ])
    .where('id', 'in', ids)
    .execute();
  const cats = await executor
    .selectFrom('publicationCategories')
    .select(['publicationId', 'categoryId'])
    .where('publicationId', 'in', ids)
    .orderBy('categoryId')
    .execute();
  const files = await executor
    .selectFrom('attachments')
    .select(['publicationId', 'extractedText'])
    .where('publicationId', 'in', ids)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  // Grouped once (each list keeps the order of its query), not filtered per publication.
  const group = <T extends { publicationId: number }, V>(rows: readonly T[], value: (r: T) => V) => {
    const m = new Map<number, V[]>();
    for (const r of rows) {
      const list = m.get(r.publicationId);
      if (list) list.push(value(r));
      else m.set(r.publicationId, [value(r)]);
    }
    return m;
  };
  const filesOf = group(files, (f) => f.extractedText);
  const catsOf = group(cats, (c) => c.categoryId);
  const preparedOf = new Map(prepared ? ids.map((id, i) => [id, prepared[i] as PreparedEntry | undefined]) : []);
  const engine = engineOf(executor);
  const released: { pub: Released<EntryFields>; indexed: IndexEntry['indexed'] }[] = [];
  for (const pub of pubs) {
    if (!isReleased(pub)) {
      await removeIndexEntry(executor, pub.id);
      continue;
    }
    // The prepared part completed with the 索引号; null where it does not add up (computed whole).
    const p = preparedOf.get(pub.id);
    const indexed = p && !filesOf.has(pub.id) ? completeEntry(p, pub.indexNumber ?? '', engine) : null;
    released.push({ pub, indexed: indexed ?? undefined });
  }
  const bodyOf = new Map<number, string>();
  const unmade = released.filter((r) => !r.indexed).map((r) => r.pub.id);
  for (let i = 0; i < unmade.length; i += 500) {
    const rows = await executor
      .selectFrom('publications')
      .select(['id', 'body'])
      .where('id', 'in', unmade.slice(i, i + 500))
      .execute();
    for (const r of rows) bodyOf.set(r.id, r.body);
  }
  const entries = released.map(({ pub, indexed }) =>
    indexEntry(pub, bodyOf.get(pub.id) ?? '', filesOf.get(pub.id) ?? [], catsOf.get(pub.id) ?? [], indexed),
  );
  await upsertIndexEntries(executor, entries, now);
}

/**
 * The publication-event listener (subscribed by enableSearchSync()); `many` for bulk imports,
 * whose rows search.prepare.ts prepares ahead on worker threads.
 */
export const onPublicationChanged = Object.assign(
  async (trx: Executor, publicationId: number): Promise<void> => {
    await syncPublication(trx, publicationId);
  },
  {
    many: (trx: Executor, ids: readonly number[], prepared?: readonly unknown[], deferred?: boolean) =>
      deferred && engineOf(trx) === 'embedded'
        ? deferEntries(trx, ids)
        : syncPublications(trx, ids, undefined, prepared),
    prepare: new URL('./search.prepare.ts', import.meta.url).href,
    // The index's settings for the import; at its end, if it ran to its end, the entries it (or an
    // earlier stopped one) left in the backlog are built before the settings are put back.
    bulk: async (db: Db, o: BulkOptions) => {
      const end = await searchIndexFor(engineOf(db)).bulk(db);
      return async (completed: boolean) => {
        let built = completed;
        try {
          if (completed && engineOf(db) === 'embedded') built = await buildPending(db, o);
        } catch (err) {
          built = false;
          throw err;
        } finally {
          await end(built);
        }
      };
    },
  },
);

/**
 * The embedded index's backlog built (search.backlog.ts); whether it is empty after (false when
 * stopped by `shouldStop`).
 */
async function buildPending(db: Db, o: BulkOptions): Promise<boolean> {
  const total = await backlogSize(db);
  if (!total) return true;
  o.notice?.(`正在建立检索索引：导入期间暂缓写入的 ${total.toLocaleString('en-US')} 条，按发布日期顺序写入……`);
  let shown = 0;
  await buildBacklog(db, {
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    progress: (done, all) => {
      if (done - shown < 100_000 && done < all) return;
      shown = done;
      o.notice?.(`检索索引：已建立 ${done.toLocaleString('en-US')} / ${all.toLocaleString('en-US')} 条。`);
    },
    write: (trx, ids, prepared) => syncPublications(trx, ids, undefined, prepared),
  });
  const left = await backlogSize(db);
  if (left) o.notice?.(`检索索引尚有 ${left.toLocaleString('en-US')} 条未建立，将在下次运行导入或启动服务时继续建立。`);
  return left === 0;
}

/**
 * A process starts: the entries that a stopped, failed or killed large import left in the backlog
 * are built, unless an import runs now (it builds them at its end); how many (embedded engine).
 */
export async function buildInterruptedEntries(db: Db, notice?: (message: string) => void): Promise<number> {
  if (engineOf(db) !== 'embedded' || !(await backlogPending(db))) return 0;
  const total = await backlogSize(db);
  const end = await searchIndexFor('embedded').bulk(db);
  let built = false;
  try {
    built = await buildPending(db, { workers: Math.min(4, availableParallelism() - 1), ...(notice ? { notice } : {}) });
  } finally {
    await end(built);
  }
  // The planner's statistics of search_documents, taken by the stopped import without these rows.
  await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE search_documents`.execute(db);
  return total;
}

/**
 * Rebuilds the whole index from the publication tables in batches (one transaction per batch);
 * `progress(done, total)` is called after each batch.
 */
export async function reindexAll(
  db: Executor,
  progress: (done: number, total: number) => void = () => {},
  batch = 500,
): Promise<number> {
  const ids = (
    await db.selectFrom('publications').select('id').where('state', '=', 'published').orderBy('id').execute()
  ).map((r) => r.id);
  await clearIndex(db);
  const now = new Date().toISOString();
  for (let i = 0; i < ids.length; i += batch) {
    const slice = ids.slice(i, i + batch);
    await db.transaction().execute(async (trx) => {
      for (const id of slice) await syncPublication(trx, id, now);
    });
    progress(Math.min(i + batch, ids.length), ids.length);
  }
  await optimizeIndex(db);
  return ids.length;
}
