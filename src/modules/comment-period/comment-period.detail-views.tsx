// Staff page of one consultation: what the public sees, the draft's attachments (while a draft),
// publishing, the comments with their verdicts (each its own small form), comments received by
// post or e-mail, and the 意见采纳情况反馈 (counts, refusal until the period ended and every
// comment is decided). Staff see the commenters' contact data; the public pages never do.
import type { FieldErrors } from '../../platform/errors.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  Term,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ADMIN_BASE } from './comment-period.admin-views.tsx';
import { Paragraphs } from './comment-period.public-views.tsx';
import type { CommentPeriodFileRow, CommentPeriodRow, PublicCommentRow } from './comment-period.repository.ts';
import {
  MAJOR_DECISION_BASIS,
  PHASE_LABELS,
  VERDICT_LABELS,
  feedbackRefusal,
  feedbackSentence,
  periodDays,
  type FeedbackCounts,
  type Phase,
} from './comment-period.rules.ts';
import { VERDICTS, type CommentChannel, type Verdict } from './comment-period.tables.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

const CHANNEL_LABELS: Record<CommentChannel, string> = { online: '网上提交', post: '信函', email: '电子邮件' };

export interface DetailProps {
  ctx: PageContext;
  row: CommentPeriodRow;
  agencyName: string;
  agencySlug: string;
  phase: Phase;
  files: CommentPeriodFileRow[];
  comments: PublicCommentRow[];
  counts: FeedbackCounts;
  can: { manage: boolean; publish: boolean };
  /** A form of this page sent back: which one, its errors and what was typed. */
  sent?: { form: string; errors: FieldErrors; values: Record<string, string> } | undefined;
  refusal?: string | undefined;
}

function TagForm(p: { ctx: PageContext; c: PublicCommentRow; sent: DetailProps['sent'] }) {
  const mine = p.sent?.form === `tag-${p.c.id}` ? p.sent : undefined;
  const verdict = mine ? (mine.values.verdict ?? '') : p.c.verdict;
  const reason = mine ? (mine.values.verdictReason ?? '') : p.c.verdictReason;
  return (
    <form method="post" action={`${ADMIN_BASE}/${p.c.commentPeriodId}/comments/${p.c.id}/verdict`} class="tag-form">
      <Csrf token={p.ctx.csrfToken} />
      {mine?.errors.verdict ? <p class="error">{mine.errors.verdict}</p> : null}
      <label for={`v-${p.c.id}`}>采纳情况</label>
      <select id={`v-${p.c.id}`} name="verdict">
        <option value="">请选择</option>
        {VERDICTS.map((v) => (
          <option key={v} value={v} selected={v === verdict}>
            {VERDICT_LABELS[v]}
          </option>
        ))}
      </select>
      {mine?.errors.verdictReason ? <p class="error">{mine.errors.verdictReason}</p> : null}
      <label for={`r-${p.c.id}`}>理由</label>
      <textarea id={`r-${p.c.id}`} name="verdictReason" rows={2}>
        {reason}
      </textarea>
      <button type="submit" class="button secondary">
        保存
      </button>
    </form>
  );
}

export function DetailPage(p: DetailProps) {
  const r = p.row;
  const base = `${ADMIN_BASE}/${r.id}`;
  const sent = p.sent;
  const refusal = feedbackRefusal(p.phase, p.counts);
  return (
    <AdminLayout title={r.title} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '意见征集' }, { label: r.title }]}
      />
      <h1>{r.title}</h1>
      {p.refusal ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{p.refusal}</p>
        </div>
      ) : null}
      <dl class="meta">
        <dt>发布机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>状态</dt>
        <dd>{PHASE_LABELS[p.phase]}</dd>
        <dt>征集期限</dt>
        <dd>
          {r.opensOn} 至 {r.closesOn}（{periodDays(r.opensOn, r.closesOn)} 日）
        </dd>
        <dt>重大行政决策</dt>
        <dd>{r.majorDecision ? `是（${MAJOR_DECISION_BASIS}）` : '否'}</dd>
        <Term label="缩短期限的说明" value={r.shortenedReason} />
        <dt>信函地址 / 电子邮箱</dt>
        <dd>
          {r.postAddress || '—'} / {r.email || '—'}
        </dd>
      </dl>
      <p class="actions">
        {r.publishedAt ? <a href={`/agencies/${p.agencySlug}/comment-periods/${r.id}`}>在门户查看</a> : null}
        {!r.publishedAt && p.can.manage ? <a href={`${base}/edit`}>修改草稿</a> : null}{' '}
        {!r.publishedAt && p.can.publish ? (
          <PostButton action={`${base}/publish`} csrf={p.ctx.csrfToken} label="发布征集" />
        ) : null}
      </p>
      <details>
        <summary>草案全文和起草说明</summary>
        <h2>草案全文</h2>
        <Paragraphs text={r.draftText} />
        <h2>起草说明</h2>
        <Paragraphs text={r.explanation} />
      </details>
      <section aria-labelledby="files-title">
        <h2 id="files-title">附件</h2>
        {p.files.length ? (
          <ul>
            {p.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/files/${f.id}`}>{f.title}</a> <span class="muted">（{f.fileName}）</span>
                {!r.publishedAt && p.can.manage ? (
                  <PostButton action={`${base}/files/${f.id}/delete`} csrf={p.ctx.csrfToken} label="删除" danger />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>无附件。</p>
        )}
        {!r.publishedAt && p.can.manage ? (
          <form method="post" action={`${base}/files`} enctype="multipart/form-data" novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <ErrorSummary errors={sent?.form === 'file' ? sent.errors : {}} labels={{ file: '文件' }} />
            <Field
              name="title"
              label="附件名称"
              value={sent?.form === 'file' ? (sent.values.title ?? '') : ''}
              hint="不填时使用文件名。"
            />
            <div class={sent?.form === 'file' && sent.errors.file ? 'field field-error' : 'field'}>
              <label for="f-file">文件</label>
              <input id="f-file" type="file" name="file" />
            </div>
            <button type="submit" class="button secondary">
              上传附件
            </button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">收到的意见（{p.comments.length} 条）</h2>
        <p>
          {feedbackSentence(p.counts)}
          {p.counts.undecided ? ` 尚未标注 ${p.counts.undecided} 条。` : ''}
        </p>
        <ol class="comment-list">
          {p.comments.map((c) => (
            <li key={c.id} id={`comment-${c.id}`}>
              <p class="muted">
                {beijingDate(c.receivedAt)} · {CHANNEL_LABELS[c.channel]} · {c.commenterName || '未留姓名'}
                {c.commenterPhone ? ` · ${c.commenterPhone}` : ''}
                {c.commenterEmail ? ` · ${c.commenterEmail}` : ''} ·{' '}
                {c.publishConsent ? '同意公开内容' : '未同意公开内容'}
                {c.verdict ? ` · ${VERDICT_LABELS[c.verdict as Verdict]}` : ' · 未标注'}
              </p>
              <Paragraphs text={c.body} />
              {p.can.manage && !r.feedbackPublishedAt ? (
                <TagForm ctx={p.ctx} c={c} sent={sent} />
              ) : c.verdictReason ? (
                <p>理由：{c.verdictReason}</p>
              ) : null}
            </li>
          ))}
        </ol>
        {p.phase === 'open' && p.can.manage ? <RecordForm ctx={p.ctx} base={base} sent={sent} /> : null}
      </section>
      <section aria-labelledby="feedback-title">
        <h2 id="feedback-title">意见采纳情况反馈</h2>
        {r.feedbackPublishedAt ? (
          <>
            <p>已于 {beijingDate(r.feedbackPublishedAt)} 发布。</p>
            <Paragraphs text={r.feedbackText} />
          </>
        ) : refusal ? (
          <p>{refusal}</p>
        ) : p.can.publish ? (
          <form method="post" action={`${base}/feedback`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <p>{feedbackSentence(p.counts)}（各条意见的采纳情况和理由随反馈一并公开。）</p>
            <TextArea
              name="feedbackText"
              label="反馈说明"
              value={sent?.form === 'feedback' ? (sent.values.feedbackText ?? '') : ''}
              error={sent?.form === 'feedback' ? sent.errors.feedbackText : undefined}
              rows={5}
              hint="对意见的总体采纳情况和草案的修改情况作说明。"
            />
            <button type="submit">发布意见采纳情况反馈</button>
          </form>
        ) : (
          <p>可以发布，须由签发人发布。</p>
        )}
      </section>
    </AdminLayout>
  );
}

function RecordForm(p: { ctx: PageContext; base: string; sent: DetailProps['sent'] }) {
  const mine = p.sent?.form === 'record' ? p.sent : undefined;
  const v = mine?.values ?? {};
  const e = mine?.errors ?? {};
  const f = formFields(v, e);
  return (
    <details open={!!mine}>
      <summary>登记信函或电子邮件收到的意见</summary>
      <form method="post" action={`${p.base}/comments`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <ErrorSummary
          errors={e}
          labels={{
            channel: '收到方式',
            body: '意见内容',
            commenterName: '姓名',
            commenterPhone: '联系电话',
            commenterEmail: '电子邮箱',
          }}
        />
        <Select
          name="channel"
          label="收到方式"
          value={v.channel ?? 'post'}
          error={e.channel}
          options={[
            { value: 'post', label: '信函' },
            { value: 'email', label: '电子邮件' },
          ]}
        />
        <TextArea {...f('body', '意见内容')} required rows={4} />
        <Field {...f('commenterName', '姓名')} />
        <Field {...f('commenterPhone', '联系电话')} />
        <Field {...f('commenterEmail', '电子邮箱')} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="publishConsent" value="yes" checked={v.publishConsent === 'yes'} />{' '}
            提出人同意公开意见内容
          </label>
        </div>
        <button type="submit" class="button secondary">
          登记
        </button>
      </form>
    </details>
  );
}
