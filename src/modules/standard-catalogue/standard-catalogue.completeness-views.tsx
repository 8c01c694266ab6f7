// Staff pages of completeness of the 基层政务公开标准目录: the county table (agency × area, counts
// 按时/逾期/缺失 per cell) and its drill-down to the items with their due dates and publications.
import { TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findArea, type StandardArea } from './standard-catalogue.areas.ts';
import type { ItemRow } from './standard-catalogue.items.ts';
import { STATUS_LABELS, type ItemStatus, type StatusCounts } from './standard-catalogue.rules.ts';
import { BASE, crumbs } from './standard-catalogue.views.tsx';

export interface CompletenessRow {
  agencyId: number;
  agencyName: string;
  byArea: Map<string, StatusCounts>;
  exempt: Set<string>;
  total: StatusCounts;
}

export function CompletenessPage(p: {
  ctx: PageContext;
  periodKey: string;
  periodLabel: string;
  periods: { key: string; label: string }[];
  rows: CompletenessRow[];
  areas: StandardArea[];
}) {
  const link = (agencyId: number, area?: string) =>
    `${BASE}/completeness?period=${p.periodKey}&agency=${agencyId}${area ? `&area=${area}` : ''}`;
  return (
    <AdminLayout title="标准目录公开完整性" ctx={p.ctx}>
      {crumbs('公开完整性')}
      <h1>标准目录公开完整性（{p.periodLabel}）</h1>
      <form method="get" action={`${BASE}/completeness`} class="inline-form">
        <label for="f-period">期间</label>{' '}
        <select id="f-period" name="period">
          {p.periods.map((x) => (
            <option key={x.key} value={x.key} selected={x.key === p.periodKey}>
              {x.label}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      <p>每格为「按时/逾期/缺失」的事项数（未到期的不计）；「未涉及」为单位已说明不涉及的领域。</p>
      {p.rows.length && p.areas.length ? (
        <TableScroll label="各单位各领域的公开完整性">
          <table class="sc-table">
            <thead>
              <tr>
                <th scope="col">单位</th>
                {p.areas.map((a) => (
                  <th scope="col" key={a.key}>
                    {a.name}
                  </th>
                ))}
                <th scope="col">合计</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.agencyId}>
                  <th scope="row">
                    <a href={link(r.agencyId)}>{r.agencyName}</a>
                  </th>
                  {p.areas.map((a) => {
                    const c = r.byArea.get(a.key);
                    return (
                      <td key={a.key}>
                        {r.exempt.has(a.key) ? (
                          '未涉及'
                        ) : c ? (
                          <a
                            href={link(r.agencyId, a.key)}
                            aria-label={`${c.onTime}/${c.late}/${c.missing}（${r.agencyName} ${a.name}：${countsText(c)}）`}
                          >
                            {c.onTime}/{c.late}/{c.missing}
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <span aria-label={countsText(r.total)}>
                      {r.total.onTime}/{r.total.late}/{r.total.missing}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>没有需要计算的单位或事项。</p>
      )}
    </AdminLayout>
  );
}

export function countsText(c: StatusCounts): string {
  return `按时 ${c.onTime}，逾期 ${c.late}，缺失 ${c.missing}`;
}

export interface DrillRow {
  item: ItemRow;
  status: ItemStatus;
  dueOn: string;
  unbound: boolean;
  publications: { id: number; title: string; formedOn: string; publishedOn: string | null }[];
}

export function CompletenessDrillPage(p: {
  ctx: PageContext;
  agencyName: string;
  periodKey: string;
  periodLabel: string;
  areaName: string;
  rows: DrillRow[];
  canBind: boolean;
  agencyId: number;
}) {
  const title = `${p.agencyName}${p.areaName ? ` · ${p.areaName}` : ''}`;
  return (
    <AdminLayout title={`${title}：公开完整性`} ctx={p.ctx}>
      {crumbs(title, [{ href: `${BASE}/completeness?period=${p.periodKey}`, label: '公开完整性' }])}
      <h1>
        {title}：公开完整性（{p.periodLabel}）
      </h1>
      {p.canBind ? (
        <p>
          <a href={`${BASE}/agencies/${p.agencyId}`}>关联栏目与未涉及领域</a>
        </p>
      ) : null}
      {p.rows.length ? (
        <TableScroll label="事项的公开情况">
          <table class="sc-table">
            <thead>
              <tr>
                <th scope="col">领域</th>
                <th scope="col">事项</th>
                <th scope="col">公开时限</th>
                <th scope="col">应公开日期</th>
                <th scope="col">状态</th>
                <th scope="col">已发布信息</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r, i) => (
                <tr key={i} class={`sc-${r.status}`}>
                  <td>{findArea(r.item.areaKey)?.name}</td>
                  <td>
                    {r.item.level1}
                    {r.item.level2 ? ` · ${r.item.level2}` : ''}
                  </td>
                  <td>{r.item.timeLimit}</td>
                  <td>{r.dueOn || '—'}</td>
                  <td>
                    {STATUS_LABELS[r.status]}
                    {r.unbound ? '（未关联栏目）' : ''}
                  </td>
                  <td>
                    {r.publications.map((x) => (
                      <span key={x.id}>
                        <a href={`/admin/publications/${x.id}`}>{x.title}</a>（成文 {x.formedOn}，发布 {x.publishedOn}
                        ）{' '}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>该期间没有应公开的事项。</p>
      )}
    </AdminLayout>
  );
}
