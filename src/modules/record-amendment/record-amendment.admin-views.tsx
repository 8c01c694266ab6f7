// Staff pages of 更正个人政府信息记录 (条例 第四十一条): the list (with the 工作台's queue filters),
// the counter / post intake form and the page shown once after it (number + query code to hand
// over). The case page is in record-amendment.case-views.tsx, its step forms in
// record-amendment.step-views.tsx.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  Radios,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import { intakeChannelLabels } from '../info-request/rules/index.ts';
import type { AmendmentRow } from './record-amendment.repository.ts';
import {
  AMENDMENT_BASIS,
  DECISION_LABELS,
  ID_DOCUMENT_OPTIONS,
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
        <RecordTable
          label="更正申请列表"
          tableClass="cp-table"
          columns={['编号', '机关', '要求更正的记录', '状态', '收到申请之日', '答复期限']}
          rows={p.rows}
          cells={({ row, agencyName, tone }) => (
            <>
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
            </>
          )}
        />
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
  /** The form's one-time token: registered once however often it is sent. */
  once: string;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  const f = formFields(v, e);
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
        <OnceField token={p.once} />
        <Select
          {...f('agencyId', L('agencyId'))}
          options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          required
        />
        <Radios
          name="channel"
          legend={L('channel')}
          value={v.channel}
          options={INTAKE_CHANNELS.map((c) => ({ value: c, label: intakeChannelLabels[c] }))}
          required
          error={e.channel}
        />
        <Field {...f('handedInOn', L('handedInOn'))} type="date" hint="当面提交时填写。" />
        <Field {...f('signedForOn', L('signedForOn'))} type="date" hint="邮寄需签收时填写。" />
        <Field {...f('arrivedOn', L('arrivedOn'))} type="date" hint="平常信函时填写。" />
        <Field {...f('confirmedOn', L('confirmedOn'))} type="date" hint="平常信函、传真时填写与申请人确认的日期。" />
        {e.receivedOn ? <p class="error">{e.receivedOn}</p> : null}
        <Field {...f('applicantName', L('applicantName'))} required />
        <Select
          {...f('idDocumentType', L('idDocumentType'))}
          options={ID_DOCUMENT_OPTIONS}
          emptyLabel="请选择"
          required
        />
        <Field {...f('idDocumentNumber', L('idDocumentNumber'))} required />
        <Field {...f('phone', L('phone'))} />
        <Field {...f('email', L('email'))} />
        <Field {...f('postalAddress', L('postalAddress'))} />
        <TextArea {...f('recordConcerned', L('recordConcerned'))} required rows={3} />
        <TextArea {...f('whatIsWrong', L('whatIsWrong'))} required rows={3} />
        <TextArea {...f('shouldRead', L('shouldRead'))} required rows={3} />
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
