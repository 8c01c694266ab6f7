// The case page's fee (信息处理费) and 复议/诉讼 sections.
import { Csrf, Field, Select } from '../../platform/views/components.tsx';
import { APPEAL_RESULTS } from './decision.service.ts';
import { feeMethodLabels } from './rules/index.ts';
import { ActionForm, opts, type CasePageProps } from './info-request.case-parts.tsx';

export function FeeForms(p: CasePageProps) {
  const base = `/admin/info-requests/${p.r.id}`;
  const e = p.errors ?? {};
  const v = p.values ?? {};
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
        <Select
          name="feeMethod"
          label="计费方式"
          value={v.feeMethod ?? p.quote?.method}
          error={e.feeMethod}
          options={opts(feeMethodLabels)}
        />
        <Field
          name="feeQuantity"
          label="数量"
          type="number"
          value={v.feeQuantity ?? (p.quote ? String(p.quote.quantity) : '')}
          error={e.feeQuantity}
        />
        <Field
          name="noticeReceivedOn"
          label="申请人收到收费通知的日期"
          type="date"
          value={v.noticeReceivedOn ?? p.today}
          error={e.noticeReceivedOn}
        />
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
        <Field name="filedOn" label="提起日期" type="date" value={v.filedOn} error={e.filedOn} />
        <Select name="result" label="结果" value={v.result ?? 'pending'} options={opts(APPEAL_RESULTS)} />
        <Field name="concludedOn" label="审结日期" type="date" value={v.concludedOn} error={e.concludedOn} />
      </ActionForm>
    </section>
  );
}
