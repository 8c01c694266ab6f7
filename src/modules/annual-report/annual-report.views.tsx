// Admin console pages of one annual report: the report (computed tables with drill-down, the check's
// findings, comments, the forms of annual-report.forms.tsx) and the drill-down record list. The
// status overview is annual-report.list-views.tsx; the checker page annual-report.checker-views.tsx.
import { OverviewCountsTable, type OverviewCount } from './annual-report.overview-counts.tsx';
import { Breadcrumbs, Csrf, ErrorSummary, TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { Finding } from './checker/index.ts';
import { ReportDocument } from './annual-report.document.tsx';
import { YearChart } from './annual-report.chart.tsx';
import type { RenderedChart } from '../../platform/views/chart.tsx';
import type { LoadedReport } from './annual-report.build.tsx';
import type { AnnualReportCommentRow } from './annual-report.repository.ts';
import { STATE_LABELS } from './annual-report.states.ts';
import { NARRATIVE_LABELS, type Narratives } from './annual-report.service.ts';
import { LegacyReportDocument } from './annual-report.legacy-output.tsx';
import type { Legacy2008ReportData } from './annual-report.legacy.ts';
import { CELL_RECORDS_LIMIT, type StaffFigures } from './queries/types.ts';
import { WorkflowForms, NarrativeForm, FiguresForm, ScopeForm, COMMENT_KINDS } from './annual-report.forms.tsx';
import { beijingMinute } from '../../platform/chinese-date.ts';

export function FindingList({ findings, checkedAt }: { findings: Finding[]; checkedAt: string | null }) {
  if (!checkedAt) return <p>尚未进行一致性检查。</p>;
  if (findings.length === 0) return <p class="flash-ok">一致性检查通过，未发现问题（{beijingMinute(checkedAt)}）。</p>;
  return (
    <ul class="report-findings">
      {findings.map((f, i) => (
        <li key={i} class={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
          <strong>{f.severity === 'error' ? '错误' : '提示'}</strong>（{f.code}）：
          {f.location?.section && f.location.section in NARRATIVE_LABELS
            ? `【${NARRATIVE_LABELS[f.location.section as keyof typeof NARRATIVE_LABELS]}】`
            : ''}
          {f.message}
          {f.evidence ? <span class="muted"> 依据：{f.evidence}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export interface ReportPageProps {
  ctx: PageContext;
  loaded: LoadedReport;
  narratives: Narratives;
  lastYear: Narratives;
  figures: Record<string, { value: string; note: string }>;
  findings: Finding[];
  comments: AnnualReportCommentRow[];
  history: RenderedChart;
  publishedWhere: string;
  can: { edit: boolean; submit: boolean; review: boolean; publish: boolean; override: boolean };
  subordinates: { id: number; name: string }[];
  scopeIds: number[];
  errors?: FieldErrors;
  /** Set for a legacy2008 report: its data computed from the records (the nine-part text). */
  legacy?: Legacy2008ReportData;
  /** national2021, editable: the 总体情况 sentences computed from the records now (#15 point 5). */
  overviewFromRecords?: string;
  /** national2021: the 总体情况's counts beyond the tables (政策解读, …), each with its drill-down. */
  overviewCounts?: OverviewCount[];
}

/** Narrative labels of the legacy2008 parts that staff write (the others are written from records). */
export function ReportPage(p: ReportPageProps) {
  const { report, agency } = p.loaded;
  const base = `/admin/annual-reports/${report.id}`;
  const e = p.errors ?? {};
  return (
    <AdminLayout title={`${agency.name}${report.year}年度报告`} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: `/admin/annual-reports?year=${report.year}`, label: '年度报告' },
          { label: `${agency.name}${report.year}年度` },
        ]}
      />
      <h1>
        {agency.name}
        {report.year}年政府信息公开工作年度报告
      </h1>
      <ErrorSummary errors={e} />
      <p>
        状态：<strong>{STATE_LABELS[report.state]}</strong>
        {report.overrideReason ? `（管理员已强制通过：${report.overrideReason}）` : ''}
      </p>
      <p class="actions">
        下载：
        {(p.legacy ? (['docx', 'pdf', 'json'] as const) : (['docx', 'xlsx', 'pdf', 'json'] as const)).map((x) => (
          <a key={x} href={`${base}/export.${x}`}>
            {x.toUpperCase()}
          </a>
        ))}
      </p>

      <section aria-labelledby="check-title">
        <h2 id="check-title">一致性检查</h2>
        <FindingList findings={p.findings} checkedAt={report.checkedAt} />
        <form method="post" action={`${base}/check`} class="inline-form">
          <Csrf token={p.ctx.csrfToken} />
          <button type="submit" class="button secondary">
            运行一致性检查
          </button>
        </form>
      </section>

      {p.can.edit ? <NarrativeForm {...p} base={base} /> : null}
      {p.can.edit ? <FiguresForm {...p} base={base} /> : null}
      {p.can.edit && p.subordinates.length ? <ScopeForm {...p} base={base} /> : null}
      <WorkflowForms {...p} base={base} />

      {p.comments.length ? (
        <section aria-labelledby="comments-title">
          <h2 id="comments-title">审核意见</h2>
          <ul>
            {p.comments.map((c) => (
              <li key={c.id}>
                {beijingMinute(c.createdAt)} {c.authorName}（{COMMENT_KINDS[c.kind] ?? c.kind}）：
                {c.body}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.overviewCounts ? <OverviewCountsTable counts={p.overviewCounts} reportId={report.id} /> : null}
      {p.legacy ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">报告内容（旧版九部分结构，按当前记录计算）</h2>
          <LegacyReportDocument data={p.legacy} headingLevel={3} />
        </section>
      ) : (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">报告内容{p.loaded.frozen ? '（发布版本）' : '（按当前记录计算）'}</h2>
          <ReportDocument
            data={p.loaded.data}
            fees={p.loaded.fees}
            publishedWhere={p.publishedWhere}
            headingLevel={3}
            drillDown
            {...(p.loaded.cells ? { cells: p.loaded.cells } : {})}
            {...(p.loaded.breakdown ? { breakdown: p.loaded.breakdown } : {})}
          />
          <YearChart chart={p.history} />
        </section>
      )}
    </AdminLayout>
  );
}

export function CellRecordsPage(p: {
  ctx: PageContext;
  reportId: number;
  title: string;
  label: string;
  rows: { href?: string; cells: string[] }[];
  headers: string[];
}) {
  // The queries fetch one past the limit, to know there are more.
  const more = p.rows.length > CELL_RECORDS_LIMIT;
  const rows = more ? p.rows.slice(0, CELL_RECORDS_LIMIT) : p.rows;
  return (
    <AdminLayout title={p.title} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin/annual-reports', label: '年度报告' },
          { href: `/admin/annual-reports/${p.reportId}`, label: p.title },
          { label: p.label },
        ]}
      />
      <h1>{p.label}</h1>
      <p>
        {more
          ? `记录超过 ${CELL_RECORDS_LIMIT} 条，以下列出按日期排在前面的 ${CELL_RECORDS_LIMIT} 条。`
          : `共 ${rows.length} 条记录。`}
      </p>
      <TableScroll label={p.label}>
        <table>
          <thead>
            <tr>
              {p.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.cells.map((c, j) => (
                  <td key={j}>{j === 0 && r.href ? <a href={r.href}>{c}</a> : c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

export function figureFormValues(figures: StaffFigures): Record<string, { value: string; note: string }> {
  const out: Record<string, { value: string; note: string }> = {};
  for (const [k, f] of Object.entries(figures)) if (f) out[k] = { value: String(f.value), note: f.note };
  return out;
}
