// A tiny registry of listeners told, inside the same transaction, that a publication changed
// (released, revised, validity changed, withdrawn, categories or attachments changed). The search
// module subscribes its `onPublicationChanged` here, so publication does not import search; it is
// in platform/ because the catalog module tells it too (a category merge moves publications), and
// catalog is below publication (#13 point 1).
import type { Trx } from './transaction.ts';

export type PublicationListener = ((trx: Trx, publicationId: number) => Promise<void>) & {
  /** The same for many publications at once (bulk import); without it, one call per publication. */
  many?: (trx: Trx, publicationIds: readonly number[]) => Promise<void>;
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
  async emitMany(trx: Trx, publicationIds: readonly number[]): Promise<void> {
    for (const fn of listeners)
      if (fn.many) await fn.many(trx, publicationIds);
      else for (const id of publicationIds) await fn(trx, id);
  },
};
