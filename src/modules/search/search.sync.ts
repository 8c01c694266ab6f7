// Keeps the index in step with publications: publication.service emits an event inside the
// transaction of every release, revision, validity change and withdrawal, and this listener
// rewrites (or removes) the publication's entry in that same transaction — a rollback undoes both.
// Only published publications are in the index: drafts never are, withdrawn ones leave it.
import type { Executor } from '../../platform/transaction.ts';
import { removeIndexEntry, upsertIndexEntry, clearIndex, optimizeIndex } from './search.service.ts';

/** The index entry of one publication, from the publication tables. */
export async function syncPublication(
  executor: Executor,
  id: number,
  now = new Date().toISOString(),
): Promise<'indexed' | 'removed'> {
  const pub = await executor.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!pub || pub.state !== 'published' || !pub.publishedAt || !pub.publishedOn) {
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
    {
      id,
      agencyId: pub.agencyId,
      title: pub.title,
      summary: pub.summary,
      bodyHtml: pub.body,
      documentNumber: pub.documentNumber,
      indexNumber: pub.indexNumber ?? '',
      attachmentTexts: attachments.map((a) => a.extractedText),
      validity: pub.validity,
      publishedAt: pub.publishedAt,
      publishedOn: pub.publishedOn,
      categoryIds: categories.map((c) => c.categoryId),
    },
    now,
  );
  return 'indexed';
}

/** The publication-event listener (subscribed by enableSearchSync()). */
export async function onPublicationChanged(trx: Executor, publicationId: number): Promise<void> {
  await syncPublication(trx, publicationId);
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
