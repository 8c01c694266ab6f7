// Public catalogue pages (条例 第二十条–第二十三条): the 专栏 landing with the latest items of each
// column, column/category lists with filters and keyset pages, and the county-wide latest list.
// Plain links and GET forms only: everything works without JavaScript.
import { renderPart } from '../../platform/views/render.ts';
import type { AgencyRow } from '../agency/index.ts';
import type { ListedItem, PublicItem } from '../publication/index.ts';

export const articleHref = (id: number) => `/publications/${id}`;

export function PublicationList({
  items,
  agencyNames,
}: {
  items: readonly ListedItem[];
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
  parentId: number | null;
  name: string;
}

interface CategoryNode extends CategoryLink {
  children: CategoryNode[];
}

/** Children under their parent, siblings in the order given (the taxonomy's order). */
export function categoryTree(list: readonly CategoryLink[]): CategoryNode[] {
  const nodes = new Map(list.map((c) => [c.id, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

const containsCategory = (n: CategoryNode, id: number | undefined): boolean =>
  id !== undefined && (n.id === id || n.children.some((c) => containsCategory(c, id)));

/**
 * The category tree as nested lists. A category with children folds them into a <details> (open
 * without JavaScript, by keyboard): the top level's children are shown, deeper levels are opened
 * when the current category is inside them.
 */
function CategoryTree(p: { nodes: CategoryNode[]; base: string; current: number | undefined; top?: boolean }) {
  return (
    <ul>
      {p.nodes.map((c) => (
        <li key={c.id}>
          <a
            href={`${p.base}${listQuery({ sort: 'new', category: c.id })}`}
            aria-current={p.current === c.id ? 'page' : undefined}
          >
            {c.name}
          </a>
          {c.children.length ? (
            <details open={p.top || containsCategory(c, p.current)}>
              <summary>
                <span class="visually-hidden">{c.name}的</span>下级分类（{c.children.length}）
              </summary>
              <CategoryTree nodes={c.children} base={p.base} current={p.current} />
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A column's category tree as HTML (renderPart), for the list page to put in as it is: it changes
 * only with the categories, so the route keeps it per data version (db/version-memo.ts).
 */
export function categoryTreeHtml(categories: readonly CategoryLink[], base: string, current: number | undefined) {
  return renderPart(<CategoryTree nodes={categoryTree(categories)} base={base} current={current} top />);
}

/** The pages shown around the current one: the first, the last and two on each side. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] as number) > 1) out.push('gap');
    out.push(n);
  });
  return out;
}

/** The page numbers of a pager's list (pageWindow), the current one marked: the column list's and 机构目录's. */
export function PageNumbers(p: { href: (page: number) => string; page: number; pages: number }) {
  return (
    <>
      {pageWindow(p.page, p.pages).map((n, i) =>
        n === 'gap' ? (
          <li key={`gap${i}`} class="pager-gap" aria-hidden="true">
            …
          </li>
        ) : (
          <li key={n}>
            <a href={p.href(n)} aria-current={n === p.page ? 'page' : undefined}>
              <span class="visually-hidden">第 </span>
              {n}
              <span class="visually-hidden"> 页</span>
            </a>
          </li>
        ),
      )}
    </>
  );
}

/** Numbered pages: 首页, 上一页, the page numbers, 下一页, 尾页 and a jump form (GET, no JavaScript). */
export function Pager(p: { base: string; state: ListState; page: number; pages: number }) {
  if (p.pages <= 1) return null;
  const href = (n: number) => `${p.base}${listQuery(p.state, n > 1 ? { page: String(n) } : {})}`;
  const { page, pages } = p;
  return (
    <nav aria-label="翻页" class="pager">
      <ul class="pager-pages">
        {page > 1 ? (
          <>
            <li>
              <a href={href(1)}>首页</a>
            </li>
            <li>
              <a href={href(page - 1)} rel="prev">
                上一页
              </a>
            </li>
          </>
        ) : null}
        <PageNumbers href={href} page={page} pages={pages} />
        {page < pages ? (
          <>
            <li>
              <a href={href(page + 1)} rel="next">
                下一页
              </a>
            </li>
            <li>
              <a href={href(pages)}>尾页</a>
            </li>
          </>
        ) : null}
      </ul>
      <form method="get" action={p.base} class="pager-jump">
        {Object.entries(Object.fromEntries(new URLSearchParams(listQuery(p.state)))).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label for="pager-page">
          第 {page} 页，共 {pages} 页，跳转到第
        </label>
        <input id="pager-page" type="number" name="page" min={1} max={pages} inputMode="numeric" required />
        <span aria-hidden="true">页</span>
        <button type="submit">跳转</button>
      </form>
    </nav>
  );
}

export interface ListState {
  category?: number;
  year?: number;
  validity?: string;
  channel?: string;
  sort: 'new' | 'old';
}

/** A list's state from its query (the filters and sort that links carry). */
export function stateOf(q: {
  sort?: string;
  year?: number;
  validity?: string;
  channel?: string;
}): Omit<ListState, 'category'> {
  return {
    sort: q.sort === 'old' ? 'old' : 'new',
    ...(q.year ? { year: q.year } : {}),
    ...(q.validity ? { validity: q.validity } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
  };
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
