// The step forms on a 更正申请's staff page (条例 第四十一条): confirm receipt of an online request,
// extend the time limit (条例 第三十三条), and decide. Each form shows only when the state and the
// member of staff's rights allow it, and keeps what was typed when it comes back with errors.
import { Csrf, ErrorSummary, Field, Radios, Select, TextArea } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { SentForm } from './record-amendment.case-views.tsx';
import { AMENDMENT_BASIS, DECISION_LABELS, REFUSAL_GROUNDS } from './record-amendment.rules.ts';

const GROUND_OPTIONS = Object.entries(REFUSAL_GROUNDS).map(([value, g]) => ({ value, label: g.label }));
const DECISION_OPTIONS = Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }));

export function AmendmentStepForms(p: {
  ctx: PageContext;
  base: string;
  today: string;
  can: { confirm: boolean; extend: boolean; decide: boolean };
  sent?: SentForm;
}) {
  const base = p.base;
  const sent = (form: SentForm['form']) => (p.sent?.form === form ? p.sent : undefined);
  const val = (form: SentForm['form'], k: string, dflt = '') => sent(form)?.values[k] ?? dflt;
  const err = (form: SentForm['form']) => sent(form)?.errors ?? {};
  return (
    <>
      {p.can.confirm ? (
        <section aria-labelledby="confirm-title">
          <h2 id="confirm-title">确认收到</h2>
          <ErrorSummary errors={err('confirm')} labels={{ confirmedOn: '确认日期' }} />
          <form method="post" action={`${base}/confirm`} class="ir-form" novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Field
              name="confirmedOn"
              label="确认日期"
              type="date"
              value={val('confirm', 'confirmedOn', p.today)}
              required
              error={err('confirm').confirmedOn}
              hint="与申请人双方确认之日为收到申请之日，答复期限自次日起算。"
            />
            <button type="submit" class="button">
              确认收到
            </button>
          </form>
        </section>
      ) : null}
      {p.can.extend ? (
        <section aria-labelledby="extend-title">
          <h2 id="extend-title">延长答复期限</h2>
          <ErrorSummary
            errors={err('extend')}
            labels={{
              workingDays: '延长的工作日',
              approvedBy: '批准人',
              approvedOn: '同意日期',
              applicantNotifiedOn: '告知申请人日期',
            }}
          />
          <form method="post" action={`${base}/extend`} class="ir-form" novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Field
              name="workingDays"
              label="延长的工作日（最多20）"
              type="number"
              value={val('extend', 'workingDays', '20')}
              required
              error={err('extend').workingDays}
            />
            <Field
              name="approvedBy"
              label="批准人（政府信息公开工作机构负责人）"
              value={val('extend', 'approvedBy')}
              required
              error={err('extend').approvedBy}
            />
            <Field
              name="approvedOn"
              label="同意日期"
              type="date"
              value={val('extend', 'approvedOn', p.today)}
              required
              error={err('extend').approvedOn}
            />
            <Field
              name="applicantNotifiedOn"
              label="告知申请人日期"
              type="date"
              value={val('extend', 'applicantNotifiedOn', p.today)}
              required
              error={err('extend').applicantNotifiedOn}
            />
            <button type="submit" class="button secondary">
              延长并出具告知书
            </button>
          </form>
        </section>
      ) : null}
      {p.can.decide ? (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">作出决定（{AMENDMENT_BASIS}）</h2>
          <ErrorSummary
            errors={err('decide')}
            labels={{
              decision: '处理决定',
              amendedRecord: '已更正的记录',
              competentAgency: '有权更正的行政机关',
              refusalGround: '不予更正的理由',
              decisionText: '说明',
            }}
          />
          <form method="post" action={`${base}/decide`} class="ir-form" novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Radios
              name="decision"
              legend="处理决定"
              value={val('decide', 'decision')}
              options={DECISION_OPTIONS}
              required
              error={err('decide').decision}
            />
            <Field
              name="amendedRecord"
              label="已更正的记录（予以更正时填写）"
              value={val('decide', 'amendedRecord')}
              error={err('decide').amendedRecord}
            />
            <Field
              name="competentAgency"
              label="有权更正的行政机关（转送或告知时填写）"
              value={val('decide', 'competentAgency')}
              error={err('decide').competentAgency}
            />
            <Select
              name="refusalGround"
              label="不予更正的理由（不予更正时选择）"
              value={val('decide', 'refusalGround')}
              options={GROUND_OPTIONS}
              emptyLabel="请选择"
              error={err('decide').refusalGround}
            />
            <TextArea
              name="decisionText"
              label="说明"
              value={val('decide', 'decisionText')}
              error={err('decide').decisionText}
              rows={4}
              hint="予以更正：写明原记录和更正后的内容；不予更正：写明具体理由；转送或告知：可补充说明。告知书将载明。"
            />
            <button type="submit" class="button">
              作出决定并生成告知书
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
