// The store behind @fastify/rate-limit (#16 point 4): one counter per route and client in the
// database, so that every web process counts the same requests. One statement per request, an
// atomic upsert on both engines: a new key, or a key whose window has ended, starts at 1 with a
// new window; otherwise the count goes up by one (PostgreSQL takes the row lock for the update,
// so two processes never read the same count). The address is kept only as an HMAC with the app
// secret, like public_submissions. Expired rows are deleted by the `sessions.prune` job.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface RateLimitHitsTable {
  key: string;
  hits: number;
  windowEnds: number;
}

export interface RateLimitTables {
  rateLimitHits: RateLimitHitsTable;
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** Adds one hit for `key` and returns the count in its window and the window's remaining ms. */
export async function hit(db: Kysely<DB>, key: string, windowMs: number, now = Date.now()) {
  const ends = now + windowMs;
  const { rows } = await sql<{ hits: number; windowEnds: number }>`
    INSERT INTO rate_limit_hits (key, hits, window_ends) VALUES (${key}, 1, ${ends})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limit_hits.window_ends <= ${now} THEN 1 ELSE rate_limit_hits.hits + 1 END,
      window_ends = CASE WHEN rate_limit_hits.window_ends <= ${now} THEN ${ends} ELSE rate_limit_hits.window_ends END
    RETURNING hits, window_ends`.execute(db);
  const row = rows[0]!;
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.windowEnds) - now) };
}

/** Deletes counters whose window ended before `before` (ms). */
export async function pruneRateLimitHits(db: Kysely<DB>, before: number): Promise<void> {
  await db.deleteFrom('rateLimitHits').where('windowEnds', '<', before).execute();
}

/** A @fastify/rate-limit `store` class over the database (the plugin constructs it). */
export function databaseRateLimitStore(db: Kysely<DB>, secret: string) {
  return class DatabaseRateLimitStore {
    readonly prefix: string;
    constructor(_params?: unknown, prefix = '') {
      this.prefix = prefix;
    }
    incr(client: string, cb: Callback, timeWindow: number): void {
      const key = createHmac('sha256', secret).update(`${this.prefix}\u0000${client}`).digest('base64url');
      hit(db, key, timeWindow).then(
        (r) => cb(null, r),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    }
    /** The plugin calls this per route with its merged options, the route under `routeInfo`. */
    child(routeOptions: object) {
      type Route = { method: string | string[]; url: string };
      const o = routeOptions as Partial<Route> & { routeInfo?: Route };
      const route = o.routeInfo ?? { method: o.method ?? '', url: o.url ?? '' };
      return new DatabaseRateLimitStore(undefined, `${[route.method].flat().join(',')} ${route.url}`);
    }
  };
}
