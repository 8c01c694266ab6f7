// The case page's fee (信息处理费), 复议/诉讼 and 转为主动公开 (第四十四条) sections.
import { Csrf, Field, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { APPEAL_RESULTS } from './decision.service.ts';
import { feeMethodLabels, isDisclosingOutcome, PROACTIVE_BASIS } from './rules/index.ts';
import { PROACTIVE_STATE_LABELS } from './proactive.states.ts';
import { PROACTIVE_BASE } from './proactive.queues.ts';
import { ActionForm, caseFields, opts, type CasePageProps } from './info-request.case-parts.tsx';

export function FeeForms(p: CasePageProps) {
  const base = `/admin/info-requests/${p.r.id}`;
  const v = p.values ?? {};
  const { f, date } = caseFields(p, {
    feeMethod: p.quote?.method,
    feeQuantity: p.quote ? String(p.quote.quantity) : '',
  });
  return (
    <section class="ir-action" aria-labelledby="fee-title">
      <h3 id="fee-title">信息处理费（国办函〔2020〕109号）</h3>
      <form method="get" action={base}>
        <Select
          name="quoteMethod"
          label="计费方式"
          value={v.feeMethod ?? p.quote?.method}
          options={opts(feeMethodLabels)}
        />
        <Field
          name="quoteQuantity"
          label="数量（按件：本次计费件数；按量：页数）"
          type="number"
          value={v.feeQuantity ?? (p.quote ? String(p.quote.quantity) : '')}
        />
        <button type="submit" class="button secondary">
          计算收费
        </button>
      </form>
      {p.quote ? (
        <div role="status">
          <p>
            应收：<strong>{p.quote.amount}元</strong>（{feeMethodLabels[p.quote.method]}）
          </p>
          <ul>
            {p.quote.bands.map((b, i) => (
              <li key={i}>
                第{b.from}—{Number.isFinite(b.to) ? b.to : b.from + b.count - 1}：{b.count} × {b.unitPrice}元 ={' '}
                {b.amount}元
              </li>
            ))}
          </ul>
          <p class="hint">{p.quote.basis}</p>
        </div>
      ) : null}
      <form method="post" action={`${base}/fee-notice`}>
        <Csrf token={p.ctx.csrfToken} />
        <Select {...f('feeMethod', '计费方式')} options={opts(feeMethodLabels)} />
        <Field {...f('feeQuantity', '数量')} type="number" />
        <Field {...date('noticeReceivedOn', '申请人收到收费通知的日期')} />
        <button type="submit" class="button">
          发出收费通知
        </button>
      </form>
    </section>
  );
}

export function AppealSection(p: CasePageProps) {
  const base = `/admin/info-requests/${p.r.id}`;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  return (
    <section aria-labelledby="appeal-title">
      <h2 id="appeal-title">行政复议和行政诉讼</h2>
      {p.appeals.length ? (
        <ul>
          {p.appeals.map((a) => (
            <li key={a.id}>
              {a.kind === 'reconsideration'
                ? '行政复议'
                : a.afterReconsideration
                  ? '行政诉讼（复议后起诉）'
                  : '行政诉讼（未经复议直接起诉）'}
              ，{a.filedOn}提起，{APPEAL_RESULTS[a.result]}
              {a.concludedOn ? `（${a.concludedOn}审结）` : ''}
              <form method="post" action={`${base}/appeals/${a.id}`} class="inline-form">
                <Csrf token={p.ctx.csrfToken} />
                <Select name="result" label="结果" value={a.result} options={opts(APPEAL_RESULTS)} />
                <Field name="concludedOn" label="审结日期" type="date" value={a.concludedOn ?? ''} />
                <button type="submit" class="button secondary">
                  更新结果
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <ActionForm ctx={p.ctx} action={`${base}/appeals`} title="登记行政复议或行政诉讼" button="登记">
        <Select
          name="appealKind"
          label="类型"
          value={v.appealKind}
          error={e.kind}
          options={[
            { value: 'reconsideration', label: '行政复议' },
            { value: 'lawsuitDirect', label: '行政诉讼（未经复议直接起诉）' },
            { value: 'lawsuitAfter', label: '行政诉讼（复议后起诉）' },
          ]}
        />
        <Field {...f('filedOn', '提起日期')} type="date" />
        <Select name="result" label="结果" value={v.result ?? 'pending'} options={opts(APPEAL_RESULTS)} />
        <Field {...f('concludedOn', '审结日期')} type="date" />
      </ActionForm>
    </section>
  );
}

/**
 * 依申请公开转主动公开 (条例 第四十四条) on an answered application: the suggestion it belongs to,
 * and the form recording the applicant's own suggestion (second sentence of the article).
 */
export function ProactiveSection(p: CasePageProps) {
  const r = p.r;
  if (!['replied', 'archived'].includes(r.state) || !isDisclosingOutcome(r.outcomeKey)) return null;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  return (
    <section class="ir-action" aria-labelledby="proactive-title">
      <h3 id="proactive-title">转为主动公开（{PROACTIVE_BASIS}）</h3>
      {p.proactive ? (
        <p>
          本申请属于
          <a href={`${PROACTIVE_BASE}/${p.proactive.id}`}>
            {p.proactive.origin === 'applicant' ? '申请人建议' : '多个申请人申请相同信息'}的转主动公开建议
          </a>
          ：{PROACTIVE_STATE_LABELS[p.proactive.state]}。
        </p>
      ) : (
        <p class="hint">多个申请人申请相同信息并予以公开的，系统会自动提出建议；申请人也可以建议纳入主动公开范围。</p>
      )}
      {p.can.process ? (
        <form method="post" action={`/admin/info-requests/${r.id}/proactive-suggestion`}>
          <Csrf token={p.ctx.csrfToken} />
          <TextArea {...f('applicantNote', '申请人的建议（方式、日期和内容）')} rows={2} maxLength={1000} />
          <button type="submit" class="button secondary">
            记录申请人建议
          </button>
        </form>
      ) : null}
    </section>
  );
}
