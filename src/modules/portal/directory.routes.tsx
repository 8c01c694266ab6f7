// GET /agencies: 机构目录's first page (kept encoded per data version), one group's pages
// (?group=), or the agencies whose name holds what was typed (?q=, within a group if one is chosen).
// The Directory is built once per data version (portal.routes.tsx); what a request does here is a
// loop over the agencies' names and the rendering of at most DIRECTORY_PAGE_SIZE of them.
import type { VNode } from 'preact';
import { Type, type Static } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { Line, PageNo, query } from '../../platform/http/schema.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import { placeEncoded, type EncodedPart } from '../../platform/views/render.ts';
import {
  DIRECTORY_PAGE_SIZE,
  filterEntries,
  filterWords,
  GROUP_KEY_PATTERN,
  GROUP_TITLES,
  groupLabel,
  pageOf,
  type Directory,
} from './directory.ts';
import { DirectoryGroupContent, DirectoryPage, DirectoryResults } from './directory.views.tsx';

export const DIRECTORY_QUERY = query({
  // Names are at most 60 characters (agency.service.ts); up to 200 is searched (and finds nothing
  // past 60), longer is a 400 like the search page's.
  q: Line('机构名称', 200),
  // The form sends group= when 全部机构 is chosen.
  group: Type.String({ title: '分组', pattern: `^(?:|${GROUP_KEY_PATTERN.slice(1, -1)})$` }),
  page: PageNo(),
});

const noSuchPage = () => new AppError('notFound', '没有这一页，请回到机构目录的第一页。');

export function directoryPage(
  ctx: PageContext,
  dir: Directory,
  firstPage: EncodedPart,
  query: Static<typeof DIRECTORY_QUERY>,
): VNode {
  const q = (query.q ?? '').trim();
  const words = filterWords(q);
  const group = query.group ? (dir.byKey.get(query.group) ?? null) : null;
  if (query.group && !group) throw new AppError('notFound', '没有这个机构分组，请在机构目录中重新选择。');
  const page = query.page ?? 1;
  if (!words.length && !group) {
    if (page > 1) throw noSuchPage();
    return <DirectoryPage ctx={ctx}>{placeEncoded(firstPage)}</DirectoryPage>;
  }
  if (!words.length && group) {
    const paged = pageOf(group.nodes, page, DIRECTORY_PAGE_SIZE);
    if (!paged) throw noSuchPage();
    const title = group.top ? groupLabel(dir, group) : `${group.government.name} · ${GROUP_TITLES[group.kind]}`;
    return (
      <DirectoryPage ctx={ctx} title={title}>
        <DirectoryGroupContent dir={dir} group={group} nodes={paged.items} page={page} pages={paged.pages} />
      </DirectoryPage>
    );
  }
  const found = filterEntries(dir, words, group);
  const paged = pageOf(found, page, DIRECTORY_PAGE_SIZE);
  if (!paged) throw noSuchPage();
  return (
    <DirectoryPage ctx={ctx} title={`名称含“${q}”`}>
      <DirectoryResults
        dir={dir}
        q={q}
        group={group}
        total={found.length}
        entries={paged.items}
        page={page}
        pages={paged.pages}
      />
    </DirectoryPage>
  );
}
