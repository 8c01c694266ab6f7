// The staff case page: applicant details (staff only), flags, how the due date was computed
// (each segment, skipped holidays, adjusted working days), the full timeline with internal
// notes, letters with delivery, consultations, and one form per step the state allows.
import { DueDate } from '../calendar/index.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { Breadcrumbs, ErrorSummary, Field, Select, Term, TextArea } from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { DELIVERY_METHODS } from './decision.service.ts';
import { stateLabels } from './info-request.states.ts';
import {
  applicantKindLabel,
  consultedPartyLabels,
  deliveryWayLabels,
  feeMethodLabels,
  idDocumentTypeLabels,
  intakeChannelLabels,
  isApplicantKind,
  isOutcomeKey,
  OUTCOMES,
  outcomeFullLabel,
  requestedFormLabels,
} from './rules/index.ts';
import { ActionForm, caseFields, ClockExplanation, lbl, opts, type CasePageProps } from './info-request.case-parts.tsx';
import { AppealSection, FeeForms, ProactiveSection } from './info-request.case-forms.tsx';
import { CorrectionSteps } from './info-request.correction-views.tsx';

export type { CasePageProps } from './info-request.case-parts.tsx';

export function CasePage(p: CasePageProps) {
  const { r, ctx } = p;
  const e = p.errors ?? {};
  const { f, date } = caseFields(p, { workingDays: '20', paidAmount: String(r.feeAmount ?? '') });
  const base = `/admin/info-requests/${r.id}`;
  const flags = JSON.parse(r.flags || '[]') as { code: string; message: string }[];
  return (
    <AdminLayout title={`申请 ${r.number}`} ctx={ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/info-requests', label: '依申请公开' },
          { label: r.number },
        ]}
      />
      <h1>申请 {r.number}</h1>
      <ErrorSummary errors={e} />
      {flags.length ? (
        <ul class="ir-warnings" aria-label="提示">
          {flags.map((f, i) => (
            <li key={i}>{f.message}</li>
          ))}
        </ul>
      ) : null}
      <dl class="ir-dl">
        <dt>受理机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>状态</dt>
        <dd>
          <strong>{stateLabels[r.state]}</strong>
        </dd>
        <dt>提交渠道</dt>
        <dd>{lbl(intakeChannelLabels, r.channel)}</dd>
        <dt>收到申请之日</dt>
        <dd>
          {r.receivedOn ?? '待确认'}
          {r.receiptBasis ? `（${r.receiptBasis}）` : ''}
        </dd>
        <dt>答复期限</dt>
        <dd>
          <DueDate date={r.dueOn} provisional={r.dueProvisional} />
        </dd>
        <dt>申请人</dt>
        <dd>
          {r.applicantName}（{isApplicantKind(r.applicantKind) ? applicantKindLabel(r.applicantKind) : r.applicantKind}
          ）
        </dd>
        <dt>身份证明</dt>
        <dd>
          {lbl(idDocumentTypeLabels, r.idDocumentType)} {r.idDocumentNumber}
        </dd>
        <dt>联系方式</dt>
        <dd>
          {[r.phone, r.email, r.postalAddress && `${r.postalAddress} ${r.postcode}`, r.fax && `传真 ${r.fax}`]
            .filter(Boolean)
            .join('；')}
        </dd>
        <dt>所需信息</dt>
        <dd>
          {[r.informationName, r.documentNumber && `文号：${r.documentNumber}`, r.featureDescription]
            .filter(Boolean)
            .join('；')}
        </dd>
        <dt>形式与获取方式</dt>
        <dd>
          {lbl(requestedFormLabels, r.requestedForm)}；{lbl(deliveryWayLabels, r.deliveryWay)}
        </dd>
        <Term label="补正后的内容" value={r.correctedText} />
        {r.outcomeKey && isOutcomeKey(r.outcomeKey) ? (
          <>
            <dt>办理结果</dt>
            <dd>
              {outcomeFullLabel(r.outcomeKey)}（{r.legalBasis}）
            </dd>
          </>
        ) : null}
        {r.feeAmount ? (
          <>
            <dt>信息处理费</dt>
            <dd>
              {lbl(feeMethodLabels, r.feeMethod)} {r.feeAmount}元
              {r.feePaidOn ? `，已于${r.feePaidOn}缴纳${r.feePaidAmount ?? 0}元` : ''}；缴纳期限{' '}
              <DueDate
                date={p.feeDue?.dueOn ?? r.feePaymentDueOn}
                provisional={Boolean(p.feeDue?.provisionalYears.length)}
                years={p.feeDue?.provisionalYears}
              />
            </dd>
          </>
        ) : null}
        {r.archivedOn ? (
          <>
            <dt>归档</dt>
            <dd>
              {r.archivedOn}，归档号 {r.archiveReference}
            </dd>
          </>
        ) : null}
      </dl>
      {p.deadline ? <ClockExplanation d={p.deadline} /> : null}

      <h2>文书</h2>
      <RecordTable
        label="文书列表"
        columns={['文书', '日期', '模板', '送达', '操作']}
        rows={p.letters}
        cells={(l) => (
          <>
            <td>
              {l.title}
              {l.forApplicant ? '' : '（致第三方/机关）'}
            </td>
            <td>{l.issuedOn}</td>
            <td>{l.templateVersion}</td>
            <td>{l.deliveredOn ? `${l.deliveredOn} ${lbl(DELIVERY_METHODS, l.deliveryMethod)}` : '未送达'}</td>
            <td>
              <a href={`${base}/letters/${l.id}`}>
                打印<span class="ir-visually-hidden">{l.title}</span>
              </a>{' '}
              <a href={`${base}/letters/${l.id}/docx`}>
                Word<span class="ir-visually-hidden">：{l.title}</span>
              </a>
            </td>
          </>
        )}
      />
      {p.can.intake ? (
        <ActionForm ctx={ctx} action={`${base}/query-code`} title="重新生成查询码" button="重新生成查询码并打印回执">
          <p>
            查询码只在登记时显示一次。申请人需要带查询码的登记回执时（如当面领取），可重新生成：原查询码随即失效，此操作记入审计日志；下一页可打印带新查询码的登记回执。
          </p>
        </ActionForm>
      ) : null}
      {p.can.process && p.letters.some((l) => !l.deliveredOn) ? (
        <ActionForm ctx={ctx} action={`${base}/deliver`} title="记录送达" button="记录送达">
          <Select
            {...f('letterId', '文书')}
            options={p.letters
              .filter((l) => !l.deliveredOn)
              .map((l) => ({ value: String(l.id), label: `${l.title}（${l.issuedOn}）` }))}
          />
          <Select {...f('method', '送达方式')} options={opts(DELIVERY_METHODS)} />
          <Field {...date('deliveredOn', '送达日期')} />
        </ActionForm>
      ) : null}
      {p.attachments.length ? (
        <>
          <h2>公开的政府信息（附件）</h2>
          <ul>
            {p.attachments.map((a) => (
              <li key={a.id}>
                <a href={`${base}/files/${a.id}`}>{a.fileName}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {p.consultations.length ? (
        <>
          <h2>征求意见</h2>
          {p.consultations.map((c) => (
            <ActionForm
              key={c.id}
              ctx={ctx}
              action={`${base}/consultations/${c.id}`}
              title={`${consultedPartyLabels[c.party]}：${c.partyName}（${c.letterSentOn}发出${c.replyDueOn ? `，答复期限${c.replyDueOn}` : ''}${c.endedOn ? `，已于${c.endedOn}结束` : ''}）`}
              button="更新征求意见情况"
            >
              <Field
                name="letterReceivedOn"
                label="对方收到征求意见书的日期"
                type="date"
                value={c.letterReceivedOn ?? ''}
                error={e.letterReceivedOn}
              />
              <Field name="repliedOn" label="对方回复日期" type="date" value={c.repliedOn ?? ''} error={e.repliedOn} />
              <Select
                name="reply"
                label="回复意见"
                value={c.reply ?? ''}
                emptyLabel="尚未回复"
                options={[
                  { value: 'consent', label: '同意公开' },
                  { value: 'objection', label: '不同意公开' },
                ]}
              />
            </ActionForm>
          ))}
        </>
      ) : null}

      <h2>办理</h2>
      {r.state === 'submitted' && p.can.process ? (
        <ActionForm
          ctx={ctx}
          action={`${base}/confirm`}
          title="确认收到（双方确认之日为收到申请之日）"
          button="确认收到"
        >
          <Field {...date('confirmedOn', '确认日期')} />
        </ActionForm>
      ) : null}
      <CorrectionSteps {...p} />
      {r.state === 'processing' && p.can.process ? (
        <ActionForm
          ctx={ctx}
          action={`${base}/consultations`}
          title="征求第三方或其他机关意见（期间不计入答复期限）"
          button="发出征求意见书"
        >
          <Select {...f('party', '被征求意见方')} options={opts(consultedPartyLabels)} />
          <Field {...f('partyName', '名称')} />
          <Field {...date('letterSentOn', '发出日期')} />
        </ActionForm>
      ) : null}
      {(r.state === 'processing' || r.state === 'feePending') && p.can.extend && !r.extensionWorkingDays ? (
        <ActionForm
          ctx={ctx}
          action={`${base}/extension`}
          title="延长答复期限（须经工作机构负责人同意并告知申请人，最长20个工作日）"
          button="延长答复期限"
        >
          <Field {...f('workingDays', '延长的工作日')} type="number" />
          <Field {...f('approvedBy', '批准人（政府信息公开工作机构负责人）')} />
          <Field {...date('approvedOn', '批准日期')} />
          <Field {...date('applicantNotifiedOn', '告知申请人的日期')} />
          <TextArea {...f('reason', '理由')} rows={2} />
        </ActionForm>
      ) : null}
      {r.state === 'processing' && p.can.process && !r.feeMethod ? <FeeForms {...p} /> : null}
      {r.state === 'feePending' && p.can.process ? (
        <>
          <ActionForm
            ctx={ctx}
            action={`${base}/payment`}
            title={`登记缴费（应缴 ${r.feeAmount ?? 0} 元，期限 ${p.feeDue?.dueOn ?? r.feePaymentDueOn}${p.feeDue?.provisionalYears.length ? '，暂定' : ''}）`}
            button="登记缴费"
          >
            <Field {...date('paidOn', '缴费日期')} />
            <Field {...f('paidAmount', '实缴金额（元）')} type="number" />
          </ActionForm>
          <ActionForm ctx={ctx} action={`${base}/close-fee`} title="逾期未缴费，终止办理" button="按逾期未缴费终止办理">
            <p class="hint">系统按缴费期限核对；期限未届满时不会终止。</p>
          </ActionForm>
        </>
      ) : null}
      {r.state === 'processing' && p.can.reply ? (
        <ActionForm ctx={ctx} action={`${base}/reply`} title="作出答复" button="作出答复并生成告知书" multipart>
          <Select
            {...f('outcomeKey', '办理结果（年报表三的行）')}
            emptyLabel="请选择"
            options={OUTCOMES.filter(
              (o) => o.key !== 'otherOutcome.noCorrection' && o.key !== 'otherOutcome.feeUnpaid',
            ).map((o) => ({ value: o.key, label: outcomeFullLabel(o.key) }))}
          />
          <Field {...f('legalBasis', '法律依据')} hint="留空时使用该办理结果对应的条款。" />
          <TextArea {...f('text', '答复内容')} rows={5} />
          <Field {...date('repliedOn', '答复日期')} />
          <FileField name="files" label="随答复提供的政府信息（附件，可多选）" error={e.files} multiple />
        </ActionForm>
      ) : null}
      {(r.state === 'replied' || r.state === 'closed') && p.can.archive ? (
        <ActionForm ctx={ctx} action={`${base}/archive`} title="归档（条例第四十五条）" button="归档">
          <Field {...date('archivedOn', '归档日期')} />
          <Field {...f('reference', '归档号')} />
        </ActionForm>
      ) : null}
      {r.concludedOn && p.can.process ? <AppealSection {...p} /> : null}
      <ProactiveSection {...p} />
      {p.can.process ? (
        <ActionForm ctx={ctx} action={`${base}/notes`} title="内部备注（不对外公开）" button="添加备注">
          <TextArea {...f('note', '备注')} rows={2} />
        </ActionForm>
      ) : null}

      <h2>办理记录</h2>
      <ol class="ir-timeline">
        {p.events.map((ev) => (
          <li key={ev.id}>
            <span class="ir-date">{ev.onDate}</span> {ev.publicText}
            {ev.staffNote ? <span class="ir-staff-note">〔内部〕{ev.staffNote}</span> : null}{' '}
            <span class="muted">— {ev.actorName}</span>
          </li>
        ))}
      </ol>
    </AdminLayout>
  );
}
