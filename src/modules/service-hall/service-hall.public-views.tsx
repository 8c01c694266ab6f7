// Public pages of the service hall: the item list and each item's 办事指南, the monthly 办件公开
// statistics, the case lookup and the applicant's status page. Public presenters only: no
// applicant's name, telephone or e-mail, no staff notes.
import { DueDate } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  Honeypot,
  PublicFormGuards,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { AgencyRow } from '../agency/index.ts';
import type { ServiceItemRow, ServiceWindowRow } from './service-hall.repository.ts';
import { formatRate } from './rates.ts';
import { ITEM_KIND_LABELS } from './service-item.service.ts';
import { RATING_LABELS } from './service-case.labels.ts';
import type { FigureRow, MonthFigures } from './service-hall.stats.ts';
import type { CaseCounts } from './rates.ts';
import { ChartFigure, renderChart, type RenderedChart } from '../../platform/views/chart.tsx';
import { RATINGS } from './service-hall.tables.ts';

type Agency = Pick<AgencyRow, 'name' | 'slug' | 'officeAddress' | 'officePhone' | 'officeHours'>;

const base = (a: Agency) => `/agencies/${a.slug}/service-hall`;

function Shell(p: {
  ctx: PageContext;
  agency?: Agency;
  title: string;
  trail?: { href: string; label: string }[];
  children: preact.ComponentChildren;
}) {
  const items = [{ href: '/', label: '首页' }];
  if (p.agency) items.push({ href: `/agencies/${p.agency.slug}`, label: p.agency.name });
  return (
    <PortalLayout title={p.agency ? `${p.title} - ${p.agency.name}` : p.title} ctx={p.ctx}>
      <Breadcrumbs items={[...items, ...(p.trail ?? []), { label: p.title }]} />
      <h1>{p.title}</h1>
      {p.children}
    </PortalLayout>
  );
}

export function ItemIndexPage(p: { ctx: PageContext; agency: Agency; items: ServiceItemRow[] }) {
  const a = p.agency;
  return (
    <Shell ctx={p.ctx} agency={a} title="政务服务事项">
      <p>以下是{a.name}办理的政务服务事项。每个事项的办事指南列明设定依据、受理条件、申请材料、办理时限和收费标准。</p>
      <ul>
        <li>
          <a href={`${base(a)}/stats`}>办件公开：按月公布的收件、受理、办结情况</a>
        </li>
        <li>
          <a href="/track">办件进度查询</a>（凭办件编号和查询码）
        </li>
      </ul>
      <h2>事项清单（{p.items.length} 项）</h2>
      {p.items.length ? (
        <TableScroll label="政务服务事项清单">
          <table>
            <caption class="muted">办理时限按工作日计算，不含法定节假日</caption>
            <thead>
              <tr>
                <th scope="col">事项名称</th>
                <th scope="col">类型</th>
                <th scope="col">法定时限</th>
                <th scope="col">承诺时限</th>
                <th scope="col">超时默许</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`${base(a)}/items/${i.id}`}>{i.name}</a>
                  </td>
                  <td>{ITEM_KIND_LABELS[i.kind]}</td>
                  <td>{i.statutoryDays} 个工作日</td>
                  <td>{i.promisedDays ? `${i.promisedDays} 个工作日` : '同法定时限'}</td>
                  <td>{i.deemedApproval ? '是' : '否'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>本机构尚未公布政务服务事项。</p>
      )}
    </Shell>
  );
}

export function ItemGuidePage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  window: ServiceWindowRow | undefined;
}) {
  const { agency: a, item: i } = p;
  const materials = i.materials
    .split('\n')
    .map((m) => m.trim())
    .filter(Boolean);
  return (
    <Shell ctx={p.ctx} agency={a} title={`${i.name} 办事指南`} trail={[{ href: base(a), label: '政务服务事项' }]}>
      <dl class="meta">
        <dt>实施机关</dt>
        <dd>{a.name}</dd>
        <dt>事项类型</dt>
        <dd>{ITEM_KIND_LABELS[i.kind]}</dd>
        <dt>法定办结时限</dt>
        <dd>{i.statutoryDays} 个工作日</dd>
        <dt>承诺办结时限</dt>
        <dd>{i.promisedDays ? `${i.promisedDays} 个工作日` : '同法定办结时限'}</dd>
        <dt>收费标准</dt>
        <dd>{i.fees}</dd>
        <dt>办理窗口</dt>
        <dd>{p.window ? `${p.window.name}${p.window.location ? `（${p.window.location}）` : ''}` : a.officeAddress}</dd>
        <dt>咨询电话</dt>
        <dd>{a.officePhone}</dd>
        <dt>办公时间</dt>
        <dd>{a.officeHours}</dd>
      </dl>
      <h2>设定依据</h2>
      <p class="pre-wrap">{i.legalBasis}</p>
      <h2>受理条件</h2>
      <p class="pre-wrap">{i.conditions}</p>
      <h2>申请材料</h2>
      <ol>
        {materials.map((m, k) => (
          <li key={k}>{m}</li>
        ))}
      </ol>
      <p>
        申请材料不齐全或者不符合法定形式的，窗口当场或者在五日内一次告知需要补正的全部内容（《中华人民共和国行政许可法》第三十二条）；补齐补正期间不计入办理时限。
      </p>
      <h2>办理时限</h2>
      <p>
        自受理之日起计算，受理当日不计入；依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计入办理时限（《行政许可法》第四十五条）。
      </p>
      {i.deemedApproval ? (
        <>
          <h2>超时默许</h2>
          <p>
            本事项实行超时默许：已受理的申请在承诺办结时限届满时仍未作出决定的，视为准予。依据：{i.deemedApprovalBasis}
          </p>
        </>
      ) : null}
      <h2>网上申请</h2>
      <p>
        <a href={`${base(a)}/items/${i.id}/apply`}>在线提交{i.name}申请</a>。提交后请按受理通知到窗口核验原件。
      </p>
      <h2>办理进度</h2>
      <p>
        受理后您会收到办件编号和查询码，可在 <a href="/track">办件进度查询</a>{' '}
        页面查看进度和结果，结果送达后可以评价办理服务。
      </p>
    </Shell>
  );
}

function FigureTable(p: { caption: string; head: string; rows: FigureRow[]; total?: FigureRow }) {
  const rows = p.total ? [...p.rows, p.total] : p.rows;
  return (
    <TableScroll label={p.caption}>
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.head}</th>
            <th scope="col">收件</th>
            <th scope="col">受理</th>
            <th scope="col">受理率</th>
            <th scope="col">按时办结</th>
            <th scope="col">办结率</th>
            <th scope="col">超期</th>
            <th scope="col">超时默许</th>
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
              <td>{formatRate(r.ratings.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export const RATE_NOTES = [
  '受理率 = 受理数 ÷ 收件数；办结率 = 按时办结数 ÷ 已到期受理数（已办结或办理时限已届满的受理件）；仍在办理时限内的办件不计入办结率。',
  '超时默许：实行超时默许的事项在时限届满时未作出决定、依法视为准予的办件，不计为按时办结。满意率 = （非常满意 + 满意 + 基本满意）÷ 评价数。',
  '分母为 0 时显示“—”。',
];

/** 办件公开 over twelve months: received, accepted and completed in time, per month. */
export function monthlyChart(series: readonly { month: string; counts: CaseCounts }[]): Promise<RenderedChart> {
  const line = (key: keyof CaseCounts) => series.map((x) => x.counts[key]);
  return renderChart({
    title: '近12个月办件情况',
    categoryLabel: '月份',
    categories: series.map((x) => `${x.month.slice(0, 4)}年${Number(x.month.slice(5))}月`),
    series: [
      { name: '收件', values: line('received') },
      { name: '受理', values: line('accepted') },
      { name: '按时办结', values: line('completedInTime') },
    ],
  });
}

export function StatsPage(p: {
  ctx: PageContext;
  agency: Agency;
  figures: MonthFigures;
  months: string[];
  chart: RenderedChart;
}) {
  const f = p.figures;
  const [y, m] = f.month.split('-');
  return (
    <Shell ctx={p.ctx} agency={p.agency} title="办件公开" trail={[{ href: base(p.agency), label: '政务服务事项' }]}>
      <form method="get" action={`${base(p.agency)}/stats`} class="toolbar">
        <Select
          name="month"
          label="月份"
          value={f.month}
          options={p.months.map((mo) => ({ value: mo, label: `${mo.slice(0, 4)}年${Number(mo.slice(5))}月` }))}
        />
        <button type="submit">查看</button>
      </form>
      <h2>
        {y}年{Number(m)}月办件情况
      </h2>
      <p class="muted">按当月收件统计，统计截至 {f.asOf}。</p>
      {f.total.counts.received === 0 ? <p>本月没有收件。</p> : null}
      <FigureTable caption="按事项统计" head="事项" rows={f.byItem} total={f.total} />
      <FigureTable caption="按窗口统计" head="窗口" rows={f.byWindow} />
      <h2>近12个月</h2>
      <ChartFigure chart={p.chart} id="stats-chart" />
      <h2>说明</h2>
      <ul>
        {RATE_NOTES.map((n, k) => (
          <li key={k}>{n}</li>
        ))}
      </ul>
    </Shell>
  );
}

export interface PublicCaseView {
  caseNumber: string;
  itemName: string;
  agencyName: string;
  channel: string;
  receivedOn: string;
  statusText: string;
  acceptedOn: string | null;
  dueOn: string | null;
  dueProvisional: boolean;
  dueExplanation: string[];
  notAcceptedReason: string;
  missingMaterials: string[];
  decisionText: string | null;
  decidedOn: string | null;
  deliveredOn: string | null;
  canRate: boolean;
  rating: string | null;
}

export function CaseStatusPage(p: {
  ctx: PageContext;
  c: PublicCaseView;
  errors?: FieldErrors;
  values?: { rating: string; comment: string };
}) {
  const c = p.c;
  const e = p.errors ?? {};
  return (
    <Shell ctx={p.ctx} title={`办件 ${c.caseNumber}`} trail={[{ href: '/track', label: '进度查询' }]}>
      <p class="notice" role="status">
        当前状态：<strong>{c.statusText}</strong>
      </p>
      <dl class="meta">
        <dt>办件编号</dt>
        <dd>{c.caseNumber}</dd>
        <dt>办理事项</dt>
        <dd>{c.itemName}</dd>
        <dt>办理机关</dt>
        <dd>{c.agencyName}</dd>
        <dt>申请方式</dt>
        <dd>{c.channel}</dd>
        <dt>收件日期</dt>
        <dd>{c.receivedOn}</dd>
        <dt>受理日期</dt>
        <dd>{c.acceptedOn ?? '尚未受理'}</dd>
        <dt>办理时限截止</dt>
        <dd>
          <DueDate date={c.dueOn} provisional={c.dueProvisional} empty={c.acceptedOn ? '计时暂停中' : '受理后计算'} />
        </dd>
        {c.decisionText ? (
          <>
            <dt>办理结果</dt>
            <dd>{c.decisionText}</dd>
          </>
        ) : null}
        {c.decidedOn ? (
          <>
            <dt>办结日期</dt>
            <dd>{c.decidedOn}</dd>
          </>
        ) : null}
        {c.deliveredOn ? (
          <>
            <dt>送达日期</dt>
            <dd>{c.deliveredOn}</dd>
          </>
        ) : null}
      </dl>
      {c.dueExplanation.length ? (
        <>
          <h2>时限说明</h2>
          <ul>
            {c.dueExplanation.map((t, k) => (
              <li key={k}>{t}</li>
            ))}
          </ul>
        </>
      ) : null}
      {c.notAcceptedReason ? (
        <>
          <h2>不予受理理由</h2>
          <p>{c.notAcceptedReason}</p>
        </>
      ) : null}
      {c.missingMaterials.length ? (
        <>
          <h2>需要补齐补正的材料</h2>
          <ol>
            {c.missingMaterials.map((m, k) => (
              <li key={k}>{m}</li>
            ))}
          </ol>
        </>
      ) : null}
      {c.rating ? <p>您的评价：{c.rating}。感谢您的评价。</p> : null}
      {c.canRate ? (
        <section aria-labelledby="rate-title">
          <h2 id="rate-title">评价本次办理服务</h2>
          <ErrorSummary errors={e} labels={{ rating: '评价等级', comment: '评价意见' }} />
          <form method="post" action={`/service-hall/case/${c.caseNumber}/rating`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Honeypot />
            <Select
              name="rating"
              label="评价等级"
              value={p.values?.rating ?? ''}
              emptyLabel="请选择"
              required
              error={e.rating}
              options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
            />
            <TextArea
              name="comment"
              label="评价意见"
              value={p.values?.comment ?? ''}
              rows={3}
              maxLength={500}
              error={e.comment}
              hint="选填，500 字以内"
            />
            <button type="submit">提交评价</button>
          </form>
        </section>
      ) : null}
      <p class="muted">本页只显示办理进度，不显示申请人个人信息。请妥善保管查询码。</p>
    </Shell>
  );
}

export type OnlineApplyValues = Record<'applicantName' | 'applicantPhone' | 'applicantEmail' | 'summary', string>;

export function ApplyOnlinePage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  values: OnlineApplyValues;
  once: string;
  errors?: FieldErrors | undefined;
  refusal?: string | undefined;
}) {
  const { agency: a, item: i } = p;
  const e = p.errors ?? {};
  return (
    <Shell
      ctx={p.ctx}
      agency={a}
      title={`网上申请：${i.name}`}
      trail={[
        { href: base(a), label: '政务服务事项' },
        { href: `${base(a)}/items/${i.id}`, label: '办事指南' },
      ]}
    >
      <p>
        请如实填写。提交后系统生成办件编号和查询码，窗口审查材料后决定是否受理；材料不齐全的，会一次告知需要补齐补正的全部内容。
      </p>
      <FormRefusal message={p.refusal} />
      <ErrorSummary
        errors={e}
        labels={{
          applicantName: '申请人',
          applicantPhone: '联系电话',
          applicantEmail: '电子邮箱',
          summary: '申请内容',
        }}
      />
      <form method="post" action={`${base(a)}/items/${i.id}/apply`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.once} />
        <Field
          name="applicantName"
          label="申请人"
          value={p.values.applicantName}
          required
          error={e.applicantName}
          hint="公民姓名或法人、其他组织名称"
          autocomplete="name"
        />
        <Field
          name="applicantPhone"
          label="联系电话"
          value={p.values.applicantPhone}
          required
          error={e.applicantPhone}
          inputmode="tel"
          autocomplete="tel"
        />
        <Field
          name="applicantEmail"
          label="电子邮箱"
          value={p.values.applicantEmail}
          error={e.applicantEmail}
          type="email"
          autocomplete="email"
          hint="选填；填写后办理进度通知发送到该邮箱"
        />
        <TextArea
          name="summary"
          label="申请内容"
          value={p.values.summary}
          rows={4}
          required
          error={e.summary}
          maxLength={1000}
        />
        <button type="submit">提交申请</button>
      </form>
    </Shell>
  );
}

export function ApplyReceiptPage(p: {
  ctx: PageContext;
  agency: Agency;
  item: ServiceItemRow;
  caseNumber: string;
  queryCode: string;
  receivedOn: string;
}) {
  return (
    <Shell ctx={p.ctx} agency={p.agency} title="申请已提交" trail={[{ href: base(p.agency), label: '政务服务事项' }]}>
      <section class="receipt" aria-labelledby="sh-receipt-title">
        <h2 id="sh-receipt-title">网上申请回执</h2>
        <p>您的{p.item.name}申请已提交，请记下以下信息，用于查询办理进度：</p>
        <dl class="meta">
          <dt>办件编号</dt>
          <dd>{p.caseNumber}</dd>
          <dt>查询码</dt>
          <dd>{p.queryCode}</dd>
          <dt>办理机关</dt>
          <dd>{p.agency.name}</dd>
          <dt>提交日期</dt>
          <dd>{p.receivedOn}</dd>
        </dl>
        <p class="ir-warning">查询码只显示在这一页上，请记下或打印本页。</p>
      </section>
      <p class="no-print">
        <a href={`/service-hall/receipt/${encodeURIComponent(p.caseNumber)}?print=1`}>打印回执</a>{' '}
        <a href={`/service-hall/case/${encodeURIComponent(p.caseNumber)}`}>查看办理进度</a>
      </p>
    </Shell>
  );
}
