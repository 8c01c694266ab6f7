// Public catalogue pages (条例 第二十条–第二十三条): the 专栏 landing with the latest items of each
// column, column/category lists with filters and keyset pages, and the county-wide latest list.
// Plain links and GET forms only: everything works without JavaScript.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { CHANNEL_LABELS, VALIDITY_LABELS } from '../publication/publication.rules.ts';
import type { Channel, Validity } from '../publication/publication.tables.ts';
import type { PublicItem } from '../publication/index.ts';

export const articleHref = (id: number) => `/publications/${id}`;

export function PublicationList({
  items,
  agencyNames,
}: {
  items: readonly PublicItem[];
  agencyNames?: ReadonlyMap<number, string>;
}) {
  if (!items.length) return <p class="muted">暂无已发布的信息。</p>;
  return (
    <ul class="pub-list">
      {items.map((p) => (
        <li key={p.id}>
          <a href={articleHref(p.id)}>{p.title}</a>
          <span class="pub-meta">
            {agencyNames ? <span>{agencyNames.get(p.agencyId) ?? ''}</span> : null}
            <time dateTime={p.publishedOn ?? undefined}>{p.publishedOn}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}

export type ColumnLatest = { key: string; title: string; hint: string; items: PublicItem[] };

/** The latest items of each list column and a search box, on the agency's 专栏 landing page. */
export function LandingLatest(p: { agency: AgencyRow; latest: ColumnLatest[] }) {
  const a = p.agency;
  return (
    <div class="landing-latest">
      <form method="get" action="/search" class="search-box" role="search">
        <input type="hidden" name="agency" value={a.slug} />
        <label for="agency-q">在本机关公开信息中检索</label>
        <span class="search-row">
          <input id="agency-q" type="search" name="q" />
          <button type="submit">检索</button>
        </span>
      </form>
      {p.latest.map((col) => (
        <section key={col.key} aria-labelledby={`latest-${col.key}`}>
          <h2 id={`latest-${col.key}`}>{col.title} · 最新</h2>
          <PublicationList items={col.items} />
          {col.items.length ? (
            <p>
              <a href={`/agencies/${a.slug}/${col.key}`}>更多{col.title}</a>
            </p>
          ) : null}
        </section>
      ))}
      <p class="feeds">
        订阅：<a href={`/agencies/${a.slug}/rss.xml`}>{a.name}最新公开信息（RSS）</a>
      </p>
    </div>
  );
}

export interface CategoryLink {
  id: number;
  name: string;
  depth: number;
}

export interface ListState {
  category?: number;
  year?: number;
  validity?: string;
  channel?: string;
  sort: 'new' | 'old';
}

export function listQuery(s: ListState, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (s.category) q.set('category', String(s.category));
  if (s.year) q.set('year', String(s.year));
  if (s.validity) q.set('validity', s.validity);
  if (s.channel) q.set('channel', s.channel);
  if (s.sort !== 'new') q.set('sort', s.sort);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

export function ColumnListPage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  column: { key: string; title: string };
  categories: CategoryLink[];
  categoryName: string | null;
  state: ListState;
  years: number[];
  items: PublicItem[];
  total: number;
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
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
    <PortalLayout title={`${title} - ${a.name}`} ctx={p.ctx}>
      <Breadcrumbs items={crumbs} />
      <h1>{title}</h1>
      <div class="catalog">
        <nav aria-label="信息分类" class="catalog-nav">
          <h2 class="visually-small">分类</h2>
          <ul>
            <li>
              <a href={base} aria-current={!p.state.category ? 'page' : undefined}>
                全部
              </a>
            </li>
            {p.categories.map((c) => (
              <li key={c.id} class={`depth-${Math.min(c.depth, 3)}`}>
                <a
                  href={`${base}${listQuery({ sort: 'new', category: c.id })}`}
                  aria-current={p.state.category === c.id ? 'page' : undefined}
                >
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
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
          <p class="muted" role="status">
            共 {p.total} 条
          </p>
          <PublicationList items={p.items} />
          <nav aria-label="翻页" class="pager">
            {!p.isFirstPage ? <a href={`${base}${listQuery(p.state)}`}>第一页</a> : null}
            {p.nextCursor ? (
              <a href={`${base}${listQuery(p.state, { after: p.nextCursor })}`} rel="next">
                下一页
              </a>
            ) : null}
          </nav>
          <p class="feeds">
            订阅：
            <a href={`/agencies/${a.slug}/rss.xml${p.state.category ? `?category=${p.state.category}` : ''}`}>
              {title}（RSS）
            </a>
          </p>
        </div>
      </div>
    </PortalLayout>
  );
}

/** The county-wide latest list on the home page. */
export function LatestSection({
  items,
  agencyNames,
}: {
  items: readonly PublicItem[];
  agencyNames: ReadonlyMap<number, string>;
}) {
  return (
    <section aria-labelledby="latest-title">
      <h2 id="latest-title">最新公开信息</h2>
      <PublicationList items={items} agencyNames={agencyNames} />
    </section>
  );
}
