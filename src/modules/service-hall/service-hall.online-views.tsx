// 网上申请 of a service-hall item: the form (with the public-form guards) and the receipt that
// shows the case number and the query code once.

import {
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  PublicFormGuards,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';

import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';

import type { ServiceItemRow } from './service-hall.repository.ts';

import { base, Shell, type Agency } from './service-hall.public-views.tsx';

export type OnlineServiceCaseValues = Record<'applicantName' | 'applicantPhone' | 'applicantEmail' | 'summary', string>;

export function ServiceCaseOnlinePage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  values: OnlineServiceCaseValues;
  once: string;
  errors?: FieldErrors | undefined;
  refusal?: string | undefined;
}) {
  const { agency: a, item: i } = p;
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <Shell
      ctx={p.ctx}
      agency={a}
      title={`网上申请：${i.name}`}
      trail={[
        { href: base(a), label: '政务服务事项' },
        { href: `${base(a)}/items/${i.id}`, label: '办事指南' },
      ]}
    >
      <p>
        请如实填写。提交后系统生成办件编号和查询码，窗口审查材料后决定是否受理；材料不齐全的，会一次告知需要补齐补正的全部内容。
      </p>
      <FormRefusal message={p.refusal} />
      <ErrorSummary
        errors={e}
        labels={{
          applicantName: '申请人',
          applicantPhone: '联系电话',
          applicantEmail: '电子邮箱',
          summary: '申请内容',
        }}
      />
      <form method="post" action={`${base(a)}/items/${i.id}/apply`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.once} />
        <Field {...f('applicantName', '申请人')} required hint="公民姓名或法人、其他组织名称" autocomplete="name" />
        <Field {...f('applicantPhone', '联系电话')} required inputmode="tel" autocomplete="tel" />
        <Field
          {...f('applicantEmail', '电子邮箱')}
          type="email"
          autocomplete="email"
          hint="选填；填写后办理进度通知发送到该邮箱"
        />
        <TextArea {...f('summary', '申请内容')} rows={4} required maxLength={1000} />
        <button type="submit">提交申请</button>
      </form>
    </Shell>
  );
}

export function ServiceCaseReceiptPage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  caseNumber: string;
  queryCode: string;
  receivedOn: string;
}) {
  return (
    <Shell ctx={p.ctx} agency={p.agency} title="申请已提交" trail={[{ href: base(p.agency), label: '政务服务事项' }]}>
      <section class="receipt" aria-labelledby="sh-receipt-title">
        <h2 id="sh-receipt-title">网上申请回执</h2>
        <p>
          您的{p.item.name}
          {p.item.name.endsWith('申请') ? '' : '申请'}已提交，请记下以下信息，用于查询办理进度：
        </p>
        <dl class="meta">
          <dt>办件编号</dt>
          <dd>{p.caseNumber}</dd>
          <dt>查询码</dt>
          <dd>{p.queryCode}</dd>
          <dt>办理机关</dt>
          <dd>{p.agency.name}</dd>
          <dt>提交日期</dt>
          <dd>{p.receivedOn}</dd>
        </dl>
        <p class="ir-warning">查询码只显示在这一页上，请记下或打印本页。</p>
      </section>
      <p class="no-print">
        <a href={`/service-hall/receipt/${encodeURIComponent(p.caseNumber)}?print=1`}>打印回执</a>{' '}
        <a href={`/service-hall/case/${encodeURIComponent(p.caseNumber)}`}>查看办理进度</a>
      </p>
    </Shell>
  );
}
