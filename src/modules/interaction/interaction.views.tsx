// Public pages of the case engine: the forms (领导信箱, 投诉举报, 网上咨询), the receipt, the
// tracking page with the rating form, and 留言选登. Nothing here shows a writer's personal data
// except the tracking page, which only the writer (receipt number + query code) can open.
import { AgencyPageShell } from '../portal/index.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { ProvisionalMark } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  FormRefusal,
  PublicFormGuards,
  Field,
  Radios,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { STATE_LABELS, isAnswered, type CaseState } from './case.states.ts';
import type { PublicLetter } from './interaction.presenter.ts';
import { KIND_LABELS, RATING_LABELS, type WriterInput } from './interaction.service.ts';
import { RATINGS, type CaseKind } from './interaction.tables.ts';
import type { CaseRow } from './interaction.repository.ts';

export type PublicFormKind = 'letter' | 'complaint' | 'inquiry';
export const FORM_PATHS: Record<PublicFormKind, { path: string; title: string; intro: string }> = {
  letter: {
    path: 'mailbox',
    title: '领导信箱',
    intro: '您可以就本机关的工作提出意见、建议或反映问题。我们将在规定期限内答复。',
  },
  complaint: {
    path: 'complaint',
    title: '投诉举报',
    intro: '认为本机关在政府信息公开工作或其他行政行为中侵犯您合法权益的，可以在此投诉、举报（《条例》第五十一条）。',
  },
  inquiry: { path: 'inquiry', title: '网上咨询', intro: '关于政府信息公开和本机关办事事项的问题，可以在此咨询。' },
};

/** Public pages of this module sit in the agency's 专栏 like every other column. */
export const PublicShell = AgencyPageShell;

const LABELS: Record<string, string> = {
  topic: '标题',
  body: '内容',
  writerName: '姓名',
  writerPhone: '联系电话',
  writerEmail: '电子邮箱',
  writerAddress: '通讯地址',
  complaintAbout: '投诉事项类别',
};

/** The form's fields in page order (the error summary follows it). */
const FORM_ORDER = ['complaintAbout', 'topic', 'body', 'writerName', 'writerPhone', 'writerEmail', 'writerAddress'];

export function CaseFormPage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  kind: PublicFormKind;
  values: WriterInput;
  consent: boolean;
  once: string;
  errors?: FieldErrors;
  refusal?: string;
}) {
  const form = FORM_PATHS[p.kind];
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title={form.title}>
      <p>{form.intro}</p>
      <FormRefusal message={p.refusal} />
      <ErrorSummary errors={e} labels={LABELS} order={FORM_ORDER} />
      <form method="post" action={`/agencies/${p.agency.slug}/${form.path}`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.once} />
        {p.kind === 'complaint' ? (
          <Radios
            name="complaintAbout"
            legend="投诉事项类别"
            value={v.complaintAbout || 'disclosure'}
            error={e.complaintAbout}
            options={[
              { value: 'disclosure', label: '政府信息公开工作' },
              { value: 'conduct', label: '其他行政行为' },
            ]}
          />
        ) : null}
        <Field {...f('topic', '标题')} required maxLength={100} />
        <TextArea {...f('body', '内容')} required maxLength={5000} rows={8} />
        <fieldset class="field">
          <legend>您的联系方式</legend>
          <p class="hint">仅用于答复和联系您，不会在网站上公开。</p>
          <Field {...f('writerName', '姓名')} required autocomplete="name" maxLength={50} />
          <Field {...f('writerPhone', '联系电话')} type="tel" required autocomplete="tel" maxLength={30} />
          <Field
            {...f('writerEmail', '电子邮箱')}
            type="email"
            autocomplete="email"
            maxLength={100}
            hint="填写后，答复时会发邮件提醒您。"
          />
          <TextArea {...f('writerAddress', '通讯地址')} autocomplete="street-address" maxLength={200} rows={2} />
        </fieldset>
        {p.kind === 'letter' ? (
          <div class="field">
            <label class="check">
              <input type="checkbox" name="publishConsent" value="yes" checked={p.consent} />{' '}
              同意在“留言选登”中公开我的来信和答复（公开时隐去姓名、电话、邮箱、地址等个人信息；本机关也可以决定不公开）
            </label>
          </div>
        ) : null}
        <button type="submit" class="button">
          提交
        </button>
      </form>
    </PublicShell>
  );
}

/** 答复期限 in a case's description list: the date and, while it is provisional, the mark saying why. */
function ReplyDue({ date, provisional }: { date: string; provisional: boolean }) {
  return (
    <>
      <dt>答复期限</dt>
      <dd>
        {date} 前{provisional ? <ProvisionalMark years={[Number(date.slice(0, 4))]} /> : null}
      </dd>
    </>
  );
}

/** The writer's receipt: the case's number and due date, and the query code from the writer's signed cookie. */
export function ReceiptPage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  kind: CaseKind;
  row: Pick<CaseRow, 'receiptNumber' | 'dueDate' | 'dueProvisional'>;
  queryCode: string;
}) {
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title="提交成功">
      <p>您的{KIND_LABELS[p.kind]}已收到。请记下受理编号和查询码，凭它们查询办理进度、查看答复和评价。</p>
      <dl class="meta receipt">
        <dt>受理编号</dt>
        <dd id="receipt-number">{p.row.receiptNumber}</dd>
        <dt>查询码</dt>
        <dd id="query-code">{p.queryCode}</dd>
        {p.row.dueDate ? <ReplyDue date={p.row.dueDate} provisional={p.row.dueProvisional === 1} /> : null}
      </dl>
      <p class="muted">查询码只显示这一次，本机关工作人员也无法查看。</p>
      <p>
        <a href="/track">查询办理进度</a>
      </p>
    </PublicShell>
  );
}

/** The writer's case page (after 进度查询): status, due date, the reply and the rating form. */
export function TrackPage(p: { ctx: PageContext; row: CaseRow; errors?: FieldErrors; rated?: boolean }) {
  const row = p.row;
  return (
    <PortalLayout title={`办理进度：${row.receiptNumber}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/', label: '首页' }, { href: '/track', label: '进度查询' }, { label: row.receiptNumber }]}
      />
      <h1>
        {KIND_LABELS[row.kind]}：{row.topic}
      </h1>
      {p.rated ? (
        <p class="flash" role="status">
          感谢您的评价。
        </p>
      ) : null}
      <dl class="meta">
        <dt>受理编号</dt>
        <dd>{row.receiptNumber}</dd>
        <dt>收到日期</dt>
        <dd>{row.receivedDate}</dd>
        <dt>办理状态</dt>
        <dd>{STATE_LABELS[row.state as CaseState] ?? row.state}</dd>
        {row.dueDate && !isAnswered(row.state) ? (
          <ReplyDue date={row.dueDate} provisional={row.dueProvisional === 1} />
        ) : null}
      </dl>
      {isAnswered(row.state) ? (
        <>
          <h2>答复</h2>
          <p class="prewrap">{row.replyText}</p>
        </>
      ) : null}
      {row.rating ? <p>您的评价：{RATING_LABELS[row.rating]}</p> : null}
      {row.state === 'replied' && !row.rating ? (
        <form method="post" action={`/track/case/${encodeURIComponent(row.receiptNumber)}/rating`}>
          <Csrf token={p.ctx.csrfToken} />
          <fieldset class={p.errors?.rating ? 'field field-error' : 'field'} id="f-rating">
            <legend>您对答复的评价（必填）</legend>
            {p.errors?.rating ? <p class="error">{p.errors.rating}</p> : null}
            {RATINGS.map((r) => (
              <label key={r} class="check">
                <input type="radio" name="rating" value={r} required /> {RATING_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <TextArea name="comment" label="意见和建议" rows={3} maxLength={500} error={p.errors?.comment} />
          <button type="submit" class="button">
            提交评价
          </button>
        </form>
      ) : null}
    </PortalLayout>
  );
}

export function LettersPage(p: { ctx: PageContext; agency: AgencyRow; letters: PublicLetter[] }) {
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title="留言选登">
      <p>
        以下来信经来信人同意后公开，已隐去来信人的个人信息。
        <a href={`/agencies/${p.agency.slug}/mailbox`}>给领导写信</a>
      </p>
      {p.letters.length === 0 ? <p>暂无公开的来信。</p> : null}
      {p.letters.map((l) => (
        <article key={l.id} class="letter" aria-labelledby={`letter-${l.id}`}>
          <h2 id={`letter-${l.id}`}>{l.topic}</h2>
          <p class="muted">
            来信日期：{l.receivedDate}；答复日期：{l.repliedDate}
          </p>
          <h3>来信内容</h3>
          <p class="prewrap">{l.body}</p>
          <h3>答复</h3>
          <p class="prewrap">{l.reply}</p>
        </article>
      ))}
    </PublicShell>
  );
}
