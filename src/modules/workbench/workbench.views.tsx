// The 工作台 page: the user's queues, most urgent first, each count a link to its filtered list;
// for a user over several agencies, a table agency × queue.
import type { Actor } from '../../platform/auth/actor.ts';
import { TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { QueueTone } from '../../platform/work-queue.ts';
import { CalendarImportBanner } from '../calendar/index.ts';
import type { QueueCount, Workbench } from './workbench.service.ts';

const TONE_TAG: Record<QueueTone, string> = {
  overdue: '已逾期',
  soon: '临近期限',
  todo: '待办理',
  waiting: '等待对方',
};

export interface AgencyRow {
  id: number;
  name: string;
  depth: number;
}

export interface Link {
  href: string;
  label: string;
  note: string;
}

function QueueItem({ c }: { c: QueueCount }) {
  const q = c.queue;
  return (
    <li class={`wb-queue wb-${q.tone}`} data-queue={q.key}>
      <a href={q.href()}>
        <span class="wb-count">{c.total}</span> <span class="wb-label">{q.label}</span>
      </a>{' '}
      <span class="wb-tag">
        {q.group} · {TONE_TAG[q.tone]}
      </span>
    </li>
  );
}

export function WorkbenchPage(p: {
  ctx: PageContext;
  actor: Actor;
  roleNames: string;
  wb: Workbench;
  /** Agencies of the table (a user over several agencies), already sorted and paged. */
  table: { rows: AgencyRow[]; page: number; pages: number; withWork: number } | null;
  links: Link[];
  /** Next year to import (admins, from November 1), or null: CalendarImportBanner. */
  calendarYearToImport: number | null;
}) {
  const open = p.wb.counts.filter((c) => c.total > 0);
  const empty = p.wb.counts.filter((c) => c.total === 0);
  const columns = p.wb.counts.filter((c) => c.total > 0);
  const many = p.actor.scopeAgencyIds.size > 1;
  return (
    <AdminLayout title="工作台" ctx={p.ctx}>
      <h1>工作台</h1>
      <p>
        {p.actor.displayName}，您好。您是{p.actor.agencyName}的{p.roleNames}
        {many ? `，可管理本单位及下属共 ${p.actor.scopeAgencyIds.size} 个单位` : ''}。今天是 {p.wb.today}。
      </p>
      <CalendarImportBanner year={p.calendarYearToImport} link />
      <section aria-labelledby="wb-todo">
        <h2 id="wb-todo">待办事项{many ? '（本单位及下属单位合计）' : ''}</h2>
        {open.length ? (
          <ul class="wb-queues">
            {open.map((c) => (
              <QueueItem key={c.queue.key} c={c} />
            ))}
          </ul>
        ) : (
          <p>目前没有需要您办理的事项。</p>
        )}
        {empty.length ? (
          <p class="wb-empty">
            没有待办：
            {empty.map((c, i) => (
              <span key={c.queue.key}>
                {i ? '、' : ''}
                {c.queue.label}
              </span>
            ))}
            。
          </p>
        ) : null}
        <p class="hint">
          “即将到期”指期限在 {p.wb.soonLimit}（5个工作日）以内；“本周结束”指 {p.wb.weekEnd} 以前。
        </p>
      </section>
      {p.table ? (
        <section aria-labelledby="wb-agencies">
          <h2 id="wb-agencies">各单位待办</h2>
          {columns.length === 0 || p.table.withWork === 0 ? (
            <p>各单位目前都没有待办事项。</p>
          ) : (
            <>
              <p>共 {p.table.withWork} 个单位有待办事项，逾期多的在前。点击数字查看该单位的清单。</p>
              <TableScroll label="各单位待办事项">
                <table class="wb-table">
                  <caption>
                    各单位待办事项（第 {p.table.page} 页，共 {p.table.pages} 页）
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">单位</th>
                      {columns.map((c) => (
                        <th
                          scope="col"
                          key={c.queue.key}
                          class={c.queue.tone === 'overdue' ? 'wb-overdue-col' : undefined}
                        >
                          {c.queue.short}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {p.table.rows.map((a) => (
                      <tr key={a.id} data-agency={a.id}>
                        <th scope="row">{a.name}</th>
                        {columns.map((c) => {
                          const n = c.byAgency.get(a.id) ?? 0;
                          return (
                            <td
                              key={c.queue.key}
                              data-queue={c.queue.key}
                              class={n && c.queue.tone === 'overdue' ? 'wb-cell-overdue' : undefined}
                            >
                              {n ? (
                                <a href={c.queue.href(a.id)} aria-label={`${a.name}：${c.queue.label} ${n}`}>
                                  {n}
                                </a>
                              ) : (
                                <span class="muted">0</span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {p.table.pages > 1 ? (
                <nav aria-label="分页" class="pager">
                  {p.table.page > 1 ? <a href={`/admin?page=${p.table.page - 1}#wb-agencies`}>上一页</a> : null}{' '}
                  {p.table.page < p.table.pages ? (
                    <a href={`/admin?page=${p.table.page + 1}#wb-agencies`}>下一页</a>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </section>
      ) : null}
      <section aria-labelledby="wb-links">
        <h2 id="wb-links">常用入口</h2>
        <ul>
          {p.links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>：{l.note}
            </li>
          ))}
        </ul>
      </section>
    </AdminLayout>
  );
}
