// A column list's page (条例 第二十条): the layout around its body, the body's frame (breadcrumbs,
// heading, category tree, filters, feed: the list's state alone) and one page's items and pager.
// The frame of a deeper page is kept rendered per list state and data version (columnListFrame).
import { randomBytes } from 'node:crypto';
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { EncodedPart, prerendered, renderPart } from '../../platform/views/render.ts';
import type { AgencyRow } from '../agency/index.ts';
import { CHANNEL_LABELS, VALIDITY_LABELS } from '../publication/index.ts';
import type { Channel, ListedItem, Validity } from '../publication/index.ts';
import { Pager, PublicationList, type ListState } from './catalog.views.tsx';

/** A column list's page: the layout around its body (ColumnListBody, kept encoded for a first page). */
export function ColumnListPage(p: { ctx: PageContext; title: string; body: preact.ComponentChildren }) {
  return (
    <PortalLayout title={p.title} ctx={p.ctx}>
      {p.body}
    </PortalLayout>
  );
}

/** What a column list's page shows around its items: it depends only on the list's state. */
export interface ColumnListFrameProps {
  agency: AgencyRow;
  column: { key: string; title: string };
  /** categoryTreeHtml() of the column's categories. */
  categoryTree: string;
  categoryName: string | null;
  state: ListState;
  years: number[];
}

/** What a column list's page shows inside the layout: nothing in it depends on the request beyond the list's state. */
export function ColumnListBody(
  p: ColumnListFrameProps & { items: ListedItem[]; total: number; page: number; pages: number },
) {
  return (
    <ColumnListFrame {...p}>
      <ColumnListItems
        base={`/agencies/${p.agency.slug}/${p.column.key}`}
        state={p.state}
        items={p.items}
        total={p.total}
        page={p.page}
        pages={p.pages}
      />
    </ColumnListFrame>
  );
}

/** One page of a list: the count, the items and the pager. */
export function ColumnListItems(p: {
  base: string;
  state: ListState;
  items: ListedItem[];
  total: number;
  page: number;
  pages: number;
}) {
  return (
    <>
      <p class="muted" role="status">
        共 {p.total} 条{p.pages > 1 ? `，第 ${p.page} / ${p.pages} 页` : ''}
      </p>
      <PublicationList items={p.items} />
      <Pager base={p.base} state={p.state} page={p.page} pages={p.pages} />
    </>
  );
}

/** Where a list's items go in its frame's text (columnListFrame): unguessable, per process. */
const ITEMS_HOLE = `gkitems${randomBytes(8).toString('hex')}`;

/**
 * A list's frame (everything but ColumnListItems) rendered once and cut where the items go, kept
 * encoded: a deeper page renders only its items between the two parts — the same bytes as
 * ColumnListBody (test/portal/list-frame.test.tsx).
 */
export function columnListFrame(p: ColumnListFrameProps): { before: EncodedPart; after: EncodedPart } {
  const html = renderPart(<ColumnListFrame {...p}>{prerendered(ITEMS_HOLE)}</ColumnListFrame>);
  const at = html.indexOf(ITEMS_HOLE);
  if (at < 0 || html.lastIndexOf(ITEMS_HOLE) !== at)
    throw new Error('columnListFrame: the items hole is not there once');
  return {
    before: new EncodedPart(html.slice(0, at)),
    after: new EncodedPart(html.slice(at + ITEMS_HOLE.length)),
  };
}

function ColumnListFrame(p: ColumnListFrameProps & { children: preact.ComponentChildren }) {
  const a = p.agency;
  const base = `/agencies/${a.slug}/${p.column.key}`;
  const title = p.categoryName ?? p.column.title;
  const crumbs = [
    { href: '/', label: '首页' },
    { href: `/agencies/${a.slug}`, label: a.name },
    { href: base, label: p.column.title },
  ];
  if (p.categoryName) crumbs.push({ href: '', label: p.categoryName });
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1>{title}</h1>
      <div class="catalog">
        <nav aria-label="信息分类" class="catalog-nav">
          <h2 class="visually-small">分类</h2>
          <p class="catalog-all">
            <a href={base} aria-current={!p.state.category ? 'page' : undefined}>
              全部
            </a>
          </p>
          {prerendered(p.categoryTree)}
        </nav>
        <div class="catalog-main">
          <form method="get" action={base} class="filters" aria-label="筛选">
            {p.state.category ? <input type="hidden" name="category" value={String(p.state.category)} /> : null}
            <span class="filter">
              <label for="f-year">年份</label>
              <select id="f-year" name="year">
                <option value="">全部</option>
                {p.years.map((y) => (
                  <option key={y} value={String(y)} selected={p.state.year === y}>
                    {y}
                  </option>
                ))}
              </select>
            </span>
            <span class="filter">
              <label for="f-validity">有效性</label>
              <select id="f-validity" name="validity">
                <option value="">全部</option>
                {(Object.entries(VALIDITY_LABELS) as [Validity, string][]).map(([k, v]) => (
                  <option key={k} value={k} selected={p.state.validity === k}>
                    {v}
                  </option>
                ))}
              </select>
            </span>
            <span class="filter">
              <label for="f-channel">公开方式</label>
              <select id="f-channel" name="channel">
                <option value="">全部</option>
                {(Object.entries(CHANNEL_LABELS) as [Channel, string][]).map(([k, v]) => (
                  <option key={k} value={k} selected={p.state.channel === k}>
                    {v}
                  </option>
                ))}
              </select>
            </span>
            <span class="filter">
              <label for="f-sort">排序</label>
              <select id="f-sort" name="sort">
                <option value="new" selected={p.state.sort === 'new'}>
                  发布日期从新到旧
                </option>
                <option value="old" selected={p.state.sort === 'old'}>
                  发布日期从旧到新
                </option>
              </select>
            </span>
            <button type="submit">筛选</button>
          </form>
          {p.children}
          <p class="feeds">
            订阅：
            <a href={`/agencies/${a.slug}/rss.xml${p.state.category ? `?category=${p.state.category}` : ''}`}>
              {title}（RSS）
            </a>
          </p>
        </div>
      </div>
    </>
  );
}
