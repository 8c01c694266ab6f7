// The search index's per-row work of a bulk import, done ahead on a worker thread
// (publication.bulk-import.ts, docs/ARCHITECTURE.md "Bulk import"): the re-check text and the
// engine's tokens of a publication's text before its 索引号 is allocated; the batch's write
// (search.sync.ts syncPublications) adds the number's part. Pure: no database, no module state
// beyond the code-point tables of chars.ts.
import type { Engine } from '../../db/database.ts';
import type { PublicationText } from '../../platform/publication-events.ts';
import { searchIndexFor, type IndexedText, type IndexTokens } from './search-index.ts';
import { searchableHead, withIndexNumber, type SearchableHead } from './text.ts';

export interface PreparedEntry {
  head: SearchableHead;
  tokens: IndexTokens;
}

/** The listener's `prepare` (platform/publication-events.ts): run on the import's worker threads. */
export function prepare(p: PublicationText, engine: Engine): PreparedEntry {
  const head = searchableHead({
    title: p.title,
    summary: p.summary,
    bodyHtml: p.body,
    documentNumber: p.documentNumber,
  });
  return { head, tokens: searchIndexFor(engine).tokens(head) };
}

/**
 * The text and tokens of a prepared entry with its 索引号: what searchableText() and the engine's
 * tokens of the whole give (text.ts withIndexNumber); null when they must be computed whole.
 */
export function completeEntry(
  p: PreparedEntry,
  indexNumber: string,
  engine: Engine,
): (IndexedText & { normalised: string }) | null {
  const done = withIndexNumber(p.head, indexNumber);
  if (!done) return null;
  const tokens = done.tail ? searchIndexFor(engine).appendTokens(p.tokens, done.tail) : p.tokens;
  return tokens ? { ...done.text, tokens } : null;
}

/** The task of a thread of the search backlog's build (search.backlog.ts, platform/thread-pool.ts). */
export function createTask(engine: Engine): (p: PublicationText) => PreparedEntry {
  return (p) => prepare(p, engine);
}
