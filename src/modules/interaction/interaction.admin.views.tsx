// Staff pages of the case engine: the case list, one case (assign, handle, reply, publication
// decision) and the quick phone-inquiry form.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { DueDate, ProvisionalMark } from '../calendar/index.ts';
import { Csrf, ErrorSummary, Field, PostButton, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { ConsolePager } from '../../platform/views/console-pager.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { canMove, STATE_LABELS, type CaseState } from './case.states.ts';
import type { CaseRow } from './interaction.repository.ts';
import { LetterPublication } from './interaction.privacy-views.tsx';
import {
  CHANNEL_LABELS,
  COMPLAINT_ABOUT_LABELS,
  KIND_LABELS,
  RATING_LABELS,
  toLocalInput,
  type PhoneInput,
} from './interaction.service.ts';
import { CASE_KINDS, type CaseKind } from './interaction.tables.ts';

const PUBLICATION_LABELS = {
  notRequested: '来信人未同意公开',
  pending: '来信人同意公开，待决定',
  published: '已在留言选登公开',
  declined: '本机关决定不公开',
} as const;

export function CaseListPage(p: {
  ctx: PageContext;
  rows: CaseRow[];
  kind: CaseKind | undefined;
  /** A 工作台 queue (interaction.queues.ts): 'open' unanswered, 'overdue' past the answer period. */
  queue: '' | 'open' | 'overdue';
  agencyNames: Map<number, string>;
  today: string;
  page: number;
  pageSize: number;
  /** How many cases the chosen filter finds (the pages together). */
  total: number;
  listHref: (page: number) => string;
}) {
  return (
    <AdminLayout title="咨询投诉" ctx={p.ctx}>
      <h1>咨询、投诉和领导信箱</h1>
      <p class="actions">
        <a class="button" href="/admin/interaction/phone">
          登记电话咨询
        </a>{' '}
        <a href="/admin/interaction/settings">答复期限设置</a>
      </p>
      <nav aria-label="按类别筛选">
        <ul class="inline-list">
          <li>
            <a href="/admin/interaction" aria-current={!p.kind && !p.queue ? 'page' : undefined}>
              全部
            </a>
          </li>
          <li>
            <a href="/admin/interaction?queue=open" aria-current={p.queue === 'open' ? 'page' : undefined}>
              未答复
            </a>
          </li>
          <li>
            <a href="/admin/interaction?queue=overdue" aria-current={p.queue === 'overdue' ? 'page' : undefined}>
              超过答复期限
            </a>
          </li>
          {CASE_KINDS.map((k) => (
            <li key={k}>
              <a href={`/admin/interaction?kind=${k}`} aria-current={p.kind === k ? 'page' : undefined}>
                {KIND_LABELS[k]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <RecordTable
        label="案件列表"
        columns={['受理编号', '类别', '渠道', '事项', '单位', '收到', '期限', '状态']}
        rows={p.rows}
        cells={(r) => (
          <>
            <td>
              <a href={`/admin/interaction/${r.id}`}>{r.receiptNumber}</a>
            </td>
            <td>{KIND_LABELS[r.kind]}</td>
            <td>{CHANNEL_LABELS[r.channel]}</td>
            <td>{r.topic}</td>
            <td>{p.agencyNames.get(r.agencyId) ?? ''}</td>
            <td>{r.receivedDate}</td>
            <td>
              <DueDate date={r.dueDate} provisional={r.dueProvisional} />
              {r.dueDate && r.dueDate < p.today && ['received', 'assigned', 'handling'].includes(r.state)
                ? '（已超期）'
                : ''}
            </td>
            <td>{STATE_LABELS[r.state as CaseState] ?? r.state}</td>
          </>
        )}
      />
      <ConsolePager href={p.listHref} page={p.page} pageSize={p.pageSize} total={p.total} />
      {p.total === 0 ? <p>暂无记录。</p> : null}
    </AdminLayout>
  );
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorName: string;
  /** The event's note, when it says more than its label (a recomputed reply date). */
  note: string;
}

/** The note of an audit event's summary (JSON), or ''. */
export function auditNote(summary: string): string {
  try {
    const note = (JSON.parse(summary) as { note?: unknown }).note;
    return typeof note === 'string' ? note : '';
  } catch {
    return '';
  }
}

const ACTION_LABELS: Record<string, string> = {
  received: '受理',
  assigned: '分派',
  handling: '开始调查处理',
  replied: '答复',
  rated: '评价',
  published: '在留言选登公开',
  declined: '决定不公开',
  dueRecomputed: '重新计算答复期限',
};

export function CaseDetailPage(p: {
  ctx: PageContext;
  row: CaseRow;
  canHandle: boolean;
  timeline: TimelineEntry[];
  errors?: FieldErrors;
  replyText?: string;
}) {
  const r = p.row;
  const csrf = p.ctx.csrfToken;
  const e = p.errors ?? {};
  return (
    <AdminLayout title={`${KIND_LABELS[r.kind]} ${r.receiptNumber}`} ctx={p.ctx}>
      <h1>
        {KIND_LABELS[r.kind]}：{r.topic}
      </h1>
      <ErrorSummary errors={e} />
      <dl class="meta">
        <dt>受理编号</dt>
        <dd>{r.receiptNumber}</dd>
        <dt>渠道</dt>
        <dd>{CHANNEL_LABELS[r.channel]}</dd>
        {r.noticeId ? (
          <>
            <dt>异议的公示</dt>
            <dd>
              <a href={`/admin/notices/${r.noticeId}`}>查看公示</a>
            </dd>
          </>
        ) : null}
        {r.complaintAbout ? (
          <>
            <dt>投诉事项类别</dt>
            <dd>
              {COMPLAINT_ABOUT_LABELS[r.complaintAbout as keyof typeof COMPLAINT_ABOUT_LABELS] ?? r.complaintAbout}
            </dd>
          </>
        ) : null}
        <dt>收到时间</dt>
        <dd>{toLocalInput(new Date(r.receivedAt)).replace('T', ' ')}（北京时间）</dd>
        <dt>答复期限</dt>
        <dd>
          {r.dueDate ?? '—'}
          {r.answerDays ? `（${r.answerDays} 个工作日）` : ''}
          {r.dueDate && r.dueProvisional ? <ProvisionalMark years={[Number(r.dueDate.slice(0, 4))]} /> : null}
        </dd>
        <dt>状态</dt>
        <dd>{STATE_LABELS[r.state as CaseState] ?? r.state}</dd>
        {r.writerName ? (
          <>
            <dt>来信人</dt>
            <dd>{[r.writerName, r.writerPhone, r.writerEmail, r.writerAddress].filter(Boolean).join('，')}</dd>
          </>
        ) : null}
        {r.kind === 'letter' ? (
          <>
            <dt>公开</dt>
            <dd>{PUBLICATION_LABELS[r.publication]}</dd>
          </>
        ) : null}
        {r.durationMinutes !== null ? (
          <>
            <dt>通话时长</dt>
            <dd>{r.durationMinutes} 分钟</dd>
          </>
        ) : null}
        {r.rating ? (
          <>
            <dt>评价</dt>
            <dd>
              {RATING_LABELS[r.rating]}
              {r.ratingComment ? `：${r.ratingComment}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {r.body ? (
        <>
          <h2>内容</h2>
          <p class="prewrap">{r.body}</p>
        </>
      ) : null}
      {r.replyText ? (
        <>
          <h2>答复</h2>
          <p class="prewrap">{r.replyText}</p>
        </>
      ) : null}
      {p.canHandle ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">办理</h2>
          {canMove(r.kind, r.state, 'assigned') ? (
            <PostButton action={`/admin/interaction/${r.id}/assign`} csrf={csrf} label="分派给我" />
          ) : null}
          {canMove(r.kind, r.state, 'handling') ? (
            <PostButton action={`/admin/interaction/${r.id}/handle`} csrf={csrf} label="开始调查处理" />
          ) : null}
          {canMove(r.kind, r.state, 'replied') ? (
            <form method="post" action={`/admin/interaction/${r.id}/reply`}>
              <Csrf token={csrf} />
              <TextArea
                name="replyText"
                label="答复内容"
                value={p.replyText ?? ''}
                error={e.replyText}
                required
                rows={6}
                maxLength={5000}
              />
              <button type="submit" class="button">
                答复
              </button>
            </form>
          ) : null}
          {r.kind === 'letter' && r.publishConsent === 1 && ['replied', 'closed'].includes(r.state) ? (
            <LetterPublication row={r} csrf={csrf} />
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理记录</h2>
        <ol class="timeline">
          {p.timeline.map((t, i) => (
            <li key={i}>
              {toLocalInput(new Date(t.at)).replace('T', ' ')} {t.actorName}：
              {ACTION_LABELS[t.action.split('.')[1] ?? ''] ?? t.action}
              {t.note ? `（${t.note}）` : ''}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href="/admin/interaction">返回列表</a>
      </p>
    </AdminLayout>
  );
}

export function PhoneInquiryPage(p: { ctx: PageContext; values: PhoneInput; errors?: FieldErrors; saved?: string }) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <AdminLayout title="登记电话咨询" ctx={p.ctx}>
      <h1>登记电话咨询</h1>
      {p.saved ? (
        <p class="flash" role="status">
          已登记：{p.saved}。可以继续登记下一个来电。
        </p>
      ) : null}
      <ErrorSummary errors={e} />
      <form method="post" action="/admin/interaction/phone" class="quick-form">
        <Csrf token={p.ctx.csrfToken} />
        <div class="field">
          <label for="f-topic">
            咨询事项<span class="req">（必填）</span>
          </label>
          {e.topic ? (
            <p class="error" id="e-topic">
              {e.topic}
            </p>
          ) : null}
          <input
            id="f-topic"
            name="topic"
            type="text"
            value={p.values.topic}
            required
            maxLength={100}
            autofocus
            aria-invalid={e.topic ? 'true' : undefined}
            aria-describedby={e.topic ? 'e-topic' : undefined}
          />
        </div>
        <TextArea {...f('answer', '答复要点')} required rows={3} maxLength={2000} />
        <Field {...f('duration', '通话时长（分钟）')} inputmode="numeric" maxLength={3} />
        <Field
          {...f('receivedAt', '来电时间')}
          required
          hint="默认为现在（北京时间），格式 年-月-日T时:分。"
          maxLength={16}
        />
        <Select
          name="channel"
          label="咨询方式"
          value={p.values.channel ?? 'phone'}
          error={e.channel}
          options={[
            { value: 'phone', label: '电话' },
            { value: 'inPerson', label: '当面' },
          ]}
        />
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </AdminLayout>
  );
}

export function AnswerDaysPage(p: { ctx: PageContext; values: Record<CaseKind, string>; errors?: FieldErrors }) {
  const e = p.errors ?? {};
  return (
    <AdminLayout title="答复期限设置" ctx={p.ctx}>
      <h1>答复期限设置</h1>
      <p>
        本单位各类来信来访的答复期限（工作日）。修改只影响此后收到的事项，已收到事项的期限保存在各自记录中。默认 15
        个工作日为系统预设，请按本地规定修改。
      </p>
      <ErrorSummary errors={e} labels={KIND_LABELS} />
      <form method="post" action="/admin/interaction/settings">
        <Csrf token={p.ctx.csrfToken} />
        {CASE_KINDS.map((k) => (
          <Field
            key={k}
            name={k}
            label={`${KIND_LABELS[k]}（工作日）`}
            value={p.values[k]}
            error={e[k]}
            required
            inputmode="numeric"
            maxLength={2}
          />
        ))}
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </AdminLayout>
  );
}
