// Queries whose shape never changes (the article page's reads by one id, …) built and compiled
// once per database instead of on every call: building a Kysely query, the camel-case plugin's pass
// over it and compiling it cost more CPU than SQLite running it (docs/PERFORMANCE.md, "Render
// cost"). The query is built once with placeholders standing for the arguments; each call sends
// the compiled SQL with the arguments put in the placeholders' places — always bound parameters,
// never text. So the builder must use its arguments only as values (`where(col, '=', id)`,
// `limit(n)`), never to decide the query's shape (`if`, a list's length, `sql.raw`).
import { sql, type CompiledQuery, type Compilable, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/transaction.ts';
import { directRows } from './direct-read.ts';

class Placeholder {
  constructor(readonly index: number) {}
  /** A shape's key (shapedQuery) shows where a value goes, not the value. */
  toJSON(): string {
    return '?';
  }
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
    // The embedded engine runs a read on its handle at once when it may (db/direct-read.ts).
    const direct = directRows<R>(db, c.plugins, c.query.sql, parameters);
    if (direct) return direct;
    const { rows } = await db.executeQuery<R>({ ...c.query, parameters });
    return rows;
  };
}

/** The most shapes shapedQuery keeps per query and database (the oldest compiled is dropped). */
export const MAX_SHAPES = 200;

/**
 * fixedQuery for a builder whose input decides the query's shape (which filters are set, how long
 * an IN list is): `template` returns the input with each value passed through `slot` — a
 * placeholder takes the value's place — and everything it keeps as it is (a flag, a list's
 * length, a sort direction) is the shape. The query is built and compiled once per shape (the
 * template's JSON), with the values bound as parameters on each call. As for fixedQuery, the
 * builder may use a slotted value only as a value.
 */
export function shapedQuery<I, R>(
  template: (input: I, slot: <T>(value: T) => T) => I,
  build: (db: Executor, input: I) => Compilable<R>,
  maxShapes = MAX_SHAPES,
): (db: Executor, input: I) => Promise<R[]> {
  return shaped(
    template,
    (db, input) => build(db, input).compile(),
    maxShapes,
    async (db, query) => {
      const direct = directRows<R>(db, db.getExecutor().plugins, query.sql, query.parameters);
      if (direct) return direct;
      const { rows } = await db.executeQuery<R>(query);
      return rows;
    },
  );
}

/**
 * shapedQuery for SQL written with Kysely's `sql` template (the search passes), the rows as the
 * driver gives them: the plugins' pass over the result (the camel-case plugin maps every key of
 * every row, up to ~1,000 rows a search) is left out, so the text must name its columns as the
 * rows are to have them (`d.agency_id AS "agencyId"`).
 */
export function shapedSql<I, R>(
  template: (input: I, slot: <T>(value: T) => T) => I,
  build: (input: I) => RawBuilder<R>,
  maxShapes = MAX_SHAPES,
): (db: Executor, input: I) => Promise<R[]> {
  return shaped(
    template,
    (db, input) => build(input).compile(db),
    maxShapes,
    (db, query) =>
      directRows<R>(db, null, query.sql, query.parameters) ??
      db.getExecutor().provideConnection(async (c) => (await c.executeQuery<R>(query)).rows),
  );
}

function shaped<I, R>(
  template: (input: I, slot: <T>(value: T) => T) => I,
  compile: (db: Executor, input: I) => CompiledQuery<R>,
  maxShapes: number,
  run: (db: Executor, query: CompiledQuery<R>) => R[] | Promise<R[]>,
): (db: Executor, input: I) => Promise<R[]> {
  const compiled = new WeakMap<object, { plugins: readonly unknown[]; shapes: Map<string, CompiledQuery<R>> }>();
  return async (db, input) => {
    const values: unknown[] = [];
    const shaped = template(input, <T>(value: T) => {
      values.push(value);
      return new Placeholder(values.length - 1) as T;
    });
    const key = JSON.stringify(shaped);
    const executor = db.getExecutor();
    let c = compiled.get(executor.adapter);
    if (!c || !samePlugins(c.plugins, executor.plugins)) {
      c = { plugins: executor.plugins, shapes: new Map() };
      compiled.set(executor.adapter, c);
    }
    let query = c.shapes.get(key);
    if (!query) {
      query = checked(compile(db, shaped), values.length);
      if (c.shapes.size >= maxShapes) c.shapes.delete(c.shapes.keys().next().value as string);
      c.shapes.set(key, query);
    }
    const parameters = query.parameters.map((v) => (v instanceof Placeholder ? values[v.index] : v));
    return run(db, { ...query, parameters });
  };
}

function compileWithPlaceholders<A extends unknown[], R>(
  db: Executor,
  build: (db: Executor, ...args: A) => Compilable<R>,
  arity: number,
): CompiledQuery<R> {
  const slots = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  return checked(build(db, ...(slots as unknown as A)).compile(), arity);
}

/** The compiled query, if each of the `arity` placeholders became a bound parameter. */
function checked<R>(query: CompiledQuery<R>, arity: number): CompiledQuery<R> {
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

/**
 * A LIMIT for SQL written with Kysely's `sql` template, in the text as the embedded engine's compiler
 * puts a query builder's (db/database.ts, LiteralLimitCompiler): `LIMIT ${literalLimit(n)}`. Only a non-negative integer is accepted.
 */
export function literalLimit(n: number): RawBuilder<unknown> {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`literalLimit: not a row count (${n})`);
  return sql.lit(n);
}
