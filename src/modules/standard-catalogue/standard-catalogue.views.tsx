// Staff pages of the 基层政务公开标准目录's items: the areas with their item counts (and, for the
// county admin, import, export and the starter set), an area's items and the item editor. The
// bindings page is in binding-views, completeness in completeness-views.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findArea, STANDARD_AREAS, type StandardArea } from './standard-catalogue.areas.ts';
import type { ItemRow } from './standard-catalogue.items.ts';
import {
  AUDIENCE_TEXT,
  CHANNELS,
  COLUMN_LABELS,
  ITEM_FIELDS,
  LEVEL_TEXT,
  MODE_TEXT,
  type ItemText,
} from './standard-catalogue.transfer.ts';

export const BASE = '/admin/standard-catalogue';
export const crumbs = (label: string, mid: { href: string; label: string }[] = []) => (
  <Breadcrumbs
    items={[{ href: '/admin', label: '工作台' }, { href: BASE, label: '基层政务公开标准目录' }, ...mid, { label }]}
  />
);

export function AreasPage(p: {
  ctx: PageContext;
  counts: Map<string, number>;
  canManage: boolean;
  bindable: { id: number; name: string }[];
  problems?: string[];
}) {
  return (
    <AdminLayout title="基层政务公开标准目录" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '基层政务公开标准目录' }]} />
      <h1>基层政务公开标准目录</h1>
      <p>
        国办发〔2019〕54号确定的26个试点领域。每个领域的公开事项由县级政务公开主管部门导入或编辑；乡镇和部门把本单位目录栏目关联到事项，
        或说明未涉及的领域。<a href={`${BASE}/completeness`}>查看公开完整性</a>
      </p>
      {p.bindable.length ? (
        <p>
          关联栏目与未涉及领域：
          {p.bindable.map((a, i) => (
            <span key={a.id}>
              {i ? '、' : ''}
              <a href={`${BASE}/agencies/${a.id}`}>{a.name}</a>
            </span>
          ))}
        </p>
      ) : null}
      {p.problems?.length ? (
        <div class="error-summary" role="alert" aria-labelledby="import-problems-title" tabIndex={-1}>
          <h2 id="import-problems-title">未导入任何事项，请修改以下 {p.problems.length} 处问题后重新导入：</h2>
          <ul>
            {p.problems.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.canManage ? <ManageBox csrf={p.ctx.csrfToken} /> : null}
      <RecordTable
        label="试点领域"
        columns={['领域', '标准指引', '事项（项）']}
        rows={STANDARD_AREAS}
        cells={(a) => (
          <>
            <td>
              <a href={`${BASE}/areas/${a.key}`}>{a.name}</a>
            </td>
            <td>
              {a.guideline}
              {a.seen ? '' : '（领域名称未核实）'}
            </td>
            <td class="num">{p.counts.get(a.key) ?? 0}</td>
          </>
        )}
      />
    </AdminLayout>
  );
}

function ManageBox({ csrf }: { csrf: string }) {
  return (
    <section aria-labelledby="manage-title">
      <h2 id="manage-title">导入与导出</h2>
      <p>
        模板：<a href={`${BASE}/template.xlsx`}>XLSX</a>、<a href={`${BASE}/template.csv`}>CSV</a>；全部事项：
        <a href={`${BASE}/export.xlsx`}>XLSX</a>、<a href={`${BASE}/export.csv`}>CSV</a>
      </p>
      <form method="post" action={`${BASE}/import`} enctype="multipart/form-data">
        <Csrf token={csrf} />
        <FileField name="file" label="导入文件（.xlsx 或 .csv，按模板的列）" accept=".xlsx,.csv">
          领域、一级事项、二级事项相同的事项会被更新，其余新增；任何一行有问题时不导入任何事项。
        </FileField>
        <button type="submit" class="button">
          导入
        </button>
      </form>
      <p class="actions">
        <PostButton action={`${BASE}/starter`} csrf={csrf} label="载入示范目录（社会救助、养老服务、财政预决算）" />{' '}
        <a href={`${BASE}/items/new`}>新增事项</a>
      </p>
    </section>
  );
}

export function AreaItemsPage(p: { ctx: PageContext; area: StandardArea; items: ItemRow[]; canManage: boolean }) {
  return (
    <AdminLayout title={`${p.area.name}领域标准目录`} ctx={p.ctx}>
      {crumbs(p.area.name)}
      <h1>{p.area.name}领域基层政务公开标准目录</h1>
      {p.canManage ? (
        <p>
          <a href={`${BASE}/items/new?area=${p.area.key}`}>新增事项</a>
        </p>
      ) : null}
      {p.items.length ? (
        <RecordTable
          label={`${p.area.name}领域事项`}
          tableClass="sc-table"
          columns={[
            '序号',
            '一级事项',
            '二级事项',
            '公开内容（要素）',
            '公开依据',
            '公开时限',
            '公开主体',
            '公开渠道和载体',
            '公开对象',
            '公开方式',
            '公开层级',
            '出处',
          ]}
          rows={p.items}
          cells={(it) => (
            <>
              <td class="num">{it.seq}</td>
              <td>{p.canManage ? <a href={`${BASE}/items/${it.id}`}>{it.level1}</a> : it.level1}</td>
              <td>{it.level2}</td>
              <td>{it.elements}</td>
              <td>{it.basis}</td>
              <td>{it.timeLimit}</td>
              <td>{it.subject}</td>
              <td>{it.channels}</td>
              <td>{AUDIENCE_TEXT[it.audience]}</td>
              <td>{MODE_TEXT[it.mode]}</td>
              <td>{LEVEL_TEXT[it.level]}</td>
              <td>
                {it.source}
                {it.sourceConfirmed ? '' : '（出处未核实）'}
              </td>
            </>
          )}
        />
      ) : (
        <p>该领域还没有事项。</p>
      )}
    </AdminLayout>
  );
}

const HINTS: Partial<Record<keyof ItemText, string>> = {
  timeLimit: '如「信息形成或者变更之日起20个工作日内」「批复后20日内」「每年1月31日前」「每季度结束后10个工作日内」。',
  channels: `用顿号分隔，如：${CHANNELS.slice(0, 3).join('、')}。`,
  source: '事项取自的文件或已发布目录（名称和网址）。',
};

export function ItemFormPage(p: { ctx: PageContext; id: number | null; values: ItemText; errors?: FieldErrors }) {
  const e = p.errors ?? {};
  const v = p.values;
  const f = formFields(v, e);
  const title = p.id ? '编辑事项' : '新增事项';
  const options = (o: Record<string, string>) => Object.values(o).map((t) => ({ value: t, label: t }));
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      {crumbs(title)}
      <h1>{title}</h1>
      <ErrorSummary errors={e} order={ITEM_FIELDS} />
      <form method="post" action={p.id ? `${BASE}/items/${p.id}` : `${BASE}/items`}>
        <Csrf token={p.ctx.csrfToken} />
        <Select
          name="area"
          label="领域"
          required
          value={findArea(v.area)?.name ?? v.area}
          emptyLabel="请选择"
          options={STANDARD_AREAS.map((a) => ({ value: a.name, label: a.name }))}
          error={e.area}
        />
        <Field {...f('seq', '序号')} inputmode="numeric" />
        <Field {...f('level1', '一级事项')} required />
        <Field {...f('level2', '二级事项')} />
        <TextArea {...f('elements', '公开内容（要素）')} rows={3} />
        <TextArea {...f('basis', '公开依据')} rows={2} />
        <Field {...f('timeLimit', '公开时限')} required hint={HINTS.timeLimit!} />
        <Field {...f('subject', '公开主体')} />
        <Field {...f('channels', '公开渠道和载体')} hint={HINTS.channels!} />
        <Select {...f('audience', '公开对象')} required options={options(AUDIENCE_TEXT)} />
        <Select {...f('mode', '公开方式')} required options={options(MODE_TEXT)} />
        <Select {...f('level', '公开层级')} required options={options(LEVEL_TEXT)} />
        <TextArea {...f('source', '出处')} rows={2} hint={HINTS.source!} />
        <Select
          name="sourceConfirmed"
          label={COLUMN_LABELS.sourceConfirmed}
          value={v.sourceConfirmed || '否'}
          options={[
            { value: '是', label: '是（已查到该文件或目录）' },
            { value: '否', label: '否（未核实）' },
          ]}
          error={e.sourceConfirmed}
        />
        <button type="submit" class="button">
          保存
        </button>
      </form>
      {p.id ? (
        <p>
          <PostButton action={`${BASE}/items/${p.id}/delete`} csrf={p.ctx.csrfToken} label="删除该事项" danger />
        </p>
      ) : null}
    </AdminLayout>
  );
}
