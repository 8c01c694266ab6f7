// Public portal pages of the whole site: home and the site map, with the statutory columns every
// agency's 专栏 has (机构目录 and the agency lists: directory.views.tsx; an agency's own pages:
// portal.agency-views.tsx).
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { encodedPart, placeEncoded, type EncodedPart } from '../../platform/views/render.ts';
import { portalLinks, type PortalLinks } from '../../platform/views/portal-links.ts';
import type { AgencyNode } from '../agency/index.ts';
import {
  allOfGroup,
  groupLabel,
  HOME_PREVIEW,
  SITE_MAP_FULL_LIST,
  type Directory,
  type DirectoryGroup,
  type PublicAgency,
} from './directory.ts';
import { AgencyTree, DirectoryFirstPage, groupHref, Roots } from './directory.views.tsx';

export const COLUMNS = [
  { key: 'guide', title: '政府信息公开指南', hint: '公开的范围、方式和申请渠道' },
  { key: 'system', title: '政府信息公开制度', hint: '本机关的公开工作制度' },
  { key: 'statutory', title: '法定主动公开内容', hint: '条例第二十条、第二十一条规定的内容' },
  { key: 'reports', title: '政府信息公开年报', hint: '历年政府信息公开工作年度报告' },
  { key: 'apply', title: '依申请公开', hint: '向本机关申请获取政府信息' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

interface Link {
  href: string;
  label: string;
}

/** The task groups the home page and the 网站地图 both list, with the same links. */
function taskGroups(l: PortalLinks): Record<'service' | 'interaction' | 'apply', { title: string; links: Link[] }> {
  return {
    service: {
      title: '政务服务',
      links: [
        { href: l.serviceGuide, label: '办事指南' },
        { href: l.serviceTrack, label: '办件查询' },
      ],
    },
    interaction: {
      title: '互动交流',
      links: [
        { href: l.mailbox, label: '领导信箱' },
        { href: l.inquiry, label: '网上咨询' },
        { href: l.complaint, label: '投诉举报' },
        { href: l.letters, label: '留言选登' },
      ],
    },
    apply: {
      title: '依申请公开',
      links: [
        { href: l.infoRequests, label: '依申请公开' },
        { href: l.infoRequestForm, label: '在线提交申请' },
        { href: l.guide, label: '政府信息公开指南' },
      ],
    },
  };
}

/** One task group of the home page: a heading and its links, the first one the main entry. */
function Entry(p: { id: string; title: string; hint: string; links: Link[] }) {
  return (
    <section class="entry" aria-labelledby={`entry-${p.id}`}>
      <h2 id={`entry-${p.id}`}>{p.title}</h2>
      <p class="entry-hint">{p.hint}</p>
      <ul>
        {p.links.map((l) => (
          <li key={l.href + l.label}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The home page's 政务公开 entry: the top agencies' groups by short name, «全部 N 个…» where cut. */
function HomeAgencyLinks({ dir }: { dir: Directory }) {
  // Towns first (issue #14: they are what a citizen of the county looks for), then departments.
  const order: DirectoryGroup['kind'][] = ['governments', 'towns', 'departments'];
  const groups = dir.groups.filter((g) => g.top).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return (
    <>
      {dir.roots.length > 1 ? (
        <>
          <h3>人民政府</h3>
          <ul class="agency-links">
            {dir.roots.map((a) => (
              <li key={a.id}>
                <a href={`/agencies/${a.slug}`}>{a.shortName || a.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {groups.map((g) => {
        const shown = g.nodes.slice(0, HOME_PREVIEW);
        return (
          <div key={g.key}>
            <h3>{groupLabel(dir, g)}</h3>
            <ul class="agency-links">
              {shown.map((n) => (
                <li key={n.agency.id}>
                  <a href={`/agencies/${n.agency.slug}`}>{n.agency.shortName || n.agency.name}</a>
                </li>
              ))}
            </ul>
            {shown.length < g.nodes.length ? (
              <p class="dir-more">
                <a href={groupHref(g)}>{allOfGroup(g)}</a>
              </p>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

/** 网站地图's agencies: all of them up to SITE_MAP_FULL_LIST, else the way into 机构目录. */
function SiteMapAgencies({ dir, tree }: { dir: Directory; tree: AgencyNode<PublicAgency>[] }) {
  if (dir.count <= SITE_MAP_FULL_LIST) return <AgencyTree nodes={tree} dir={dir} />;
  return (
    <>
      <p>
        共 {dir.count} 个机构，按名称查找或按分组浏览请进入<a href="/agencies">机构目录</a>。
      </p>
      <Roots dir={dir} />
      <ul>
        {dir.groups
          .filter((g) => g.top)
          .map((g) => (
            <li key={g.key}>
              <a href={groupHref(g)}>
                {groupLabel(dir, g)}（{g.size} 个）
              </a>
            </li>
          ))}
      </ul>
    </>
  );
}

/**
 * The parts that depend only on the agencies, rendered and encoded once per data version
 * (views/render.ts, EncodedPart): the home page's links, 机构目录's first page below its <h1>, and
 * 网站地图's agencies.
 */
export function directoryParts(
  dir: Directory,
  tree: AgencyNode<PublicAgency>[],
): { home: EncodedPart; directory: EncodedPart; siteMap: EncodedPart } {
  return {
    home: encodedPart(<HomeAgencyLinks dir={dir} />),
    directory: encodedPart(<DirectoryFirstPage dir={dir} />),
    siteMap: encodedPart(<SiteMapAgencies dir={dir} tree={tree} />),
  };
}

export function HomePage(p: {
  ctx: PageContext;
  /** directoryParts().home */
  agencies: EncodedPart;
  count: number;
  latest?: preact.ComponentChildren;
}) {
  const links = portalLinks(p.ctx.site.rootSlug);
  const tasks = taskGroups(links);
  return (
    <PortalLayout title="首页" ctx={p.ctx}>
      <h1>{p.ctx.siteName} · 政府信息公开</h1>
      <form method="get" action="/search" class="search-box home-search" role="search" aria-label="全县检索">
        <label for="home-q">检索全县公开信息</label>
        <span class="search-row">
          <input id="home-q" type="search" name="q" />
          <button type="submit">检索</button>
        </span>
      </form>
      <div class="entries">
        <section class="entry" aria-labelledby="entry-open">
          <h2 id="entry-open">政务公开</h2>
          <p class="entry-hint">各机构的公开指南、公开制度、法定主动公开内容和年度报告</p>
          <ul>
            <li>
              <a href={links.county}>{p.ctx.siteName}政府信息公开专栏</a>
            </li>
            <li>
              <a href={links.directory}>机构目录（{p.count} 个机构）</a>
            </li>
          </ul>
          {placeEncoded(p.agencies)}
        </section>
        <Entry id="service" hint="办事事项、所需材料和办理时限" {...tasks.service} />
        <Entry id="interaction" hint="写信、咨询、投诉，查看已公开的答复" {...tasks.interaction} />
        <Entry id="apply" hint="未主动公开的政府信息，可以依法申请" {...tasks.apply} />
        <Entry
          id="track"
          title="进度查询"
          hint="凭编号和查询码查询办理进度"
          links={[{ href: links.track, label: '申请、来信、咨询、投诉和政务服务办件' }]}
        />
      </div>
      {p.latest}
      <h2>便民工具</h2>
      <ul>
        <li>
          <a href="/tools/deadline">办理期限计算器</a>：按法定工作日（扣除节假日、计入调休上班日）计算答复期限。
        </li>
      </ul>
    </PortalLayout>
  );
}

/** 网站地图: every section of the portal on one page, then the agencies. */
export function SiteMapPage(p: { ctx: PageContext; /** directoryParts().siteMap */ agencies: EncodedPart }) {
  const l = portalLinks(p.ctx.site.rootSlug);
  const tasks = taskGroups(l);
  const groups: { title: string; links: Link[] }[] = [
    {
      title: '政务公开',
      links: [
        { href: l.county, label: `${p.ctx.siteName}政府信息公开专栏` },
        { href: l.directory, label: '机构目录' },
        { href: '/search', label: '检索公开信息' },
      ],
    },
    tasks.service,
    tasks.interaction,
    tasks.apply,
    {
      title: '进度查询',
      links: [
        { href: l.trackInfoRequest, label: '政府信息公开申请' },
        { href: l.trackLetter, label: '来信、咨询、投诉' },
        { href: l.trackServiceCase, label: '政务服务办件' },
      ],
    },
    { title: '便民工具', links: [{ href: '/tools/deadline', label: '办理期限计算器' }] },
  ];
  return (
    <PortalLayout title="网站地图" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '网站地图' }]} />
      <h1>网站地图</h1>
      <div class="entries">
        {groups.map((g, i) => (
          <section class="entry" key={g.title} aria-labelledby={`map-${i}`}>
            <h2 id={`map-${i}`}>{g.title}</h2>
            <ul>
              {g.links.map((link) => (
                <li key={link.href + link.label}>
                  <a href={link.href}>{link.label}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <h2>机构目录</h2>
      {placeEncoded(p.agencies)}
    </PortalLayout>
  );
}
