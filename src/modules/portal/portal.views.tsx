// Public portal pages of the whole site: home, the agency directory and the site map, with the
// statutory columns every agency's 专栏 has (an agency's own pages: portal.agency-views.tsx).
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { encodedPart, placeEncoded, type EncodedPart } from '../../platform/views/render.ts';
import { portalLinks, type PortalLinks } from '../../platform/views/portal-links.ts';
import type { AgencyRow } from '../agency/index.ts';
import { AGENCY_KIND_LABELS, type AgencyNode } from '../agency/index.ts';

export type PublicAgency = Pick<AgencyRow, 'id' | 'parentId' | 'name' | 'shortName' | 'kind' | 'slug' | 'depth'>;

export const COLUMNS = [
  { key: 'guide', title: '政府信息公开指南', hint: '公开的范围、方式和申请渠道' },
  { key: 'system', title: '政府信息公开制度', hint: '本机关的公开工作制度' },
  { key: 'statutory', title: '法定主动公开内容', hint: '条例第二十条、第二十一条规定的内容' },
  { key: 'reports', title: '政府信息公开年报', hint: '历年政府信息公开工作年度报告' },
  { key: 'apply', title: '依申请公开', hint: '向本机关申请获取政府信息' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

export function DirectoryTree({ nodes }: { nodes: AgencyNode<PublicAgency>[] }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.agency.id}>
          <a href={`/agencies/${n.agency.slug}`}>{n.agency.name}</a>{' '}
          <span class="muted">（{AGENCY_KIND_LABELS[n.agency.kind]}）</span>
          {n.children.length ? <DirectoryTree nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

const TOWN_KINDS: readonly string[] = ['town', 'township', 'subDistrict'];

/** The top of the tree split the way citizens look for it: the government, its departments, the towns. */
export function splitDirectory(tree: AgencyNode<PublicAgency>[]) {
  const roots = tree;
  const below = roots.flatMap((r) => r.children);
  return {
    roots,
    departments: below.filter((n) => !TOWN_KINDS.includes(n.agency.kind)),
    towns: below.filter((n) => TOWN_KINDS.includes(n.agency.kind)),
  };
}

function AgencyLinks({ nodes }: { nodes: AgencyNode<PublicAgency>[] }) {
  return (
    <ul class="agency-links">
      {nodes.map((n) => (
        <li key={n.agency.id}>
          <a href={`/agencies/${n.agency.slug}`}>{n.agency.shortName || n.agency.name}</a>
        </li>
      ))}
    </ul>
  );
}

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

/**
 * The agency lists of the pages that show every agency (home, 机构目录, 网站地图), rendered and
 * encoded (views/render.ts, EncodedPart): they change only with the agencies, so the routes keep
 * them per data version (db/version-memo.ts) instead of rendering and encoding 2,000 links (110–220
 * KB) on every request.
 */
export function agencyListsHtml(tree: AgencyNode<PublicAgency>[]): {
  home: EncodedPart;
  directory: EncodedPart;
  siteMap: EncodedPart;
} {
  return {
    home: encodedPart(<HomeAgencyLinks tree={tree} />),
    directory: encodedPart(<DirectoryLists tree={tree} />),
    siteMap: encodedPart(<DirectoryTree nodes={tree} />),
  };
}

/** The towns and the departments in the home page's 政务公开 entry. */
function HomeAgencyLinks({ tree }: { tree: AgencyNode<PublicAgency>[] }) {
  const { departments, towns } = splitDirectory(tree);
  return (
    <>
      {towns.length ? (
        <>
          <h3>乡镇（街道）</h3>
          <AgencyLinks nodes={towns} />
        </>
      ) : null}
      {departments.length ? (
        <>
          <h3>政府工作部门</h3>
          <AgencyLinks nodes={departments} />
        </>
      ) : null}
    </>
  );
}

export function HomePage(p: {
  ctx: PageContext;
  /** agencyListsHtml().home */
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

/** 机构目录's lists: the top agencies, then the departments and the towns with their trees. */
function DirectoryLists({ tree }: { tree: AgencyNode<PublicAgency>[] }) {
  const { roots, departments, towns } = splitDirectory(tree);
  return (
    <>
      <ul class="tree">
        {roots.map((n) => (
          <li key={n.agency.id}>
            <a href={`/agencies/${n.agency.slug}`}>{n.agency.name}</a>{' '}
            <span class="muted">（{AGENCY_KIND_LABELS[n.agency.kind]}）</span>
          </li>
        ))}
      </ul>
      {departments.length ? (
        <section aria-labelledby="dir-departments">
          <h2 id="dir-departments">政府工作部门</h2>
          <DirectoryTree nodes={departments} />
        </section>
      ) : null}
      {towns.length ? (
        <section aria-labelledby="dir-towns">
          <h2 id="dir-towns">乡镇（街道）</h2>
          <DirectoryTree nodes={towns} />
        </section>
      ) : null}
    </>
  );
}

export function DirectoryPage(p: { ctx: PageContext; /** agencyListsHtml().directory */ agencies: EncodedPart }) {
  return (
    <PortalLayout title="机构目录" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '机构目录' }]} />
      <h1>机构目录</h1>
      {placeEncoded(p.agencies)}
    </PortalLayout>
  );
}

/** 网站地图: every section of the portal on one page, then the agencies. */
export function SiteMapPage(p: { ctx: PageContext; /** agencyListsHtml().siteMap */ agencies: EncodedPart }) {
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
