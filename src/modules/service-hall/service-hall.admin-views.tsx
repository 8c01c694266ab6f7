// Staff pages of the service hall: the case list, registering a case at the window, the case
// with its clock and the actions its state allows, and the window performance dashboard.
import { DueDate } from '../calendar/index.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { Breadcrumbs, Csrf, ErrorSummary, Field, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { ConsolePager } from '../../platform/views/console-pager.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { ServiceCaseRow } from './service-hall.repository.ts';
import { STATUS_LABELS } from './service-hall.states.ts';
import { CASE_STATUSES } from './service-hall.tables.ts';

import { CHANNEL_LABELS, statusText } from './service-case.labels.ts';

const HOME = { href: '/admin/service-hall', label: '政务服务' };
export const crumbs = (...rest: { href?: string; label: string }[]) => (
  <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, HOME, ...rest]} />
);

export function CaseListPage(p: {
  ctx: PageContext;
  cases: ServiceCaseRow[];
  items: Map<number, string>;
  status: string;
  /** Set when only cases due by this day (or past it) are listed (the 工作台's queue). */
  nearLimit?: string | null;
  canHandle: boolean;
  canManageItems: boolean;
  page: number;
  pageSize: number;
  /** How many cases the filter finds (the pages together). */
  total: number;
  listHref: (page: number) => string;
}) {
  return (
    <AdminLayout title="政务服务办件" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '政务服务' }]} />
      <h1>政务服务办件</h1>
      {p.nearLimit ? (
        <p>
          只显示办理时限在 {p.nearLimit} 前到期或已超时的办件。<a href="/admin/service-hall">显示全部办件</a>
        </p>
      ) : null}
      <p class="actions">
        {p.canHandle ? (
          <a class="button" href="/admin/service-hall/cases/new">
            登记办件
          </a>
        ) : null}
        <a class="button secondary" href="/admin/service-hall/performance">
          窗口绩效
        </a>
        <a class="button secondary" href="/admin/service-hall/items">
          事项与窗口
        </a>
      </p>
      <form method="get" action="/admin/service-hall" class="toolbar">
        <Select
          name="status"
          label="状态"
          value={p.status}
          emptyLabel="全部"
          options={CASE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <button type="submit">筛选</button>
      </form>
      {p.cases.length ? (
        <RecordTable
          label="办件列表"
          columns={['办件编号', '事项', '申请人', '收件日期', '状态', '时限截止']}
          rows={p.cases}
          cells={(c) => (
            <>
              <td>
                <a href={`/admin/service-hall/cases/${c.id}`}>{c.caseNumber}</a>
              </td>
              <td>{p.items.get(c.itemId) ?? ''}</td>
              <td>{c.applicantName}</td>
              <td>{c.receivedOn}</td>
              <td>{statusText(c)}</td>
              <td>
                <DueDate date={c.dueOn} provisional={c.dueProvisional} />
              </td>
            </>
          )}
        />
      ) : (
        <p>没有符合条件的办件。</p>
      )}
      <ConsolePager href={p.listHref} page={p.page} pageSize={p.pageSize} total={p.total} />
    </AdminLayout>
  );
}

export type NewCaseValues = Record<
  'itemId' | 'channel' | 'applicantName' | 'applicantPhone' | 'applicantEmail' | 'summary',
  string
>;

export function NewCasePage(p: {
  ctx: PageContext;
  items: { value: string; label: string }[];
  values: NewCaseValues;
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  return (
    <AdminLayout title="登记办件" ctx={p.ctx}>
      {crumbs({ label: '登记办件' })}
      <h1>登记办件</h1>
      <ErrorSummary
        errors={e}
        labels={{
          itemId: '办理事项',
          channel: '收件方式',
          applicantName: '申请人',
          applicantPhone: '联系电话',
          applicantEmail: '电子邮箱',
          summary: '申请内容',
        }}
      />
      <form method="post" action="/admin/service-hall/cases" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Select {...f('itemId', '办理事项')} options={p.items} emptyLabel="请选择" required />
        <Select
          {...f('channel', '收件方式')}
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          required
        />
        <Field {...f('applicantName', '申请人')} required hint="公民姓名或法人、其他组织名称" />
        <Field {...f('applicantPhone', '联系电话')} required inputmode="tel" />
        <Field {...f('applicantEmail', '电子邮箱')} type="email" hint="选填；填写后办理进度通知发送到该邮箱" />
        <TextArea {...f('summary', '申请内容')} rows={3} />
        <button type="submit">登记</button>
      </form>
    </AdminLayout>
  );
}
