// The public application form of 依申请公开 (with catalogue-first suggestions); its read-back
// (「核对信息」) and the printable receipt are in info-request.public-check-views.tsx. Nothing here
// receives personal data except the form itself, which echoes back what the applicant typed.
import type { FieldErrors } from '../../platform/errors.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  PublicFormGuards,
  Radios,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { InfoRequestFormValues } from './intake.service.ts';
import type { Suggestion } from './info-request.suggestions.ts';
import {
  APPLICANT_KINDS,
  INFO_REQUEST_FORM_BASIS,
  deliveryWayLabels,
  idDocumentTypeLabels,
  requestedFormLabels,
} from './rules/index.ts';

export interface PublicAgencyRef {
  name: string;
  slug: string;
}

const options = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export const FORM_LABELS: Record<string, string> = {
  applicantKind: '申请人类型',
  name: '姓名或名称',
  idDocumentType: '身份证明类型',
  idDocumentNumber: '身份证明号码',
  phone: '联系电话',
  email: '电子邮箱',
  postalAddress: '通信地址',
  postcode: '邮政编码',
  fax: '传真',
  informationName: '所需信息的名称',
  documentNumber: '文号',
  featureDescription: '所需信息的特征性描述',
  requestedForm: '所需信息的形式',
  deliveryWay: '获取信息的方式',
  contact: '联系方式',
  description: '所需信息',
};

/** The fields in the order the form shows them (the error summary follows it). */
export const FORM_ORDER = [
  'informationName',
  'documentNumber',
  'featureDescription',
  'applicantKind',
  'name',
  'idDocumentType',
  'idDocumentNumber',
  'phone',
  'email',
  'postalAddress',
  'postcode',
  'fax',
  'requestedForm',
  'deliveryWay',
] as const;

/** Messages about a group of fields are shown at (and linked to) one of them. */
const FORM_ANCHORS = { description: 'informationName', contact: 'phone' };

export const ID_NUMBER_HINT =
  '居民身份证：18位，最后一位可以是数字或X（旧版为15位数字）；港澳台居民居住证：18位，以81、82或83开头；统一社会信用代码：18位；其他证件：5至30位字母或数字。';

export function InfoRequestFormPage(p: {
  ctx: PageContext;
  agency: PublicAgencyRef;
  values: InfoRequestFormValues;
  errors?: FieldErrors | undefined;
  suggestions: Suggestion[] | null;
  shownIds: number[];
  once: string;
  refusal?: string | undefined;
}) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  const base = `/agencies/${p.agency.slug}`;
  return (
    <PortalLayout title={`在线申请政府信息公开 - ${p.agency.name}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: base, label: p.agency.name },
          { href: `${base}/apply`, label: '依申请公开' },
          { label: '在线申请' },
        ]}
      />
      <h1>向{p.agency.name}在线申请政府信息公开</h1>
      <p>
        标注“必填”的项目必须填写；联系方式至少填写一种。填完后先核对一遍再提交，提交后您将获得申请编号和查询码，请妥善保存。
      </p>
      <FormRefusal message={p.refusal} />
      <ErrorSummary errors={e} labels={FORM_LABELS} order={FORM_ORDER} anchors={FORM_ANCHORS} />
      <form method="post" action={`${base}/apply/online`} class="ir-form" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.once} />
        <input type="hidden" name="shownIds" value={p.shownIds.join(',')} />
        <fieldset class="ir-fieldset">
          <legend>所需政府信息</legend>
          <p class="hint">{INFO_REQUEST_FORM_BASIS.description}</p>
          <Field
            name="informationName"
            label="所需信息的名称"
            value={v.informationName}
            error={e.informationName ?? e.description}
            maxLength={2000}
            hint="名称、文号、特征性描述至少填写一项。"
          />
          <Field {...f('documentNumber', '文号')} maxLength={200} />
          <TextArea
            {...f('featureDescription', '所需信息的特征性描述')}
            rows={4}
            maxLength={2000}
            hint="例如：信息的制作机关、大致时间、涉及的项目或地点。"
          />
          <div class="ir-suggest">
            <button type="submit" name="action" value="suggest" class="button secondary" formnovalidate>
              查找已公开信息
            </button>
            <span class="hint">先查一查本机关是否已经主动公开了您需要的信息。</span>
          </div>
          {p.suggestions !== null ? <Suggestions agency={p.agency} items={p.suggestions} /> : null}
        </fieldset>
        <fieldset class="ir-fieldset">
          <legend>申请人信息</legend>
          <p class="hint">{INFO_REQUEST_FORM_BASIS.applicant}</p>
          <Select
            {...f('applicantKind', '申请人类型')}
            required
            emptyLabel="请选择"
            options={APPLICANT_KINDS.map((k) => ({
              value: k.key,
              label: k.group === 'naturalPerson' ? k.label : `法人或其他组织：${k.label}`,
            }))}
          />
          <Field {...f('name', '姓名或名称')} required maxLength={100} autocomplete="name" />
          <Select
            {...f('idDocumentType', '身份证明类型')}
            required
            emptyLabel="请选择"
            options={options(idDocumentTypeLabels)}
            hint="自然人选择个人证件；法人或其他组织选择统一社会信用代码。"
          />
          <Field
            {...f('idDocumentNumber', '身份证明号码')}
            required
            maxLength={40}
            autocomplete="off"
            hint={ID_NUMBER_HINT}
          />
          <Field
            name="phone"
            label="联系电话"
            type="tel"
            value={v.phone}
            error={e.phone ?? e.contact}
            maxLength={30}
            autocomplete="tel"
            inputmode="tel"
            hint="手机号码，或带区号的固定电话，如 0743-1234567。"
          />
          <Field
            {...f('email', '电子邮箱')}
            type="email"
            maxLength={200}
            autocomplete="email"
            hint="获取方式选择“电子邮件”时必须填写。"
          />
          <TextArea
            {...f('postalAddress', '通信地址')}
            rows={2}
            maxLength={300}
            autocomplete="street-address"
            hint="获取方式选择“邮寄”时必须填写。"
          />
          <Field
            {...f('postcode', '邮政编码')}
            maxLength={6}
            inputmode="numeric"
            autocomplete="postal-code"
            hint="6位数字。"
          />
          <Field {...f('fax', '传真')} type="tel" maxLength={30} hint="获取方式选择“传真”时必须填写。" />
        </fieldset>
        <fieldset class="ir-fieldset">
          <legend>信息的提供方式</legend>
          <p class="hint">{INFO_REQUEST_FORM_BASIS.form}</p>
          <Radios
            name="requestedForm"
            legend="所需信息的形式"
            value={v.requestedForm}
            error={e.requestedForm}
            required
            options={options(requestedFormLabels)}
          />
          <Select
            {...f('deliveryWay', '获取信息的方式')}
            required
            emptyLabel="请选择"
            options={options(deliveryWayLabels)}
            hint="纸质文本不能通过电子邮件或在线平台获取；电子文件不能通过传真获取。"
          />
        </fieldset>
        <p class="hint">本机关仅将您的个人信息用于办理本申请，不会在网站上公开。</p>
        <button type="submit" name="action" value="review" class="button">
          下一步：核对信息
        </button>
      </form>
    </PortalLayout>
  );
}

function Suggestions({ agency, items }: { agency: PublicAgencyRef; items: Suggestion[] }) {
  if (!items.length) {
    return (
      <p class="ir-suggestions-none" role="status">
        未找到与您的描述相符的已公开信息，您可以继续填写并提交申请。
      </p>
    );
  }
  return (
    <section class="ir-suggestions" aria-labelledby="ir-suggestions-title" role="status">
      <h2 id="ir-suggestions-title">这些信息已主动公开</h2>
      <p>如果下列信息就是您需要的，可以直接查看，无需提交申请；如果不是，请继续填写并提交。</p>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            <a href={`/agencies/${agency.slug}/apply/suggestions/${s.id}`}>{s.title}</a>
            {s.indexNumber ? (
              <span class="muted">
                （索引号：{s.indexNumber}
                {s.publishedOn ? `，${s.publishedOn}发布` : ''}）
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
