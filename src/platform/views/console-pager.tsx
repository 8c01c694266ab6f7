// The console's long lists (applications, 咨询投诉, 政务服务办件, 公示, publications) are shown a page
// at a time with their total, so that nothing past the first few hundred rows drops out of sight.
// Plain links: no JavaScript, and each page has its own address.

/** The largest page number a list accepts (a bigger or malformed `page` means the first page). */
const MAX_PAGE = 100_000;

/** The page asked for in the query string: a whole number from 1, anything else the first page. */
export function pageParam(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.min(MAX_PAGE, Math.max(1, n));
}

/** How many pages `total` rows fill (at least one, so an empty list is 「第 1 / 1 页」). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The rows to skip for a page. */
export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/**
 * 「共 N 条，第 P / M 页」 with 上一页 and 下一页. Shown whenever the list has rows, so the total is
 * always visible; the links only when there is more than one page.
 */
export function ConsolePager(p: { href: (page: number) => string; page: number; pageSize: number; total: number }) {
  if (p.total === 0) return null;
  const pages = pageCount(p.total, p.pageSize);
  return (
    <nav aria-label="分页" class="actions console-pager">
      {p.page > 1 ? (
        <a href={p.href(p.page - 1)} rel="prev">
          上一页
        </a>
      ) : null}
      <span>
        共 {p.total} 条，第 {Math.min(p.page, pages)} / {pages} 页
      </span>
      {p.page < pages ? (
        <a href={p.href(p.page + 1)} rel="next">
          下一页
        </a>
      ) : null}
    </nav>
  );
}
