// The forms of one report's admin page: narratives (with last year's text and the overview from the
// records), staff figures with their source notes, the scope of a roll-up, and the workflow steps
// (submit, review, publish, each with the admin's override reason).
import { Csrf, Field, TextArea } from '../../platform/views/components.tsx';
import { NARRATIVE_KEYS, NARRATIVE_LABELS } from './annual-report.service.ts';
import { LEGACY_2008_SECTIONS } from './format/legacy2008.ts';
import { narrativeHeadings } from './format/national2021.ts';
import { TABLE2_STAFF_FIGURES } from './queries/table2.query.ts';
import { LEGACY_FEE_FIGURES } from './queries/legacy-fees.query.ts';
import type { ReportPageProps } from './annual-report.views.tsx';
import { beijingDate } from '../../platform/chinese-date.ts';

export const LEGACY_NARRATIVE_LABELS = narrativeHeadings(LEGACY_2008_SECTIONS);

export const COMMENT_KINDS: Record<string, string> = {
  return: '退回',
  approve: '审核通过',
  override: '强制通过理由',
  comment: '意见',
};

export function NarrativeForm(p: ReportPageProps & { base: string }) {
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

export function FiguresForm(p: ReportPageProps & { base: string }) {
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

export function ScopeForm(p: ReportPageProps & { base: string }) {
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

export function OverrideField({ show, error }: { show: boolean; error?: string | undefined }) {
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

export function WorkflowForms(p: ReportPageProps & { base: string }) {
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
          已于 {beijingDate(report.publishedAt)} 发布到{p.publishedWhere}。
        </p>
      ) : null}
    </section>
  );
}
