// The counts that 一、总体情况 describes beyond tables 二–四 (issue #17): 政策解读 by form, 意见征集,
// 公开属性复核, 依申请公开转主动公开, 更正个人政府信息记录 (第四十一条), … Each
// is a query over the records (queries/), shown on the report page as a table whose every
// non-zero count opens the records behind it (the drill-down of annual-report.drilldown.ts, cells
// `overview.<subject>.<key>`), and written into the prefilled 总体情况 sentences.
import type { Executor } from '../../platform/transaction.ts';
import { TableScroll } from '../../platform/views/components.tsx';
import { INTERPRETATION_FORMS, type InterpretationForm } from '../publication/index.ts';
import { interpretationRecords, interpretationsQuery } from './queries/interpretations.query.ts';
import {
  COMMENT_PERIOD_KEYS,
  COMMENT_PERIOD_LABELS,
  commentPeriodRecords,
  commentPeriodsQuery,
  type CommentPeriodKey,
} from './queries/comment-periods.query.ts';
import type { ReportScope } from './queries/types.ts';
import {
  RECORD_AMENDMENT_KEYS,
  RECORD_AMENDMENT_LABELS,
  recordAmendmentCounts,
  recordAmendmentRecords,
  type RecordAmendmentKey,
} from './queries/record-amendments.query.ts';
import type { CellRecords } from './annual-report.drilldown.ts';
import {
  ATTRIBUTE_REVIEW_KEYS,
  ATTRIBUTE_REVIEW_LABELS,
  attributeReviewCounts,
  attributeReviewRecords,
  type AttributeReviewKey,
} from './queries/attribute-reviews.query.ts';
import {
  PROACTIVE_KEYS,
  PROACTIVE_LABELS,
  proactiveConversionCounts,
  proactiveConversionRecords,
  type ProactiveKey,
} from './queries/proactive-conversions.query.ts';
import {
  STANDARD_CATALOGUE_KEYS,
  STANDARD_CATALOGUE_LABELS,
  standardCatalogueCounts,
  standardCatalogueRecords,
  type StandardCatalogueKey,
} from './queries/standard-catalogue.query.ts';
import {
  MEETING_KEYS,
  MEETING_LABELS,
  meetingCounts,
  meetingRecords,
  type MeetingKey,
} from './queries/meetings.query.ts';

export interface OverviewCount {
  /** Drill-down cell key. */
  cell: string;
  subject: string;
  label: string;
  count: number;
}

export async function overviewCounts(db: Executor, scope: ReportScope): Promise<OverviewCount[]> {
  const it = (await interpretationsQuery(db, scope)).values;
  const reviewed = await attributeReviewCounts(db, scope);
  const proactive = await proactiveConversionCounts(db, scope);
  const amendments = await recordAmendmentCounts(db, scope);
  const meetings = await meetingCounts(db, scope);
  return [
    { cell: 'overview.interpretations.total', subject: '政策解读', label: '合计（篇）', count: it.total },
    ...it.byForm.map((f) => ({
      cell: `overview.interpretations.${f.form}`,
      subject: '政策解读',
      label: `${f.label}（篇）`,
      count: f.count,
    })),
    ...commentPeriodCounts(await commentPeriodsQuery(db, scope)),
    ...ATTRIBUTE_REVIEW_KEYS.map((k) => ({
      cell: `overview.attributeReviews.${k}`,
      subject: '公开属性动态复核',
      label: ATTRIBUTE_REVIEW_LABELS[k],
      count: reviewed[k],
    })),
    ...PROACTIVE_KEYS.map((k) => ({
      cell: `overview.proactive.${k}`,
      subject: '依申请公开转主动公开',
      label: PROACTIVE_LABELS[k],
      count: proactive[k],
    })),
    ...standardCatalogueOverview(await standardCatalogueCounts(db, scope)),
    ...RECORD_AMENDMENT_KEYS.map((k) => ({
      cell: `overview.recordAmendments.${k}`,
      subject: '更正个人政府信息记录（条例第四十一条）',
      label: RECORD_AMENDMENT_LABELS[k],
      count: amendments[k],
    })),
    ...MEETING_KEYS.map((k) => ({
      cell: `overview.meetings.${k}`,
      subject: '会议公开',
      label: MEETING_LABELS[k],
      count: meetings[k],
    })),
  ];
}

function standardCatalogueOverview(c: Record<StandardCatalogueKey, number>): OverviewCount[] {
  return STANDARD_CATALOGUE_KEYS.map((key) => ({
    cell: `overview.standardCatalogue.${key}`,
    subject: '基层政务公开标准目录',
    label: STANDARD_CATALOGUE_LABELS[key],
    count: c[key],
  }));
}

function commentPeriodCounts(c: Record<CommentPeriodKey, number>): OverviewCount[] {
  return COMMENT_PERIOD_KEYS.map((key) => ({
    cell: `overview.commentPeriods.${key}`,
    subject: '意见征集',
    label: COMMENT_PERIOD_LABELS[key],
    count: c[key],
  }));
}

/** The records behind an `overview.…` cell, or null when the key names none. */
export async function overviewCellRecords(db: Executor, scope: ReportScope, cell: string): Promise<CellRecords | null> {
  const [, subject, key] = cell.split('.');
  if (subject === 'interpretations') {
    if (key !== 'total' && !(INTERPRETATION_FORMS as readonly string[]).includes(key ?? '')) return null;
    const rows = await interpretationRecords(db, scope, key as InterpretationForm | 'total');
    const label = (await overviewCounts(db, scope)).find((c) => c.cell === cell)?.label ?? '';
    return {
      label: `总体情况 政策解读 · ${label}`,
      headers: ['标题', '索引号', '发布日期', '所解读的政策文件'],
      rows: rows.map((r) => ({
        href: `/admin/publications/${r.id}`,
        cells: [r.title, r.indexNumber ?? '', r.publishedOn ?? '', r.interpretsId ? `信息 ${r.interpretsId}` : ''],
      })),
    };
  }
  if (subject === 'commentPeriods') {
    if (!(COMMENT_PERIOD_KEYS as readonly string[]).includes(key ?? '')) return null;
    const records = await commentPeriodRecords(db, scope, key as CommentPeriodKey);
    return { label: `总体情况 意见征集 · ${COMMENT_PERIOD_LABELS[key as CommentPeriodKey]}`, ...records };
  }
  if (subject === 'attributeReviews') {
    if (!(ATTRIBUTE_REVIEW_KEYS as readonly string[]).includes(key ?? '')) return null;
    return {
      label: `总体情况 公开属性动态复核 · ${ATTRIBUTE_REVIEW_LABELS[key as AttributeReviewKey]}`,
      headers: ['标题', '复核日期', '公开属性', '法定理由', '审核理由'],
      rows: await attributeReviewRecords(db, scope, key as AttributeReviewKey),
    };
  }
  if (subject === 'meetings') {
    if (!(MEETING_KEYS as readonly string[]).includes(key ?? '')) return null;
    return {
      label: `总体情况 会议公开 · ${MEETING_LABELS[key as MeetingKey]}`,
      headers: ['会议名称', '会议类型', '会议日期', '会议纪要公开', '列席（人）'],
      rows: await meetingRecords(db, scope, key as MeetingKey),
    };
  }
  if (subject === 'proactive') {
    if (!(PROACTIVE_KEYS as readonly string[]).includes(key ?? '')) return null;
    return {
      label: `总体情况 依申请公开转主动公开 · ${PROACTIVE_LABELS[key as ProactiveKey]}`,
      headers: ['申请的信息', '提出日期', '状态', '处理日期', '生成的信息'],
      rows: await proactiveConversionRecords(db, scope, key as ProactiveKey),
    };
  }
  if (subject === 'standardCatalogue') {
    if (!(STANDARD_CATALOGUE_KEYS as readonly string[]).includes(key ?? '')) return null;
    const k = key as StandardCatalogueKey;
    return {
      label: `总体情况 基层政务公开标准目录 · ${STANDARD_CATALOGUE_LABELS[k]}`,
      ...(await standardCatalogueRecords(db, scope, k)),
    };
  }
  if (subject === 'recordAmendments') {
    if (!(RECORD_AMENDMENT_KEYS as readonly string[]).includes(key ?? '')) return null;
    return {
      label: `总体情况 更正个人政府信息记录 · ${RECORD_AMENDMENT_LABELS[key as RecordAmendmentKey]}`,
      headers: ['编号', '要求更正的记录', '收到申请之日', '处理决定', '决定日期'],
      rows: await recordAmendmentRecords(db, scope, key as RecordAmendmentKey),
    };
  }
  return null;
}

export function OverviewCountsTable(p: { counts: OverviewCount[]; reportId: number }) {
  return (
    <section aria-labelledby="overview-counts-title">
      <h2 id="overview-counts-title">总体情况的工作数据（按当前记录计算）</h2>
      <TableScroll label="总体情况的工作数据">
        <table>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">项目</th>
              <th scope="col">数量</th>
            </tr>
          </thead>
          <tbody>
            {p.counts.map((c) => (
              <tr key={c.cell}>
                <td>{c.subject}</td>
                <td>{c.label}</td>
                <td class="num">
                  {c.count ? (
                    <a href={`/admin/annual-reports/${p.reportId}/cell?cell=${encodeURIComponent(c.cell)}`}>
                      {c.count}
                    </a>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
