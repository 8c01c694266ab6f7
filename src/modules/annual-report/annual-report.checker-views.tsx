// The admin checker page (#15 point 6): several reports at once (uploaded .txt/.html/.docx files
// and/or one pasted text), a summary table (file, agency, year, format, errors, warnings) and, for
// each report, its findings — each linking to its place in the report's text, shown below with the
// places highlighted (<mark id="rN-mK">) and linking back. Plain links and anchors: no JavaScript.
import { Breadcrumbs, Csrf, ErrorSummary, Field, TextArea } from '../../platform/views/components.tsx';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { markFindings, type Finding } from './checker/index.ts';

export interface CheckedReportView {
  /** The file's name, or 粘贴的文本. */
  name: string;
  agency: string | null;
  year: number | null;
  format: string;
  findings: Finding[];
  /** The plain text that was checked (what the findings' lines and offsets refer to). */
  text: string;
}

export const CHECKER_MAX_FILES = 50;

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  national2021: '2021年格式',
  national2019: '2019年试行格式',
  legacy2008: '旧版九部分结构',
  unknown: '未识别',
};

const count = (findings: readonly Finding[], severity: Finding['severity']) =>
  findings.filter((f) => f.severity === severity).length;

function ReportResult({ r, n }: { r: CheckedReportView; n: number }) {
  const id = `r${n}`;
  const marked = markFindings(r.text, r.findings);
  const firstFinding = new Map<number, number>();
  marked.markOf.forEach((m, i) => {
    if (m !== null && !firstFinding.has(m)) firstFinding.set(m, i);
  });
  return (
    <section id={id} aria-labelledby={`${id}-title`} class="checked-report">
      <h3 id={`${id}-title`}>
        {n}. {r.name}
      </h3>
      <dl class="meta">
        <dt>机构</dt>
        <dd>{r.agency ?? '未能识别'}</dd>
        <dt>年度</dt>
        <dd>{r.year ?? '未能识别'}</dd>
        <dt>格式</dt>
        <dd>{FORMAT_LABELS[r.format] ?? r.format}</dd>
      </dl>
      {r.findings.length === 0 ? (
        <p class="flash-ok">未发现问题。</p>
      ) : (
        <ol class="report-findings">
          {r.findings.map((f, i) => {
            const m = marked.markOf[i];
            return (
              <li key={i} id={`${id}-f${i + 1}`} class={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                <strong>{f.severity === 'error' ? '错误' : '提示'}</strong>（{f.code}）：{f.message}
                {f.evidence ? <span class="muted"> 依据：{f.evidence}</span> : null}{' '}
                {m !== null ? (
                  <a href={`#${id}-m${m}`}>
                    在原文中查看{f.location?.line !== undefined ? `（第${f.location.line}行）` : ''}
                  </a>
                ) : (
                  <span class="muted">（涉及全文）</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <h4 id={`${id}-text`}>原文{r.findings.length ? '（标出的是问题所在位置）' : ''}</h4>
      <div class="checked-text">
        {marked.pieces.map((p, k) =>
          p.mark === undefined ? (
            p.text
          ) : (
            <span key={k}>
              <mark id={`${id}-m${p.mark}`}>{p.text}</mark>
              <a class="mark-back" href={`#${id}-f${(firstFinding.get(p.mark) ?? 0) + 1}`}>
                [问题{(firstFinding.get(p.mark) ?? 0) + 1}]
              </a>
            </span>
          ),
        )}
      </div>
      <p>
        <a href="#result-title">回到汇总表</a>
      </p>
    </section>
  );
}

export function CheckerPage(p: {
  ctx: PageContext;
  text: string;
  year: string;
  agencyName: string;
  results?: CheckedReportView[];
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  return (
    <AdminLayout title="年度报告检查" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin/annual-reports', label: '年度报告' }, { label: '检查报告文本' }]} />
      <h1>检查年度报告文本</h1>
      <p>
        上传或粘贴在其他途径发布的政府信息公开工作年度报告（如各乡镇、部门的年报），检查合计与分项、表格勾稽关系、正文数字与表格是否一致、机构名称、年度和联系方式。
        {`一次可上传多份报告（最多 ${CHECKER_MAX_FILES} 份），同一机关相邻两年的报告还会核对上年结转与结转下年度。`}
      </p>
      <ErrorSummary errors={e} />
      <form method="post" action="/admin/annual-reports/checker" enctype="multipart/form-data">
        <Csrf token={p.ctx.csrfToken} />
        <FileField
          name="files"
          label="上传报告文件（.txt、.html、.htm 或 .docx，可多选）"
          error={e.files}
          multiple
          accept=".txt,.html,.htm,.docx,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        >
          按住 Ctrl 或 Shift 键可选择多个文件；每个文件不超过 5 MB。
        </FileField>
        <TextArea name="text" label="或粘贴一份报告的文本" value={p.text} error={e.text} rows={10} />
        <Field
          name="year"
          label="报告年度（可选，适用于本次检查的全部报告）"
          value={p.year}
          error={e.year}
          inputmode="numeric"
        />
        <Field
          name="agencyName"
          label="机构名称（可选，仅检查一份报告时填写）"
          value={p.agencyName}
          error={e.agencyName}
        />
        <button type="submit" class="button">
          检查
        </button>
      </form>
      {p.results ? (
        <section aria-labelledby="result-title">
          <h2 id="result-title">检查结果</h2>
          <p>
            共 {p.results.length} 份报告，{p.results.filter((r) => count(r.findings, 'error') > 0).length} 份有错误。
          </p>
          <RecordTable
            label="检查结果汇总表"
            caption="汇总"
            columns={['文件', '机构', '年度', '格式', '错误', '提示']}
            rows={p.results}
            cells={(r, i) => (
              <>
                <th scope="row">
                  <a href={`#r${i + 1}`}>{r.name}</a>
                </th>
                <td>{r.agency ?? '未能识别'}</td>
                <td>{r.year ?? '—'}</td>
                <td>{FORMAT_LABELS[r.format] ?? r.format}</td>
                <td>{count(r.findings, 'error')}</td>
                <td>{count(r.findings, 'warning')}</td>
              </>
            )}
          />
          <h2>各报告的问题</h2>
          {p.results.map((r, i) => (
            <ReportResult key={i} r={r} n={i + 1} />
          ))}
        </section>
      ) : null}
    </AdminLayout>
  );
}
