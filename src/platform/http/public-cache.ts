// A memory cache of public pages for visitors who are not signed in (issue #3: catalogue pages
// at ≥ 60 % of a constant route). A route opts in with `config: { publicCache: true }`; a response
// is kept only when it is a 200 without Set-Cookie (so a page that minted a CSRF token, or a
// visitor with a session cookie, is never shared) and only while the database's data version
// (db/data-version.ts) has not moved since rendering began. Entries also age out after
// `publicCacheSeconds` of the app's clock. Keys are the URL and the display preferences (the
// only cookie a public page depends on). Responses carry an ETag, so browsers revalidate with 304.
// Changes committed by other processes move the version too: on PostgreSQL through LISTEN/NOTIFY
// (db/change-listener.ts, within milliseconds), on the embedded engine through SQLite's
// data_version, checked on each lookup.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/actor.ts';
import { parsePrefs, PREFS_COOKIE, serializePrefs } from './context.ts';
import type { AppDeps } from './types.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous GET responses of this route may be served from the public page cache. */
    publicCache?: boolean;
  }
  interface FastifyInstance {
    /** The public page cache's store; null when PUBLIC_CACHE_SECONDS is 0. */
    publicCache: PageStore | null;
  }
}

interface Entry {
  /** Encoded once, so that a hit sends bytes without re-encoding the page. */
  body: Buffer;
  type: string;
  etag: string;
  version: number;
  at: number;
}

interface Pending {
  key: string;
  version: number;
  at: number;
}

export interface PublicCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: PublicCacheLimits = { maxEntries: 5000, maxBytes: 64 * 1024 * 1024 };

/** A least-recently-used map bounded by entries and by bytes. */
export class PageStore {
  readonly #map = new Map<string, Entry>();
  #bytes = 0;
  constructor(readonly limits: PublicCacheLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.#map.size;
  }
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): Entry | undefined {
    const e = this.#map.get(key);
    if (e) {
      this.#map.delete(key);
      this.#map.set(key, e);
    }
    return e;
  }

  delete(key: string): void {
    const e = this.#map.get(key);
    if (!e) return;
    this.#map.delete(key);
    this.#bytes -= e.body.length;
  }

  set(key: string, e: Entry): void {
    const size = e.body.length;
    if (size > this.limits.maxBytes / 4) return;
    this.delete(key);
    this.#map.set(key, e);
    this.#bytes += size;
    while (this.#map.size > this.limits.maxEntries || this.#bytes > this.limits.maxBytes) {
      this.delete(this.#map.keys().next().value as string);
    }
  }
}

const PENDING = Symbol('publicCache');
const PRIVATE = Symbol('publicCachePrivate');

/**
 * Marks a response as the visitor's own: it is never stored. The page context calls this when a
 * page reads its CSRF token — a token must never reach another visitor, whether or not the
 * response also sets the CSRF cookie (a returning visitor already has it).
 */
export function markPrivate(reply: FastifyReply): void {
  (reply as MarkedReply)[PRIVATE] = true;
}
type MarkedReply = FastifyReply & { [PRIVATE]?: true };
type CachedRequest = FastifyRequest & { [PENDING]?: Pending | 'hit' };

function keyOf(req: FastifyRequest): string {
  return `${req.url}\u0000${serializePrefs(parsePrefs(req.cookies[PREFS_COOKIE]))}`;
}

/** How long a request waits for the same page being rendered by another before rendering it itself. */
export const COALESCE_WAIT_MS = 5000;

/**
 * Registers the cache's hooks (before the session hook, so that a hit costs no session lookup).
 * Concurrent misses of one key are coalesced: the first renders, the others wait for it (at most
 * COALESCE_WAIT_MS) and are then served from the store, so a popular page that has just expired
 * is not rendered fifty times at once. The store is `app.publicCache` (null when the cache is off).
 */
export async function registerPublicCache(app: FastifyInstance, deps: AppDeps, limits = DEFAULT_LIMITS): Promise<void> {
  const ttl = deps.config.publicCacheSeconds * 1000;
  if (ttl <= 0) {
    app.decorate('publicCache', null);
    return;
  }
  const store = new PageStore(limits);
  app.decorate('publicCache', store);
  const version = deps.database.version;
  const rendering = new Map<string, { version: number; done: Promise<void>; finish: () => void }>();

  const fresh = (key: string, now: number): Entry | undefined => {
    version.probe?.();
    if (!version.seesOthers) return undefined;
    const e = store.get(key);
    if (e && e.version === version.value && now - e.at < ttl && now >= e.at) return e;
    if (e) store.delete(key);
    return undefined;
  };
  const finish = (req: CachedRequest) => {
    const p = req[PENDING];
    if (!p || p === 'hit') return;
    const r = rendering.get(p.key);
    if (r && r.version === p.version) {
      rendering.delete(p.key);
      r.finish();
    }
  };

  app.addHook('onRequest', async (request, reply: FastifyReply) => {
    const req = request as CachedRequest;
    if (req.method !== 'GET' || !req.routeOptions.config.publicCache || req.cookies[SESSION_COOKIE]) return undefined;
    const key = keyOf(req);
    let e = fresh(key, deps.clock.now().getTime());
    const other = e ? undefined : rendering.get(key);
    if (other && other.version === version.value) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        other.done,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, COALESCE_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      e = fresh(key, deps.clock.now().getTime());
    }
    if (e) {
      req[PENDING] = 'hit';
      reply.header('etag', e.etag).header('cache-control', 'no-cache').header('x-cache', 'hit');
      if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
      return reply.code(200).type(e.type).send(e.body);
    }
    const v = version.value;
    req[PENDING] = { key, version: v, at: deps.clock.now().getTime() };
    if (!rendering.has(key) || rendering.get(key)?.version !== v) {
      let done!: () => void;
      const promise = new Promise<void>((resolve) => {
        done = resolve;
      });
      rendering.set(key, { version: v, done: promise, finish: done });
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const req = request as CachedRequest;
    const p = req[PENDING];
    if (!p || p === 'hit') return payload;
    const shareable = !(reply as MarkedReply)[PRIVATE] && !reply.hasHeader('set-cookie');
    if (
      reply.statusCode === 200 &&
      (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
      shareable &&
      version.seesOthers &&
      p.version === version.value
    ) {
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
      store.set(p.key, {
        body,
        type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
        etag,
        version: p.version,
        at: p.at,
      });
      reply.header('etag', etag).header('cache-control', 'no-cache').header('x-cache', 'miss');
    }
    finish(req);
    return payload;
  });
  // Whatever happened (an error page, a client that went away), waiters are released.
  app.addHook('onResponse', async (request) => finish(request as CachedRequest));
  app.addHook('onRequestAbort', async (request) => finish(request as CachedRequest));
}
