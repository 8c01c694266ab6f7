// A tiny registry of listeners told, inside the same transaction, that a publication changed
// (released, revised, validity changed, withdrawn, categories or attachments changed). The search
// module subscribes its `onPublicationChanged` here, so publication does not import search; it is
// in platform/ because the catalog module tells it too (a category merge moves publications), and
// catalog is below publication (#13 point 1).
import type { Db, Trx } from './transaction.ts';

/** The text of a publication a listener may prepare ahead (a bulk import's row, before its 索引号). */
export interface PublicationText {
  title: string;
  summary: string;
  /** Sanitised HTML, as stored. */
  body: string;
  documentNumber: string;
}

/** What a bulk import tells the listeners when it starts (`bulk`). */
export interface BulkOptions {
  /** Worker threads the listener may use for work left to the end of the import. */
  workers?: number;
  /** Messages for the operator (stderr). */
  notice?: (message: string) => void;
  /** Asked between steps of the work at the end: true stops it there (Ctrl+C). */
  shouldStop?: () => boolean;
}

export type PublicationListener = ((trx: Trx, publicationId: number) => Promise<void>) & {
  /**
   * The same for many publications at once (bulk import); without it, one call per publication.
   * `prepared`: for each id, what the listener's `prepare` module made of its text ahead, when
   * the caller did that. `deferred`: a large import that lets the listener note the ids and do
   * their work after the load (the embedded search index, search.backlog.ts).
   */
  many?: (
    trx: Trx,
    publicationIds: readonly number[],
    prepared?: readonly unknown[],
    deferred?: boolean,
  ) => Promise<void>;
  /**
   * The URL of a module whose `prepare(text: PublicationText, engine)` is pure: a bulk import
   * runs it on worker threads while the previous batch is written (publication.bulk-import.ts).
   */
  prepare?: string;
  /**
   * A bulk import starts: settings for its duration (the embedded search index merges its FTS5
   * segments less often, search.sync.ts). Returns what ends them, called when the import stops
   * (`completed` when it ran to the end of its rows).
   */
  bulk?: (db: Db, o: BulkOptions) => Promise<(completed: boolean) => Promise<void>>;
};

const listeners: PublicationListener[] = [];

export const publicationEvents = {
  /** Adds a listener once (subscribing the same function twice has no effect). */
  subscribe(fn: PublicationListener): void {
    if (!listeners.includes(fn)) listeners.push(fn);
  },
  unsubscribe(fn: PublicationListener): void {
    const i = listeners.indexOf(fn);
    if (i >= 0) listeners.splice(i, 1);
  },
  async emit(trx: Trx, publicationId: number): Promise<void> {
    for (const fn of listeners) await fn(trx, publicationId);
  },
  /**
   * `prepared(url)`: what the listener's `prepare` module gave for each id, in order; `deferred`:
   * listeners may leave the work to the import's end (`many`).
   */
  async emitMany(
    trx: Trx,
    publicationIds: readonly number[],
    prepared?: (url: string) => readonly unknown[] | undefined,
    deferred = false,
  ): Promise<void> {
    for (const fn of listeners)
      if (fn.many) await fn.many(trx, publicationIds, fn.prepare ? prepared?.(fn.prepare) : undefined, deferred);
      else for (const id of publicationIds) await fn(trx, id);
  },
  /** A bulk import starts (each listener's `bulk`); returns what ends it, to call in a `finally`. */
  async bulk(db: Db, o: BulkOptions = {}): Promise<(completed: boolean) => Promise<void>> {
    const ends: ((completed: boolean) => Promise<void>)[] = [];
    try {
      for (const fn of listeners) if (fn.bulk) ends.push(await fn.bulk(db, o));
    } catch (err) {
      for (const end of ends.reverse()) await end(false);
      throw err;
    }
    return async (completed) => {
      for (const end of ends.reverse()) await end(completed);
    };
  },
  /** The `prepare` modules of the listeners (a bulk import's workers load them). */
  preparers(): string[] {
    return listeners.flatMap((fn) => (fn.prepare ? [fn.prepare] : []));
  },
};
