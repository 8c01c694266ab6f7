// Admin list of proactive disclosure: filters (agency, state, category, 逾期, queues), the
// timeliness counts and numbered pages. The form is publication.form-views.tsx, the page of one
// publication publication.detail-views.tsx.
import { DueDate } from '../calendar/index.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import { Breadcrumbs, Field, Select } from '../../platform/views/components.tsx';
import { ConsolePager } from '../../platform/views/console-pager.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { STATE_LABELS } from './publication.states.ts';
import { PUBLICATION_STATES, type PublicationState } from './publication.tables.ts';
import { PUBLICATION_QUEUE_VIEWS, type PublicationQueueView } from './publication.queues.ts';

type Option = { value: string; label: string };

export interface AdminListRow {
  id: number;
  title: string;
  state: PublicationState;
  agencyName: string;
  formedOn: string;
  dueOn: string;
  dueProvisional: number;
  publishedOn: string | null;
  isLate: number;
  indexNumber: string | null;
}

export interface ListFilters {
  agency: string;
  state: string;
  category: string;
  late: boolean;
  /** A 工作台 queue (publication.queues.ts), '' for none. */
  queue: string;
  q: string;
}

export const QUEUE_FILTER_LABELS: Record<PublicationQueueView, string> = {
  review: '待保密审查',
  signOff: '待签发',
  returned: '退回给我修改的',
  late: '已超期尚未发布',
  noInterpretation: '缺少政策解读的规范性文件',
  attributeReview: '到期需复核公开属性的不公开文件',
};

function query(f: ListFilters, page: number): string {
  const p = new URLSearchParams();
  if (f.agency) p.set('agency', f.agency);
  if (f.state) p.set('state', f.state);
  if (f.category) p.set('category', f.category);
  if (f.late) p.set('late', '1');
  if (f.queue) p.set('queue', f.queue);
  if (f.q) p.set('q', f.q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function PublicationListPage(p: {
  ctx: PageContext;
  rows: AdminListRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: ListFilters;
  agencies: Option[];
  categories: Option[];
  lateCount: number;
  overdueCount: number;
  canDraft: boolean;
}) {
  const f = p.filters;
  return (
    <AdminLayout title="主动公开信息" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '主动公开信息' }]} />
      <h1>主动公开信息</h1>
      <ul class="inline-list pub-counts">
        <li>
          逾期发布（超过成文后 20 个工作日）：
          <a href={`/admin/publications${query({ ...f, late: true, state: '' }, 1)}`}>
            <strong>{p.lateCount}</strong> 条
          </a>
        </li>
        <li>
          已超期尚未发布：
          <a href={`/admin/publications${query({ ...f, late: false, state: '', queue: 'late' }, 1)}`}>
            <strong>{p.overdueCount}</strong> 条
          </a>
        </li>
      </ul>
      <div class="actions">
        {p.canDraft ? (
          <a class="button" href={`/admin/publications/new${f.agency ? `?agency=${f.agency}` : ''}`}>
            新建信息
          </a>
        ) : null}
        <a class="button secondary" href={`/admin/categories${f.agency ? `?agency=${f.agency}` : ''}`}>
          目录分类
        </a>
      </div>
      <form method="get" action="/admin/publications" class="pub-filters">
        <Select name="agency" label="机构" value={f.agency} options={p.agencies} emptyLabel="全部（本人权限内）" />
        <Select
          name="state"
          label="状态"
          value={f.state}
          options={PUBLICATION_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          emptyLabel="全部状态"
        />
        <Select
          name="queue"
          label="待办"
          value={f.queue}
          options={PUBLICATION_QUEUE_VIEWS.map((v) => ({ value: v, label: QUEUE_FILTER_LABELS[v] }))}
          emptyLabel="不限"
        />
        {p.categories.length ? (
          <Select name="category" label="目录分类" value={f.category} options={p.categories} emptyLabel="全部分类" />
        ) : null}
        <Field name="q" label="标题包含" value={f.q} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="late" value="1" checked={f.late} /> 只看逾期发布
          </label>
        </div>
        <button type="submit">筛选</button>
      </form>
      <p>共 {p.total} 条。</p>
      <RecordTable
        label="信息列表"
        columns={['标题', '机构', '状态', '成文日期', '应发布日期', '发布日期', '索引号']}
        rows={p.rows}
        cells={(r) => (
          <>
            <td>
              <a href={`/admin/publications/${r.id}`}>{r.title}</a>
            </td>
            <td>{r.agencyName}</td>
            <td>{STATE_LABELS[r.state]}</td>
            <td>{r.formedOn}</td>
            <td>
              <DueDate date={r.dueOn} provisional={r.dueProvisional && !r.publishedOn} />
            </td>
            <td>
              {r.publishedOn ?? '—'}
              {r.isLate ? (
                <>
                  {' '}
                  <span class="badge pub-late">逾期</span>
                </>
              ) : null}
            </td>
            <td>{r.indexNumber ?? '—'}</td>
          </>
        )}
      />
      <ConsolePager
        href={(n) => `/admin/publications${query(f, n)}`}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
      />
    </AdminLayout>
  );
}
