// Staff pages of 更正个人政府信息记录 (条例 第四十一条): the list (with the 工作台's queue filters),
// the counter / post intake form, the page shown once after it (number + query code to hand over),
// and the case page: the request, the evidence, the clock (receipt date, due date and why), the
// letters, and the forms of the steps the member of staff may take.
import type { FieldErrors } from '../../platform/errors.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  Flash,
  Radios,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { intakeChannelLabels } from '../info-request/rules/index.ts';
import type { AmendmentFileRow, AmendmentLetterRow, AmendmentRow } from './record-amendment.repository.ts';
import {
  AMENDMENT_BASIS,
  DECISION_LABELS,
  ID_DOCUMENT_OPTIONS,
  REFUSAL_GROUNDS,
  STATE_LABELS,
  type AmendmentFormValues,
} from './record-amendment.rules.ts';
import type { AmendmentDecision } from './record-amendment.tables.ts';
import { AMENDMENT_LABELS } from './record-amendment.public-views.tsx';

export const ADMIN_BASE = '/admin/record-amendments';

const VIEW_TITLES: Record<string, string> = {
  overdue: '已超过答复期限的更正申请',
  soon: '5个工作日内到期的更正申请',
  confirm: '待确认收到的网上更正申请',
};

export function clockTone(r: Pick<AmendmentRow, 'state' | 'dueOn'>, today: string, soonLimit: string): string {
  if (r.state !== 'processing' || !r.dueOn) return '';
  if (r.dueOn < today) return '已超期';
  if (r.dueOn <= soonLimit) return '即将到期';
  return '';
}

export function AmendmentListPage(p: {
  ctx: PageContext;
  rows: { row: AmendmentRow; agencyName: string; tone: string }[];
  view: string;
  canRegister: boolean;
}) {
  const title = VIEW_TITLES[p.view] ?? '更正个人政府信息记录申请';
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '更正申请' }]} />
      <h1>{title}</h1>
      <p class="hint">
        依照{AMENDMENT_BASIS}办理；答复期限参照条例第三十三条：收到申请之日起20个工作日，经批准可延长不超过20个工作日。
      </p>
      <p class="actions">
        {p.canRegister ? (
          <a class="button" href={`${ADMIN_BASE}/new`}>
            登记当面或邮寄的更正申请
          </a>
        ) : null}{' '}
        {p.view ? <a href={ADMIN_BASE}>全部更正申请</a> : null}
      </p>
      {p.rows.length ? (
        <TableScroll label="更正申请列表">
          <table class="cp-table">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">机关</th>
                <th scope="col">要求更正的记录</th>
                <th scope="col">状态</th>
                <th scope="col">收到申请之日</th>
                <th scope="col">答复期限</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map(({ row, agencyName, tone }) => (
                <tr key={row.id}>
                  <td>
                    <a href={`${ADMIN_BASE}/${row.id}`}>{row.number}</a>
                  </td>
                  <td>{agencyName}</td>
                  <td>{row.recordConcerned}</td>
                  <td>
                    {STATE_LABELS[row.state]}
                    {row.decision ? `（${DECISION_LABELS[row.decision as AmendmentDecision]}）` : ''}
                  </td>
                  <td>{row.receivedOn ?? '—'}</td>
                  <td>
                    {row.state === 'processing' ? row.dueOn : '—'}
                    {tone ? <strong class="ra-tone"> {tone}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>没有符合条件的更正申请。</p>
      )}
    </AdminLayout>
  );
}

export type IntakeValues = AmendmentFormValues & {
  agencyId: string;
  channel: string;
  handedInOn: string;
  signedForOn: string;
  arrivedOn: string;
  confirmedOn: string;
  staffNote: string;
};

const INTAKE_CHANNELS = ['inPerson', 'signedPost', 'ordinaryPost', 'fax'] as const;

export function AmendmentIntakePage(p: {
  ctx: PageContext;
  agencies: { id: number; name: string }[];
  values: IntakeValues;
  errors?: FieldErrors;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  const labels: Record<string, string> = {
    agencyId: '受理机关',
    channel: '提交渠道',
    handedInOn: '递交日期',
    signedForOn: '签收日期',
    arrivedOn: '信件到达日期',
    confirmedOn: '确认日期',
    receivedOn: '收到申请之日',
    ...AMENDMENT_LABELS,
  };
  const L = (k: string) => labels[k] as string;
  return (
    <AdminLayout title="登记更正申请" ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '更正申请' }, { label: '登记' }]}
      />
      <h1>登记当面、邮寄或传真提交的更正申请</h1>
      <p class="hint">
        收到申请之日按条例第三十一条确定：当面提交的为递交日期，邮寄需签收的为签收日期，平常信函和传真为与申请人确认的日期。
      </p>
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={ADMIN_BASE} class="ir-form" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Select
          name="agencyId"
          label={L('agencyId')}
          value={v.agencyId}
          options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          required
          error={e.agencyId}
        />
        <Radios
          name="channel"
          legend={L('channel')}
          value={v.channel}
          options={INTAKE_CHANNELS.map((c) => ({ value: c, label: intakeChannelLabels[c] }))}
          required
          error={e.channel}
        />
        <Field
          name="handedInOn"
          label={L('handedInOn')}
          type="date"
          value={v.handedInOn}
          error={e.handedInOn}
          hint="当面提交时填写。"
        />
        <Field
          name="signedForOn"
          label={L('signedForOn')}
          type="date"
          value={v.signedForOn}
          error={e.signedForOn}
          hint="邮寄需签收时填写。"
        />
        <Field
          name="arrivedOn"
          label={L('arrivedOn')}
          type="date"
          value={v.arrivedOn}
          error={e.arrivedOn}
          hint="平常信函时填写。"
        />
        <Field
          name="confirmedOn"
          label={L('confirmedOn')}
          type="date"
          value={v.confirmedOn}
          error={e.confirmedOn}
          hint="平常信函、传真时填写与申请人确认的日期。"
        />
        {e.receivedOn ? <p class="error">{e.receivedOn}</p> : null}
        <Field
          name="applicantName"
          label={L('applicantName')}
          value={v.applicantName}
          required
          error={e.applicantName}
        />
        <Select
          name="idDocumentType"
          label={L('idDocumentType')}
          value={v.idDocumentType}
          options={ID_DOCUMENT_OPTIONS}
          emptyLabel="请选择"
          required
          error={e.idDocumentType}
        />
        <Field
          name="idDocumentNumber"
          label={L('idDocumentNumber')}
          value={v.idDocumentNumber}
          required
          error={e.idDocumentNumber}
        />
        <Field name="phone" label={L('phone')} value={v.phone} error={e.phone} />
        <Field name="email" label={L('email')} value={v.email} error={e.email} />
        <Field name="postalAddress" label={L('postalAddress')} value={v.postalAddress} error={e.postalAddress} />
        <TextArea
          name="recordConcerned"
          label={L('recordConcerned')}
          value={v.recordConcerned}
          required
          error={e.recordConcerned}
          rows={3}
        />
        <TextArea
          name="whatIsWrong"
          label={L('whatIsWrong')}
          value={v.whatIsWrong}
          required
          error={e.whatIsWrong}
          rows={3}
        />
        <TextArea
          name="shouldRead"
          label={L('shouldRead')}
          value={v.shouldRead}
          required
          error={e.shouldRead}
          rows={3}
        />
        <TextArea
          name="staffNote"
          label="登记备注（仅工作人员可见，如收到的纸质证据材料）"
          value={v.staffNote}
          rows={2}
        />
        <button type="submit" class="button">
          登记并开始计算答复期限
        </button>
      </form>
    </AdminLayout>
  );
}

export function AmendmentIntakeDonePage(p: { ctx: PageContext; id: number; number: string; queryCode: string }) {
  return (
    <AdminLayout title="更正申请已登记" ctx={p.ctx}>
      <h1>更正申请已登记</h1>
      <p role="status">
        请将申请编号和查询码告知申请人（查询码只显示这一次），申请人可凭此在“进度查询”中查看办理情况。
      </p>
      <dl class="ir-receipt">
        <dt>申请编号</dt>
        <dd>{p.number}</dd>
        <dt>查询码</dt>
        <dd>{p.queryCode}</dd>
      </dl>
      <p>
        <a href={`${ADMIN_BASE}/${p.id}`}>查看该申请</a>
      </p>
    </AdminLayout>
  );
}

export interface SentForm {
  form: 'confirm' | 'extend' | 'decide';
  errors: FieldErrors;
  values: Record<string, string>;
}

export interface CaseProps {
  ctx: PageContext;
  row: AmendmentRow;
  agencyName: string;
  files: AmendmentFileRow[];
  letters: AmendmentLetterRow[];
  today: string;
  tone: string;
  can: { confirm: boolean; extend: boolean; decide: boolean };
  sent?: SentForm;
  refusal?: string;
  flash?: string | null;
}

const GROUND_OPTIONS = Object.entries(REFUSAL_GROUNDS).map(([value, g]) => ({ value, label: g.label }));
const DECISION_OPTIONS = Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }));

export function AmendmentCasePage(p: CaseProps) {
  const r = p.row;
  const base = `${ADMIN_BASE}/${r.id}`;
  const sent = (form: SentForm['form']) => (p.sent?.form === form ? p.sent : undefined);
  const val = (form: SentForm['form'], k: string, dflt = '') => sent(form)?.values[k] ?? dflt;
  const err = (form: SentForm['form']) => sent(form)?.errors ?? {};
  return (
    <AdminLayout title={`更正申请 ${r.number}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '更正申请' }, { label: r.number }]}
      />
      <h1>更正申请 {r.number}</h1>
      <Flash text={p.flash ?? null} />
      {p.refusal ? (
        <div class="error-summary" role="alert">
          <p>{p.refusal}</p>
        </div>
      ) : null}
      <dl class="ir-receipt">
        <dt>受理机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>状态</dt>
        <dd>
          {STATE_LABELS[r.state]}
          {r.decision ? `：${DECISION_LABELS[r.decision as AmendmentDecision]}` : ''}
        </dd>
        <dt>提交渠道</dt>
        <dd>{r.channel === 'online' ? '互联网渠道' : (intakeChannelLabels as Record<string, string>)[r.channel]}</dd>
      </dl>
      <section aria-labelledby="clock-title">
        <h2 id="clock-title">答复期限</h2>
        <dl class="ir-receipt">
          <dt>收到申请之日</dt>
          <dd>{r.receivedOn ?? '待确认收到（网上提交的，以双方确认之日为收到申请之日，条例第三十一条第（三）项）'}</dd>
          {r.receiptBasis ? (
            <>
              <dt>确定依据</dt>
              <dd>{r.receiptBasis}</dd>
            </>
          ) : null}
          <dt>答复期限</dt>
          <dd>
            {r.dueOn ?? '—'}
            {p.tone ? <strong class="ra-tone"> {p.tone}</strong> : null}
          </dd>
          {r.dueExplanation ? (
            <>
              <dt>计算说明</dt>
              <dd>{r.dueExplanation}</dd>
            </>
          ) : null}
          {r.extensionDays ? (
            <>
              <dt>延长</dt>
              <dd>
                {r.extensionDays}个工作日，{r.extensionApprovedBy}同意，{r.extensionNotifiedOn}告知申请人
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="req-title">
        <h2 id="req-title">申请内容</h2>
        <dl class="ir-receipt">
          <dt>申请人</dt>
          <dd>{r.applicantName}</dd>
          <dt>身份证明</dt>
          <dd>
            {ID_DOCUMENT_OPTIONS.find((o) => o.value === r.idDocumentType)?.label ?? r.idDocumentType}：
            {r.idDocumentNumber}
          </dd>
          <dt>联系方式</dt>
          <dd>{[r.phone, r.email, r.postalAddress].filter(Boolean).join('；')}</dd>
          <dt>{AMENDMENT_LABELS.recordConcerned}</dt>
          <dd>{r.recordConcerned}</dd>
          <dt>{AMENDMENT_LABELS.whatIsWrong}</dt>
          <dd class="kept-text">{r.whatIsWrong}</dd>
          <dt>{AMENDMENT_LABELS.shouldRead}</dt>
          <dd class="kept-text">{r.shouldRead}</dd>
          {r.staffNote ? (
            <>
              <dt>登记备注</dt>
              <dd>{r.staffNote}</dd>
            </>
          ) : null}
        </dl>
        <h3>证据材料</h3>
        {p.files.length ? (
          <ul>
            {p.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/files/${f.id}`}>{f.fileName}</a>（{Math.max(1, Math.round(f.size / 1024))} KB）
              </li>
            ))}
          </ul>
        ) : (
          <p>无在线上传的证据材料。</p>
        )}
      </section>
      {r.state === 'decided' ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">处理决定</h2>
          <dl class="ir-receipt">
            <dt>决定</dt>
            <dd>{DECISION_LABELS[r.decision as AmendmentDecision]}</dd>
            {r.amendedRecord ? (
              <>
                <dt>已更正的记录</dt>
                <dd>{r.amendedRecord}</dd>
              </>
            ) : null}
            {r.competentAgency ? (
              <>
                <dt>有权更正的行政机关</dt>
                <dd>{r.competentAgency}</dd>
              </>
            ) : null}
            {r.refusalGround ? (
              <>
                <dt>不予更正的理由</dt>
                <dd>{REFUSAL_GROUNDS[r.refusalGround as keyof typeof REFUSAL_GROUNDS]?.label}</dd>
              </>
            ) : null}
            <dt>说明</dt>
            <dd class="kept-text">{r.decisionText || '—'}</dd>
            <dt>决定日期</dt>
            <dd>
              {r.decidedOn}（{r.decidedBy}）
            </dd>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="letters-title">
        <h2 id="letters-title">告知书</h2>
        {p.letters.length ? (
          <ul>
            {p.letters.map((l) => (
              <li key={l.id}>
                {l.title}（{l.issuedOn}）：<a href={`${base}/letters/${l.id}`}>打印</a> ·{' '}
                <a href={`${base}/letters/${l.id}/docx`}>Word 文档</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>尚未出具告知书。</p>
        )}
      </section>
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
    </AdminLayout>
  );
}
