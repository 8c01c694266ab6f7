// One typed schema per route (issue #12 point 8): every path, query and body parameter is checked
// by Fastify's validator before any handler runs. A route states its parameters with the
// builders below (TypeBox, so the handler's types follow the schema); registerInputSchemas gives
// every route what it does not state itself:
//
// - path parameters, typed by name (paramsByName): `id`/`…Id` an integer of the database's
//   range, `slug` the slug pattern, `year` a year, others one line — anything else is a 404;
// - query string: each parameter once (a duplicated parameter is a 400 unless the route lists
//   it with `Many`), one line of text;
// - form bodies: each field text, or a list of texts for checkbox groups.
//
// "Text" never holds NUL or another control character (tab and line breaks aside), nor a lone
// surrogate or U+FFFE/U+FFFF: PostgreSQL refuses NUL, XML exports (RSS, DOCX, XLSX) refuse the
// others, and no person types them. The same text is refused on both engines. Word's manual line
// and page breaks (\v, \f), which do arrive by pasting, become line breaks before validation.
//
// Required fields, lengths a person may exceed and business rules stay with the form validation
// (platform/forms.ts), which re-renders the form with field errors; the schema is the gate for
// types, sizes, characters, duplicates and number ranges. Failures are answered by the error
// handler (error-handler.tsx): 404 for a path, 400 for a query, and for a form a 422 page that
// gives the typed text back with the problems marked.
import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { Type, type TProperties, type TSchema } from 'typebox';
import AjvCompiler from '@fastify/ajv-compiler';
import { AppError } from '../errors.ts';

const TEXT_CHARS = '[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF\\uFFFE\\uFFFF]';

const LINE_CHARS = '[^\\u0000-\\u001F\\u007F\\uD800-\\uDFFF\\uFFFE\\uFFFF]';
export const TEXT_PATTERN = `^${TEXT_CHARS}*$`;
export const LINE_PATTERN = `^${LINE_CHARS}*$`;

/** Free text typed into a form: line breaks and tabs allowed. */
export const Text = (label: string, maxLength = 200_000) =>
  Type.String({ title: label, maxLength, pattern: TEXT_PATTERN });

/** One line: a name, a number, a search term, a query parameter. */
export const Line = (label: string, maxLength = 2_000, description?: string) =>
  Type.String({ title: label, maxLength, pattern: LINE_PATTERN, ...(description ? { description } : {}) });

/** One value of a closed list. */
export const OneOf = <T extends string>(label: string, values: readonly T[]) =>
  Type.Unsafe<T>(Type.String({ title: label, enum: [...values] }));

/** A database id (path or query; INTEGER range on both engines). */
export const Id = (label = '编号') => Type.Integer({ title: label, minimum: 1, maximum: 2_147_483_647 });

/** An id chosen in a form (a select's value; empty = nothing chosen): the handler reads it with parseId. */
export const IdField = (label: string) => Type.String({ title: label, pattern: '^(?:|[1-9][0-9]{0,9})$' });

export const Int = (label: string, minimum: number, maximum: number) =>
  Type.Integer({ title: label, minimum, maximum });

export const PageNo = () => Int('页码', 1, 100_000);

export const Year = (label = '年度', description?: string) =>
  Type.Integer({ title: label, minimum: 1900, maximum: 2999, ...(description ? { description } : {}) });

/** YYYY-MM. */
export const Month = (label = '月份') => Type.String({ title: label, pattern: '^[0-9]{4}-(?:0[1-9]|1[0-2])$' });

/** YYYY-MM-DD as typed (the calendar functions check that the day exists). */
export const IsoDate = (label: string) => Type.String({ title: label, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** An agency's slug in a URL (agency.service.ts: the pattern new slugs must match). */
export const Slug = (description?: string) =>
  Type.String({ title: '机构标识', pattern: '^[a-z][a-z0-9-]{1,39}$', ...(description ? { description } : {}) });

/** A field or parameter that may repeat (checkbox groups, multi-selects). */
export const Many = <T extends TSchema>(item: T, maxItems = 200) => Type.Array(item, { maxItems });

/** Any query parameter a route does not name: one line, once. Read by no handler but pageContext. */
const OTHER_QUERY = Line('参数');
/** Any form field a route does not name: text, or a list of texts. */
const OTHER_FIELD = Type.Unsafe<string | string[]>({
  type: ['string', 'array'],
  title: '表单字段',
  maxLength: 1_000_000,
  pattern: TEXT_PATTERN,
  maxItems: 500,
  items: Text('表单字段', 1_000_000),
});
const OTHER_PARAM = Line('路径参数', 200);

const optional = <P extends TProperties>(props: P) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof P]: ReturnType<typeof Type.Optional<P[K]>>;
  };

/** Path parameters (all required: they are in the path). */
export const params = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: OTHER_PARAM });

/** A query string: the named parameters (all optional), each once; any other one line of text. */
export const query = <P extends TProperties>(props: P) =>
  Type.Object(optional(props), { additionalProperties: OTHER_QUERY });

/**
 * A form body: the named fields (all optional — "required" is the form validation's field error)
 * plus the CSRF token; any other field is text.
 */
export const form = <P extends TProperties>(props: P) =>
  Type.Object(optional({ _csrf: Line('令牌', 200), ...props }), { additionalProperties: OTHER_FIELD });

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Word's manual line break and page break, as pasted into a textarea. */
const PASTED_BREAKS = /[\v\f]/g;

/** Replaces pasted \v and \f in a parsed form body (strings and lists of strings) by line breaks. */
export function normaliseFormText(body: unknown): void {
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return;
  const b = body as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) {
    if (typeof v === 'string') {
      if (PASTED_BREAKS.test(v)) b[k] = v.replace(PASTED_BREAKS, '\n');
    } else if (Array.isArray(v)) {
      b[k] = v.map((x) => (typeof x === 'string' ? x.replace(PASTED_BREAKS, '\n') : x));
    }
  }
}

/**
 * `?category=&year=` — what a GET form sends for a select left at 「全部」 — means "not given": the
 * empty parameters are dropped before validation, so an optional typed parameter may be left empty.
 */
export function dropEmptyQueryValues(q: unknown): void {
  if (!q || typeof q !== 'object') return;
  const o = q as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) if (v === '') delete o[k];
}

/** True when a parsed value holds a number the validator let through although it is not finite. */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) return Object.values(value).some(hasNonFinite);
  return false;
}

/**
 * The path parameters of a route that does not state them, typed by name: `id` and `…Id` are
 * ids, `slug` an agency's slug, `year` a year, anything else one line of text.
 */
export function paramsByName(url: string) {
  const props: TProperties = {};
  for (const m of url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1] as string;
    props[name] =
      name === 'id' || name.endsWith('Id')
        ? Id()
        : name === 'slug'
          ? Slug()
          : name === 'year'
            ? Year()
            : Line(name, 200);
  }
  return params(props);
}

/** A route as the app registered it: what tests walk (the property test, the authorisation matrix). */
export interface RegisteredRoute {
  method: string;
  url: string;
  schema: FastifySchema;
  config: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the schemas it validates against, in registration order. */
    routeTable: RegisteredRoute[];
  }
}

/** Gives every route the schemas it does not state (see the header) and closes the validator's gaps. */
export function registerInputSchemas(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ??= {});
    if (!schema.params && route.url.includes(':')) schema.params = paramsByName(route.url);
    if (!schema.querystring) schema.querystring = query({});
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!schema.body && methods.some((m) => UNSAFE.has(m))) schema.body = form({});
    for (const method of methods) table.push({ method, url: route.url, schema, config: route.config });
  });
  app.addHook('preValidation', async (req) => {
    dropEmptyQueryValues(req.query);
    if (UNSAFE.has(req.method)) normaliseFormText(req.body);
  });
  // Ajv coerces "Infinity" and "1e400" to Infinity and then skips minimum/maximum for it.
  app.addHook('preHandler', async (req: FastifyRequest) => {
    if (hasNonFinite(req.params)) throw new AppError('notFound');
    if (hasNonFinite(req.query) || hasNonFinite(req.body))
      throw new AppError('badRequest', '请求中的数字超出允许的范围，请检查后重试。');
  });
}

/**
 * Fastify's validator factory (@fastify/ajv-compiler, the one Fastify uses by default, with the same
 * options), except that a route's validator is compiled by Ajv on the route's first request instead
 * of when the route is registered. Building the app compiled ~300 route schemas up front: ≈ 60 % of
 * the 1.3–1.7 s of CPU an app costs to build (docs/PERFORMANCE.md, "CI time"), paid again by every
 * test that builds one and by every process start; most processes serve a few of the routes.
 * The compiled function is kept; its `errors` are handed on as Fastify reads them.
 */
export function lazyValidators(): AjvCompiler.ValidatorFactory {
  return (externalSchemas, options) => {
    const compile = AjvCompiler()(externalSchemas, options);
    return (route) => {
      let compiled: ReturnType<typeof compile> | undefined;
      const validate = (data: unknown) => {
        compiled ??= compile(route);
        const result = compiled(data);
        validate.errors = compiled.errors;
        return result;
      };
      validate.errors = null as ReturnType<typeof compile>['errors'];
      return validate as unknown as ReturnType<typeof compile>;
    };
  };
}
