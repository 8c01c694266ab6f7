// The search module's public face: the index (kept in step with publications), queries and
// highlighting. Other modules import from here.
import { publicationEvents } from '../publication/index.ts';
import type { Executor } from '../../platform/transaction.ts';
import { engineOf, searchIndexFor } from './search-index.ts';
import { onPublicationChanged } from './search.sync.ts';

export { queryTokens } from './bigram.ts';
export { highlight } from './highlight.ts';
export { searchPublications, type SearchParams, type SearchResult } from './search.service.ts';
export { buildInterruptedEntries, reindexAll, syncPublication } from './search.sync.ts';
export { buildBacklogInSite } from './search.backlog-job.ts';
export { reindex } from './search.reindex.ts';
export { searchRoutes } from './search.routes.tsx';
export { extractPdfText, pdfTextAvailable } from '../../platform/storage/pdf-text.ts';
export { plainTextFromHtml } from './text.ts';

/**
 * Subscribes the index to publication changes (in the same transaction as each change). Called
 * by buildApp() and by the CLI/bootstrap before anything publishes; subscribing twice is a no-op.
 */
export function enableSearchSync(): void {
  publicationEvents.subscribe(onPublicationChanged);
}

/**
 * A process starts (the server, the worker, a command): what a bulk import killed with -9 left in
 * the search index is tidied before any user's write meets it (search-index.sqlite.ts, bulk());
 * whether there was anything. A running import is left alone.
 */
export function settleInterruptedImport(db: Executor): Promise<boolean> {
  return searchIndexFor(engineOf(db)).settleInterruptedBulk(db);
}
