// 一、总体情况: the periodic reviews of documents recorded as 依申请公开 or 不予公开 (issue #17
// point 3, 条例 第十八条) made in the year — in total, those confirmed, those changed between the
// two, and those changed to 主动公开. A review counts in the year it was made; the drill-down
// lists the same records (disclosure_reviews).
import type { Executor } from '../../../platform/transaction.ts';
import { DISCLOSURE_MODE_LABELS, groundText } from '../../publication/index.ts';
import { countPerKey, countRows, inReportYear, scopeAgencyIds, type ReportScope, CELL_RECORDS_LIMIT } from './types.ts';

export const ATTRIBUTE_REVIEW_KEYS = ['total', 'confirmed', 'changed', 'opened'] as const;
export type AttributeReviewKey = (typeof ATTRIBUTE_REVIEW_KEYS)[number];

export const ATTRIBUTE_REVIEW_LABELS: Record<AttributeReviewKey, string> = {
  total: '复核不公开文件的公开属性（件次）',
  confirmed: '其中维持原属性（件次）',
  changed: '其中在依申请公开、不予公开之间调整（件次）',
  opened: '其中调整为主动公开（件次）',
};

function reviews(db: Executor, scope: ReportScope, key: AttributeReviewKey) {
  return db
    .selectFrom('disclosureReviews as r')
    .where('r.agencyId', 'in', scopeAgencyIds(scope))
    .where(inReportYear('r.reviewedOn', scope.year))
    .$if(key === 'confirmed', (q) => q.whereRef('r.modeAfter', '=', 'r.modeBefore'))
    .$if(key === 'changed', (q) =>
      q.whereRef('r.modeAfter', '<>', 'r.modeBefore').where('r.modeAfter', '<>', 'proactive'),
    )
    .$if(key === 'opened', (q) => q.where('r.modeAfter', '=', 'proactive'));
}

export function attributeReviewCounts(db: Executor, scope: ReportScope): Promise<Record<AttributeReviewKey, number>> {
  return countPerKey(ATTRIBUTE_REVIEW_KEYS, (key) => countRows(reviews(db, scope, key)));
}

/** The reviews behind one count. */
export async function attributeReviewRecords(db: Executor, scope: ReportScope, key: AttributeReviewKey) {
  const rows = await reviews(db, scope, key)
    .innerJoin('publications as p', 'p.id', 'r.publicationId')
    .select(['p.id', 'p.title', 'r.reviewedOn', 'r.modeBefore', 'r.modeAfter', 'r.groundAfter', 'r.reason'])
    .orderBy('r.reviewedOn')
    .orderBy('r.id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    href: `/admin/publications/${r.id}`,
    cells: [
      r.title,
      r.reviewedOn,
      `${DISCLOSURE_MODE_LABELS[r.modeBefore]} → ${DISCLOSURE_MODE_LABELS[r.modeAfter]}`,
      groundText(r.groundAfter),
      r.reason,
    ],
  }));
}
