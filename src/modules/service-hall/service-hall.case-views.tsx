// Staff page of one service-hall case: its clock and pauses, the actions its state allows, the
// query code issued once, and the timeline from the audit log.
import { DueDate } from '../calendar/index.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { Csrf, ErrorSummary, PostButton, Select, Term, TextArea } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { CasePauseRow, ServiceCaseRow, ServiceItemRow } from './service-hall.repository.ts';
import { canApply } from './service-hall.states.ts';

import { SUSPENSION_KINDS } from './service-case.service.ts';
import { CHANNEL_LABELS, RATING_LABELS, statusText } from './service-case.labels.ts';
import { PAUSE_LABELS, type DueSegment } from './time-limits.ts';

import { crumbs } from './service-hall.admin-views.tsx';
import { beijingMinute } from '../../platform/chinese-date.ts';

function ActionForm(p: {
  ctx: PageContext;
  action: string;
  title: string;
  button: string;
  children?: preact.ComponentChildren;
}) {
  return (
    <section aria-label={p.title}>
      <h3>{p.title}</h3>
      <form method="post" action={p.action} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        {p.children}
        <button type="submit">{p.button}</button>
      </form>
    </section>
  );
}

const EVENT_LABELS: Record<string, string> = {
  'serviceCase.received': '收件登记',
  'serviceCase.accept': '受理',
  'serviceCase.notAccept': '不予受理',
  'serviceCase.requestMaterials': '一次性告知补齐补正',
  'serviceCase.materialsArrived': '收到补正材料',
  'serviceCase.startProcessing': '转入办理',
  'serviceCase.suspend': '中止计时',
  'serviceCase.resume': '恢复计时',
  'serviceCase.decide': '作出决定',
  'serviceCase.deemApproval': '超时默许，视为准予',
  'serviceCase.deliver': '送达结果',
  'serviceCase.rated': '申请人评价',
  'serviceCase.queryCodeReset': '重新生成查询码',
  'serviceCase.dueRecomputed': '重新计算办结期限',
};

export interface CaseTimelineEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  summary: string;
}

export function CaseDetailPage(p: {
  ctx: PageContext;
  c: ServiceCaseRow;
  item: ServiceItemRow | undefined;
  windowName: string;
  pauses: CasePauseRow[];
  events: CaseTimelineEvent[];
  canHandle: boolean;
  canDecide: boolean;
  errors?: FieldErrors;
  /** The query code just issued (registration or reset), shown once. */
  receiptCode?: string | null;
}) {
  const { c } = p;
  const e = p.errors ?? {};
  const url = `/admin/service-hall/cases/${c.id}`;
  const segments = JSON.parse(c.dueExplanation) as DueSegment[];
  const can = (ev: Parameters<typeof canApply>[0]) => canApply(ev, c.status);
  return (
    <AdminLayout title={`办件 ${c.caseNumber}`} ctx={p.ctx}>
      {crumbs({ label: c.caseNumber })}
      <h1>办件 {c.caseNumber}</h1>
      {p.receiptCode ? (
        <p class="flash" role="status">
          请告知申请人办件编号 {c.caseNumber} 和查询码 <strong>{p.receiptCode}</strong>
          ，凭此查询办理进度。查询码只加密保存，离开本页后不再显示。
        </p>
      ) : null}
      <ErrorSummary
        errors={e}
        labels={{ reason: '理由', materials: '补齐补正材料', kind: '中止事由', decision: '办理结果' }}
      />
      <dl class="meta">
        <dt>状态</dt>
        <dd>{statusText(c)}</dd>
        <dt>办理事项</dt>
        <dd>{p.item?.name ?? ''}</dd>
        <dt>办理窗口</dt>
        <dd>{p.windowName}</dd>
        <dt>收件方式</dt>
        <dd>{CHANNEL_LABELS[c.channel]}</dd>
        <dt>申请人</dt>
        <dd>
          {c.applicantName}（{c.applicantPhone}
          {c.applicantEmail ? `，${c.applicantEmail}` : ''}）
        </dd>
        <dt>申请内容</dt>
        <dd class="pre-wrap">{c.summary || '—'}</dd>
        <dt>查询码</dt>
        <dd>
          仅在登记时显示一次，系统只保存其加密摘要。
          {p.canHandle ? (
            <PostButton
              action={`/admin/service-hall/cases/${c.id}/query-code`}
              csrf={p.ctx.csrfToken}
              label="重新生成查询码（原查询码作废）"
            />
          ) : null}
        </dd>
        <dt>收件日期</dt>
        <dd>{c.receivedOn}</dd>
        <dt>受理日期</dt>
        <dd>{c.acceptedOn ?? '尚未受理'}</dd>
        <dt>办理时限</dt>
        <dd>
          {c.timeLimitDays} 个工作日{c.deemedApproval ? '（实行超时默许）' : ''}
        </dd>
        <dt>时限截止</dt>
        <dd class="sh-due" id="due-on">
          <DueDate date={c.dueOn} provisional={c.dueProvisional} empty={c.acceptedOn ? '计时暂停中' : '受理后计算'} />
        </dd>
        <Term label="不予受理理由" value={c.notAcceptedReason} />
        {c.decision ? (
          <>
            <dt>办理结果</dt>
            <dd>
              {statusText(c)}
              {c.decisionReason ? `；理由：${c.decisionReason}` : ''}（{c.decidedOn}）
            </dd>
          </>
        ) : null}
        <Term label="送达日期" value={c.deliveredOn} />
        {c.rating ? (
          <>
            <dt>申请人评价</dt>
            <dd>
              {RATING_LABELS[c.rating]}
              {c.ratingComment ? `：${c.ratingComment}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {segments.length ? (
        <>
          <h2>时限计算说明</h2>
          <ul>
            {segments.map((s, k) => (
              <li key={k}>{s.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.pauses.length ? (
        <>
          <h2>补齐补正与中止计时</h2>
          <RecordTable
            label="补齐补正与中止计时记录"
            columns={['事由', '开始', '结束', '不计入的工作日', '说明']}
            rows={p.pauses}
            cells={(x) => (
              <>
                <td>{PAUSE_LABELS[x.kind]}</td>
                <td>{x.startedOn}</td>
                <td>{x.endedOn ?? '进行中'}</td>
                <td>{x.workingDays ?? '—'}</td>
                <td class="pre-wrap">{x.materials || x.reason}</td>
              </>
            )}
          />
        </>
      ) : null}
      <h2>办理</h2>
      <div class="sh-actions">
        {p.canHandle && can('accept') ? (
          <ActionForm ctx={p.ctx} action={`${url}/accept`} title="受理" button="受理" />
        ) : null}
        {p.canHandle && can('notAccept') ? (
          <ActionForm ctx={p.ctx} action={`${url}/not-accept`} title="不予受理" button="不予受理">
            <TextArea name="reason" label="理由" rows={2} required error={e.reason} />
          </ActionForm>
        ) : null}
        {p.canHandle && can('requestMaterials') && c.correctionUsed === 0 ? (
          <ActionForm ctx={p.ctx} action={`${url}/correction`} title="一次性告知补齐补正" button="发出补齐补正通知">
            <TextArea
              name="materials"
              label="需要补齐补正的全部材料"
              rows={3}
              required
              error={e.materials}
              hint="每行一项；只能告知一次，请列全"
            />
          </ActionForm>
        ) : null}
        {p.canHandle && can('materialsArrived') ? (
          <ActionForm
            ctx={p.ctx}
            action={`${url}/materials-arrived`}
            title="补正材料已收到"
            button="登记收到补正材料"
          />
        ) : null}
        {p.canHandle && can('startProcessing') ? (
          <ActionForm ctx={p.ctx} action={`${url}/process`} title="转入办理" button="开始办理" />
        ) : null}
        {p.canHandle && can('suspend') ? (
          <ActionForm ctx={p.ctx} action={`${url}/suspend`} title="中止计时" button="中止计时">
            <Select
              name="kind"
              label="事由"
              options={SUSPENSION_KINDS.map((k) => ({ value: k, label: PAUSE_LABELS[k] }))}
              emptyLabel="请选择"
              required
              error={e.kind}
            />
            <TextArea name="reason" label="具体理由" rows={2} required error={e.reason} />
          </ActionForm>
        ) : null}
        {p.canHandle && can('resume') ? (
          <ActionForm ctx={p.ctx} action={`${url}/resume`} title="恢复计时" button="恢复计时" />
        ) : null}
        {p.canDecide && can('decide') ? (
          <ActionForm ctx={p.ctx} action={`${url}/decide`} title="作出决定" button="作出决定">
            <Select
              name="decision"
              label="办理结果"
              options={[
                { value: 'approved', label: '准予' },
                { value: 'refused', label: '不予（须说明理由）' },
              ]}
              emptyLabel="请选择"
              required
              error={e.decision}
            />
            <TextArea name="reason" label="理由" rows={2} error={e.reason} />
          </ActionForm>
        ) : null}
        {p.canHandle && can('deliver') ? (
          <ActionForm ctx={p.ctx} action={`${url}/deliver`} title="送达结果" button="登记已送达" />
        ) : null}
      </div>
      <h2>办理记录</h2>
      <RecordTable
        label="办理记录"
        columns={['时间', '经办', '操作', '说明']}
        rows={p.events}
        cells={(ev) => (
          <>
            <td>{beijingMinute(ev.at)}</td>
            <td>{ev.actorName}</td>
            <td>{EVENT_LABELS[ev.action] ?? ev.action}</td>
            <td>{(JSON.parse(ev.summary) as { note?: string }).note ?? ''}</td>
          </>
        )}
      />
    </AdminLayout>
  );
}
