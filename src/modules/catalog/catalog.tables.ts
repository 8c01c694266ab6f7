// The per-agency category taxonomy of the 政府信息公开目录 (several levels, ordered).
import type { Generated } from 'kysely';

/** The four 专栏 columns a top-level category belongs to (portal COLUMNS keys). */
export const COLUMN_KEYS = ['guide', 'system', 'statutory', 'reports'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface CategoriesTable {
  id: Generated<number>;
  agencyId: number;
  parentId: number | null;
  /** Stable per-agency code, e.g. 'statutory.a20.1'; used in URLs and imports. */
  code: string;
  name: string;
  description: string;
  /** Which 专栏 column the category (and its subtree) sits under. */
  columnKey: ColumnKey;
  depth: number;
  sortOrder: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogTables {
  categories: CategoriesTable;
}
