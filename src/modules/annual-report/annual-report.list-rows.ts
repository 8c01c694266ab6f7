// The annual report list at a province's size (#16): an office sees its own level — its agency,
// its departments and towns, and each lower government as a row of its own that opens that
// government's list (`?agency=`) — not every agency below (a province's 2,297 rows were 1.5 MB,
// docs/PERFORMANCE.md). A county's list is what it was: nothing under a county is a government.
import { GOVERNMENT_KINDS } from '../../platform/agency-kinds.ts';

export interface ListedAgency {
  id: number;
  parentId: number | null;
  path: string;
  kind: string;
}

/**
 * The agencies of `all` listed under `root` (pure): root and those below it with no government
 * above the town between (the lower governments themselves included), in `all`'s order; `withBelow`
 * holds the listed lower governments that have agencies under them.
 */
export function agenciesAtLevel<T extends ListedAgency>(
  root: T,
  all: readonly T[],
): { rows: T[]; withBelow: Set<number> } {
  const byId = new Map(all.map((a) => [a.id, a]));
  const rootDepth = root.path.split('/').filter(Boolean).length;
  const rows = all.filter((a) => {
    if (!a.path.startsWith(root.path)) return false;
    const between = a.path.split('/').filter(Boolean).slice(rootDepth, -1);
    return !between.some((id) => GOVERNMENT_KINDS.has(byId.get(Number(id))?.kind ?? ''));
  });
  const parents = new Set(all.map((a) => a.parentId));
  const withBelow = new Set(
    rows.filter((a) => a.id !== root.id && GOVERNMENT_KINDS.has(a.kind) && parents.has(a.id)).map((a) => a.id),
  );
  return { rows, withBelow };
}
