// The public search page (/search): a GET form, facets as links (agency, category, year,
// validity), results with highlighted snippets, numbered pages. No JavaScript.
//
// The content is made of parts rendered once as templates (platform/views/html-template.tsx) and
// filled per request: a hit, a facet link, a page number — the markup is written here once, as
// JSX; a request concatenates (docs/PERFORMANCE.md, "Render cost: the search page, per-request
// work"). test/portal/search-page.test.tsx renders the same views with the markup as vnodes and
// compares.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { htmlTemplate, type Holes } from '../../platform/views/html-template.tsx';
import { portalPage } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { RenderedPage } from '../../platform/views/render.ts';

export interface SearchHit {
  id: number;
  /** HTML from highlight(): escaped text with <mark> around hits. */
  titleHtml: string;
  snippetHtml: string;
  agencyName: string;
  publishedOn: string | null;
  /** The 索引号 as HTML from highlight() (a search by number marks it here), '' without one. */
  indexNumberHtml: string;
}

export interface FacetGroup {
  key: string;
  title: string;
  options: { label: string; count: number; href: string; selected: boolean }[];
  clearHref: string | null;
}

export interface SearchView {
  q: string;
  agencySlug: string;
  scopeName: string | null;
  /** Hits computed (at most the search's cap). */
  total: number;
  /** More documents match than `total`: only the first `total` are paged and counted. */
  totalIsLowerBound: boolean;
  page: number;
  pageCount: number;
  hits: SearchHit[];
  facets: FacetGroup[];
  pageHref: (page: number) => string;
  tooShort: boolean;
  /** The 检索词 given was longer than SEARCH_MAX_LENGTH: `q` is its beginning, nothing was searched. */
  tooLong: boolean;
}

/** The longest 检索词 (the form's maxlength; a longer one typed into the address is cut and sent back). */
export const SEARCH_MAX_LENGTH = 200;
const TOO_LONG = `检索词不能超过 ${SEARCH_MAX_LENGTH} 个字，已保留前 ${SEARCH_MAX_LENGTH} 个字，请精简后重新检索。`;

/** The heading and the form; `tooLong`: the 检索词 was cut, the field says so (a template of its own). */
function Heading({ h, tooLong }: { h: Holes<{ scope: 'text'; agency: 'html'; q: 'text' }>; tooLong: boolean }) {
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '检索' }]} />
      <h1>检索公开信息{h.scope}</h1>
      <form method="get" action="/search" class="search-box" role="search">
        {h.agency}
        <label for="search-q">关键词（多个词用空格分开）</label>
        {tooLong ? (
          <p class="error" id="search-q-error">
            {TOO_LONG}
          </p>
        ) : null}
        <span class="search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={h.q}
            maxLength={SEARCH_MAX_LENGTH}
            {...(tooLong ? { 'aria-invalid': 'true', 'aria-describedby': 'search-q-error' } : {})}
          />
          <button type="submit">检索</button>
        </span>
      </form>
    </>
  );
}
const HEADING_HOLES = { scope: 'text', agency: 'html', q: 'text' } as const;
const heading = htmlTemplate(HEADING_HOLES, (h) => <Heading h={h} tooLong={false} />);
const headingTooLong = htmlTemplate(HEADING_HOLES, (h) => <Heading h={h} tooLong={true} />);
const scopeField = htmlTemplate({ slug: 'text' }, (h) => <input type="hidden" name="agency" value={h.slug} />);
const tooShort = htmlTemplate({}, () => <p>请输入要检索的词语。</p>);

const results = htmlTemplate(
  { status: 'text', page: 'text', note: 'html', hits: 'html', pager: 'html', facets: 'html' },
  (h) => (
    <div class="search-layout">
      <div class="search-results">
        <p role="status">
          {h.status}
          {h.page}。
        </p>
        {h.note}
        <ol class="hits">{h.hits}</ol>
        {h.pager}
      </div>
      <aside class="facets" aria-label="筛选检索结果">
        {h.facets}
      </aside>
    </div>
  ),
);
const manyNote = htmlTemplate({}, () => (
  <p class="muted">结果较多：可用右侧的发布机构、分类、年份等条件筛选，或输入更长、更具体的关键词缩小范围。</p>
));
const countedNote = htmlTemplate({ total: 'text' }, (h) => <p class="muted">以下按前 {h.total} 条结果统计。</p>);

const hit = htmlTemplate(
  { id: 'text', title: 'html', snippet: 'html', agency: 'text', date: 'text', indexNumber: 'html' },
  (h) => (
    <li>
      <h2 class="hit-title">
        <a href={`/publications/${h.id}`}>{h.title}</a>
      </h2>
      <p class="hit-snippet">{h.snippet}</p>
      <p class="pub-meta">
        <span>{h.agency}</span> <span>{h.date}</span> <span>索引号 {h.indexNumber}</span>
      </p>
    </li>
  ),
);

const pager = htmlTemplate({ links: 'html' }, (h) => (
  <nav aria-label="翻页" class="pager">
    {h.links}
  </nav>
));
const prevLink = htmlTemplate({ href: 'text' }, (h) => (
  <a href={h.href} rel="prev">
    上一页
  </a>
));
const nextLink = htmlTemplate({ href: 'text' }, (h) => (
  <a href={h.href} rel="next">
    下一页
  </a>
));
const pageLink = htmlTemplate({ href: 'text', n: 'text' }, (h) => <a href={h.href}>{h.n}</a>);
const currentPage = htmlTemplate({ n: 'text' }, (h) => <span aria-current="page">{h.n}</span>);

const facetSection = htmlTemplate({ key: 'text', title: 'text', options: 'html' }, (h) => (
  <section aria-labelledby={`facet-${h.key}`}>
    <h2 id={`facet-${h.key}`}>{h.title}</h2>
    <ul>{h.options}</ul>
  </section>
));
const facetClear = htmlTemplate({ href: 'text' }, (h) => (
  <li>
    <a href={h.href}>不限</a>
  </li>
));
const facetOption = htmlTemplate({ href: 'text', label: 'text', count: 'text' }, (h) => (
  <li>
    <a href={h.href}>{h.label}</a> <span class="muted">({h.count})</span>
  </li>
));
const facetSelected = htmlTemplate({ label: 'text', count: 'text' }, (h) => (
  <li>
    <strong aria-current="true">{h.label}</strong> <span class="muted">({h.count})</span>
  </li>
));

/** The numbered pages shown: up to ten around the current one. */
function pagerHtml(v: SearchView): string {
  let links = v.page > 1 ? prevLink({ href: v.pageHref(v.page - 1) }) : '';
  const first = Math.max(1, Math.min(v.page - 4, v.pageCount - 9));
  for (let n = first; n < first + Math.min(v.pageCount, 10); n += 1)
    links += n === v.page ? currentPage({ n: String(n) }) : pageLink({ href: v.pageHref(n), n: String(n) });
  if (v.page < v.pageCount) links += nextLink({ href: v.pageHref(v.page + 1) });
  return pager({ links });
}

function facetsHtml(v: SearchView): string {
  let html = v.totalIsLowerBound ? countedNote({ total: String(v.total) }) : '';
  for (const f of v.facets) {
    if (!f.options.length) continue;
    let options = f.clearHref ? facetClear({ href: f.clearHref }) : '';
    for (const o of f.options)
      options += o.selected
        ? facetSelected({ label: o.label, count: String(o.count) })
        : facetOption({ href: o.href, label: o.label, count: String(o.count) });
    html += facetSection({ key: f.key, title: f.title, options });
  }
  return html;
}

/** Everything inside the portal layout, as HTML. */
export function searchContent(v: SearchView): string {
  let html = (v.tooLong ? headingTooLong : heading)({
    scope: v.scopeName ? `（${v.scopeName}）` : '',
    agency: v.agencySlug ? scopeField({ slug: v.agencySlug }) : '',
    q: v.q,
  });
  if (v.tooShort) html += tooShort({});
  if (!v.q || v.tooShort || v.tooLong) return html;
  let hits = '';
  for (const h of v.hits)
    hits += hit({
      id: String(h.id),
      title: h.titleHtml,
      snippet: h.snippetHtml,
      agency: h.agencyName,
      date: h.publishedOn ?? '',
      indexNumber: h.indexNumberHtml,
    });
  return (
    html +
    results({
      status: v.totalIsLowerBound ? `找到超过 ${v.total} 条结果，显示前 ${v.total} 条` : `找到 ${v.total} 条结果`,
      page: v.total > 0 ? `，第 ${v.page} / ${v.pageCount} 页` : '',
      note: v.totalIsLowerBound ? manyNote({}) : '',
      hits,
      pager: v.pageCount > 1 ? pagerHtml(v) : '',
      facets: facetsHtml(v),
    })
  );
}

/**
 * The whole page as text (layout.tsx portalPage: the shell's template filled in by concatenation,
 * no vnode walked) — the same bytes as <PortalLayout> around prerendered(searchContent(v)).
 */
export function searchPage(ctx: PageContext, v: SearchView): RenderedPage {
  return portalPage({ title: v.q ? `检索：${v.q}` : '检索', ctx, contentHtml: searchContent(v) });
}
