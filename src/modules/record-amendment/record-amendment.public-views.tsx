// Public pages of 更正个人政府信息记录 (条例 第四十一条): the request form (identity, the record,
// what is wrong and what it should say, evidence files, consent), the receipt with the number and
// the query code (shown once, to this browser), and the applicant's status page reached through
// 进度查询. No personal data on any of them but the applicant's own page, which masks numbers.
import type { FieldErrors } from '../../platform/errors.ts';
import {
  ConsentCheckbox,
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  PublicFormGuards,
  Select,
  Term,
  TextArea,
} from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import { AgencyPageShell } from '../portal/index.ts';
import { AMENDMENT_BASIS, ID_DOCUMENT_OPTIONS, type AmendmentFormValues } from './record-amendment.rules.ts';

export const AMENDMENT_LABELS: Record<string, string> = {
  applicantName: '申请人姓名或名称',
  idDocumentType: '身份证明种类',
  idDocumentNumber: '身份证明号码',
  phone: '联系电话',
  email: '电子邮箱',
  postalAddress: '通信地址',
  recordConcerned: '要求更正的政府信息记录',
  whatIsWrong: '记录中不准确的内容',
  shouldRead: '正确的内容应为',
  files: '证据材料',
  consent: '声明',
};
const ORDER = [...Object.keys(AMENDMENT_LABELS)];

export const amendPath = (slug: string) => `/agencies/${slug}/amend`;

export interface AmendmentFormState {
  values: AmendmentFormValues;
  consent: boolean;
  once: string;
  errors?: FieldErrors;
  refusal?: string;
  hadFiles?: boolean;
}

export function AmendmentFormPage(p: {
  ctx: PageContext;
  agency: { name: string; slug: string };
  form: AmendmentFormState;
  maxFiles: number;
  maxFileMb: number;
}) {
  const v = p.form.values;
  const e = p.form.errors ?? {};
  const f = formFields(v, e);
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="更正个人政府信息记录申请">
      <p>
        依照{AMENDMENT_BASIS}
        ，公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求行政机关更正。请写明是哪一份记录、哪些内容不准确、正确的内容是什么，并上传证据材料。
      </p>
      <p class="hint">
        {p.agency.name}
        自收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知您，延长不超过20个工作日。提交后会显示申请编号和查询码，可在“进度查询”中查看办理情况。
      </p>
      <FormRefusal message={p.form.refusal} />
      <ErrorSummary errors={e} labels={AMENDMENT_LABELS} order={ORDER} />
      <form method="post" action={amendPath(p.agency.slug)} enctype="multipart/form-data" class="ir-form" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.form.once} />
        <fieldset>
          <legend>申请人</legend>
          <Field
            {...f('applicantName', AMENDMENT_LABELS.applicantName as string)}
            required
            autocomplete="name"
            maxLength={100}
          />
          <Select
            {...f('idDocumentType', AMENDMENT_LABELS.idDocumentType as string)}
            options={ID_DOCUMENT_OPTIONS}
            emptyLabel="请选择"
            required
          />
          <Field
            {...f('idDocumentNumber', AMENDMENT_LABELS.idDocumentNumber as string)}
            required
            maxLength={40}
            hint="只有与您本人（本单位）相关的记录才能由您申请更正，本机关据此核对身份。"
          />
          <Field
            {...f('phone', AMENDMENT_LABELS.phone as string)}
            type="tel"
            autocomplete="tel"
            maxLength={30}
            hint="电话、电子邮箱、通信地址至少填写一项。"
          />
          <Field {...f('email', AMENDMENT_LABELS.email as string)} type="email" autocomplete="email" maxLength={100} />
          <TextArea
            {...f('postalAddress', AMENDMENT_LABELS.postalAddress as string)}
            rows={2}
            autocomplete="street-address"
            maxLength={200}
          />
        </fieldset>
        <fieldset>
          <legend>要求更正的记录</legend>
          <TextArea
            {...f('recordConcerned', AMENDMENT_LABELS.recordConcerned as string)}
            required
            rows={3}
            maxLength={500}
            hint="例如：2024年度农村低保名册中本人家庭的登记信息；某证明、档案或公示中的哪一项。"
          />
          <TextArea {...f('whatIsWrong', AMENDMENT_LABELS.whatIsWrong as string)} required rows={4} maxLength={2000} />
          <TextArea {...f('shouldRead', AMENDMENT_LABELS.shouldRead as string)} required rows={4} maxLength={2000} />
          <FileField
            name="files"
            label={`${AMENDMENT_LABELS.files}（可多选）`}
            error={e.files}
            multiple
            accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg,.gif,.webp,.zip"
          >
            证明记录不准确的材料，如户口簿、证件、判决书、原始凭证的照片或扫描件：PDF、Word（DOCX）、Excel（XLSX）、ODT、图片（PNG、JPEG、GIF、WebP）或
            ZIP 文件，最多 {p.maxFiles} 个，每个不超过 {p.maxFileMb} MB。
            {p.form.hadFiles || e.files ? '表单退回后请重新选择文件。' : ''}
          </FileField>
        </fieldset>
        <ConsentCheckbox checked={p.form.consent} error={e.consent}>
          本人承诺所填信息和证据材料真实，同意本机关为核实和更正记录处理上述个人信息（不在网站公开）。
        </ConsentCheckbox>
        <button type="submit" class="button">
          提交更正申请
        </button>
      </form>
    </AgencyPageShell>
  );
}

export function AmendmentReceiptPage(p: {
  ctx: PageContext;
  agency: { name: string; slug: string };
  number: string;
  queryCode: string | null;
  submittedOn: string;
}) {
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="更正申请已提交">
      <p role="status">您要求更正政府信息记录的申请已提交，{p.agency.name}确认收到后开始计算答复期限。</p>
      <dl class="ir-receipt">
        <dt>申请编号</dt>
        <dd>{p.number}</dd>
        <dt>查询码</dt>
        <dd>{p.queryCode ?? '查询码只在提交后显示一次；遗失的，请联系本机关政府信息公开工作机构。'}</dd>
        <dt>提交日期</dt>
        <dd>{p.submittedOn}</dd>
      </dl>
      <p>请记下申请编号和查询码，凭此在“进度查询”中查看办理情况和告知书。</p>
      <p>
        <a href={`/track?number=${encodeURIComponent(p.number)}`}>进度查询</a>
      </p>
    </AgencyPageShell>
  );
}

export interface ApplicantAmendmentView {
  number: string;
  agencyName: string;
  agencySlug: string;
  stateLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  record: string;
  decision: string | null;
  letters: { id: number; title: string; issuedOn: string }[];
}

export function AmendmentTrackPage(p: { ctx: PageContext; view: ApplicantAmendmentView }) {
  const v = p.view;
  const base = `/amend/track/${encodeURIComponent(v.number)}`;
  return (
    <AgencyPageShell ctx={p.ctx} agency={{ name: v.agencyName, slug: v.agencySlug }} title="更正申请办理进度">
      <dl class="ir-receipt">
        <dt>申请编号</dt>
        <dd>{v.number}</dd>
        <dt>办理状态</dt>
        <dd>{v.stateLabel}</dd>
        <dt>提交日期</dt>
        <dd>{v.submittedOn}</dd>
        <dt>收到申请之日</dt>
        <dd>{v.receivedOn ?? '待本机关确认收到'}</dd>
        <dt>答复期限</dt>
        <dd>{v.dueOn ?? '确认收到后计算'}</dd>
        <dt>要求更正的记录</dt>
        <dd>{v.record}</dd>
        <Term label="处理决定" value={v.decision} />
      </dl>
      {v.letters.length ? (
        <section aria-labelledby="letters-title">
          <h2 id="letters-title">告知书</h2>
          <ul>
            {v.letters.map((l) => (
              <li key={l.id}>
                {l.title}（{l.issuedOn}）：<a href={`${base}/letters/${l.id}`}>查看并打印</a> ·{' '}
                <a href={`${base}/letters/${l.id}/docx`}>下载 Word 文档</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AgencyPageShell>
  );
}
