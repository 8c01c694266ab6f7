// Staff pages of 依申请公开转主动公开 (条例 第四十四条): the list of suggestions (the 工作台's queue:
// the open ones) and one suggestion with its applications, the accept form (one step: a draft
// publication from the reply and its documents) and the dismiss form (a reason).
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { Breadcrumbs, Csrf, ErrorSummary, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { InfoRequestRow } from './info-request.repository.ts';
import type { ProactiveSuggestionRow } from './proactive.service.ts';
import { PROACTIVE_BASE } from './proactive.queues.ts';
import { PROACTIVE_STATE_LABELS } from './proactive.states.ts';
import { outcomeFullLabel, PROACTIVE_BASIS, type OutcomeKey } from './rules/index.ts';

const ORIGIN_LABELS: Record<string, string> = { detected: '系统发现（多个申请人）', applicant: '申请人建议' };

const crumbs = (more: { href?: string; label: string }[]) => (
  <Breadcrumbs
    items={[{ href: '/admin', label: '工作台' }, { href: '/admin/info-requests', label: '依申请公开' }, ...more]}
  />
);

export function ProactiveListPage(p: {
  ctx: PageContext;
  rows: { s: ProactiveSuggestionRow; agencyName: string; applications: number }[];
  all: boolean;
  threshold: number;
  canSettings: boolean;
}) {
  return (
    <AdminLayout title="转为主动公开的建议" ctx={p.ctx}>
      {crumbs([{ label: '转为主动公开的建议' }])}
      <h1>依申请公开转为主动公开</h1>
      <p>
        多个申请人就相同政府信息向同一机关提出申请、且已予以公开或部分公开的，可以纳入主动公开的范围；申请人也可以提出建议（
        {PROACTIVE_BASIS}）。本县以 {p.threshold} 个以上不同申请人为“多个”。
      </p>
      <p class="actions">
        {p.all ? <a href={PROACTIVE_BASE}>只看待处理的</a> : <a href={`${PROACTIVE_BASE}?state=all`}>查看全部</a>}{' '}
        {p.canSettings ? <a href={`${PROACTIVE_BASE}/settings`}>“多个申请人”的人数</a> : null}
      </p>
      {p.rows.length ? (
        <RecordTable
          label="转为主动公开的建议"
          columns={['申请的信息', '机关', '来源', '申请（件）', '提出日期', '状态']}
          rows={p.rows}
          cells={({ s, agencyName, applications }) => (
            <>
              <td>
                <a href={`${PROACTIVE_BASE}/${s.id}`}>{s.informationName}</a>
              </td>
              <td>{agencyName}</td>
              <td>{ORIGIN_LABELS[s.origin] ?? s.origin}</td>
              <td class="num">{applications}</td>
              <td>{s.createdOn}</td>
              <td>{PROACTIVE_STATE_LABELS[s.state]}</td>
            </>
          )}
        />
      ) : (
        <p>{p.all ? '还没有转为主动公开的建议。' : '没有待处理的建议。'}</p>
      )}
    </AdminLayout>
  );
}

export interface ProactiveDetailProps {
  ctx: PageContext;
  s: ProactiveSuggestionRow;
  agencyName: string;
  requests: InfoRequestRow[];
  applicants: number;
  categories: { value: string; label: string }[];
  can: { accept: boolean; dismiss: boolean };
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  refusal?: string | undefined;
}

export function ProactiveDetailPage(p: ProactiveDetailProps) {
  const { s } = p;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  return (
    <AdminLayout title={`转为主动公开的建议：${s.informationName}`} ctx={p.ctx}>
      {crumbs([{ href: PROACTIVE_BASE, label: '转为主动公开的建议' }, { label: s.informationName }])}
      <h1>{s.informationName}</h1>
      <ErrorSummary
        errors={p.refusal ? { ...e, accept: p.refusal } : e}
        labels={{ categoryId: '目录分类', dismissReason: '理由', accept: '转为主动公开' }}
      />
      <dl class="facts">
        <dt>机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>来源</dt>
        <dd>{ORIGIN_LABELS[s.origin] ?? s.origin}</dd>
        <dt>申请人</dt>
        <dd>{p.applicants} 个不同申请人</dd>
        <dt>状态</dt>
        <dd>
          {PROACTIVE_STATE_LABELS[s.state]}
          {s.publicationId ? (
            <>
              ：<a href={`/admin/publications/${s.publicationId}`}>查看生成的草稿</a>
            </>
          ) : null}
          {s.dismissReason ? `：${s.dismissReason}` : null}
        </dd>
        {s.applicantNote ? (
          <>
            <dt>申请人的建议</dt>
            <dd class="kept-text">{s.applicantNote}</dd>
          </>
        ) : null}
      </dl>
      <h2>相关申请</h2>
      <RecordTable
        label="相关申请"
        columns={['申请编号', '申请的信息', '办理结果', '答复日期']}
        rows={p.requests}
        cells={(r) => (
          <>
            <td>
              <a href={`/admin/info-requests/${r.id}`}>{r.number}</a>
            </td>
            <td>{r.informationName}</td>
            <td>{r.outcomeKey ? outcomeFullLabel(r.outcomeKey as OutcomeKey) : ''}</td>
            <td>{r.repliedOn ?? ''}</td>
          </>
        )}
      />
      {s.state === 'open' && p.can.accept ? (
        <section class="ir-action" aria-labelledby="accept-title">
          <h2 id="accept-title">转为主动公开</h2>
          <p>
            系统以最近一次答复的内容为正文、随答复提供的文件为附件生成一条主动公开信息的草稿；申请人的姓名、证件号码、联系方式和地址不会写入草稿，草稿随后经个人信息检查、保密审查和签发。
          </p>
          <form method="post" action={`${PROACTIVE_BASE}/${s.id}/accept`}>
            <Csrf token={p.ctx.csrfToken} />
            <Select {...f('categoryId', '目录分类')} required emptyLabel="请选择" options={p.categories} />
            <button type="submit" class="button">
              生成主动公开草稿
            </button>
          </form>
        </section>
      ) : null}
      {s.state === 'open' && p.can.dismiss ? (
        <section class="ir-action" aria-labelledby="dismiss-title">
          <h2 id="dismiss-title">不转为主动公开</h2>
          <form method="post" action={`${PROACTIVE_BASE}/${s.id}/dismiss`}>
            <Csrf token={p.ctx.csrfToken} />
            <TextArea {...f('dismissReason', '理由')} required rows={2} maxLength={500} />
            <button type="submit" class="button secondary">
              不转为主动公开
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
