// 窗口绩效: the month's figures by window and by item (收件, 受理率, 按时办结, 超时默许, 满意率).

import { Field, Select } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

import type { MonthFigures } from './service-hall.stats.ts';
import { FigureTable, RATE_NOTES } from './service-hall.stats-views.tsx';

import { crumbs } from './service-hall.admin-views.tsx';

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
      <FigureTable rows={[...f.byWindow, f.total]} head="窗口" label="按窗口统计" byRating />
      <h2>按事项</h2>
      <FigureTable rows={f.byItem} head="事项" label="按事项统计" byRating />
      <ul>
        {RATE_NOTES.map((n, k) => (
          <li key={k}>{n}</li>
        ))}
      </ul>
    </AdminLayout>
  );
}
