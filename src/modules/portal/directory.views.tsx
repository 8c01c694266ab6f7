// 机构目录 (issue #16): groups by the tree with a <nav> of them, a GET filter by name and group,
// long groups on numbered pages. Its first page depends only on the agencies and is rendered once
// per data version and kept encoded (portal.views.tsx, directoryParts); a filtered page or a
// group's page is rendered per request from the Directory (directory.ts).
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { prerendered, renderPart } from '../../platform/views/render.ts';
import type { VNode } from 'preact';
import { AGENCY_KIND_LABELS, type AgencyNode } from '../agency/index.ts';
import { PageNumbers } from './catalog.views.tsx';
import {
  allOfGroup,
  DIRECTORY_PREVIEW,
  firstNodes,
  groupLabel,
  GROUP_TITLES,
  SITE_MAP_FULL_LIST,
  type Directory,
  type DirectoryEntry,
  type DirectoryGroup,
  type PublicAgency,
} from './directory.ts';

export const groupHref = (g: DirectoryGroup) => `/agencies?group=${g.key}`;

/** A government's own groups as links (a county listed among 下级人民政府). */
function GroupLinks({ groups }: { groups: DirectoryGroup[] }) {
  return (
    <span class="dir-sub">
      {groups.map((g) => (
        <a key={g.key} href={groupHref(g)}>
          {GROUP_TITLES[g.kind]} {g.size} 个
        </a>
      ))}
    </span>
  );
}

/**
 * Each agency's <li> as HTML, rendered the first time a page shows it and kept with its node (the
 * Directory, and so its nodes, lives for one data version): a page of 100 agencies is then joined
 * from kept pieces instead of rendered (0.4 ms a request at 2,000 agencies, docs/PERFORMANCE.md).
 */
const itemHtml = new WeakMap<object, string>();
function kept(key: object, render: () => VNode): string {
  let html = itemHtml.get(key);
  if (html === undefined) {
    html = renderPart(render());
    itemHtml.set(key, html);
  }
  return html;
}

/** Agencies with their kind, each with what is listed under it; a lower government links its groups. */
export function AgencyTree({ nodes, dir }: { nodes: AgencyNode<PublicAgency>[]; dir: Directory }): VNode {
  let html = '<ul class="tree">';
  for (const n of nodes) html += kept(n, () => <AgencyItem node={n} dir={dir} />);
  return prerendered(`${html}</ul>`);
}

function AgencyItem({ node: n, dir }: { node: AgencyNode<PublicAgency>; dir: Directory }) {
  const own = n.children.length ? undefined : dir.groupsOf.get(n.agency.id);
  return (
    <li>
      <a href={`/agencies/${n.agency.slug}`}>{n.agency.name}</a>{' '}
      <span class="muted">（{AGENCY_KIND_LABELS[n.agency.kind]}）</span>
      {own?.length ? <GroupLinks groups={own} /> : null}
      {n.children.length ? <AgencyTree nodes={n.children} dir={dir} /> : null}
    </li>
  );
}

/** One agency the filter found, with what it is listed under inside its group. */
function FoundItem({ entry: e }: { entry: DirectoryEntry }) {
  return (
    <li>
      <a href={`/agencies/${e.agency.slug}`}>{e.agency.name}</a>{' '}
      <span class="muted">（{AGENCY_KIND_LABELS[e.agency.kind]}）</span>
      {e.parent ? <span class="dir-sub">上级：{e.parent.name}</span> : null}
    </li>
  );
}

export function Roots({ dir }: { dir: Directory }) {
  return (
    <ul class="tree dir-roots">
      {dir.roots.map((a) => (
        <li key={a.id}>
          <a href={`/agencies/${a.slug}`}>{a.name}</a> <span class="muted">（{AGENCY_KIND_LABELS[a.kind]}）</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The search box: a name (kept as typed) and, where the directory is large or a group is chosen,
 * the group to look in. Labels, hint, field and button in the order they are read.
 */
export function DirectoryFilter(p: { dir: Directory; q: string; group: DirectoryGroup | null }) {
  const options = p.dir.groups.filter((g) => g.top || g === p.group);
  const scope = p.group !== null || (p.dir.count > SITE_MAP_FULL_LIST && options.length > 1);
  return (
    <form method="get" action="/agencies" class="search-box dir-filter" role="search" aria-label="查找机构">
      <div class="dir-name">
        <label for="dir-q">机构名称</label>
        <span id="dir-q-hint" class="hint">
          输入名称中的几个字，例如“教育”“人民政府”
        </span>
        <input id="dir-q" type="search" name="q" value={p.q} maxLength={60} aria-describedby="dir-q-hint" />
      </div>
      {scope ? (
        <div class="dir-scope">
          <label for="dir-group">范围</label>
          <select id="dir-group" name="group">
            <option value="">全部机构</option>
            {options.map((g) => (
              <option key={g.key} value={g.key} selected={g === p.group}>
                {groupLabel(p.dir, g)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit">查找</button>
    </form>
  );
}

/** The top agencies' groups; on the first page links within it, elsewhere to each group's page. */
function GroupNav(p: { dir: Directory; current?: DirectoryGroup | null; inPage?: boolean }) {
  const groups = p.dir.groups.filter((g) => g.top);
  if (!groups.length) return null;
  return (
    <nav class="dir-nav" aria-label="机构分组">
      <p>共 {p.dir.count} 个机构：</p>
      <ul>
        {groups.map((g) => (
          <li key={g.key}>
            <a href={p.inPage ? `#g-${g.key}` : groupHref(g)} aria-current={g === p.current ? 'page' : undefined}>
              {groupLabel(p.dir, g)}（{g.size} 个）
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** 机构目录 without a filter: the top agencies, then each of their groups, long ones cut short. */
export function DirectoryFirstPage({ dir }: { dir: Directory }) {
  return (
    <>
      <DirectoryFilter dir={dir} q="" group={null} />
      <Roots dir={dir} />
      <GroupNav dir={dir} inPage />
      {dir.groups
        .filter((g) => g.top)
        .map((g) => {
          const shown = firstNodes(g, DIRECTORY_PREVIEW);
          return (
            <section key={g.key} id={`g-${g.key}`} aria-labelledby={`h-${g.key}`}>
              <h2 id={`h-${g.key}`}>
                {groupLabel(dir, g)}
                <span class="dir-count">（{g.size} 个）</span>
              </h2>
              <AgencyTree nodes={shown} dir={dir} />
              {shown.length < g.nodes.length ? (
                <p class="dir-more">
                  <a href={groupHref(g)}>{allOfGroup(g)}</a>
                </p>
              ) : null}
            </section>
          );
        })}
    </>
  );
}

/** Numbered pages of 机构目录 (a group's or the filter's), 上一页 and 下一页. */
function DirectoryPager(p: { href: (page: number) => string; page: number; pages: number }) {
  if (p.pages <= 1) return null;
  const { page, pages } = p;
  return (
    <nav aria-label="翻页" class="pager">
      <ul class="pager-pages">
        {page > 1 ? (
          <li>
            <a href={p.href(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        <PageNumbers href={p.href} page={page} pages={pages} />
        {page < pages ? (
          <li>
            <a href={p.href(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
      <p class="muted">
        第 {page} 页，共 {pages} 页
      </p>
    </nav>
  );
}

/** One group in full, a page of its agencies at a time (?group=key[&page=n]). */
export function DirectoryGroupContent(p: {
  dir: Directory;
  group: DirectoryGroup;
  nodes: AgencyNode<PublicAgency>[];
  page: number;
  pages: number;
}) {
  const g = p.group;
  const siblings = (p.dir.groupsOf.get(g.government.id) ?? []).filter((o) => o !== g);
  return (
    <>
      <DirectoryFilter dir={p.dir} q="" group={g} />
      <GroupNav dir={p.dir} current={g} />
      <section aria-labelledby="dir-group-title">
        <h2 id="dir-group-title">
          {g.top ? groupLabel(p.dir, g) : `${g.government.name} · ${GROUP_TITLES[g.kind]}`}
          <span class="dir-count">（{g.size} 个）</span>
        </h2>
        {g.top ? null : (
          <p>
            所属人民政府：<a href={`/agencies/${g.government.slug}`}>{g.government.name}</a>
            {siblings.length ? (
              <>
                {' '}
                另见：
                <GroupLinks groups={siblings} />
              </>
            ) : null}
          </p>
        )}
        <AgencyTree nodes={p.nodes} dir={p.dir} />
      </section>
      <DirectoryPager href={(n) => `${groupHref(g)}${n > 1 ? `&page=${n}` : ''}`} page={p.page} pages={p.pages} />
      <p>
        <a href="/agencies">返回机构目录</a>
      </p>
    </>
  );
}

/** The filter's results (?q=…[&group=key]): the matching agencies under their groups' headings. */
export function DirectoryResults(p: {
  dir: Directory;
  q: string;
  group: DirectoryGroup | null;
  total: number;
  entries: DirectoryEntry[];
  page: number;
  pages: number;
}) {
  const scope = p.group ? `“${groupLabel(p.dir, p.group)}”中` : '';
  const sections: { group: DirectoryGroup | null; entries: DirectoryEntry[] }[] = [];
  for (const e of p.entries) {
    const last = sections[sections.length - 1];
    if (last && last.group === e.group) last.entries.push(e);
    else sections.push({ group: e.group, entries: [e] });
  }
  const query = new URLSearchParams({ q: p.q, ...(p.group ? { group: p.group.key } : {}) }).toString();
  return (
    <>
      <DirectoryFilter dir={p.dir} q={p.q} group={p.group} />
      <p role="status" class="dir-status">
        {p.total
          ? `在${scope || '全部机构中'}找到 ${p.total} 个名称含“${p.q}”的机构${p.pages > 1 ? `，第 ${p.page} / ${p.pages} 页` : ''}。`
          : `没有找到${scope ? `${scope}` : ''}名称含“${p.q}”的机构。`}
      </p>
      {p.total ? null : (
        <p>
          请少输入几个字或换一个说法再试，或<a href="/agencies">查看全部机构</a>。
        </p>
      )}
      {sections.map((s, i) => (
        <section key={s.group?.key ?? 'top'} aria-labelledby={`r-${i}`}>
          <h2 id={`r-${i}`}>{s.group ? groupLabel(p.dir, s.group) : '最上级机构'}</h2>
          {prerendered(
            `<ul class="tree">${s.entries.map((e) => kept(e, () => <FoundItem entry={e} />)).join('')}</ul>`,
          )}
        </section>
      ))}
      <DirectoryPager href={(n) => `/agencies?${query}${n > 1 ? `&page=${n}` : ''}`} page={p.page} pages={p.pages} />
      {p.total ? (
        <p>
          <a href="/agencies">返回机构目录</a>
        </p>
      ) : null}
    </>
  );
}

export function DirectoryPage(p: { ctx: PageContext; title?: string; children: preact.ComponentChildren }) {
  return (
    <PortalLayout title={p.title ? `${p.title} - 机构目录` : '机构目录'} ctx={p.ctx}>
      <Breadcrumbs
        items={
          p.title
            ? [{ href: '/', label: '首页' }, { href: '/agencies', label: '机构目录' }, { label: p.title }]
            : [{ href: '/', label: '首页' }, { label: '机构目录' }]
        }
      />
      <h1>机构目录</h1>
      {p.children}
    </PortalLayout>
  );
}
