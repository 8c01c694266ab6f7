// Staff pages besides the case: the dashboard (due within 5 working days, overdue, by stage and
// by agency), staff intake per channel (第三十一条) and the module settings.
import type { FieldErrors } from '../../platform/errors.ts';
import { DueDate } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { ChartFigure, renderChart, type RenderedChart } from '../../platform/views/chart.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { ConsolePager } from '../../platform/views/console-pager.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { InfoRequestFormValues } from './intake.service.ts';
import type { InfoRequestListItem, monthlyFlow } from './info-request.repository.ts';
import { FORM_LABELS } from './info-request.public-views.tsx';
import { INFO_REQUEST_STATES, type InfoRequestState } from './info-request.tables.ts';
import { stateLabels } from './info-request.states.ts';
import {
  isOutcomeKey,
  OUTCOME_GROUPS,
  outcomeDefinition,
  type OutcomeGroup,
  APPLICANT_KINDS,
  deliveryWayLabels,
  idDocumentTypeLabels,
  intakeChannelLabels,
  requestedFormLabels,
} from './rules/index.ts';

const opts = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export interface DashboardProps {
  ctx: PageContext;
  view: 'open' | 'confirm' | 'soon' | 'overdue' | 'applicant' | 'corrections' | 'all';
  /** The list is narrowed to this agency (from the 工作台's county table). */
  agencyId: number | null;
  today: string;
  soonLimit: string;
  items: InfoRequestListItem[];
  page: number;
  pageSize: number;
  /** How many applications the chosen tab holds (the pages together). */
  total: number;
  listHref: (page: number) => string;
  counts: { agencyId: number; agencyName: string; state: InfoRequestState; n: number }[];
  overdue: number;
  soon: number;
  canIntake: boolean;
  chart: RenderedChart;
}

export type MonthlyFlow = Awaited<ReturnType<typeof monthlyFlow>>;

/**
 * Received and concluded applications per month over `months`; the concluded ones stacked by
 * outcome group of table 三 (a case without an outcome, e.g. closed, counts as 其他处理).
 */
export function flowChart(months: readonly string[], flow: MonthlyFlow): Promise<RenderedChart> {
  const received = new Map(flow.received.map((r) => [r.month, r.n]));
  const byGroup = new Map<OutcomeGroup, Map<string, number>>(OUTCOME_GROUPS.map((g) => [g.key, new Map()]));
  for (const r of flow.concluded) {
    const group = r.outcomeKey && isOutcomeKey(r.outcomeKey) ? outcomeDefinition(r.outcomeKey).group : 'otherOutcome';
    const m = byGroup.get(group) as Map<string, number>;
    m.set(r.month, (m.get(r.month) ?? 0) + r.n);
  }
  return renderChart({
    title: '近12个月收到和办结的申请',
    categoryLabel: '月份',
    categories: months.map((m) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`),
    series: [
      { name: '收到申请', values: months.map((m) => received.get(m) ?? 0) },
      ...OUTCOME_GROUPS.map((g) => ({
        name: `办结：${g.label.replace(/^（.）/, '').replace(/（.*$/, '')}`,
        stack: 'concluded',
        values: months.map((m) => byGroup.get(g.key)?.get(m) ?? 0),
      })),
    ],
  });
}

export function DashboardPage(p: DashboardProps) {
  const agencies = [...new Map(p.counts.map((c) => [c.agencyId, c.agencyName])).entries()];
  const tabs: [DashboardProps['view'], string][] = [
    ['open', '办理中'],
    ['confirm', '待确认收到'],
    ['soon', `5个工作日内到期（${p.soon}）`],
    ['overdue', `已超期（${p.overdue}）`],
    ['applicant', '待申请人补正/缴费'],
    ['corrections', '在线补正待审查'],
    ['all', '全部'],
  ];
  const agencyParam = p.agencyId ? `&agency=${p.agencyId}` : '';
  return (
    <AdminLayout title="依申请公开" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '依申请公开' }]} />
      <h1>依申请公开</h1>
      <p class="ir-actions">
        {p.canIntake ? (
          <a class="button" href="/admin/info-requests/new">
            登记申请
          </a>
        ) : null}{' '}
        <a href="/admin/info-requests/settings">设置</a>
      </p>
      <p>
        今天 {p.today}；“即将到期”指答复期限在 {p.soonLimit}（5个工作日）以内。
        {p.agencyId ? (
          <>
            {' '}
            仅显示{agencies.find(([id]) => id === p.agencyId)?.[1] ?? '所选单位'}的申请（
            <a href={`/admin/info-requests?view=${p.view}`}>显示全部单位</a>）。
          </>
        ) : null}
      </p>
      <nav aria-label="筛选" class="ir-tabs">
        <ul>
          {tabs.map(([k, label]) => (
            <li key={k}>
              <a href={`/admin/info-requests?view=${k}${agencyParam}`} aria-current={p.view === k ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <TableScroll label="申请列表">
        <table>
          <caption>申请列表</caption>
          <thead>
            <tr>
              <th scope="col">申请编号</th>
              <th scope="col">机关</th>
              <th scope="col">所需信息</th>
              <th scope="col">状态</th>
              <th scope="col">收到申请之日</th>
              <th scope="col">答复期限</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr
                key={i.id}
                class={
                  i.dueOn && i.dueOn < p.today && ['processing', 'submitted'].includes(i.state)
                    ? 'ir-overdue'
                    : undefined
                }
              >
                <td>
                  <a href={`/admin/info-requests/${i.id}`}>{i.number}</a>
                  {i.flags && i.flags !== '[]' ? '（有提示）' : ''}
                </td>
                <td>{i.agencyName}</td>
                <td>{(i.informationName || i.featureDescription).slice(0, 40)}</td>
                <td>{stateLabels[i.state]}</td>
                <td>{i.receivedOn ?? '待确认'}</td>
                <td>
                  <DueDate date={i.dueOn} provisional={i.dueProvisional} />
                  {i.dueOn && i.dueOn < p.today && ['processing', 'submitted'].includes(i.state) ? '（已超期）' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ConsolePager href={p.listHref} page={p.page} pageSize={p.pageSize} total={p.total} />
      {p.total === 0 ? <p>没有符合条件的申请。</p> : null}
      <h2>按机关和办理阶段统计</h2>
      <TableScroll label="按机关和办理阶段统计">
        <table>
          <thead>
            <tr>
              <th scope="col">机关</th>
              {INFO_REQUEST_STATES.map((s) => (
                <th key={s} scope="col">
                  {stateLabels[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {agencies.map(([id, name]) => (
              <tr key={id}>
                <th scope="row">{name}</th>
                {INFO_REQUEST_STATES.map((s) => (
                  <td key={s}>{p.counts.find((c) => c.agencyId === id && c.state === s)?.n ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>按月统计</h2>
      <ChartFigure chart={p.chart} id="flow-chart" />
    </AdminLayout>
  );
}

export interface IntakeValues extends InfoRequestFormValues {
  agencyId: string;
  channel: string;
  handedInOn: string;
  signedForOn: string;
  arrivedOn: string;
  confirmedOn: string;
  staffNote: string;
}

export function IntakePage(p: {
  ctx: PageContext;
  values: IntakeValues;
  agencies: { value: string; label: string }[];
  errors?: FieldErrors | undefined;
  /** The form's one-time token: registered once however often it is sent. */
  once: string;
}) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  return (
    <AdminLayout title="登记政府信息公开申请" ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/info-requests', label: '依申请公开' },
          { label: '登记申请' },
        ]}
      />
      <h1>登记政府信息公开申请</h1>
      <ErrorSummary
        errors={e}
        labels={{
          ...FORM_LABELS,
          channel: '提交渠道',
          handedInOn: '递交日期',
          signedForOn: '签收日期',
          arrivedOn: '信件到达日期',
          confirmedOn: '确认日期',
        }}
      />
      <form method="post" action="/admin/info-requests" class="ir-form">
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        <fieldset class="ir-fieldset">
          <legend>收到申请（条例第三十一条）</legend>
          <Select {...f('agencyId', '受理机关')} options={p.agencies} />
          <Select {...f('channel', '提交渠道')} options={opts(intakeChannelLabels)} />
          <Field {...f('handedInOn', '递交日期（当面提交）')} type="date" />
          <Field {...f('signedForOn', '签收日期（邮寄需签收）')} type="date" />
          <Field {...f('arrivedOn', '信件到达日期（平常信函）')} type="date" />
          <Field {...f('confirmedOn', '确认日期（平常信函、互联网、传真）')} type="date" />
        </fieldset>
        <fieldset class="ir-fieldset">
          <legend>申请人</legend>
          <Select
            {...f('applicantKind', '申请人类型')}
            emptyLabel="请选择"
            options={APPLICANT_KINDS.map((k) => ({ value: k.key, label: k.label }))}
          />
          <Field {...f('name', '姓名或名称')} />
          <Select {...f('idDocumentType', '身份证明类型')} emptyLabel="请选择" options={opts(idDocumentTypeLabels)} />
          <Field {...f('idDocumentNumber', '身份证明号码')} />
          <Field name="phone" label="联系电话" value={v.phone} error={e.phone ?? e.contact} />
          <Field {...f('email', '电子邮箱')} />
          <Field {...f('postalAddress', '通信地址')} />
          <Field {...f('postcode', '邮政编码')} />
          <Field {...f('fax', '传真')} />
        </fieldset>
        <fieldset class="ir-fieldset">
          <legend>所需信息</legend>
          <Field
            name="informationName"
            label="所需信息的名称"
            value={v.informationName}
            error={e.informationName ?? e.description}
          />
          <Field {...f('documentNumber', '文号')} />
          <TextArea {...f('featureDescription', '所需信息的特征性描述')} rows={3} />
          <Select {...f('requestedForm', '所需信息的形式')} emptyLabel="请选择" options={opts(requestedFormLabels)} />
          <Select {...f('deliveryWay', '获取信息的方式')} emptyLabel="请选择" options={opts(deliveryWayLabels)} />
          <TextArea name="staffNote" label="内部备注（不对外公开）" value={v.staffNote} rows={2} />
        </fieldset>
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </AdminLayout>
  );
}

export function SettingsPage(p: {
  ctx: PageContext;
  pauseWhileFeePending: boolean;
  scopeLabel: string;
  canManage: boolean;
}) {
  return (
    <AdminLayout title="依申请公开设置" ctx={p.ctx}>
      <h1>依申请公开设置</h1>
      <p>适用范围：{p.scopeLabel}</p>
      <p>
        等待申请人缴纳信息处理费期间是否暂停计算答复期限，国办函〔2020〕109号未明确规定，请按本地实施办法设置。更改只影响此后重新计算的申请。
      </p>
      {p.canManage ? (
        <form method="post" action="/admin/info-requests/settings">
          <Csrf token={p.ctx.csrfToken} />
          <label class="check">
            <input type="checkbox" name="pauseWhileFeePending" value="1" checked={p.pauseWhileFeePending} />{' '}
            等待缴费期间暂停计算答复期限
          </label>
          <p>
            <button type="submit" class="button">
              保存
            </button>
          </p>
        </form>
      ) : (
        <p>当前设置：{p.pauseWhileFeePending ? '暂停' : '不暂停'}。</p>
      )}
    </AdminLayout>
  );
}
