// 机构管理's list (#16): one level of the admin's tree (agency.levels.ts) with breadcrumbs up to the
// admin's own agency, each lower government a row with what is below it and a link that opens its
// level; and a name search over the whole scope (a GET form, no JavaScript).
import { Breadcrumbs, Field } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyLevel, BelowCounts, OutlineAgency } from './agency.levels.ts';
import { AGENCY_KIND_LABELS } from './agency.rules.ts';
import { buildTree, type AgencyNode } from './agency.service.ts';
import type { AgencyKind } from './agency.tables.ts';

const levelHref = (top: OutlineAgency, id: number) => (id === top.id ? '/admin/agencies' : `/admin/agencies?at=${id}`);

function countsText(c: BelowCounts): string {
  const parts = [
    c.prefectures ? `设区的市级人民政府 ${c.prefectures} 个` : '',
    c.counties ? `县级人民政府 ${c.counties} 个` : '',
    c.towns ? `乡镇（街道）${c.towns} 个` : '',
    c.departments ? `政府部门 ${c.departments} 个` : '',
  ].filter(Boolean);
  return parts.join('，');
}

function Name({ a }: { a: OutlineAgency }) {
  return (
    <>
      <a href={`/admin/agencies/${a.id}`}>{a.name}</a>{' '}
      <span class="badge">{AGENCY_KIND_LABELS[a.kind as AgencyKind]}</span>
      {a.active !== 1 ? (
        <>
          {' '}
          <span class="badge">已停用</span>
        </>
      ) : null}
    </>
  );
}

function LevelTree(p: {
  nodes: AgencyNode<OutlineAgency>[];
  below: ReadonlyMap<number, BelowCounts>;
  top: OutlineAgency;
}) {
  return (
    <ul class="tree">
      {p.nodes.map((n) => {
        const c = p.below.get(n.agency.id);
        return (
          <li key={n.agency.id}>
            <Name a={n.agency} />
            {c ? (
              <span class="below-counts">
                <a href={levelHref(p.top, n.agency.id)}>
                  下属机构 {c.total} 个<span class="visually-hidden">：{n.agency.name}</span>
                </a>{' '}
                <span class="muted">{countsText(c)}</span>
              </span>
            ) : null}
            {n.children.length ? <LevelTree nodes={n.children} below={p.below} top={p.top} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export interface FoundAgency {
  agency: OutlineAgency;
  /** The names above it, the top first. */
  trail: string[];
  /** The level that lists it. */
  levelId: number;
}

export function AgencyListPage(p: {
  ctx: PageContext;
  /** The actor's own agency: the top of what it may see. */
  top: OutlineAgency;
  /** The agencies between the top and the level's root (the top first, the root excluded). */
  trail: OutlineAgency[];
  level: AgencyLevel<OutlineAgency>;
  q: string;
  found: { total: number; rows: FoundAgency[] } | null;
  canCreate: boolean;
}) {
  const root = p.level.root;
  const atTop = root.id === p.top.id;
  const crumbs = [
    { href: '/admin', label: '工作台' },
    { href: '/admin/agencies', label: '机构管理' },
    ...(atTop ? [] : [...p.trail.slice(1), root].map((a) => ({ href: levelHref(p.top, a.id), label: a.name }))),
    ...(p.found ? [{ label: `查找“${p.q}”` }] : []),
  ];
  return (
    <AdminLayout title={p.found ? `查找机构：${p.q}` : atTop ? '机构管理' : `机构管理：${root.name}`} ctx={p.ctx}>
      <Breadcrumbs items={crumbs} />
      <h1>机构管理</h1>
      <form method="get" action="/admin/agencies" role="search" class="agency-search">
        <Field
          name="q"
          label="按名称查找机构"
          value={p.q}
          hint="在本人可管理的全部机构中查找，名称或简称包含所填文字即可，如：武溪。"
        />
        <button type="submit">查找</button>
      </form>
      {p.found ? (
        <Found q={p.q} found={p.found} top={p.top} />
      ) : (
        <section aria-labelledby="level-h">
          <h2 id="level-h">{atTop && p.level.rows.length === 1 ? root.name : `${root.name}及所属机构`}</h2>
          {p.canCreate ? (
            <p>
              <a class="button" href={`/admin/agencies/new?parent=${root.id}`}>
                新建机构
              </a>
            </p>
          ) : null}
          {p.level.below.size ? <p class="hint">下级人民政府各占一行，点「下属机构」查看其所属机构。</p> : null}
          <LevelTree nodes={buildTree(p.level.rows)} below={p.level.below} top={p.top} />
        </section>
      )}
    </AdminLayout>
  );
}

function Found(p: { q: string; found: { total: number; rows: FoundAgency[] }; top: OutlineAgency }) {
  return (
    <section aria-labelledby="found-h">
      <h2 id="found-h">
        名称含“{p.q}”的机构：{p.found.total} 个
      </h2>
      {p.found.total > p.found.rows.length ? (
        <p class="hint">只列出前 {p.found.rows.length} 个，请输入更完整的名称。</p>
      ) : null}
      {p.found.total === 0 ? <p>没有找到名称或简称含“{p.q}”的机构，请换一个词再试。</p> : null}
      <ul class="found-agencies">
        {p.found.rows.map((f) => (
          <li key={f.agency.id}>
            <Name a={f.agency} />
            {f.trail.length ? <span class="muted below-counts">{f.trail.join(' › ')}</span> : null}
            <a href={levelHref(p.top, f.levelId)}>
              在机构树中查看<span class="visually-hidden">：{f.agency.name}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/agencies">返回机构管理</a>
      </p>
    </section>
  );
}
