// Admin console pages of the annual report: the status overview (own and subordinate agencies),
// one report (computed tables with drill-down, narratives, staff figures, check, workflow), the
// drill-down record list and the checker for texts written elsewhere.
import { Breadcrumbs, Csrf, ErrorSummary, Field, TableScroll, TextArea } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { Finding } from './index.ts';
import { ReportDocument } from './annual-report.document.tsx';
import { YearChart } from './annual-report.chart.tsx';
import type { RenderedChart } from '../../platform/views/chart.tsx';
import type { LoadedReport } from './annual-report.build.tsx';
import type { AnnualReportCommentRow, AnnualReportRow } from './annual-report.repository.ts';
import { STATE_LABELS } from './annual-report.states.ts';
import { NARRATIVE_KEYS, NARRATIVE_LABELS, type Narratives } from './annual-report.service.ts';
import { TABLE2_STAFF_FIGURES } from './queries/table2.query.ts';
import { LEGACY_FEE_FIGURES } from './queries/legacy-fees.query.ts';
import { LegacyReportDocument } from './annual-report.legacy-output.tsx';
import type { Legacy2008ReportData } from './annual-report.legacy.ts';
import type { StaffFigures } from './queries/types.ts';

export interface OverviewRow {
  agencyId: number;
  agencyName: string;
  depth: number;
  report: Pick<AnnualReportRow, 'id' | 'state' | 'checkResults' | 'checkedAt' | 'submittedAt' | 'publishedAt'> | null;
  dueOn: string;
}

export function findingCounts(json: string): { errors: number; warnings: number } {
  let list: Finding[] = [];
  try {
    list = JSON.parse(json) as Finding[];
  } catch {
    list = [];
  }
  return {
    errors: list.filter((f) => f.severity === 'error').length,
    warnings: list.filter((f) => f.severity === 'warning').length,
  };
}

export function ReportListPage(p: {
  ctx: PageContext;
  year: number;
  rows: OverviewRow[];
  canOpen: { id: number; name: string }[];
  townDue?: { value: string; error?: string };
}) {
  return (
    <AdminLayout title="年度报告" ctx={p.ctx}>
      <h1>政府信息公开工作年度报告</h1>
      <form method="get" action="/admin/annual-reports" class="actions">
        <label for="f-year">报告年度</label>
        <input id="f-year" name="year" type="number" inputMode="numeric" min={2008} max={9999} value={String(p.year)} />
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      <TableScroll label={`${p.year}年度报告情况`}>
        <table>
          <caption>{p.year}年度各机构报告情况</caption>
          <thead>
            <tr>
              <th scope="col">机构</th>
              <th scope="col">状态</th>
              <th scope="col">一致性检查</th>
              <th scope="col">截止日期</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const c = r.report ? findingCounts(r.report.checkResults) : null;
              return (
                <tr key={r.agencyId}>
                  <th scope="row">{`${'　'.repeat(r.depth)}${r.agencyName}`}</th>
                  <td>{r.report ? STATE_LABELS[r.report.state] : '未编制'}</td>
                  <td>{r.report?.checkedAt && c ? `${c.errors} 个错误，${c.warnings} 个提示` : '未检查'}</td>
                  <td>{r.dueOn}</td>
                  <td>
                    {r.report ? (
                      <a href={`/admin/annual-reports/${r.report.id}`}>
                        打开<span class="visually-hidden">{r.agencyName}的报告</span>
                      </a>
                    ) : p.canOpen.some((a) => a.id === r.agencyId) ? (
                      <form method="post" action="/admin/annual-reports" class="inline-form">
                        <Csrf token={p.ctx.csrfToken} />
                        <input type="hidden" name="agencyId" value={String(r.agencyId)} />
                        <input type="hidden" name="year" value={String(p.year)} />
                        {p.year >= 2021 ? (
                          <>
                            <label for={`f-format-${r.agencyId}`} class="visually-hidden">
                              {r.agencyName}的报告格式
                            </label>
                            <select id={`f-format-${r.agencyId}`} name="format">
                              <option value="national2021" selected>
                                2021年格式
                              </option>
                              <option value="legacy2008">旧版九部分结构</option>
                            </select>
                          </>
                        ) : p.year <= 2018 ? (
                          <input type="hidden" name="format" value="legacy2008" />
                        ) : null}
                        <button type="submit" class="button secondary">
                          编制<span class="visually-hidden">{r.agencyName}的报告</span>
                        </button>
                      </form>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a href="/admin/annual-reports/checker">检查其他途径发布的年度报告文本</a>
      </p>
      {p.townDue ? (
        <section aria-labelledby="town-due-title">
          <h2 id="town-due-title">乡镇（街道）年度报告截止日期</h2>
          <p class="hint">
            县政府部门为次年1月31日、县人民政府为次年3月31日（《条例》第四十九条）；乡镇、街道的截止日期由县级人民政府确定。
          </p>
          <form method="post" action="/admin/annual-reports/town-due-date">
            <Csrf token={p.ctx.csrfToken} />
            <Field
              name="townDueMonthDay"
              label="次年的月-日（MM-DD）"
              value={p.townDue.value}
              error={p.townDue.error}
            />
            <button type="submit" class="button secondary">
              保存截止日期
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}

export function FindingList({ findings, checkedAt }: { findings: Finding[]; checkedAt: string | null }) {
  if (!checkedAt) return <p>尚未进行一致性检查。</p>;
  if (findings.length === 0)
    return <p class="notice-ok">一致性检查通过，未发现问题（{checkedAt.slice(0, 16).replace('T', ' ')}）。</p>;
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
}

/** Narrative labels of the legacy2008 parts that staff write (the others are written from records). */
export const LEGACY_NARRATIVE_LABELS: Record<(typeof NARRATIVE_KEYS)[number], string> = {
  overview: '一、概述',
  problems: '八、存在的主要问题及改进情况',
  other: '九、其他需要报告事项',
};

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
                {c.createdAt.slice(0, 16).replace('T', ' ')} {c.authorName}（{COMMENT_KINDS[c.kind] ?? c.kind}）：
                {c.body}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

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

const COMMENT_KINDS: Record<string, string> = {
  return: '退回',
  approve: '审核通过',
  override: '强制通过理由',
  comment: '意见',
};

function NarrativeForm(p: ReportPageProps & { base: string }) {
  const e = p.errors ?? {};
  const labels = p.legacy ? LEGACY_NARRATIVE_LABELS : NARRATIVE_LABELS;
  return (
    <section aria-labelledby="narr-title">
      <h2 id="narr-title">文字部分</h2>
      <p class="hint">报告开头的机构名称、统计期限和联系方式由系统根据机构信息自动生成，无需填写。</p>
      <form method="post" action={`${p.base}/narratives`}>
        <Csrf token={p.ctx.csrfToken} />
        {NARRATIVE_KEYS.map((k) => (
          <div key={k}>
            <TextArea name={k} label={labels[k]} value={p.narratives[k] ?? ''} error={e[k]} rows={8} />
            {k === 'overview' && p.overviewFromRecords ? (
              <details>
                <summary>查看根据当前记录生成的总体情况数字（可复制）</summary>
                <p class="hint">
                  打开报告时总体情况已按记录预填；此后记录如有变化，以下为最新数字。报送前系统会核对文字中的数字与表格是否一致。
                </p>
                <p class="pre-wrap">{p.overviewFromRecords}</p>
              </details>
            ) : null}
            {p.lastYear[k] ? (
              <details>
                <summary>查看上年度的{labels[k]}</summary>
                <p class="pre-wrap">{p.lastYear[k]}</p>
              </details>
            ) : null}
          </div>
        ))}
        <button type="submit" class="button">
          保存文字部分
        </button>
      </form>
    </section>
  );
}

function FiguresForm(p: ReportPageProps & { base: string }) {
  const e = p.errors ?? {};
  return (
    <section aria-labelledby="fig-title">
      <h2 id="fig-title">填报数据</h2>
      <p class="hint">以下数据本系统尚无业务记录，请按统计台账填报，并注明数据来源。</p>
      <form method="post" action={`${p.base}/figures`}>
        <Csrf token={p.ctx.csrfToken} />
        {(p.legacy ? LEGACY_FEE_FIGURES : TABLE2_STAFF_FIGURES).map((f) => (
          <fieldset key={f.key}>
            <legend>
              {f.label}（{f.unit}）
            </legend>
            <Field
              name={`v:${f.key}`}
              label="数值"
              value={p.figures[f.key]?.value ?? ''}
              error={e[`v:${f.key}`]}
              inputmode={f.decimal ? 'text' : 'numeric'}
            />
            <Field
              name={`n:${f.key}`}
              label="数据来源说明"
              value={p.figures[f.key]?.note ?? ''}
              error={e[`n:${f.key}`]}
            />
          </fieldset>
        ))}
        <button type="submit" class="button">
          保存填报数据
        </button>
      </form>
    </section>
  );
}

function ScopeForm(p: ReportPageProps & { base: string }) {
  return (
    <section aria-labelledby="scope-title">
      <h2 id="scope-title">汇总范围</h2>
      <form method="post" action={`${p.base}/scope`}>
        <Csrf token={p.ctx.csrfToken} />
        <fieldset>
          <legend>统计哪些机构的记录（只选本机关即为本机关报告；多选则为汇总报告，并附分机构情况）</legend>
          {[{ id: p.loaded.agency.id, name: `${p.loaded.agency.name}（本机关）` }, ...p.subordinates].map((a) => (
            <div key={a.id} class="check">
              <input
                type="checkbox"
                id={`scope-${a.id}`}
                name="agencyIds"
                value={String(a.id)}
                checked={p.scopeIds.includes(a.id)}
              />
              <label for={`scope-${a.id}`}>{a.name}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button secondary">
          保存汇总范围
        </button>
      </form>
    </section>
  );
}

function OverrideField({ show, error }: { show: boolean; error?: string | undefined }) {
  if (!show) return null;
  return (
    <TextArea
      name="overrideReason"
      label="强制通过理由（仅当一致性检查有错误时需要，将记入审计日志）"
      value=""
      error={error}
      rows={2}
    />
  );
}

function WorkflowForms(p: ReportPageProps & { base: string }) {
  const { report } = p.loaded;
  const e = p.errors ?? {};
  const csrf = <Csrf token={p.ctx.csrfToken} />;
  return (
    <section aria-labelledby="flow-title">
      <h2 id="flow-title">报送与审核</h2>
      {e.check ? (
        <p class="error" id="f-check">
          {e.check}
        </p>
      ) : null}
      {p.can.submit && (report.state === 'draft' || report.state === 'returned') ? (
        <form method="post" action={`${p.base}/submit`}>
          {csrf}
          <OverrideField show={p.can.override} error={e.overrideReason} />
          <button type="submit" class="button">
            检查并报送上级机关
          </button>
        </form>
      ) : null}
      {p.can.review && report.state === 'submitted' ? (
        <form method="post" action={`${p.base}/review`}>
          {csrf}
          <TextArea name="comment" label="审核意见（退回时必填）" value="" error={e.comment} rows={3} />
          {p.legacy ? null : (
            <div class="check">
              <input type="checkbox" id="f-publishNow" name="publishNow" value="1" checked />
              <label for="f-publishNow">审核通过后立即发布到本机构“政府信息公开年报”栏目</label>
            </div>
          )}
          <OverrideField show={p.can.override} error={e.overrideReason} />
          <div class="actions">
            <button type="submit" name="decision" value="approve" class="button">
              审核通过
            </button>
            <button type="submit" name="decision" value="return" class="button secondary">
              退回修改
            </button>
          </div>
        </form>
      ) : null}
      {p.legacy && report.state === 'approved' ? (
        <p class="hint">
          旧版九部分结构的报告审核通过后，请将导出的文本（DOCX、PDF）发布到本机构“政府信息公开年报”栏目；平台暂不直接发布这一格式。
        </p>
      ) : null}
      {p.can.publish && report.state === 'approved' && !p.legacy ? (
        <form method="post" action={`${p.base}/publish`}>
          {csrf}
          <OverrideField show={p.can.override} error={e.overrideReason} />
          <button type="submit" class="button">
            发布
          </button>
        </form>
      ) : null}
      {report.state === 'published' ? (
        <p>
          已于 {report.publishedAt?.slice(0, 10)} 发布到{p.publishedWhere}。
        </p>
      ) : null}
    </section>
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
      <p>共 {p.rows.length} 条记录。</p>
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
            {p.rows.map((r, i) => (
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
