// Reads that public pages repeat on every request (the agency by its 网址标识, an agency's
// categories, the years a column has items in, the home page's latest list …) are kept per process
// while the data version (data-version.ts) has not moved since the read began: a committed change
// to public data in this process or in another one (the worker, the CLI, a second web process)
// empties them all at once. Other processes' commits are seen through the data version too: on
// PostgreSQL by LISTEN/NOTIFY (db/change-listener.ts), on the embedded engine by `version.probe()`,
// which the request context (platform/http/context.ts) calls once as each request arrives (~8 µs:
// once per read, six times on a column page, it cost more than the reads it saved), so a request
// sees every commit made before it arrived. While changes elsewhere may go unseen (the PostgreSQL
// listener is reconnecting) nothing is kept.
//
// Only reads made outside a transaction belong here (a route's own reads through app.db): a read
// inside a transaction may see its uncommitted writes. Values are shared by every request that
// asks for the same key: callers must not change them.
import type { DataVersion } from './data-version.ts';

interface Entry {
  version: number;
  value: Promise<unknown>;
}

export const MEMO_ENTRIES = 10_000;

export class VersionMemo {
  readonly #map = new Map<string, Entry>();
  #seen = -1;
  constructor(
    private readonly version: DataVersion,
    private readonly maxEntries = MEMO_ENTRIES,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  /**
   * The value of `load()` read at the current data version: the kept one if the version has not
   * moved since it was read (concurrent callers share one read), else a new read. A read that fails
   * is not kept.
   */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.version.seesOthers) return load();
    const v = this.#current();
    const hit = this.#map.get(key);
    if (hit && hit.version === v) return hit.value as Promise<T>;
    const value = load();
    const entry: Entry = { version: v, value };
    if (this.#map.size >= this.maxEntries) this.#map.delete(this.#map.keys().next().value as string);
    this.#map.set(key, entry);
    value.catch(() => {
      if (this.#map.get(key) === entry) this.#map.delete(key);
    });
    return value;
  }

  /**
   * get() for the records with these ids, each kept under `prefix` + its id: those not kept are
   * read together in one call of `load` (which answers the ones it found; the others are
   * undefined), so a page that names a few records of many (search facets) reads each once per
   * data version and never all of them.
   */
  async getMany<T>(
    prefix: string,
    ids: readonly number[],
    load: (missing: number[]) => Promise<ReadonlyMap<number, T>>,
  ): Promise<Map<number, T>> {
    const unique = [...new Set(ids)];
    const missing = this.version.seesOthers
      ? unique.filter((id) => this.#map.get(`${prefix}${id}`)?.version !== this.#current())
      : unique;
    const batch = missing.length ? load(missing) : undefined;
    const values = await Promise.all(
      unique.map((id) =>
        this.get(`${prefix}${id}`, () => (batch as Promise<ReadonlyMap<number, T>>).then((found) => found.get(id))),
      ),
    );
    const out = new Map<number, T>();
    unique.forEach((id, i) => {
      const value = values[i];
      if (value !== undefined) out.set(id, value);
    });
    return out;
  }

  /** The data version, everything kept at an older one dropped in one go. */
  #current(): number {
    const v = this.version.value;
    if (v !== this.#seen) {
      this.#map.clear();
      this.#seen = v;
    }
    return v;
  }
}
