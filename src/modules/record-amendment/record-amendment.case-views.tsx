// Staff page of one 更正个人政府信息记录 case (条例 第四十一条): the request, the evidence, the clock
// (receipt date, due date and why), the decision, the letters, and the forms of the steps the
// member of staff may take (record-amendment.step-views.tsx).
import type { FieldErrors } from '../../platform/errors.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { Breadcrumbs, Flash, FormMessage, Term } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { intakeChannelLabels } from '../info-request/rules/index.ts';
import { ADMIN_BASE } from './record-amendment.admin-views.tsx';
import type { AmendmentFileRow, AmendmentLetterRow, AmendmentRow } from './record-amendment.repository.ts';
import { DECISION_LABELS, ID_DOCUMENT_OPTIONS, REFUSAL_GROUNDS, STATE_LABELS } from './record-amendment.rules.ts';
import type { AmendmentDecision } from './record-amendment.tables.ts';
import { AMENDMENT_LABELS } from './record-amendment.public-views.tsx';
import { AmendmentStepForms } from './record-amendment.step-views.tsx';

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

export function AmendmentCasePage(p: CaseProps) {
  const r = p.row;
  const base = `${ADMIN_BASE}/${r.id}`;
  return (
    <AdminLayout title={`更正申请 ${r.number}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '更正申请' }, { label: r.number }]}
      />
      <h1>更正申请 {r.number}</h1>
      <Flash text={p.flash ?? null} />
      <FormMessage message={p.refusal} />
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
          <Term label="确定依据" value={r.receiptBasis} />
          <dt>答复期限</dt>
          <dd>
            {r.dueOn ?? '—'}
            {p.tone ? <strong class="ra-tone"> {p.tone}</strong> : null}
          </dd>
          <Term label="计算说明" value={r.dueExplanation} />
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
          <Term label="登记备注" value={r.staffNote} />
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
            <Term label="已更正的记录" value={r.amendedRecord} />
            <Term label="有权更正的行政机关" value={r.competentAgency} />
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
      <AmendmentStepForms ctx={p.ctx} base={base} today={p.today} can={p.can} sent={p.sent} />
    </AdminLayout>
  );
}
