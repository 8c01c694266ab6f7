// The 一、总体情况 narrative prefilled from the records (#15 point 5): when a national2021 report is
// opened, its overview starts with sentences whose every number comes from a query — publications
// by category and by channel (legacy-proactive.query.ts), applications (table 三 as computed for the
// report), 咨询 (the interaction records) and fees (the payments recorded on applications) — which
// staff then edit. The report page shows the same sentences computed afresh, for numbers that moved
// after the report was opened. The sentences are written so that the prose check reads them back
// equal to the tables (their wording matches checker/prose.ts).
import type { Executor } from '../../platform/transaction.ts';
import type { InteractionCounts } from '../interaction/index.ts';
import { legacyFeeTerm } from './annual-report.legacy.ts';
import { formatAmount } from './annual-report.document.tsx';
import { feesQuery, type FeesResult } from './queries/fees.query.ts';
import { interpretationsQuery, type InterpretationCounts } from './queries/interpretations.query.ts';
import { commentPeriodsQuery, type CommentPeriodCounts } from './queries/comment-periods.query.ts';
import { attributeReviewCounts, type AttributeReviewKey } from './queries/attribute-reviews.query.ts';
import { legacyInquiriesQuery } from './queries/legacy-inquiries.query.ts';
import { proactiveConversionCounts, type ProactiveKey } from './queries/proactive-conversions.query.ts';
import { meetingCounts, type MeetingKey } from './queries/meetings.query.ts';
import { legacyProactiveQuery, type LegacyProactiveResult } from './queries/legacy-proactive.query.ts';
import type { ReportScope } from './queries/types.ts';
import type { Table3Data2021 } from './report-data.ts';

export interface OverviewFacts {
  year: number;
  proactive: LegacyProactiveResult;
  infoRequests: { received: number; carriedOver: number; concluded: number; carriedForward: number };
  inquiries: InteractionCounts['inquiries'];
  fees: FeesResult;
  interpretations: InterpretationCounts;
  commentPeriods: CommentPeriodCounts;
  /** 条例 第十八条: reviews of documents recorded as 依申请公开 / 不予公开 (issue #17 point 3). */
  attributeReviews: Record<AttributeReviewKey, number>;
  /** 条例 第四十四条: suggestions to publish proactively what several applicants asked for (#17 point 6). */
  conversions: Record<ProactiveKey, number>;
  /** 会议公开 (#17 point 5): meetings held, decisions published, 列席 attendees. */
  meetings: Record<MeetingKey, number>;
}

export async function overviewFacts(db: Executor, scope: ReportScope, table3: Table3Data2021): Promise<OverviewFacts> {
  return {
    year: scope.year,
    proactive: (await legacyProactiveQuery(db, scope)).values,
    infoRequests: {
      received: table3.newlyReceived.total,
      carriedOver: table3.carriedOver.total,
      concluded: table3.total.total,
      carriedForward: table3.carriedForward.total,
    },
    inquiries: (await legacyInquiriesQuery(db, scope)).values.inquiries,
    fees: (await feesQuery(db, scope)).values,
    interpretations: (await interpretationsQuery(db, scope)).values,
    commentPeriods: await commentPeriodsQuery(db, scope),
    attributeReviews: await attributeReviewCounts(db, scope),
    conversions: await proactiveConversionCounts(db, scope),
    meetings: await meetingCounts(db, scope),
  };
}

const INQUIRY_CHANNELS = [
  ['phone', '电话'],
  ['inPerson', '当面'],
  ['online', '网上'],
  ['mail', '信函'],
] as const;

/** The prefilled paragraphs (one per subject), from the facts alone. */
export function overviewSentences(f: OverviewFacts): string {
  const p = f.proactive;
  const proactive =
    p.total === 0
      ? `${f.year}年，本机关没有新主动公开的政府信息。`
      : `${f.year}年，本机关主动公开政府信息${p.total}条，其中${p.byCategory.map((c) => `${c.label}${c.count}条`).join('、')}。` +
        (p.byChannel.length
          ? `按公开渠道统计（同一条信息可通过多个渠道公开）：${p.byChannel.map((c) => `${c.label}${c.count}条`).join('，')}。`
          : '');
  const it = f.interpretations;
  const interpretations = it.total
    ? `发布政策解读${it.total}篇，其中${it.byForm
        .filter((x) => x.count > 0)
        .map((x) => `${x.label}${x.count}篇`)
        .join('、')}。`
    : '';
  const cp = f.commentPeriods;
  const commentPeriods = cp.total
    ? `开展意见征集${cp.total}次（其中重大行政决策${cp.major}次），收到意见${cp.comments}条，采纳${cp.adopted}条、部分采纳${cp.partlyAdopted}条、未采纳${cp.notAdopted}条，发布意见采纳情况反馈${cp.feedback}次。`
    : '';
  const r = f.attributeReviews;
  const reviews = r.total
    ? `对依申请公开、不予公开的政府信息开展公开属性动态复核${r.total}件次${r.opened ? `，经复核调整为主动公开${r.opened}件` : ''}。`
    : '';
  const mt = f.meetings;
  const meetings = mt.held
    ? `召开政府常务会议等会议并公开${mt.held}次，公开会议纪要${mt.decided}次，邀请公众代表、专家、媒体列席${mt.attendees}人次。`
    : '';
  const pc = f.conversions;
  const proactiveConversions = pc.suggested
    ? `对多个申请人申请的相同信息提出转为主动公开建议${pc.suggested}件${pc.byApplicants ? `（其中申请人建议${pc.byApplicants}件）` : ''}，已转为主动公开${pc.converted}件。`
    : pc.converted
      ? `依申请公开转为主动公开${pc.converted}件。`
      : '';
  const a = f.infoRequests;
  const applications =
    a.received === 0 && a.carriedOver === 0
      ? '全年没有收到政府信息公开申请，也没有上年结转的申请。'
      : `全年新收政府信息公开申请${a.received}件，上年结转${a.carriedOver}件；办结${a.concluded}件，结转下年度继续办理${a.carriedForward}件。`;
  const i = f.inquiries;
  const by = INQUIRY_CHANNELS.filter(([k]) => i[k] > 0).map(([k, l]) => `${l}${i[k]}次`);
  const inquiries =
    i.total === 0 ? '全年没有接到政府信息公开方面的咨询。' : `全年接到咨询${i.total}次（${by.join('、')}）。`;
  const term = legacyFeeTerm(f.year);
  const fees = f.fees.paidCount
    ? `全年收取${term}${formatAmount(f.fees.informationProcessing)}元（${f.fees.paidCount}件申请缴费）。`
    : `全年未收取${term}。`;
  return [
    proactive + interpretations + commentPeriods + meetings + reviews,
    `${applications}${proactiveConversions}${inquiries}`,
    fees,
  ].join('\n');
}
