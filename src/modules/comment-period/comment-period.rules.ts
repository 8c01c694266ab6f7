// The rules of a comment period (意见征集), pure functions:
// - 《重大行政决策程序暂行条例》（国务院令第713号）第十五条: a 重大行政决策 put out for public comment
//   publishes the draft and its explanation (草案及其说明) and says how and until when to comment
//   (提出意见的方式和期限); the period is in general not less than 30 days (一般不少于30日), and a
//   shorter one (情况紧急等原因) must be explained when it is published.
// - Periods counted in days start the day after the first day (《民法典》第二百零一条: 开始的当日不计入),
//   so 6月2日 to 7月2日 is 30 days.
// - The 30 days are the default of a setting (commentPeriod.majorMinimumDays): an agency whose
//   own rules ask for more sets more; it can never go below 1.
// - The 意见采纳情况反馈 is published after the period, once every comment has a verdict; 部分采纳 and
//   未采纳 carry their reason (the feedback says why a comment was not taken up).
import type { FieldErrors } from '../../platform/errors.ts';
import type { Verdict } from './comment-period.tables.ts';

export const MAJOR_DECISION_BASIS = '《重大行政决策程序暂行条例》第十五条';
export const DEFAULT_MAJOR_MINIMUM_DAYS = 30;

const DAY_MS = 86_400_000;
const isoDay = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Days of the period from opensOn to closesOn, the first day not counted (民法典 第二百零一条). */
export function periodDays(opensOn: string, closesOn: string): number {
  return Math.round((isoDay(closesOn) - isoDay(opensOn)) / DAY_MS);
}

export interface PeriodInput {
  opensOn: string;
  closesOn: string;
  majorDecision: boolean;
  shortenedReason: string;
  /** The setting: at least this many days for a 重大行政决策 unless a shortening is explained. */
  majorMinimumDays: number;
}

/** Field errors of a period (empty when it is lawful). Dates are valid YYYY-MM-DD already. */
export function checkPeriod(p: PeriodInput): FieldErrors {
  const days = periodDays(p.opensOn, p.closesOn);
  if (days < 1) return { closesOn: '截止日期应晚于开始日期。' };
  if (p.majorDecision && days < p.majorMinimumDays && !p.shortenedReason.trim())
    return {
      shortenedReason: `重大行政决策公开征求意见的期限一般不少于 ${p.majorMinimumDays} 日（现为 ${days} 日，${MAJOR_DECISION_BASIS}）；因情况紧急等原因需要缩短的，请说明理由，说明将随征集一并公开。`,
    };
  return {};
}

export type Phase = 'draft' | 'upcoming' | 'open' | 'closed';

export const PHASE_LABELS: Record<Phase, string> = {
  draft: '草稿（未发布）',
  upcoming: '尚未开始',
  open: '正在征集',
  closed: '征集已结束',
};

/** Where a period stands on `today` (Asia/Shanghai): open from opensOn through closesOn. */
export function phaseOf(p: { publishedAt: string | null; opensOn: string; closesOn: string }, today: string): Phase {
  if (!p.publishedAt) return 'draft';
  if (today < p.opensOn) return 'upcoming';
  if (today > p.closesOn) return 'closed';
  return 'open';
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  adopted: '采纳',
  partlyAdopted: '部分采纳',
  notAdopted: '未采纳',
};

/** The reason a verdict needs: 部分采纳 and 未采纳 say why; 采纳 may say how. */
export function checkVerdict(verdict: string, reason: string): FieldErrors {
  if (!(verdict in VERDICT_LABELS)) return { verdict: '请选择采纳、部分采纳或未采纳。' };
  if (verdict !== 'adopted' && !reason.trim())
    return { verdictReason: `${VERDICT_LABELS[verdict as Verdict]}的意见须说明理由（将在意见采纳情况反馈中公开）。` };
  if ([...reason].length > 1000) return { verdictReason: '理由不能超过 1000 个字。' };
  return {};
}

export interface FeedbackCounts {
  total: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  undecided: number;
}

export function feedbackCounts(verdicts: readonly (Verdict | '')[]): FeedbackCounts {
  const c: FeedbackCounts = { total: verdicts.length, adopted: 0, partlyAdopted: 0, notAdopted: 0, undecided: 0 };
  for (const v of verdicts) {
    if (v === '') c.undecided += 1;
    else c[v] += 1;
  }
  return c;
}

/** Why the 反馈 cannot be published yet, or null when it can. */
export function feedbackRefusal(phase: Phase, counts: FeedbackCounts): string | null {
  if (phase !== 'closed') return '征集期结束后才能发布意见采纳情况反馈。';
  if (counts.undecided > 0) return `还有 ${counts.undecided} 条意见未标注采纳情况，请先逐条标注。`;
  return null;
}

/** The sentence of the 反馈 that the counts make. */
export function feedbackSentence(c: FeedbackCounts): string {
  if (c.total === 0) return '征集期内未收到意见。';
  return `征集期内共收到意见 ${c.total} 条，其中采纳 ${c.adopted} 条、部分采纳 ${c.partlyAdopted} 条、未采纳 ${c.notAdopted} 条。`;
}
