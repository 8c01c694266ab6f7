// 办件公开 statistics of the service hall: the month's figures by window and by item, the monthly
// chart and the notes on how each rate is computed (also shown on 窗口绩效).

import { Select, TableScroll } from '../../platform/views/components.tsx';

import type { PageContext } from '../../platform/views/page-context.ts';

import { formatRate } from './rates.ts';
import { RATINGS } from './service-hall.tables.ts';
import { RATING_LABELS } from './service-case.labels.ts';

import type { FigureRow, MonthFigures } from './service-hall.stats.ts';
import type { CaseCounts } from './rates.ts';
import { ChartFigure, renderChart, type RenderedChart } from '../../platform/views/chart.tsx';

import { base, Shell, type Agency } from './service-hall.public-views.tsx';

/**
 * The figures table of 办件公开 (public, with a caption) and of 窗口绩效 (staff, with the count
 * of each rating before 满意率 when `byRating`).
 */
export function FigureTable(p: {
  caption?: string;
  label?: string;
  head: string;
  rows: FigureRow[];
  total?: FigureRow;
  byRating?: boolean;
}) {
  const rows = p.total ? [...p.rows, p.total] : p.rows;
  return (
    <TableScroll label={p.caption ?? p.label ?? p.head}>
      <table>
        {p.caption ? <caption>{p.caption}</caption> : null}
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
            {p.byRating
              ? RATINGS.map((r) => (
                  <th key={r} scope="col">
                    {RATING_LABELS[r]}
                  </th>
                ))
              : null}
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
              {p.byRating ? RATINGS.map((k) => <td key={k}>{r.ratings.byRating[k]}</td>) : null}
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
