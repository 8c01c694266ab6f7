import { Breadcrumbs, Csrf, ErrorSummary, Field, FormMessage, TextArea } from '../../platform/views/components.tsx';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { AdminLayout, PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { PROVISIONAL_ASSUMPTIONS } from './provisional.ts';
import { CalendarImportBanner, ProvisionalMark } from './provisional.views.tsx';
import type { WorkingDayResult } from './working-days.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export function DeadlineCalculatorPage(p: {
  ctx: PageContext;
  from: string;
  days: string;
  provisional?: boolean;
  result?: WorkingDayResult & { provisional?: boolean; provisionalYears?: number[] };
  errors?: FieldErrors;
  error?: string;
  /** The strict answer failed on an unconfirmed year from 2025 on: offer the provisional one. */
  offerProvisional?: boolean;
}) {
  const e = p.errors ?? {};
  const provisionalHref = `/tools/deadline?from=${encodeURIComponent(p.from)}&days=${encodeURIComponent(p.days)}&provisional=1`;
  return (
    <PortalLayout title="办理期限计算器" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '办理期限计算器' }]} />
      <h1>办理期限计算器</h1>
      <p>
        按工作日计算法定期限：起算日当天不计入，从次日开始计算；法定节假日和周末不计，国务院办公厅安排的调休上班日计入。例如政府信息公开申请的答复期限为收到申请之日起
        20 个工作日（《条例》第三十三条）。
      </p>
      <ErrorSummary errors={e} />
      <form method="get" action="/tools/deadline" novalidate>
        <Field
          name="from"
          label="起算日期"
          type="date"
          value={p.from}
          required
          error={e.from}
          hint="格式：年-月-日，如 2025-01-20"
        />
        <Field
          name="days"
          label="工作日天数"
          value={p.days}
          required
          error={e.days}
          inputmode="numeric"
          hint="如 20（答复期限）、7（补正告知）、15（第三方意见）"
        />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="provisional" value="1" checked={p.provisional} />{' '}
            节假日安排尚未公布的年份，按周末和法定节假日暂算
          </label>
        </div>
        <button type="submit">计算</button>
      </form>
      {p.error ? (
        <div class="error-summary" role="alert">
          <p>{p.error}</p>
          {p.offerProvisional ? (
            <p>
              <a href={provisionalHref}>按周末和法定节假日暂算期限</a>（结果为暂定日期）
            </p>
          ) : null}
        </div>
      ) : null}
      {p.result ? (
        <section aria-labelledby="result-title">
          <h2 id="result-title">计算结果</h2>
          <p>
            自 {p.result.from} 起 {p.result.days} 个工作日，期限届满日为 <strong>{p.result.date}</strong>
            {p.result.provisional ? <ProvisionalMark years={p.result.provisionalYears ?? []} /> : '。'}
          </p>
          {p.result.provisional ? (
            <>
              <h3>暂算所作的假设</h3>
              <ul>
                {PROVISIONAL_ASSUMPTIONS.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          ) : null}
          {p.result.skipped.length ? (
            <RecordTable
              label="不计入的日期"
              caption={<>不计入的日期（{p.result.skipped.length} 天）</>}
              columns={['日期', '原因']}
              rows={p.result.skipped}
              cells={(s) => (
                <>
                  <td>{s.date}</td>
                  <td>{s.reason}</td>
                </>
              )}
            />
          ) : null}
          {p.result.adjustedWorkdays.length ? (
            <p>计入的调休上班日：{p.result.adjustedWorkdays.map((s) => `${s.date}（${s.reason}）`).join('、')}。</p>
          ) : null}
        </section>
      ) : null}
    </PortalLayout>
  );
}

export function CalendarAdminPage(p: {
  ctx: PageContext;
  years: { year: number; source: string; confirmedAt: string; confirmedBy: string }[];
  selectedYear: number | null;
  days: { date: string; kind: string; name: string }[];
  importText: string;
  errors?: FieldErrors;
  message?: string;
  /** Next year, from November 1 while it is not imported (the banner), else null. */
  yearToImport: number | null;
  /** After an import: how many stored provisional dates were recomputed. */
  recomputed: number | null;
}) {
  return (
    <AdminLayout title="工作日历" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '工作日历' }]} />
      <h1>工作日历</h1>
      <CalendarImportBanner year={p.yearToImport} />
      {p.recomputed !== null ? (
        <p class="flash" role="status">
          {p.recomputed
            ? `已按导入的节假日安排重新计算 ${p.recomputed} 个暂定期限，每个都已记入其办理记录和审计日志。`
            : '没有需要重新计算的暂定期限。'}
        </p>
      ) : null}
      <p>
        所有法定期限都按此日历计算。每年国务院办公厅公布下一年节假日安排后，请在此导入；导入前，落在未导入年份的期限按周末和法定节假日暂算，显示为「暂定」，导入时自动重新计算。
      </p>
      <RecordTable
        label="已确认的年份"
        caption="已确认的年份"
        columns={['年份', '依据', '确认时间', '确认人']}
        rows={p.years}
        cells={(y) => (
          <>
            <td>
              <a href={`/admin/calendar?year=${y.year}`}>{y.year}</a>
            </td>
            <td>{y.source}</td>
            <td>{beijingDate(y.confirmedAt)}</td>
            <td>{confirmerLabel(y.confirmedBy)}</td>
          </>
        )}
      />
      {p.selectedYear ? (
        <RecordTable
          label={`${p.selectedYear} 年的节假日和调休上班日`}
          caption={<>{p.selectedYear} 年的节假日和调休上班日</>}
          columns={['日期', '类型', '节日']}
          rows={p.days}
          cells={(d) => (
            <>
              <td>{d.date}</td>
              <td>{d.kind === 'holiday' ? '放假' : '调休上班'}</td>
              <td>{d.name}</td>
            </>
          )}
        />
      ) : null}
      <h2 id="import">导入一年的节假日安排</h2>
      <FormMessage message={p.message} />
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="post" action="/admin/calendar/import" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <TextArea
          name="json"
          label="节假日安排（JSON）"
          value={p.importText}
          rows={14}
          required
          hint={
            '格式：{"year":2027,"source":"国办发明电〔2026〕×号","holidays":[{"date":"2027-01-01","name":"元旦"}],"adjustedWorkdays":[{"date":"2027-02-07","name":"春节"}]}。同一年份再次导入将整体替换。'
          }
        />
        <button type="submit">导入并确认该年份</button>
      </form>
    </AdminLayout>
  );
}

/**
 * Who confirmed a year, as staff read it: the years shipped with the system are confirmed by the
 * system's own context (actor name 'system', bootstrap.ts), shown as 「系统」.
 */
export function confirmerLabel(name: string): string {
  return name === 'system' ? '系统' : name;
}
