// 一、总体情况: 意见征集 / 重大决策预公开 (issue #17 point 4). A consultation counts in the year its
// period opened (published ones only); its comments and their verdicts count with it, and a 反馈
// counts once published. The drill-down lists the same consultations or comments.
import type { Executor } from '../../../platform/transaction.ts';
import { VERDICT_LABELS, VERDICTS, type Verdict } from '../../comment-period/index.ts';
import { inReportYear, scopeAgencyIds, type ReportScope, CELL_RECORDS_LIMIT } from './types.ts';
import { beijingDate } from '../../../platform/chinese-date.ts';

export const COMMENT_PERIOD_KEYS = [
  'total',
  'major',
  'feedback',
  'comments',
  'adopted',
  'partlyAdopted',
  'notAdopted',
] as const;
export type CommentPeriodKey = (typeof COMMENT_PERIOD_KEYS)[number];

export const COMMENT_PERIOD_LABELS: Record<CommentPeriodKey, string> = {
  total: '开展意见征集（次）',
  major: '其中重大行政决策（次）',
  feedback: '发布意见采纳情况反馈（次）',
  comments: '收到意见（条）',
  adopted: `${VERDICT_LABELS.adopted}（条）`,
  partlyAdopted: `${VERDICT_LABELS.partlyAdopted}（条）`,
  notAdopted: `${VERDICT_LABELS.notAdopted}（条）`,
};

function periods(db: Executor, scope: ReportScope) {
  return db
    .selectFrom('commentPeriods as cp')
    .where('cp.agencyId', 'in', scopeAgencyIds(scope))
    .where('cp.publishedAt', 'is not', null)
    .where(inReportYear('cp.opensOn', scope.year));
}

export type CommentPeriodCounts = Record<CommentPeriodKey, number>;

export async function commentPeriodsQuery(db: Executor, scope: ReportScope): Promise<CommentPeriodCounts> {
  const p = await periods(db, scope)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string | null>('cp.majorDecision').as('major'),
      eb.fn.count<number | string>('cp.feedbackPublishedAt').as('feedback'),
    ])
    .executeTakeFirst();
  const byVerdict = await periods(db, scope)
    .innerJoin('publicComments as c', 'c.commentPeriodId', 'cp.id')
    .select((eb) => ['c.verdict', eb.fn.countAll<number | string>().as('n')])
    .groupBy('c.verdict')
    .execute();
  const n = new Map(byVerdict.map((r) => [r.verdict, Number(r.n)]));
  return {
    total: Number(p?.total ?? 0),
    major: Number(p?.major ?? 0),
    feedback: Number(p?.feedback ?? 0),
    comments: byVerdict.reduce((a, r) => a + Number(r.n), 0),
    adopted: n.get('adopted') ?? 0,
    partlyAdopted: n.get('partlyAdopted') ?? 0,
    notAdopted: n.get('notAdopted') ?? 0,
  };
}

/** The records behind one count: consultations (total, major, feedback) or comments. */
export async function commentPeriodRecords(
  db: Executor,
  scope: ReportScope,
  key: CommentPeriodKey,
): Promise<{ headers: string[]; rows: { href: string; cells: string[] }[] }> {
  if (key === 'total' || key === 'major' || key === 'feedback') {
    const rows = await periods(db, scope)
      .$if(key === 'major', (q) => q.where('cp.majorDecision', '=', 1))
      .$if(key === 'feedback', (q) => q.where('cp.feedbackPublishedAt', 'is not', null))
      .select(['cp.id', 'cp.title', 'cp.opensOn', 'cp.closesOn', 'cp.feedbackPublishedAt'])
      .orderBy('cp.opensOn')
      .orderBy('cp.id')
      .limit(CELL_RECORDS_LIMIT + 1)
      .execute();
    return {
      headers: ['标题', '征集期限', '采纳情况反馈'],
      rows: rows.map((r) => ({
        href: `/admin/comment-periods/${r.id}`,
        cells: [
          r.title,
          `${r.opensOn} 至 ${r.closesOn}`,
          r.feedbackPublishedAt ? beijingDate(r.feedbackPublishedAt) : '未发布',
        ],
      })),
    };
  }
  const rows = await periods(db, scope)
    .innerJoin('publicComments as c', 'c.commentPeriodId', 'cp.id')
    .$if(key !== 'comments', (q) => q.where('c.verdict', '=', key as Verdict))
    .select(['cp.id', 'cp.title', 'c.id as commentId', 'c.receivedAt', 'c.verdict'])
    .orderBy('c.receivedAt')
    .orderBy('c.id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
  return {
    headers: ['意见征集', '收到日期', '采纳情况'],
    rows: rows.map((r) => ({
      href: `/admin/comment-periods/${r.id}#comment-${r.commentId}`,
      cells: [
        r.title,
        beijingDate(r.receivedAt),
        (VERDICTS as readonly string[]).includes(r.verdict) ? VERDICT_LABELS[r.verdict as Verdict] : '未标注',
      ],
    })),
  };
}
