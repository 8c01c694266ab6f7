// 机构管理 at a province's size (#16): the admin's list shows one level of the tree at a time — an
// agency, what is below it up to the next 县级以上人民政府, and each of those lower governments as one
// row with the counts of what is below it and a link that opens its own level — not the whole
// subtree (a province's 2,297 agencies were 199 KB, docs/PERFORMANCE.md). A county's level is its
// whole tree: nothing under a county is such a government. Pure: the rows are the actor's scope
// read once (listAgencyOutline), in tree order.
import { GOVERNMENT_KINDS, TOWN_KINDS } from '../../platform/agency-kinds.ts';
import { pathIds } from './agency.repository.ts';

/** What a level is cut by: where an agency sits and its kind. */
export interface LevelAgency {
  id: number;
  parentId: number | null;
  path: string;
  kind: string;
}

export interface OutlineAgency extends LevelAgency {
  depth: number;
  name: string;
  shortName: string;
  active: number;
}

/** What is below a lower government listed as one row of a level. */
export interface BelowCounts {
  total: number;
  prefectures: number;
  counties: number;
  /** 乡镇、街道. */
  towns: number;
  departments: number;
}

export interface AgencyLevel<T> {
  root: T;
  /** The root and what is below it up to the next government (those included), in `all`'s order. */
  rows: T[];
  /** For each listed lower government with agencies under it, what is under it. */
  below: Map<number, BelowCounts>;
}

/**
 * The level of `all` under `root` (pure; `all` ordered as listAgencyOutline orders it, parents
 * before children): `root`, every agency below it with no 县级以上人民政府 between, and for each
 * government so listed the counts of the agencies under it. The annual report list cuts its rows
 * the same way (annual-report.list-rows.ts).
 */
export function agencyLevel<T extends LevelAgency>(root: T, all: readonly T[]): AgencyLevel<T> {
  const byId = new Map(all.map((a) => [a.id, a]));
  const rootDepth = pathIds(root.path).length;
  const rows: T[] = [];
  const below = new Map<number, BelowCounts>();
  // For each agency seen, the listed government it is under (null: listed itself): a child takes
  // its parent's, or its parent when that is a listed government; one whose parent is not in `all`
  // (an inactive one left out) is found from its path.
  const under = new Map<number, number | null>();
  const fromPath = (a: T) =>
    pathIds(a.path)
      .slice(rootDepth, -1)
      .find((id) => GOVERNMENT_KINDS.has(byId.get(id)?.kind ?? ''));
  for (const a of all) {
    if (!a.path.startsWith(root.path)) continue;
    let gov: number | undefined;
    const p = a.id === root.id ? undefined : a.parentId;
    if (p === undefined || p === null) gov = undefined;
    else if (under.has(p)) {
      const up = under.get(p) ?? null;
      gov = up ?? (p !== root.id && GOVERNMENT_KINDS.has(byId.get(p)?.kind ?? '') ? p : undefined);
    } else gov = fromPath(a);
    under.set(a.id, gov ?? null);
    if (gov === undefined) {
      rows.push(a);
      continue;
    }
    let c = below.get(gov);
    if (!c) below.set(gov, (c = { total: 0, prefectures: 0, counties: 0, towns: 0, departments: 0 }));
    c.total += 1;
    if (a.kind === 'prefectureGovernment') c.prefectures += 1;
    else if (a.kind === 'countyGovernment') c.counties += 1;
    else if (TOWN_KINDS.has(a.kind)) c.towns += 1;
    else c.departments += 1;
  }
  return { root, rows, below };
}

/**
 * The root of the level a new agency under `id` is chosen in (pure): the nearest 县级以上人民政府 at
 * or above `id` within `all` (a prefecture's own level; a town's or a county department's, the
 * county's), else the top of `all` (a department's admin: its department). `all` may be given
 * as a map by id (a page that asks for many).
 */
export function levelRootOf<T extends OutlineAgency>(
  id: number,
  all: readonly T[] | ReadonlyMap<number, T>,
): T | undefined {
  const byId =
    all instanceof Map ? (all as ReadonlyMap<number, T>) : new Map((all as readonly T[]).map((a) => [a.id, a]));
  const self = byId.get(id);
  if (!self) return undefined;
  const up = pathIds(self.path)
    .reverse()
    .map((i) => byId.get(i))
    .filter((a): a is T => a !== undefined);
  return up.find((a) => GOVERNMENT_KINDS.has(a.kind)) ?? up[up.length - 1] ?? self;
}

/** The words of a name search, as 机构目录 reads them (NFKC, lower case, split at spaces). */
export function nameWords(q: string): string[] {
  return q.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The agencies of `all` whose name or short name holds every word, in `all`'s order. */
export function findByName<T extends OutlineAgency>(all: readonly T[], words: readonly string[]): T[] {
  if (!words.length) return [];
  return all.filter((a) => {
    const text = `${a.name} ${a.shortName}`.normalize('NFKC').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The agencies above `a` within `all` (the top first; those not in `all` are left out). */
export function trailOf<T extends OutlineAgency>(a: T, byId: ReadonlyMap<number, T>): T[] {
  return pathIds(a.path)
    .slice(0, -1)
    .map((id) => byId.get(id))
    .filter((x): x is T => x !== undefined);
}

/** `rows` in the tree's order (each agency followed by those below it), siblings as given. */
export function inTreeOrder<T extends OutlineAgency>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  const tops: T[] = [];
  for (const r of rows) {
    if (r.parentId !== null && ids.has(r.parentId)) {
      const list = children.get(r.parentId);
      if (list) list.push(r);
      else children.set(r.parentId, [r]);
    } else tops.push(r);
  }
  const out: T[] = [];
  const visit = (r: T) => {
    out.push(r);
    for (const c of children.get(r.id) ?? []) visit(c);
  };
  for (const t of tops) visit(t);
  return out;
}

/** Options of a select of agencies: tree order, each name indented by its depth below the first's. */
export function agencyOptions(rows: readonly OutlineAgency[]): { value: string; label: string }[] {
  const ordered = inTreeOrder(rows);
  const top = Math.min(...ordered.map((r) => r.depth));
  return ordered.map((a) => ({ value: String(a.id), label: `${'　'.repeat(a.depth - top)}${a.name}` }));
}
