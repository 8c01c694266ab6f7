// Public pages of 意见征集: the agency's list (open and closed), one consultation with its draft,
// 起草说明, attachments, the ways to comment and the form while it is open, the 意见采纳情况反馈 once
// published (closed consultations stay readable), and the page after a comment was accepted.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  PublicFormGuards,
  Term,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { AgencyPageShell } from '../portal/index.ts';
import type { CommentPeriodFileRow, CommentPeriodRow } from './comment-period.repository.ts';
import type { CommentFormValues, PublicCommentView } from './comment-period.public.ts';
import {
  MAJOR_DECISION_BASIS,
  PHASE_LABELS,
  feedbackSentence,
  periodDays,
  type FeedbackCounts,
  type Phase,
} from './comment-period.rules.ts';
import { bookTitle } from '../../platform/book-title.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export const periodPath = (slug: string, id?: number) =>
  `/agencies/${slug}/comment-periods${id === undefined ? '' : `/${id}`}`;

/** Paragraphs of a plain text (blank lines or line breaks separate them). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .map((t) => t.trim())
        .filter(Boolean)
        .map((t, i) => (
          <p key={i}>{t}</p>
        ))}
    </>
  );
}

export interface ListedPeriod {
  row: CommentPeriodRow;
  phase: Phase;
  comments: number;
}

function PeriodList({ items, slug }: { items: ListedPeriod[]; slug: string }) {
  return (
    <ul class="comment-period-list">
      {items.map(({ row, phase, comments }) => (
        <li key={row.id}>
          <a href={periodPath(slug, row.id)}>{row.title}</a>
          <span class="muted">
            {' '}
            {row.opensOn} 至 {row.closesOn} · {PHASE_LABELS[phase]}
            {phase === 'closed'
              ? ` · 收到意见 ${comments} 条 · ${row.feedbackPublishedAt ? '已反馈采纳情况' : '采纳情况整理中'}`
              : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PublicListPage(p: { ctx: PageContext; agency: AgencyRow; items: ListedPeriod[] }) {
  const open = p.items.filter((i) => i.phase === 'open' || i.phase === 'upcoming');
  const closed = p.items.filter((i) => i.phase === 'closed');
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="意见征集">
      <p>
        本机关在作出涉及公众切身利益的决策前，公开决策草案及其说明，征求社会公众意见；征集结束后公布意见采纳情况。重大行政决策公开征求意见的期限一般不少于
        30 日（{MAJOR_DECISION_BASIS}）。
      </p>
      <h2>正在征集</h2>
      {open.length ? <PeriodList items={open} slug={p.agency.slug} /> : <p>目前没有正在征集意见的草案。</p>}
      <h2>征集已结束</h2>
      {closed.length ? <PeriodList items={closed} slug={p.agency.slug} /> : <p>暂无已结束的意见征集。</p>}
    </AgencyPageShell>
  );
}

const FORM_ORDER = ['body', 'commenterName', 'commenterPhone', 'commenterEmail'];
const LABELS: Record<string, string> = {
  body: '意见内容',
  commenterName: '姓名',
  commenterPhone: '联系电话',
  commenterEmail: '电子邮箱',
};

export interface FormState {
  values: CommentFormValues;
  consent: boolean;
  once: string;
  errors?: FieldErrors | undefined;
  refusal?: string | undefined;
}

function CommentForm(p: { ctx: PageContext; slug: string; row: CommentPeriodRow; form: FormState }) {
  const { values: v, errors = {} } = p.form;
  const f = formFields(v, errors);
  const r = p.row;
  return (
    <form method="post" action={`${periodPath(p.slug, r.id)}/comments`} novalidate>
      <Csrf token={p.ctx.csrfToken} />
      <PublicFormGuards once={p.form.once} />
      <TextArea
        {...f('body', '意见内容')}
        required
        maxLength={5000}
        rows={8}
        hint="请写明针对草案的哪一条、哪一款，以及修改建议和理由。"
      />
      <fieldset class="field">
        <legend>您的联系方式</legend>
        <p class="hint">仅用于就您的意见与您联系，不会在网站上公开。</p>
        {r.nameRule !== 'hidden' ? (
          <Field
            {...f('commenterName', '姓名')}
            required={r.nameRule === 'required'}
            autocomplete="name"
            maxLength={50}
          />
        ) : null}
        {r.phoneRule !== 'hidden' ? (
          <Field
            {...f('commenterPhone', '联系电话')}
            type="tel"
            required={r.phoneRule === 'required'}
            autocomplete="tel"
            maxLength={30}
          />
        ) : null}
        <Field {...f('commenterEmail', '电子邮箱')} type="email" autocomplete="email" maxLength={100} />
      </fieldset>
      <div class="field">
        <label class="check">
          <input type="checkbox" name="publishConsent" value="yes" checked={p.form.consent} />{' '}
          同意在意见采纳情况反馈中公开我的意见内容（公开时姓名只显示姓氏，电话、邮箱等个人信息不公开；不同意的，只公开采纳情况和理由）
        </label>
      </div>
      <button type="submit" class="button">
        提交意见
      </button>
    </form>
  );
}

export interface PeriodPageProps {
  ctx: PageContext;
  agency: AgencyRow;
  row: CommentPeriodRow;
  phase: Phase;
  files: CommentPeriodFileRow[];
  form: FormState;
  feedback?: { counts: FeedbackCounts; comments: PublicCommentView[] } | undefined;
}

export function PublicPeriodPage(p: PeriodPageProps) {
  const r = p.row;
  const base = periodPath(p.agency.slug, r.id);
  const closedWithText = p.phase === 'closed' && p.form.values.body;
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title={r.title}>
      <dl class="meta">
        <dt>征集期限</dt>
        <dd>
          {r.opensOn} 至 {r.closesOn}（{periodDays(r.opensOn, r.closesOn)} 日）
        </dd>
        <dt>状态</dt>
        <dd>{PHASE_LABELS[p.phase]}</dd>
        {r.majorDecision ? (
          <>
            <dt>决策类型</dt>
            <dd>重大行政决策（{MAJOR_DECISION_BASIS}）</dd>
          </>
        ) : null}
        <Term label="缩短期限的说明" value={r.shortenedReason} />
      </dl>
      {p.feedback ? <FeedbackSection feedback={p.feedback} row={r} /> : null}
      <section aria-labelledby="draft-title">
        <h2 id="draft-title">草案全文</h2>
        <Paragraphs text={r.draftText} />
      </section>
      <section aria-labelledby="explanation-title">
        <h2 id="explanation-title">起草说明</h2>
        <Paragraphs text={r.explanation} />
      </section>
      {p.files.length ? (
        <section aria-labelledby="files-title">
          <h2 id="files-title">附件</h2>
          <ul>
            {p.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/files/${f.id}`}>{f.title}</a>{' '}
                <span class="muted">
                  （{f.fileName}，{Math.max(1, Math.round(f.size / 1024))} KB）
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="how-title">
        <h2 id="how-title">提出意见的方式</h2>
        <ul>
          <li>网上提交：{p.phase === 'open' ? '填写本页下方的表单。' : '征集期内可在本页填写表单。'}</li>
          {r.postAddress ? <li>信函：寄至 {r.postAddress}，请在信封上注明“意见征集”。</li> : null}
          {r.email ? (
            <li>
              电子邮件：发送至 <a href={`mailto:${r.email}`}>{r.email}</a>。
            </li>
          ) : null}
        </ul>
        <p class="muted">意见请于 {r.closesOn}（含当日）前提出（信函以邮戳日期为准）。</p>
      </section>
      <section aria-labelledby="form-title">
        <h2 id="form-title">{p.phase === 'open' ? '提交意见' : '网上提交意见'}</h2>
        {p.phase === 'open' ? (
          <>
            <FormRefusal message={p.form.refusal} />
            <ErrorSummary errors={p.form.errors ?? {}} labels={LABELS} order={FORM_ORDER} />
            <CommentForm ctx={p.ctx} slug={p.agency.slug} row={r} form={p.form} />
          </>
        ) : p.phase === 'upcoming' ? (
          <p>征集将于 {r.opensOn} 开始，届时可在此提交意见。</p>
        ) : (
          <>
            <FormRefusal message={p.form.refusal} />
            <p>本次意见征集已于 {r.closesOn} 结束，不再接收意见。</p>
            {closedWithText ? (
              <div class="field">
                <p>您填写的内容如下，请自行保存：</p>
                <pre class="kept-text">{p.form.values.body}</pre>
              </div>
            ) : null}
          </>
        )}
      </section>
    </AgencyPageShell>
  );
}

function FeedbackSection(p: { row: CommentPeriodRow; feedback: NonNullable<PeriodPageProps['feedback']> }) {
  const { counts, comments } = p.feedback;
  return (
    <section aria-labelledby="feedback-title" class="comment-feedback">
      <h2 id="feedback-title">意见采纳情况反馈</h2>
      <p class="muted">发布日期：{beijingDate(p.row.feedbackPublishedAt)}</p>
      <p>{feedbackSentence(counts)}</p>
      <Paragraphs text={p.row.feedbackText} />
      {comments.length ? (
        <RecordTable
          label="意见及采纳情况"
          caption="意见及采纳情况"
          tableClass="cp-feedback-table"
          columns={['序号', '提出人', '意见内容', '采纳情况', '理由']}
          rows={comments}
          cells={(c, i) => (
            <>
              <td class="num">{i + 1}</td>
              <td>{c.by}</td>
              <td>{c.body ?? <span class="muted">提出人未同意公开意见内容</span>}</td>
              <td>{c.verdict}</td>
              <td>{c.reason}</td>
            </>
          )}
        />
      ) : null}
    </section>
  );
}

export function ThanksPage(p: { ctx: PageContext; agency: AgencyRow; row: CommentPeriodRow }) {
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="意见已收到">
      <p role="status">感谢您对{bookTitle(p.row.title)}提出意见。征集结束后，我们将在征集页面公布意见采纳情况。</p>
      <p>
        <a href={periodPath(p.agency.slug, p.row.id)}>返回征集页面</a>
      </p>
    </AgencyPageShell>
  );
}
