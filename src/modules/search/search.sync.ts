// Keeps the index in step with publications: publication.service emits an event inside the
// transaction of every release, revision, validity change and withdrawal, and this listener
// rewrites (or removes) the publication's entry in that same transaction — a rollback undoes both.
// Only published publications are in the index: drafts never are, withdrawn ones leave it.
import type { Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findRow } from '../../platform/rows.ts';
import type { Executor } from '../../platform/transaction.ts';
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
    many: (trx: Executor, ids: readonly number[], prepared?: readonly unknown[]) =>
      syncPublications(trx, ids, undefined, prepared),
    prepare: new URL('./search.prepare.ts', import.meta.url).href,
    bulk: (db: Executor) => searchIndexFor(engineOf(db)).bulk(db),
  },
);

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
