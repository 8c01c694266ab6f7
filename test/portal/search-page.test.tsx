// The search page's content filled in from templates (src/modules/search/search.views.tsx,
// searchContent) is byte for byte the content as it was rendered by preact (the markup below, as
// it stood before the templates): random views — queries and labels with characters preact
// escapes, empty values, scopes, too-short and too-long queries, capped totals, hits with missing dates and
// 索引号, every pager position, facets with and without a selection and a clear link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rng } from '../../bench/corpus.ts';
import { Breadcrumbs } from '../../src/platform/views/components.tsx';
import { renderPart } from '../../src/platform/views/render.ts';
import { searchContent, type FacetGroup, type SearchView } from '../../src/modules/search/search.views.tsx';

function Reference({ v }: { v: SearchView }) {
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '检索' }]} />
      <h1>检索公开信息{v.scopeName ? `（${v.scopeName}）` : ''}</h1>
      <form method="get" action="/search" class="search-box" role="search">
        {v.agencySlug ? <input type="hidden" name="agency" value={v.agencySlug} /> : null}
        <label for="search-q">关键词（多个词用空格分开）</label>
        {v.tooLong ? (
          <p class="error" id="search-q-error">
            检索词不能超过 200 个字，已保留前 200 个字，请精简后重新检索。
          </p>
        ) : null}
        <span class="search-row">
          {v.tooLong ? (
            <input
              id="search-q"
              type="search"
              name="q"
              value={v.q}
              maxLength={200}
              aria-invalid="true"
              aria-describedby="search-q-error"
            />
          ) : (
            <input id="search-q" type="search" name="q" value={v.q} maxLength={200} />
          )}
          <button type="submit">检索</button>
        </span>
      </form>
      {v.tooShort ? <p>请输入要检索的词语。</p> : null}
      {v.q && !v.tooShort && !v.tooLong ? (
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
                    <span>{h.agencyName}</span> <span>{h.publishedOn}</span>{' '}
                    <span dangerouslySetInnerHTML={{ __html: `索引号 ${h.indexNumberHtml}` }} />
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
    </>
  );
}

const PIECES = ['', '灵溪', '公开', 'a', '1', '&', '<', '>', '"', "'", ' ', '&amp;', '<mark>'];

test('the search content filled in from templates is the content rendered by preact', () => {
  const r = rng(2026_12_06);
  const int = (n: number) => Math.floor(r() * n);
  const text = () => {
    let s = '';
    for (let i = int(4); i > 0; i -= 1) s += PIECES[int(PIECES.length)];
    return s;
  };
  const escaped = () => text().replace(/&/g, '&amp;').replace(/</g, '&lt;') + (r() < 0.3 ? '<mark>x</mark>' : '');
  for (let n = 0; n < 3000; n += 1) {
    const pageCount = 1 + int(r() < 0.5 ? 3 : 60);
    const facets: FacetGroup[] = ['agency', 'category', 'year', 'validity'].map((key) => ({
      key,
      title: text(),
      clearHref: r() < 0.3 ? `/search?q=${text()}` : null,
      options: Array.from({ length: int(r() < 0.2 ? 0 : 16) }, (_, i) => ({
        label: text(),
        count: int(600),
        href: `/search?q=${text()}&${key}=${i}`,
        selected: r() < 0.1,
      })),
    }));
    const v: SearchView = {
      q: r() < 0.1 ? '' : text(),
      agencySlug: r() < 0.3 ? text() : '',
      scopeName: r() < 0.3 ? text() : null,
      total: int(r() < 0.2 ? 1 : 700),
      totalIsLowerBound: r() < 0.2,
      page: 1 + int(pageCount + 1),
      pageCount,
      hits: Array.from({ length: int(11) }, () => ({
        id: 1 + int(200_000),
        titleHtml: escaped(),
        snippetHtml: escaped(),
        agencyName: text(),
        publishedOn: r() < 0.2 ? null : text(),
        indexNumberHtml: r() < 0.2 ? '' : escaped(),
      })),
      facets,
      pageHref: (p) => `/search?q=${n}&page=${p}&"<&`,
      tooShort: r() < 0.1,
      tooLong: r() < 0.1,
    };
    assert.equal(searchContent(v), renderPart(<Reference v={v} />), JSON.stringify(v));
  }
});
