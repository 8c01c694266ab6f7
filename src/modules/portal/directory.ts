// 机构目录 at a province's scale (issue #16): the agency tree (agencies.parent_id) cut into the
// groups citizens look for — under each government its lower governments, its departments and its
// towns (乡镇、街道) — with the name filter and the pages of a long group. Pure: the routes build a
// Directory once per data version (db/version-memo.ts) and filter or page it per request.
import { GOVERNMENT_KINDS, TOWN_KINDS } from '../../platform/agency-kinds.ts';
import type { AgencyNode, AgencyRow } from '../agency/index.ts';

export type PublicAgency = Pick<AgencyRow, 'id' | 'parentId' | 'name' | 'shortName' | 'kind' | 'slug' | 'depth'>;

/** The groups under one government, in the order they are shown. */
export const GROUP_KINDS = ['governments', 'departments', 'towns'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const GROUP_TITLES: Record<GroupKind, string> = {
  governments: '下级人民政府',
  departments: '政府工作部门',
  towns: '乡镇（街道）',
};

/** A group's key in `?group=`: the government's 网址标识 (never holds a dot) and the group. */
export const GROUP_KEY_PATTERN = `^[a-z][a-z0-9-]{1,39}\\.(?:${GROUP_KINDS.join('|')})$`;

/** Agencies of a group on 机构目录's first page before «全部 N 个…». */
export const DIRECTORY_PREVIEW = 30;
/** Agencies of a group on the home page (short names) before «全部 N 个…». */
export const HOME_PREVIEW = 20;
/** Up to this many agencies 网站地图 lists them all; above, it links to 机构目录's groups. */
export const SITE_MAP_FULL_LIST = 100;
/** Agencies a page of a group or of the filter's results. */
export const DIRECTORY_PAGE_SIZE = 100;

export interface DirectoryGroup {
  /** `${government.slug}.${kind}`. */
  key: string;
  kind: GroupKind;
  government: PublicAgency;
  /** The government is a top agency: its groups are on the home page and on 机构目录's first page. */
  top: boolean;
  /** The agencies directly under the government in this group, each with what is listed under it. */
  nodes: AgencyNode<PublicAgency>[];
  /** Agencies listed in the group: the nodes and everything under them. */
  size: number;
}

/** One agency as the name filter finds it. */
export interface DirectoryEntry {
  agency: PublicAgency;
  /** The group it is listed in; null for a top agency. */
  group: DirectoryGroup | null;
  /** The agency it is listed under inside its group (a department's own unit); null at the group's top. */
  parent: PublicAgency | null;
  /** Name and short name, NFKC and lower case: what `?q=` is matched against. */
  text: string;
}

export interface Directory {
  roots: PublicAgency[];
  /** Every government's groups, the top agencies' first, then depth first in the tree's order. */
  groups: DirectoryGroup[];
  byKey: ReadonlyMap<string, DirectoryGroup>;
  /** A government's groups by its id (a lower government lists its own groups' links). */
  groupsOf: ReadonlyMap<number, DirectoryGroup[]>;
  /** Every agency: the top agencies, then each group's in the order the group lists them. */
  entries: DirectoryEntry[];
  count: number;
  /** More than one top agency: their groups' titles name them too. */
  manyRoots: boolean;
}

/**
 * An agency that has groups of its own: a top agency, a government above the town (a province's,
 * a prefecture's, a county's), and any agency with towns under it (a tree entered before the kinds
 * above the county existed, a county entered as another kind).
 */
function isGovernment(n: AgencyNode<PublicAgency>, top: boolean): boolean {
  return top || GOVERNMENT_KINDS.has(n.agency.kind) || n.children.some((c) => TOWN_KINDS.has(c.agency.kind));
}

const searchText = (a: PublicAgency) => `${a.name}\u0000${a.shortName}`.normalize('NFKC').toLowerCase();

export function buildDirectory(tree: readonly AgencyNode<PublicAgency>[]): Directory {
  const groups: DirectoryGroup[] = [];
  const groupsOf = new Map<number, DirectoryGroup[]>();
  const governments: AgencyNode<PublicAgency>[] = [];
  let count = 0;
  // What a group lists under one of its agencies: everything below it, except that a government
  // found there is listed without its children (they are in its own groups).
  const listed = (n: AgencyNode<PublicAgency>): AgencyNode<PublicAgency> => {
    count += 1;
    if (isGovernment(n, false)) {
      governments.push(n);
      return { agency: n.agency, children: [] };
    }
    return { agency: n.agency, children: n.children.map(listed) };
  };
  const addGroups = (gov: AgencyNode<PublicAgency>, top: boolean) => {
    const byKind: Record<GroupKind, AgencyNode<PublicAgency>[]> = { governments: [], departments: [], towns: [] };
    for (const c of gov.children) {
      const kind: GroupKind = isGovernment(c, false)
        ? 'governments'
        : TOWN_KINDS.has(c.agency.kind)
          ? 'towns'
          : 'departments';
      byKind[kind].push(listed(c));
    }
    const own: DirectoryGroup[] = [];
    for (const kind of GROUP_KINDS) {
      const nodes = byKind[kind];
      if (!nodes.length) continue;
      own.push({
        key: `${gov.agency.slug}.${kind}`,
        kind,
        government: gov.agency,
        top,
        nodes,
        size: nodes.reduce((s, n) => s + countNodes(n), 0),
      });
    }
    groupsOf.set(gov.agency.id, own);
    groups.push(...own);
  };
  for (const r of tree) {
    count += 1;
    addGroups(r, true);
  }
  // Lower governments depth first, in the order they were met (a queue that grows as it is read).
  for (let i = 0; i < governments.length; i += 1) {
    const before = governments.length;
    addGroups(governments[i] as AgencyNode<PublicAgency>, false);
    // The ones just found go right after this one, so that a county's towns' governments follow it.
    const found = governments.splice(before);
    governments.splice(i + 1, 0, ...found);
  }
  const entries: DirectoryEntry[] = tree.map((r) => ({
    agency: r.agency,
    group: null,
    parent: null,
    text: searchText(r.agency),
  }));
  const walk = (group: DirectoryGroup, n: AgencyNode<PublicAgency>, parent: PublicAgency | null) => {
    entries.push({ agency: n.agency, group, parent, text: searchText(n.agency) });
    for (const c of n.children) walk(group, c, n.agency);
  };
  for (const g of groups) for (const n of g.nodes) walk(g, n, null);
  return {
    roots: tree.map((r) => r.agency),
    groups,
    byKey: new Map(groups.map((g) => [g.key, g])),
    groupsOf,
    entries,
    count,
    manyRoots: tree.length > 1,
  };
}

/**
 * A group's name: 乡镇（街道） for the top agency's, with the government's short name for a lower
 * government's (第1县 · 乡镇（街道）) and for every group where there are several top agencies.
 */
export function groupLabel(dir: Pick<Directory, 'manyRoots'>, g: DirectoryGroup): string {
  const title = GROUP_TITLES[g.kind];
  return dir.manyRoots || !g.top ? `${g.government.shortName || g.government.name} · ${title}` : title;
}

/** «全部 N 个乡镇（街道）». */
export const allOfGroup = (g: DirectoryGroup) => `全部 ${g.size} 个${GROUP_TITLES[g.kind]}`;

/** The first nodes of a group with at least `limit` agencies in them (subtrees counted), or all. */
export function firstNodes(g: DirectoryGroup, limit: number): AgencyNode<PublicAgency>[] {
  const out: AgencyNode<PublicAgency>[] = [];
  let shown = 0;
  for (const n of g.nodes) {
    if (shown >= limit) break;
    out.push(n);
    shown += countNodes(n);
  }
  return out;
}

function countNodes(n: AgencyNode<PublicAgency>): number {
  return n.children.reduce((s, c) => s + countNodes(c), 1);
}

/** What was typed, as it is matched: NFKC, lower case, split at spaces (every word must occur). */
export function filterWords(q: string): string[] {
  return q.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The agencies whose name or short name holds every word, in the directory's order. */
export function filterEntries(
  dir: Directory,
  words: readonly string[],
  group: DirectoryGroup | null,
): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  for (const e of dir.entries) {
    if (group && e.group !== group) continue;
    if (words.every((w) => e.text.includes(w))) out.push(e);
  }
  return out;
}

/** Page `page` (from 1) of `items`, `size` a page; null past the last page (page 1 always exists). */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; pages: number } | null {
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (page > pages) return null;
  return { items: items.slice((page - 1) * size, page * size), pages };
}
