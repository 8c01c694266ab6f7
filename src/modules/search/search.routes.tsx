// GET /search: the public search page, across all agencies or within one (?agency=slug), with
// facets and highlighted snippets. Results come from the index; what is shown comes from the
// published publications themselves (a withdrawn item has already left the index).
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Id, Int, Line, OneOf, query, Year } from '../../platform/http/schema.ts';
import { publicAgencies, type AgencyRow } from '../agency/index.ts';
import { listCategoriesByIds } from '../catalog/index.ts';
import { searchHitsByIds } from '../publication/index.ts';
import { VALIDITY_LABELS } from '../publication/index.ts';
import { VALIDITIES, type Validity } from '../publication/index.ts';
import { highlight } from './highlight.ts';
import { hitSnippet } from './hit-snippet.ts';
import { searchPublications, type FacetCounts } from './search.service.ts';
import { SEARCH_MAX_LENGTH, searchPage, type FacetGroup, type SearchHit } from './search.views.tsx';

const PAGE_SIZE = 10;

/** A hit's title: at most this many characters shown (highlight.ts), its options made once. */
const TITLE_LENGTH = { maxLength: 200 };

const SEARCH_QUERY = query({
  // Longer than the form allows (SEARCH_MAX_LENGTH), typed or pasted into the address: taken, cut
  // and sent back in the form with a message (400), not refused by the schema with the form lost;
  // the schema's limit is what a request line can carry (Node's 16 KB of headers).
  q: Line('检索词', 16_000),
  agency: Line('机构', 40),
  category: Id('分类'),
  year: Year(),
  validity: OneOf('有效性', VALIDITIES),
  page: Int('页码', 1, 9999),
});

/** The keys of a search URL's query, in the order its links write them. */
const STATE_KEYS = ['q', 'agency', 'category', 'year', 'validity', 'page'] as const;
type StateKey = (typeof STATE_KEYS)[number];

/** What URLSearchParams leaves as it is (ASCII letters and digits, `*-._`): ids, years, 网址标识. */
const FORM_SAFE = /^[A-Za-z0-9*._-]+$/;

/** `key=value` as URLSearchParams writes it; '' for an empty value (left out of the URL). */
function queryPair(key: string, value: string): string {
  if (!value) return '';
  return FORM_SAFE.test(value) ? `${key}=${value}` : new URLSearchParams([[key, value]]).toString();
}

/**
 * A link of the search page: the page's own pairs (`pairs`, one a STATE_KEYS key, '' where left
 * out) with the one at index `at` replaced by `pair`, the empty ones left out.
 */
function hrefWith(pairs: readonly string[], at: number, pair: string): string {
  let s = '';
  for (let i = 0; i < pairs.length; i += 1) {
    const p = i === at ? pair : (pairs[i] as string);
    if (p) s += s ? `&${p}` : p;
  }
  return `/search?${s}`;
}

const PAGE_AT = STATE_KEYS.indexOf('page');

/** The page for a 检索词 too long to search: the form only. */
const EMPTY_VIEW = {
  total: 0,
  totalIsLowerBound: false,
  page: 1,
  pageCount: 1,
  hits: [],
  facets: [],
  pageHref: () => '/search',
  tooShort: false,
};

/**
 * The active agencies by id and by 网址标识, kept while no public data changes
 * (db/version-memo.ts): the scope, the hits' and the facets' agencies are read from it.
 */
function activeAgencies(app: FastifyInstance) {
  return app.memo.get('search.agencies', async () => {
    const rows = await publicAgencies(app);
    return {
      byId: new Map<number, AgencyRow>(rows.map((a) => [a.id, a])),
      bySlug: new Map<string, AgencyRow>(rows.map((a) => [a.slug, a])),
    };
  });
}

/** The facets' categories (any state, as the index holds them), each kept like the agencies. */
function categoriesById(app: FastifyInstance, ids: readonly number[]) {
  return app.memo.getMany('category.id:', ids, async (missing) => {
    const rows = await listCategoriesByIds(app.db, missing);
    return new Map(rows.map((c) => [c.id, c]));
  });
}

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search', { config: { publicCache: true }, schema: { querystring: SEARCH_QUERY } }, async (req, reply) => {
    const query = req.query as Static<typeof SEARCH_QUERY>;
    const given = (query.q ?? '').trim();
    const agencies = await activeAgencies(app);
    const slug = query.agency;
    const agency = slug ? agencies.bySlug.get(slug) : undefined;
    const chars = [...given];
    if (chars.length > SEARCH_MAX_LENGTH) {
      const ctx = await req.pageContext(reply);
      const view = { ...EMPTY_VIEW, q: chars.slice(0, SEARCH_MAX_LENGTH).join('').trim(), tooLong: true };
      return reply.page(
        searchPage(ctx, { ...view, agencySlug: agency?.slug ?? '', scopeName: agency?.name ?? null }),
        400,
      );
    }
    const q = given;
    const categoryId = query.category;
    const year = query.year;
    const validity = query.validity;
    const page = query.page ?? 1;

    const state: Record<StateKey, string> = {
      q,
      agency: agency?.slug ?? '',
      category: categoryId ? String(categoryId) : '',
      year: year ? String(year) : '',
      validity: validity ?? '',
      page: '',
    };
    // This page's links: its own query with one key changed (and no page number unless given),
    // each unchanged pair encoded once for all of them.
    const pairs = STATE_KEYS.map((k) => queryPair(k, state[k]));

    const result = q
      ? await searchPublications(app.db, {
          q,
          page,
          pageSize: PAGE_SIZE,
          ...(agency ? { agencyIds: [agency.id] } : {}),
          ...(categoryId ? { categoryIds: [categoryId] } : {}),
          ...(year ? { year } : {}),
          ...(validity ? { validity } : {}),
        })
      : null;
    // A page past the last (a number typed, a link kept while publications were withdrawn) is the
    // last page, not 「第 3 / 2 页」 with nothing on it.
    const lastPage = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
    if (result && result.total > 0 && page > lastPage)
      return reply.redirect(hrefWith(pairs, PAGE_AT, lastPage > 1 ? queryPair('page', String(lastPage)) : ''), 302);
    const rows = result ? await searchHitsByIds(app.db, result.ids) : [];
    const byPub = new Map(rows.map((r) => [r.id, r]));
    const cats = result
      ? await categoriesById(
          app,
          result.facets.category.slice(0, 30).map((f) => Number(f.value)),
        )
      : new Map<number, never>();
    // Only the agencies this page names (the hits, the first facets, the categories' agencies).
    const FACET_AGENCIES = 40;
    const byId = new Map<number, AgencyRow>();
    const name = (id: number) => {
      const a = agencies.byId.get(id);
      if (a) byId.set(id, a);
    };
    for (const r of rows) name(r.agencyId);
    for (const f of result?.facets.agency.slice(0, FACET_AGENCIES) ?? []) name(Number(f.value));
    for (const c of cats.values()) name(c.agencyId);
    const hits: SearchHit[] = [];
    if (result)
      for (const id of result.ids) {
        const r = byPub.get(id);
        if (!r) continue;
        hits.push({
          id,
          titleHtml: highlight(r.title, result.terms, TITLE_LENGTH),
          snippetHtml: hitSnippet(r, result.terms),
          agencyName: byId.get(r.agencyId)?.name ?? '',
          publishedOn: r.publishedOn,
          indexNumberHtml: r.indexNumber ? highlight(r.indexNumber, result.terms, TITLE_LENGTH) : '',
        });
      }

    const facets: FacetGroup[] = [];
    if (result) {
      const group = (
        key: StateKey,
        title: string,
        counts: FacetCounts,
        label: (v: string) => string | undefined,
        limit = 15,
      ): FacetGroup => {
        // The first `limit` options with a label: links are written only for those shown (a
        // common word at 200,000 publications has hundreds of agencies among its hits).
        const at = STATE_KEYS.indexOf(key);
        const options: FacetGroup['options'] = [];
        for (const f of counts) {
          if (options.length >= limit) break;
          const value = String(f.value);
          const l = label(value);
          if (l === undefined) continue;
          const v = key === 'agency' ? (byId.get(Number(value))?.slug ?? '') : value;
          options.push({
            label: l,
            count: f.count,
            href: hrefWith(pairs, at, queryPair(key, v)),
            selected: state[key] === v,
          });
        }
        return { key, title, clearHref: state[key] ? hrefWith(pairs, at, '') : null, options };
      };
      facets.push(
        group('agency', '发布机构', result.facets.agency, (v) => byId.get(Number(v))?.name),
        group('category', '分类', result.facets.category, (v) => {
          const c = cats.get(Number(v));
          return c ? `${byId.get(c.agencyId)?.shortName ?? ''} ${c.name}`.trim() : undefined;
        }),
        group(
          'year',
          '年份',
          [...result.facets.year].sort((a, b) => Number(b.value) - Number(a.value)),
          (v) => `${v} 年`,
        ),
        group('validity', '有效性', result.facets.validity, (v) => VALIDITY_LABELS[v as Validity]),
      );
    }
    const total = result?.total ?? 0;
    return reply.page(
      searchPage(await req.pageContext(reply), {
        q,
        agencySlug: agency?.slug ?? '',
        scopeName: agency?.name ?? null,
        total,
        totalIsLowerBound: result?.totalIsLowerBound ?? false,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        hits,
        facets,
        pageHref: (n) => hrefWith(pairs, PAGE_AT, queryPair('page', String(n))),
        tooShort: q !== '' && result !== null && result.terms.length === 0,
        tooLong: false,
      }),
    );
  });
}
