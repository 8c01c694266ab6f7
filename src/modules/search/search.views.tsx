// The public search page (/search): a GET form, facets as links (agency, category, year,
// validity), results with highlighted snippets, numbered pages. No JavaScript.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export interface SearchHit {
  id: number;
  /** HTML from highlight(): escaped text with <mark> around hits. */
  titleHtml: string;
  snippetHtml: string;
  agencyName: string;
  publishedOn: string | null;
  indexNumber: string | null;
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
}

export function SearchPage(p: { ctx: PageContext; view: SearchView }) {
  const v = p.view;
  return (
    <PortalLayout title={v.q ? `检索：${v.q}` : '检索'} ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '检索' }]} />
      <h1>检索公开信息{v.scopeName ? `（${v.scopeName}）` : ''}</h1>
      <form method="get" action="/search" class="search-box" role="search">
        {v.agencySlug ? <input type="hidden" name="agency" value={v.agencySlug} /> : null}
        <label for="search-q">关键词（多个词用空格分开）</label>
        <span class="search-row">
          <input id="search-q" type="search" name="q" value={v.q} />
          <button type="submit">检索</button>
        </span>
      </form>
      {v.tooShort ? <p>请输入要检索的词语。</p> : null}
      {v.q && !v.tooShort ? (
        <div class="search-layout">
          <div class="search-results">
            <p role="status">
              {v.totalIsLowerBound ? `找到超过 ${v.total} 条结果，显示前 ${v.total} 条` : `找到 ${v.total} 条结果`}
              {v.total > 0 ? `，第 ${v.page} / ${v.pageCount} 页` : ''}。
            </p>
            {v.totalIsLowerBound ? (
              <p class="muted">
                结果较多：可用右侧的发布机构、分类、年份等条件筛选，或输入更长、更具体的关键词缩小范围。
              </p>
            ) : null}
            <ol class="hits">
              {v.hits.map((h) => (
                <li key={h.id}>
                  <h2 class="hit-title">
                    <a href={`/publications/${h.id}`} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                  </h2>
                  <p class="hit-snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                  <p class="pub-meta">
                    <span>{h.agencyName}</span> <span>{h.publishedOn}</span> <span>索引号 {h.indexNumber}</span>
                  </p>
                </li>
              ))}
            </ol>
            {v.pageCount > 1 ? (
              <nav aria-label="翻页" class="pager">
                {v.page > 1 ? (
                  <a href={v.pageHref(v.page - 1)} rel="prev">
                    上一页
                  </a>
                ) : null}
                {Array.from(
                  { length: Math.min(v.pageCount, 10) },
                  (_, i) => i + Math.max(1, Math.min(v.page - 4, v.pageCount - 9)),
                ).map((n) =>
                  n === v.page ? (
                    <span key={n} aria-current="page">
                      {n}
                    </span>
                  ) : (
                    <a key={n} href={v.pageHref(n)}>
                      {n}
                    </a>
                  ),
                )}
                {v.page < v.pageCount ? (
                  <a href={v.pageHref(v.page + 1)} rel="next">
                    下一页
                  </a>
                ) : null}
              </nav>
            ) : null}
          </div>
          <aside class="facets" aria-label="筛选检索结果">
            {v.totalIsLowerBound ? <p class="muted">以下按前 {v.total} 条结果统计。</p> : null}
            {v.facets.map((f) =>
              f.options.length ? (
                <section key={f.key} aria-labelledby={`facet-${f.key}`}>
                  <h2 id={`facet-${f.key}`}>{f.title}</h2>
                  <ul>
                    {f.clearHref ? (
                      <li>
                        <a href={f.clearHref}>不限</a>
                      </li>
                    ) : null}
                    {f.options.map((o) => (
                      <li key={o.href}>
                        {o.selected ? <strong aria-current="true">{o.label}</strong> : <a href={o.href}>{o.label}</a>}{' '}
                        <span class="muted">({o.count})</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null,
            )}
          </aside>
        </div>
      ) : null}
    </PortalLayout>
  );
}
