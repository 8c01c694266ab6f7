// Tables of the 基层政务公开标准目录 (issue #17 point 2, migration 0032): the county's items per
// area, the bindings of an agency's 目录 categories to items, and the areas an agency marks 未涉及.
import type { Generated } from 'kysely';

/** 公开时限's shape: N days from the information's formation or change, or a periodic release. */
export const TIMING_KINDS = ['change', 'yearly', 'quarterly', 'monthly'] as const;
export type TimingKind = (typeof TIMING_KINDS)[number];

/** Days counted as working days (工作日) or calendar days (日). */
export const DAY_UNITS = ['working', 'calendar'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** 公开方式. */
export const ITEM_MODES = ['proactive', 'onRequest'] as const;
export type ItemMode = (typeof ITEM_MODES)[number];

/** 公开层级: 县级, 乡级 or both. */
export const ITEM_LEVELS = ['county', 'town', 'both'] as const;
export type ItemLevel = (typeof ITEM_LEVELS)[number];

/** 公开对象: 全社会, 特定群众 or both. */
export const ITEM_AUDIENCES = ['public', 'specific', 'both'] as const;
export type ItemAudience = (typeof ITEM_AUDIENCES)[number];

export interface StandardItemsTable {
  id: Generated<number>;
  areaKey: string;
  seq: number;
  /** 一级事项. */
  level1: string;
  /** 二级事项. */
  level2: string;
  /** 公开内容（要素）. */
  elements: string;
  /** 公开依据. */
  basis: string;
  /** 公开时限 as written in the catalogue. */
  timeLimit: string;
  timingKind: TimingKind;
  /** change: N days after formation/change; quarterly/monthly: N days after the period's end. */
  timingDays: number;
  timingUnit: DayUnit;
  /** yearly: the day of the year it is due by, MM-DD. '' otherwise. */
  timingDate: string;
  /** 公开主体. */
  subject: string;
  /** 公开渠道和载体, '、'-separated names from CHANNELS. */
  channels: string;
  audience: ItemAudience;
  mode: ItemMode;
  level: ItemLevel;
  /** Where the item was taken from (a published catalogue with its address, or the county's own). */
  source: string;
  /** 1 when the source was seen; 0 = unconfirmed. */
  sourceConfirmed: number;
  createdAt: string;
  updatedAt: string;
}

export interface StandardItemBindingsTable {
  id: Generated<number>;
  agencyId: number;
  itemId: number;
  categoryId: number;
  createdBy: number | null;
  createdAt: string;
}

export interface StandardAreaExemptionsTable {
  id: Generated<number>;
  agencyId: number;
  areaKey: string;
  reason: string;
  createdBy: number | null;
  createdAt: string;
}

export interface StandardCatalogueTables {
  standardItems: StandardItemsTable;
  standardItemBindings: StandardItemBindingsTable;
  standardAreaExemptions: StandardAreaExemptionsTable;
}
