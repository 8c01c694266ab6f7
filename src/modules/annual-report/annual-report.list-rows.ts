// The annual report list at a province's size (#16): an office sees its own level — its agency,
// its departments and towns, and each lower government as a row of its own that opens that
// government's list (`?agency=`) — not every agency below (a province's 2,297 rows were 1.5 MB,
// docs/PERFORMANCE.md). A county's list is what it was: nothing under a county is a government.
import { agencyLevel } from '../agency/index.ts';

export interface ListedAgency {
  id: number;
  parentId: number | null;
  path: string;
  kind: string;
}

/**
 * The agencies of `all` listed under `root` (pure): root and those below it with no government
 * above the town between (the lower governments themselves included), in `all`'s order; `withBelow`
 * holds the listed lower governments that have agencies under them. The level is 机构管理's
 * (agencyLevel, agency.levels.ts).
 */
export function agenciesAtLevel<T extends ListedAgency>(
  root: T,
  all: readonly T[],
): { rows: T[]; withBelow: Set<number> } {
  const { rows, below } = agencyLevel(root, all);
  return { rows, withBelow: new Set(below.keys()) };
}
