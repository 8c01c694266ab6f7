// Legacy format 二、主动公开政府信息的情况: the items first released in the year (publishedOn in
// the year), in total, by category and by channel. Each item counts in exactly one category (its
// first category by catalogue order, reported under its top-level class — or, where the agency
// uses the seed's 信息类别 preset, under that class), so the categories add up to the total by
// construction. Channels overlap (an item may go out on the website and the notice board).
import type { Executor } from '../../../platform/transaction.ts';
import { CHANNELS, type Channel } from '../../publication/index.ts';
import { CHANNEL_LABELS } from '../../publication/index.ts';
import { inReportYear, type CellProvenance, type ReportScope, type SectionResult } from './types.ts';

export interface LegacyProactiveResult {
  total: number;
  /** In catalogue order; labels end in 类. Their counts add up to `total`. */
  byCategory: { label: string; count: number }[];
  /** Channels used in the year (an item may count under several). */
  byChannel: { channel: Channel; label: string; count: number }[];
}

interface CategoryNode {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  sortOrder: number;
}

/** The class an item is reported under: its top-level category, or a class of the seed preset. */
function reportingClass(cat: CategoryNode, byId: Map<number, CategoryNode>): CategoryNode {
  let cur = cat;
  for (let guard = 0; guard < 20; guard++) {
    const parent = cur.parentId === null ? undefined : byId.get(cur.parentId);
    if (!parent) return cur;
    if (parent.code.endsWith('.classes')) return cur;
    cur = parent;
  }
  return cur;
}

/** "组织机构" → "组织机构类"; brackets and digits are dropped so the label reads as one clause. */
export function categoryLabel(name: string): string {
  const plain =
    name
      .replace(/[（(][^）)]*[）)]/g, '')
      .replace(/[\d,，;；。:：、]/g, '')
      .trim() || '其他';
  return plain.endsWith('类') ? plain : `${plain}类`;
}

export async function legacyProactiveQuery(
  db: Executor,
  scope: ReportScope,
): Promise<SectionResult<LegacyProactiveResult>> {
  const cells: Record<string, CellProvenance> = {
    total: { source: 'records', detail: '本年首次发布的主动公开信息（发布日期在本年度内）' },
    byCategory: { source: 'records', detail: '每条信息按其第一个目录类别所属的一级类别计一次' },
    byChannel: { source: 'records', detail: '信息登记的公开方式（同一条信息可有多个渠道）' },
  };
  if (scope.agencyIds.length === 0) return { values: { total: 0, byCategory: [], byChannel: [] }, cells };
  const pubs = await db
    .selectFrom('publications')
    .select(['id'])
    .where('agencyId', 'in', [...scope.agencyIds])
    .where(inReportYear('publishedOn', scope.year))
    .execute();
  const ids = pubs.map((p) => p.id);
  const cats = await db
    .selectFrom('categories')
    .select(['id', 'parentId', 'code', 'name', 'sortOrder'])
    .where('agencyId', 'in', [...scope.agencyIds])
    .execute();
  const byId = new Map(cats.map((c) => [c.id, c]));
  const links: { publicationId: number; categoryId: number }[] = [];
  const channels: { publicationId: number; channel: Channel }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    links.push(
      ...(await db
        .selectFrom('publicationCategories')
        .select(['publicationId', 'categoryId'])
        .where('publicationId', 'in', chunk)
        .execute()),
    );
    channels.push(
      ...(await db
        .selectFrom('publicationChannels')
        .select(['publicationId', 'channel'])
        .where('publicationId', 'in', chunk)
        .execute()),
    );
  }
  // Catalogue order of a category: the sort orders along its path.
  const orderKey = (c: CategoryNode): string => {
    const path: string[] = [];
    let cur: CategoryNode | undefined = c;
    for (let guard = 0; cur && guard < 20; guard++) {
      path.unshift(`${String(cur.sortOrder).padStart(6, '0')}.${String(cur.id).padStart(9, '0')}`);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    return path.join('/');
  };
  const first = new Map<number, CategoryNode>();
  for (const l of links) {
    const c = byId.get(l.categoryId);
    if (!c) continue;
    const cur = first.get(l.publicationId);
    if (!cur || orderKey(c) < orderKey(cur)) first.set(l.publicationId, c);
  }
  const counts = new Map<string, { label: string; order: string; count: number }>();
  for (const id of ids) {
    const c = first.get(id);
    const cls = c ? reportingClass(c, byId) : undefined;
    const label = cls ? categoryLabel(cls.name) : '其他类';
    const order = cls ? orderKey(cls) : '~';
    const cur = counts.get(label) ?? { label, order, count: 0 };
    cur.count++;
    if (order < cur.order) cur.order = order;
    counts.set(label, cur);
  }
  const byCategory = [...counts.values()]
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ label, count }) => ({ label, count }));
  const perChannel = new Map<Channel, Set<number>>();
  for (const ch of channels) {
    const set = perChannel.get(ch.channel) ?? new Set<number>();
    set.add(ch.publicationId);
    perChannel.set(ch.channel, set);
  }
  const byChannel = CHANNELS.filter((ch) => perChannel.has(ch)).map((channel) => ({
    channel,
    label: CHANNEL_LABELS[channel],
    count: perChannel.get(channel)?.size ?? 0,
  }));
  return { values: { total: ids.length, byCategory, byChannel }, cells };
}
