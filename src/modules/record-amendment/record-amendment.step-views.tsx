// The step forms on a 更正申请's staff page (条例 第四十一条): confirm receipt of an online request,
// extend the time limit (条例 第三十三条), and decide. Each form shows only when the state and the
// member of staff's rights allow it, and keeps what was typed when it comes back with errors.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors.ts';
import { Csrf, ErrorSummary, Field, Radios, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { SentForm } from './record-amendment.case-views.tsx';
import { AMENDMENT_BASIS, DECISION_LABELS, REFUSAL_GROUNDS } from './record-amendment.rules.ts';

const GROUND_OPTIONS = Object.entries(REFUSAL_GROUNDS).map(([value, g]) => ({ value, label: g.label }));
const DECISION_OPTIONS = Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }));

/** One step's section: its heading, the summary of the errors it came back with, its form. */
function StepForm(p: {
  step: SentForm['form'];
  title: ComponentChildren;
  errors: FieldErrors;
  labels: Record<string, string>;
  action: string;
  csrf: string;
  button: string;
  secondary?: boolean;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${p.step}-title`}>
      <h2 id={`${p.step}-title`}>{p.title}</h2>
      <ErrorSummary errors={p.errors} labels={p.labels} />
      <form method="post" action={p.action} class="ir-form" novalidate>
        <Csrf token={p.csrf} />
        {p.children}
        <button type="submit" class={p.secondary ? 'button secondary' : 'button'}>
          {p.button}
        </button>
      </form>
    </section>
  );
}

export function AmendmentStepForms(p: {
  ctx: PageContext;
  base: string;
  today: string;
  can: { confirm: boolean; extend: boolean; decide: boolean };
  sent?: SentForm;
}) {
  const base = p.base;
  const sent = (form: SentForm['form']) => (p.sent?.form === form ? p.sent : undefined);
  const err = (form: SentForm['form']) => sent(form)?.errors ?? {};
  /** The controls of one step's form, bound to what it was sent back with. */
  const fields = (form: SentForm['form'], defaults: Record<string, string> = {}) =>
    formFields(sent(form)?.values, sent(form)?.errors, defaults);
  const confirm = fields('confirm', { confirmedOn: p.today });
  const extend = fields('extend', {
    workingDays: '20',
    approvedOn: p.today,
    applicantNotifiedOn: p.today,
  });
  const decide = fields('decide');
  return (
    <>
      {p.can.confirm ? (
        <StepForm
          step="confirm"
          title="确认收到"
          errors={err('confirm')}
          labels={{ confirmedOn: '确认日期' }}
          action={`${base}/confirm`}
          csrf={p.ctx.csrfToken}
          button="确认收到"
        >
          <Field
            {...confirm('confirmedOn', '确认日期')}
            type="date"
            required
            hint="与申请人双方确认之日为收到申请之日，答复期限自次日起算。"
          />
        </StepForm>
      ) : null}
      {p.can.extend ? (
        <StepForm
          step="extend"
          title="延长答复期限"
          errors={err('extend')}
          labels={{
            workingDays: '延长的工作日',
            approvedBy: '批准人',
            approvedOn: '同意日期',
            applicantNotifiedOn: '告知申请人日期',
          }}
          action={`${base}/extend`}
          csrf={p.ctx.csrfToken}
          button="延长并出具告知书"
          secondary
        >
          <Field {...extend('workingDays', '延长的工作日（最多20）')} type="number" required />
          <Field {...extend('approvedBy', '批准人（政府信息公开工作机构负责人）')} required />
          <Field {...extend('approvedOn', '同意日期')} type="date" required />
          <Field {...extend('applicantNotifiedOn', '告知申请人日期')} type="date" required />
        </StepForm>
      ) : null}
      {p.can.decide ? (
        <StepForm
          step="decide"
          title={<>作出决定（{AMENDMENT_BASIS}）</>}
          errors={err('decide')}
          labels={{
            decision: '处理决定',
            amendedRecord: '已更正的记录',
            competentAgency: '有权更正的行政机关',
            refusalGround: '不予更正的理由',
            decisionText: '说明',
          }}
          action={`${base}/decide`}
          csrf={p.ctx.csrfToken}
          button="作出决定并生成告知书"
        >
          <Radios
            name="decision"
            legend="处理决定"
            value={sent('decide')?.values.decision ?? ''}
            options={DECISION_OPTIONS}
            required
            error={err('decide').decision}
          />
          <Field {...decide('amendedRecord', '已更正的记录（予以更正时填写）')} />
          <Field {...decide('competentAgency', '有权更正的行政机关（转送或告知时填写）')} />
          <Select
            {...decide('refusalGround', '不予更正的理由（不予更正时选择）')}
            options={GROUND_OPTIONS}
            emptyLabel="请选择"
          />
          <TextArea
            {...decide('decisionText', '说明')}
            rows={4}
            hint="予以更正：写明原记录和更正后的内容；不予更正：写明具体理由；转送或告知：可补充说明。告知书将载明。"
          />
        </StepForm>
      ) : null}
    </>
  );
}
