// Publicity notice pages: the public list and notice (masked table, objection form while the
// period runs) and the staff list, form and unmasked view.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  OnceField,
  PostButton,
  PublicFormGuards,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { ConsolePager } from '../../platform/views/console-pager.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { PublicShell, type WriterInput } from '../interaction/index.ts';
import type { CellValue } from '../../platform/privacy/masking.ts';
import { DueDate, ProvisionalMark } from '../calendar/index.ts';
import type { NoticeRow } from './notice.repository.ts';
import { KIND_NAMES, type NoticeColumn, type NoticeInput } from './notice.service.ts';

const UNIT: Record<string, string> = { calendar: '个自然日', working: '个工作日' };
const STATE: Record<string, string> = { draft: '草稿', published: '已发布', ended: '公示期满', withdrawn: '已撤回' };

function NoticeTable(p: { columns: NoticeColumn[]; rows: CellValue[][]; label: string }) {
  if (!p.columns.length) return null;
  return (
    <TableScroll label={p.label}>
      <table>
        <thead>
          <tr>
            {p.columns.map((c, i) => (
              <th key={i} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function PublicNoticeListPage(p: { ctx: PageContext; agency: AgencyRow; notices: NoticeRow[] }) {
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title="公示公告">
      {p.notices.length === 0 ? (
        <p>目前没有正在公示的事项。</p>
      ) : (
        <ul class="notice-list">
          {p.notices.map((n) => (
            <li key={n.id}>
              <a href={`/agencies/${p.agency.slug}/notices/${n.id}`}>{n.title}</a>{' '}
              <span class="muted">
                公示期 {n.startDate} 至 <DueDate date={n.endDate} provisional={n.endProvisional} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </PublicShell>
  );
}

export function PublicNoticePage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  notice: NoticeRow;
  columns: NoticeColumn[];
  rows: CellValue[][];
  values: WriterInput;
  once: string;
  errors?: FieldErrors;
  refusal?: string;
}) {
  const n = p.notice;
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title={n.title}>
      <p class="muted">
        公示期：{n.startDate} 至 {n.endDate}（{n.periodDays}
        {UNIT[n.periodUnit]}）{n.endProvisional ? <ProvisionalMark years={[Number(n.endDate.slice(0, 4))]} /> : null}
      </p>
      {n.body.split(/\n{2,}/).map((t, i) => (
        <p key={i} class="prewrap">
          {t}
        </p>
      ))}
      <NoticeTable columns={p.columns} rows={p.rows} label="公示名单" />
      {p.columns.length ? (
        <p>
          <a href={`/agencies/${p.agency.slug}/notices/${n.id}/table.csv`}>下载公示名单（CSV）</a>{' '}
          <span class="muted">名单中的个人信息已作部分隐藏处理。</span>
        </p>
      ) : null}
      <section aria-labelledby="objection-title">
        <h2 id="objection-title">提出异议</h2>
        <p>公示期内，对公示内容有异议的，可以通过以下方式反映：{n.objectionContact}，也可以在下面提交。</p>
        <FormRefusal message={p.refusal} />
        <ErrorSummary errors={e} />
        <form method="post" action={`/agencies/${p.agency.slug}/notices/${n.id}/objection`} novalidate>
          <Csrf token={p.ctx.csrfToken} />
          <PublicFormGuards once={p.once} />
          <input type="hidden" name="topic" value={p.values.topic} />
          <TextArea {...f('body', '异议内容')} required rows={5} maxLength={5000} />
          <Field {...f('writerName', '姓名')} required autocomplete="name" maxLength={50} />
          <Field
            {...f('writerPhone', '联系电话')}
            type="tel"
            required
            autocomplete="tel"
            maxLength={30}
            hint="仅用于核实和答复，不会公开。"
          />
          <button type="submit" class="button">
            提交异议
          </button>
        </form>
      </section>
    </PublicShell>
  );
}

export function NoticeAdminListPage(p: {
  ctx: PageContext;
  notices: NoticeRow[];
  canManage: boolean;
  /** Set when only notices ending by this Sunday are listed (the 工作台's queue). */
  endingFilter?: string | null;
  page: number;
  pageSize: number;
  /** How many notices the list holds (the pages together). */
  total: number;
  listHref: (page: number) => string;
}) {
  return (
    <AdminLayout title="公示管理" ctx={p.ctx}>
      <h1>公示管理</h1>
      {p.endingFilter ? (
        <p>
          只显示公示期在本周（{p.endingFilter}前）结束的公示。<a href="/admin/notices">显示全部公示</a>
        </p>
      ) : null}
      {p.canManage ? (
        <p>
          <a class="button" href="/admin/notices/new">
            新建公示
          </a>
        </p>
      ) : null}
      <RecordTable
        label="公示列表"
        columns={['标题', '公示期', '状态', '公开记录']}
        rows={p.notices}
        cells={(n) => (
          <>
            <td>
              <a href={`/admin/notices/${n.id}`}>{n.title}</a>
            </td>
            <td>
              {n.startDate} 至 <DueDate date={n.endDate} provisional={n.endProvisional} />
            </td>
            <td>{STATE[n.state] ?? n.state}</td>
            <td>{n.publishedFrom ? `${n.publishedFrom} 至 ${n.publishedUntil ?? '今'}` : '—'}</td>
          </>
        )}
      />
      <ConsolePager href={p.listHref} page={p.page} pageSize={p.pageSize} total={p.total} />
    </AdminLayout>
  );
}

export function NoticeFormPage(p: { ctx: PageContext; values: NoticeInput; once: string; errors?: FieldErrors }) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  return (
    <AdminLayout title="新建公示" ctx={p.ctx}>
      <h1>新建公示</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/admin/notices">
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        <Field {...f('title', '标题')} required maxLength={200} />
        <TextArea {...f('body', '正文')} required rows={6} />
        <TextArea
          {...f('columns', '表格列')}
          rows={5}
          hint={`每行一列，格式“列名|类型”，类型决定公开时的隐藏方式：${Object.values(KIND_NAMES).join('、')}。如“户主姓名|姓名”。没有表格时留空。`}
        />
        <TextArea
          {...f('rows', '表格内容')}
          rows={8}
          hint="每行一条记录，单元格用制表符（从电子表格粘贴）或逗号分隔。"
        />
        <Field {...f('startDate', '公示开始日期')} type="date" required />
        <Field {...f('periodDays', '公示天数')} required inputmode="numeric" maxLength={3} />
        <Select
          {...f('periodUnit', '天数类型')}
          required
          options={[
            { value: 'working', label: '工作日' },
            { value: 'calendar', label: '自然日' },
          ]}
        />
        <TextArea {...f('objectionContact', '异议受理方式')} required rows={2} />
        <button type="submit" class="button">
          保存草稿
        </button>
      </form>
    </AdminLayout>
  );
}

export interface NoticeTimelineEntry {
  /** Beijing time, YYYY-MM-DD HH:MM. */
  at: string;
  actorName: string;
  action: string;
  note: string;
}

const TIMELINE_LABELS: Record<string, string> = {
  'notice.created': '起草',
  'notice.published': '发布',
  'notice.withdrawn': '撤回',
  'notice.ended': '公示期满',
  'notice.endRecomputed': '重新计算公示期结束日期',
};

export function NoticeAdminPage(p: {
  ctx: PageContext;
  notice: NoticeRow;
  columns: NoticeColumn[];
  rows: CellValue[][];
  unmasked: boolean;
  canManage: boolean;
  /** The notice's 办理记录: its audit events, oldest first. */
  timeline: NoticeTimelineEntry[];
  errors?: FieldErrors;
}) {
  const n = p.notice;
  return (
    <AdminLayout title={n.title} ctx={p.ctx}>
      <h1>{n.title}</h1>
      <ErrorSummary errors={p.errors ?? {}} />
      <dl class="meta">
        <dt>状态</dt>
        <dd>{STATE[n.state] ?? n.state}</dd>
        <dt>公示期</dt>
        <dd>
          {n.startDate} 至 {n.endDate}（{n.periodDays}
          {UNIT[n.periodUnit]}）{n.endProvisional ? <ProvisionalMark years={[Number(n.endDate.slice(0, 4))]} /> : null}
        </dd>
        <dt>公开记录</dt>
        <dd>{n.publishedFrom ? `${n.publishedFrom} 至 ${n.publishedUntil ?? '今'}` : '未公开'}</dd>
        <dt>异议受理方式</dt>
        <dd>{n.objectionContact}</dd>
      </dl>
      <p class="prewrap">{n.body}</p>
      <p>
        {p.unmasked
          ? '以下为原始名单（仅限授权人员查看，公开页面和导出文件中的个人信息会被部分隐藏）。'
          : '以下为公开时的名单（个人信息已部分隐藏）。'}
      </p>
      <NoticeTable columns={p.columns} rows={p.rows} label="名单" />
      {p.unmasked && p.columns.length ? (
        <p>
          <a href={`/admin/notices/${n.id}/table.csv`}>导出原始名单（CSV）</a>
        </p>
      ) : null}
      {p.canManage && n.state === 'draft' ? (
        <PostButton action={`/admin/notices/${n.id}/publish`} csrf={p.ctx.csrfToken} label="发布" />
      ) : null}
      {p.canManage && (n.state === 'draft' || n.state === 'published') ? (
        <PostButton action={`/admin/notices/${n.id}/withdraw`} csrf={p.ctx.csrfToken} label="撤回" danger />
      ) : null}
      <section aria-labelledby="h-notice-timeline">
        <h2 id="h-notice-timeline">办理记录</h2>
        <ol>
          {p.timeline.map((t, i) => (
            <li key={i}>
              <time dateTime={t.at}>{t.at}</time> {t.actorName}：{TIMELINE_LABELS[t.action] ?? t.action}
              {t.note ? <span class="prewrap">（{t.note}）</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href="/admin/notices">返回列表</a>
      </p>
    </AdminLayout>
  );
}
