// Staff pages for service items (事项), their guides and the windows; CSV import and export.
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { ServiceItemRow, ServiceWindowRow } from './service-hall.repository.ts';
import { ITEM_KINDS } from './service-hall.tables.ts';
import { CSV_HEADER, ITEM_FORM, ITEM_KIND_LABELS, type ItemInput } from './service-item.service.ts';

const crumbs = (...rest: { href?: string; label: string }[]) => (
  <Breadcrumbs
    items={[{ href: '/admin', label: '工作台' }, { href: '/admin/service-hall', label: '政务服务' }, ...rest]}
  />
);

export function ItemListPage(p: {
  ctx: PageContext;
  agencyId: number;
  agencies: { value: string; label: string }[];
  agencyName: string;
  agencySlug: string;
  items: ServiceItemRow[];
  windows: ServiceWindowRow[];
  canManage: boolean;
  errors?: FieldErrors;
  csv?: string;
  windowValues?: { windowName: string; windowLocation: string };
  /** The one-time token of the 新增窗口 form. */
  once?: string;
}) {
  const e = p.errors ?? {};
  const windowName = new Map(p.windows.map((w) => [w.id, w.name]));
  const q = `agencyId=${p.agencyId}`;
  return (
    <AdminLayout title="事项与窗口" ctx={p.ctx}>
      {crumbs({ label: '事项与窗口' })}
      <h1>事项与窗口（{p.agencyName}）</h1>
      <form method="get" action="/admin/service-hall/items" class="toolbar">
        <Select name="agencyId" label="机构" value={String(p.agencyId)} options={p.agencies} />
        <button type="submit">切换</button>
      </form>
      <ErrorSummary errors={e} labels={{ csv: 'CSV 导入', windowName: '窗口名称', windowLocation: '窗口位置' }} />
      <p class="actions">
        {p.canManage ? (
          <a class="button" href={`/admin/service-hall/items/new?${q}`}>
            新增事项
          </a>
        ) : null}
        <a class="button secondary" href={`/admin/service-hall/items.csv?${q}`}>
          导出 CSV
        </a>
        <a class="button secondary" href={`/admin/service-hall/items.xlsx?${q}`}>
          导出 XLSX
        </a>
        <a class="button secondary" href={`/agencies/${p.agencySlug}/service-hall`}>
          查看公开的办事指南
        </a>
      </p>
      <h2>事项（{p.items.length}）</h2>
      <RecordTable
        label="事项清单"
        columns={['事项名称', '类型', '窗口', '法定/承诺时限', '超时默许', '状态']}
        rows={p.items}
        cells={(i) => (
          <>
            <td>
              <a href={`/admin/service-hall/items/${i.id}`}>{i.name}</a>
            </td>
            <td>{ITEM_KIND_LABELS[i.kind]}</td>
            <td>{i.windowId ? windowName.get(i.windowId) : '—'}</td>
            <td>
              {i.statutoryDays} / {i.promisedDays || '—'}
            </td>
            <td>{i.deemedApproval ? '是' : '否'}</td>
            <td>{i.active ? '在办' : '已停用'}</td>
          </>
        )}
      />
      <h2>窗口（{p.windows.length}）</h2>
      <ul>
        {p.windows.map((w) => (
          <li key={w.id}>
            {w.name}
            {w.location ? `（${w.location}）` : ''}
          </li>
        ))}
      </ul>
      {p.canManage ? (
        <>
          <h3>新增窗口</h3>
          <form method="post" action={`/admin/service-hall/windows?${q}`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <OnceField token={p.once} />
            <Field
              name="windowName"
              label="窗口名称"
              value={p.windowValues?.windowName ?? ''}
              required
              error={e.windowName}
              hint="如：综合受理窗口"
            />
            <Field
              name="windowLocation"
              label="窗口位置"
              value={p.windowValues?.windowLocation ?? ''}
              error={e.windowLocation}
              hint="如：便民服务中心一楼 3 号窗口"
            />
            <button type="submit">新增窗口</button>
          </form>
          <h3>上传文件导入事项</h3>
          <form
            method="post"
            action={`/admin/service-hall/items/import-file?${q}`}
            enctype="multipart/form-data"
            novalidate
          >
            <Csrf token={p.ctx.csrfToken} />
            <FileField name="file" label="CSV 或 XLSX 文件" accept=".csv,.xlsx">
              列与导出的文件相同；同名事项将被更新；任何一行有误则全部不导入。最大 2 MB。
            </FileField>
            <button type="submit">上传并导入</button>
          </form>
          <h3>粘贴 CSV 内容导入事项</h3>
          <form method="post" action={`/admin/service-hall/items/import?${q}`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <TextArea
              name="csv"
              label="CSV 内容"
              value={p.csv ?? ''}
              rows={8}
              required
              error={e.csv}
              hint={`第一行为表头：${CSV_HEADER.join('，')}。同名事项将被更新；任何一行有误则全部不导入。`}
            />
            <button type="submit">导入</button>
          </form>
        </>
      ) : null}
    </AdminLayout>
  );
}

export function ItemFormPage(p: {
  ctx: PageContext;
  item?: ServiceItemRow;
  agencyId: number;
  values: ItemInput;
  windows: ServiceWindowRow[];
  errors?: FieldErrors;
  canManage: boolean;
  /** The one-time token of a new item's form (none when editing). */
  once?: string | undefined;
}) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  const title = p.item ? p.item.name : '新增事项';
  const labels = Object.fromEntries(Object.entries(ITEM_FORM).map(([k, f]) => [k, f.label]));
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      {crumbs({ href: `/admin/service-hall/items?agencyId=${p.agencyId}`, label: '事项与窗口' }, { label: title })}
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={labels} />
      <form
        method="post"
        action={p.item ? `/admin/service-hall/items/${p.item.id}` : `/admin/service-hall/items?agencyId=${p.agencyId}`}
        novalidate
      >
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        <fieldset disabled={!p.canManage} class="field">
          <legend>事项</legend>
          <Field {...f('name', '事项名称')} required />
          <Select
            {...f('kind', '事项类型')}
            options={ITEM_KINDS.map((k) => ({ value: k, label: ITEM_KIND_LABELS[k] }))}
            required
          />
          <Select
            {...f('windowId', '办理窗口')}
            emptyLabel="（未指定）"
            options={p.windows.map((w) => ({ value: String(w.id), label: w.name }))}
          />
          <Select
            {...f('active', '状态')}
            options={[
              { value: '1', label: '在办' },
              { value: '0', label: '已停用' },
            ]}
          />
        </fieldset>
        <fieldset disabled={!p.canManage} class="field">
          <legend>办事指南</legend>
          <TextArea {...f('legalBasis', '设定依据')} rows={3} required />
          <TextArea {...f('conditions', '受理条件')} rows={3} required />
          <TextArea {...f('materials', '申请材料')} rows={5} required hint="每行一项" />
          <Field {...f('statutoryDays', '法定办结时限')} required inputmode="numeric" hint="工作日" />
          <Field
            {...f('promisedDays', '承诺办结时限')}
            inputmode="numeric"
            hint="工作日；不填则按法定时限。办件按此时限计时。"
          />
          <Field {...f('fees', '收费标准')} hint="不收费的填“不收费”" />
        </fieldset>
        <fieldset disabled={!p.canManage} class="field">
          <legend>超时默许</legend>
          <Select
            {...f('deemedApproval', '超时默许')}
            options={[
              { value: '0', label: '不实行' },
              { value: '1', label: '实行：时限届满未作决定的视为准予' },
            ]}
          />
          <Field
            {...f('deemedApprovalBasis', '超时默许依据')}
            hint="本机关公开承诺对该事项实行超时默许的文件及条款；实行超时默许时必填"
          />
        </fieldset>
        {p.canManage ? <button type="submit">保存</button> : null}
      </form>
    </AdminLayout>
  );
}
