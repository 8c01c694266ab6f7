// Queries whose shape never changes (the article page's reads by one id, …) built and compiled
// once per database instead of on every call: building a Kysely query, the camel-case plugin's pass
// over it and compiling it cost more CPU than SQLite running it (docs/PERFORMANCE.md, "Render
// cost"). The query is built once with placeholders standing for the arguments; each call sends
// the compiled SQL with the arguments put in the placeholders' places — always bound parameters,
// never text. So the builder must use its arguments only as values (`where(col, '=', id)`,
// `limit(n)`), never to decide the query's shape (`if`, a list's length, `sql.raw`).
import type { CompiledQuery, Compilable } from 'kysely';
import type { Executor } from '../platform/transaction.ts';

class Placeholder {
  constructor(readonly index: number) {}
}

interface Compiled<R> {
  plugins: readonly unknown[];
  query: CompiledQuery<R>;
}

/**
 * `build` called once per database (the Kysely instance and its transactions share one adapter
 * and the same plugins, so one compiled text serves them all) with placeholders for its arguments.
 */
export function fixedQuery<A extends unknown[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<object, Compiled<R>>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    let c = compiled.get(executor.adapter);
    if (!c || !samePlugins(c.plugins, executor.plugins)) {
      c = { plugins: executor.plugins, query: compileWithPlaceholders(db, build, args.length) };
      compiled.set(executor.adapter, c);
    }
    const parameters = c.query.parameters.map((v) => (v instanceof Placeholder ? args[v.index] : v));
    const { rows } = await db.executeQuery<R>({ ...c.query, parameters });
    return rows;
  };
}

function compileWithPlaceholders<A extends unknown[], R>(
  db: Executor,
  build: (db: Executor, ...args: A) => Compilable<R>,
  arity: number,
): CompiledQuery<R> {
  const slots = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  const query = build(db, ...(slots as unknown as A)).compile();
  const used = new Set(query.parameters.flatMap((v) => (v instanceof Placeholder ? [v.index] : [])));
  // An argument that did not become a bound parameter was used for something else: a bug here.
  if (used.size !== arity || query.sql.includes('[object Object]')) {
    throw new Error(`fixedQuery: every argument must be a bound value (${query.sql})`);
  }
  return query;
}

function samePlugins(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
