// 窗口绩效: the month's figures by window and by item (收件, 受理率, 按时办结, 超时默许, 满意率).

import { Field, Select, TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

import { RATINGS } from './service-hall.tables.ts';

import { RATING_LABELS } from './service-case.labels.ts';

import { formatRate } from './rates.ts';
import type { FigureRow, MonthFigures } from './service-hall.stats.ts';
import { RATE_NOTES } from './service-hall.stats-views.tsx';

import { crumbs } from './service-hall.admin-views.tsx';

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
