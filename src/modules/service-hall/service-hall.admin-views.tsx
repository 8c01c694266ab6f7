// Staff pages of the service hall: the case list, registering a case at the window, the case
// with its clock and the actions its state allows, and the window performance dashboard.
import { DueDate } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { CasePauseRow, ServiceCaseRow, ServiceItemRow } from './service-hall.repository.ts';
import { canApply, STATUS_LABELS } from './service-hall.states.ts';
import { CASE_STATUSES, RATINGS } from './service-hall.tables.ts';
import { SUSPENSION_KINDS } from './service-case.service.ts';
import { CHANNEL_LABELS, RATING_LABELS, statusText } from './service-case.labels.ts';
import { PAUSE_LABELS, type DueSegment } from './time-limits.ts';
import { formatRate } from './rates.ts';
import type { FigureRow, MonthFigures } from './service-hall.stats.ts';
import { RATE_NOTES } from './service-hall.public-views.tsx';

const HOME = { href: '/admin/service-hall', label: '政务服务' };
const crumbs = (...rest: { href?: string; label: string }[]) => (
  <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, HOME, ...rest]} />
);

export function CaseListPage(p: {
  ctx: PageContext;
  cases: ServiceCaseRow[];
  items: Map<number, string>;
  status: string;
  /** Set when only cases due by this day (or past it) are listed (the 工作台's queue). */
  nearLimit?: string | null;
  canHandle: boolean;
  canManageItems: boolean;
}) {
  return (
    <AdminLayout title="政务服务办件" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '政务服务' }]} />
      <h1>政务服务办件</h1>
      {p.nearLimit ? (
        <p>
          只显示办理时限在 {p.nearLimit} 前到期或已超时的办件。<a href="/admin/service-hall">显示全部办件</a>
        </p>
      ) : null}
      <p class="actions">
        {p.canHandle ? (
          <a class="button" href="/admin/service-hall/cases/new">
            登记办件
          </a>
        ) : null}
        <a class="button secondary" href="/admin/service-hall/performance">
          窗口绩效
        </a>
        <a class="button secondary" href="/admin/service-hall/items">
          事项与窗口
        </a>
      </p>
      <form method="get" action="/admin/service-hall" class="toolbar">
        <Select
          name="status"
          label="状态"
          value={p.status}
          emptyLabel="全部"
          options={CASE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <button type="submit">筛选</button>
      </form>
      {p.cases.length ? (
        <TableScroll label="办件列表">
          <table>
            <thead>
              <tr>
                <th scope="col">办件编号</th>
                <th scope="col">事项</th>
                <th scope="col">申请人</th>
                <th scope="col">收件日期</th>
                <th scope="col">状态</th>
                <th scope="col">时限截止</th>
              </tr>
            </thead>
            <tbody>
              {p.cases.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/admin/service-hall/cases/${c.id}`}>{c.caseNumber}</a>
                  </td>
                  <td>{p.items.get(c.itemId) ?? ''}</td>
                  <td>{c.applicantName}</td>
                  <td>{c.receivedOn}</td>
                  <td>{statusText(c)}</td>
                  <td>
                    <DueDate date={c.dueOn} provisional={c.dueProvisional} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>没有符合条件的办件。</p>
      )}
    </AdminLayout>
  );
}

export type NewCaseValues = Record<
  'itemId' | 'channel' | 'applicantName' | 'applicantPhone' | 'applicantEmail' | 'summary',
  string
>;

export function NewCasePage(p: {
  ctx: PageContext;
  items: { value: string; label: string }[];
  values: NewCaseValues;
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const v = p.values;
  return (
    <AdminLayout title="登记办件" ctx={p.ctx}>
      {crumbs({ label: '登记办件' })}
      <h1>登记办件</h1>
      <ErrorSummary
        errors={e}
        labels={{
          itemId: '办理事项',
          channel: '收件方式',
          applicantName: '申请人',
          applicantPhone: '联系电话',
          applicantEmail: '电子邮箱',
          summary: '申请内容',
        }}
      />
      <form method="post" action="/admin/service-hall/cases" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Select
          name="itemId"
          label="办理事项"
          value={v.itemId}
          options={p.items}
          emptyLabel="请选择"
          required
          error={e.itemId}
        />
        <Select
          name="channel"
          label="收件方式"
          value={v.channel}
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          required
          error={e.channel}
        />
        <Field
          name="applicantName"
          label="申请人"
          value={v.applicantName}
          required
          error={e.applicantName}
          hint="公民姓名或法人、其他组织名称"
        />
        <Field
          name="applicantPhone"
          label="联系电话"
          value={v.applicantPhone}
          required
          error={e.applicantPhone}
          inputmode="tel"
        />
        <Field
          name="applicantEmail"
          label="电子邮箱"
          value={v.applicantEmail}
          error={e.applicantEmail}
          type="email"
          hint="选填；填写后办理进度通知发送到该邮箱"
        />
        <TextArea name="summary" label="申请内容" value={v.summary} rows={3} error={e.summary} />
        <button type="submit">登记</button>
      </form>
    </AdminLayout>
  );
}

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

/** Beijing time, to the minute. */
const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

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
        <p class="notice" role="status">
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
        {c.notAcceptedReason ? (
          <>
            <dt>不予受理理由</dt>
            <dd>{c.notAcceptedReason}</dd>
          </>
        ) : null}
        {c.decision ? (
          <>
            <dt>办理结果</dt>
            <dd>
              {statusText(c)}
              {c.decisionReason ? `；理由：${c.decisionReason}` : ''}（{c.decidedOn}）
            </dd>
          </>
        ) : null}
        {c.deliveredOn ? (
          <>
            <dt>送达日期</dt>
            <dd>{c.deliveredOn}</dd>
          </>
        ) : null}
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
          <TableScroll label="补齐补正与中止计时记录">
            <table>
              <thead>
                <tr>
                  <th scope="col">事由</th>
                  <th scope="col">开始</th>
                  <th scope="col">结束</th>
                  <th scope="col">不计入的工作日</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {p.pauses.map((x) => (
                  <tr key={x.id}>
                    <td>{PAUSE_LABELS[x.kind]}</td>
                    <td>{x.startedOn}</td>
                    <td>{x.endedOn ?? '进行中'}</td>
                    <td>{x.workingDays ?? '—'}</td>
                    <td class="pre-wrap">{x.materials || x.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
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
      <TableScroll label="办理记录">
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">经办</th>
              <th scope="col">操作</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {p.events.map((ev) => (
              <tr key={ev.id}>
                <td>{beijing(ev.at)}</td>
                <td>{ev.actorName}</td>
                <td>{EVENT_LABELS[ev.action] ?? ev.action}</td>
                <td>{(JSON.parse(ev.summary) as { note?: string }).note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

function Rows({ rows, head }: { rows: FigureRow[]; head: string }) {
  return (
    <TableScroll label={`按${head}统计`}>
      <table>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">收件</th>
            <th scope="col">受理</th>
            <th scope="col">受理率</th>
            <th scope="col">按时办结</th>
            <th scope="col">办结率</th>
            <th scope="col">超期</th>
            <th scope="col">超时默许</th>
            {RATINGS.map((r) => (
              <th key={r} scope="col">
                {RATING_LABELS[r]}
              </th>
            ))}
            <th scope="col">满意率</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.counts.received}</td>
              <td>{r.counts.accepted}</td>
              <td>{formatRate(r.rates.acceptanceRate)}</td>
              <td>{r.counts.completedInTime}</td>
              <td>{formatRate(r.rates.completionRate)}</td>
              <td>{r.counts.overdue}</td>
              <td>{r.counts.deemedApprovals}</td>
              {RATINGS.map((k) => (
                <td key={k}>{r.ratings.byRating[k]}</td>
              ))}
              <td>{formatRate(r.ratings.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function PerformancePage(p: {
  ctx: PageContext;
  figures: MonthFigures;
  agencies: { value: string; label: string }[];
  agencyId: string;
}) {
  const f = p.figures;
  return (
    <AdminLayout title="窗口绩效" ctx={p.ctx}>
      {crumbs({ label: '窗口绩效' })}
      <h1>
        窗口绩效（{f.month.slice(0, 4)}年{Number(f.month.slice(5))}月）
      </h1>
      <form method="get" action="/admin/service-hall/performance" class="toolbar">
        <Select name="agencyId" label="机构" value={p.agencyId} options={p.agencies} />
        <Field name="month" label="月份" value={f.month} hint="格式 YYYY-MM" />
        <button type="submit">查看</button>
      </form>
      <p class="muted">按当月收件统计，统计截至 {f.asOf}。</p>
      <h2>按窗口</h2>
      <Rows rows={[...f.byWindow, f.total]} head="窗口" />
      <h2>按事项</h2>
      <Rows rows={f.byItem} head="事项" />
      <ul>
        {RATE_NOTES.map((n, k) => (
          <li key={k}>{n}</li>
        ))}
      </ul>
    </AdminLayout>
  );
}
