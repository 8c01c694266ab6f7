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
import type { PreparedEntry } from './search.prepare.ts';

type PublicationRow = Selectable<DB['publications']>;
type ReleasedRow = PublicationRow & { publishedAt: string; publishedOn: string };

/** Only published publications are in the index. */
function isReleased(pub: PublicationRow): pub is ReleasedRow {
  return pub.state === 'published' && !!pub.publishedAt && !!pub.publishedOn;
}

/** What the index holds of a published publication. */
function indexEntry(
  pub: ReleasedRow,
  attachmentTexts: string[],
  categoryIds: number[],
  prepared?: PreparedEntry,
): IndexEntry {
  return {
    ...(prepared ? { prepared } : {}),
    id: pub.id,
    agencyId: pub.agencyId,
    title: pub.title,
    summary: pub.summary,
    bodyHtml: pub.body,
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
  const pubs = await executor.selectFrom('publications').selectAll().where('id', 'in', ids).execute();
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
  const entries: IndexEntry[] = [];
  for (const pub of pubs) {
    if (!isReleased(pub)) {
      await removeIndexEntry(executor, pub.id);
      continue;
    }
    entries.push(indexEntry(pub, filesOf.get(pub.id) ?? [], catsOf.get(pub.id) ?? [], preparedOf.get(pub.id)));
  }
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
