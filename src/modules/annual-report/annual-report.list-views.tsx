// The annual reports' status overview: one row per own and subordinate agency for a year (state,
// due date, check counts), opening a report, and the county's town due-date setting.
import { Csrf, Field, TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { Finding } from './checker/index.ts';
import type { AnnualReportRow } from './annual-report.repository.ts';
import { STATE_LABELS } from './annual-report.states.ts';

export interface OverviewRow {
  agencyId: number;
  agencyName: string;
  depth: number;
  report: Pick<AnnualReportRow, 'id' | 'state' | 'checkResults' | 'checkedAt' | 'submittedAt' | 'publishedAt'> | null;
  dueOn: string;
  /** A lower government with agencies under it: its row links to its own list. */
  below?: boolean;
}

export function findingCounts(json: string): { errors: number; warnings: number } {
  let list: Finding[] = [];
  try {
    list = JSON.parse(json) as Finding[];
  } catch {
    list = [];
  }
  return {
    errors: list.filter((f) => f.severity === 'error').length,
    warnings: list.filter((f) => f.severity === 'warning').length,
  };
}

export function ReportListPage(p: {
  ctx: PageContext;
  year: number;
  /** Whose level is listed (`?agency=`), and the government above it when the actor may go up. */
  level: { id: number; name: string; up?: { id: number; name: string } };
  rows: OverviewRow[];
  /** The agencies whose report the actor may start (a set: a province's list has thousands of rows). */
  canOpen: ReadonlySet<number>;
  townDue?: { value: string; error?: string };
  /** The platform's date (set at the top, where a county set none) or the actor's government's own towns'. */
  townDueScope?: 'platform' | 'own';
}) {
  return (
    <AdminLayout title="年度报告" ctx={p.ctx}>
      <h1>政府信息公开工作年度报告</h1>
      <form method="get" action="/admin/annual-reports" class="actions">
        <label for="f-year">报告年度</label>
        <input id="f-year" name="year" type="number" inputMode="numeric" min={2008} max={9999} value={String(p.year)} />
        <input type="hidden" name="agency" value={String(p.level.id)} />
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      {p.level.up ? (
        <p>
          <a href={`/admin/annual-reports?year=${p.year}&agency=${p.level.up.id}`}>返回{p.level.up.name}</a>
        </p>
      ) : null}
      <TableScroll label={`${p.year}年度报告情况`}>
        <table>
          <caption>
            {p.year}年度{p.level.up ? `${p.level.name}及所属机构` : '各机构'}报告情况
          </caption>
          <thead>
            <tr>
              <th scope="col">机构</th>
              <th scope="col">状态</th>
              <th scope="col">一致性检查</th>
              <th scope="col">截止日期</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const c = r.report ? findingCounts(r.report.checkResults) : null;
              return (
                <tr key={r.agencyId}>
                  <th scope="row">
                    {`${'　'.repeat(r.depth)}${r.agencyName}`}
                    {r.below ? (
                      <>
                        {' '}
                        <a href={`/admin/annual-reports?year=${p.year}&agency=${r.agencyId}`}>
                          下级机构<span class="visually-hidden">：{r.agencyName}</span>
                        </a>
                      </>
                    ) : null}
                  </th>
                  <td>{r.report ? STATE_LABELS[r.report.state] : '未编制'}</td>
                  <td>{r.report?.checkedAt && c ? `${c.errors} 个错误，${c.warnings} 个提示` : '未检查'}</td>
                  <td>{r.dueOn}</td>
                  <td>
                    {r.report ? (
                      <a href={`/admin/annual-reports/${r.report.id}`}>
                        打开<span class="visually-hidden">{r.agencyName}的报告</span>
                      </a>
                    ) : p.canOpen.has(r.agencyId) ? (
                      <form method="post" action="/admin/annual-reports" class="inline-form">
                        <Csrf token={p.ctx.csrfToken} />
                        <input type="hidden" name="agencyId" value={String(r.agencyId)} />
                        <input type="hidden" name="year" value={String(p.year)} />
                        {p.year >= 2021 ? (
                          <>
                            <label for={`f-format-${r.agencyId}`} class="visually-hidden">
                              {r.agencyName}的报告格式
                            </label>
                            <select id={`f-format-${r.agencyId}`} name="format">
                              <option value="national2021" selected>
                                2021年格式
                              </option>
                              <option value="legacy2008">旧版九部分结构</option>
                            </select>
                          </>
                        ) : p.year <= 2018 ? (
                          <input type="hidden" name="format" value="legacy2008" />
                        ) : null}
                        <button type="submit" class="button secondary">
                          编制<span class="visually-hidden">{r.agencyName}的报告</span>
                        </button>
                      </form>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a href="/admin/annual-reports/checker">检查其他途径发布的年度报告文本</a>
      </p>
      {p.townDue ? (
        <section aria-labelledby="town-due-title">
          <h2 id="town-due-title">乡镇（街道）年度报告截止日期</h2>
          <p class="hint">
            政府部门为次年1月31日、县级以上人民政府为次年3月31日（《条例》第四十九条）；乡镇、街道的截止日期由县级人民政府确定。
            {p.townDueScope === 'own'
              ? '此处设置本级人民政府所属乡镇、街道的截止日期。'
              : '此处设置全平台的截止日期，县级人民政府未单独设置时适用。'}
          </p>
          <form method="post" action="/admin/annual-reports/town-due-date">
            <Csrf token={p.ctx.csrfToken} />
            <Field
              name="townDueMonthDay"
              label="次年的月-日（MM-DD）"
              value={p.townDue.value}
              error={p.townDue.error}
            />
            <button type="submit" class="button secondary">
              保存截止日期
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
