// Staff pages of the 基层政务公开标准目录: the areas with their items (the county admin edits,
// imports and exports them), an agency's bindings of its 目录 categories and its 未涉及 areas,
// and completeness: the county table (agency × area) with its drill-down to items and publications.
import type { FieldErrors } from '../../platform/errors.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findArea, STANDARD_AREAS, type StandardArea } from './standard-catalogue.areas.ts';
import { STATUS_LABELS, type ItemStatus, type StatusCounts } from './standard-catalogue.rules.ts';
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
const crumbs = (label: string, mid: { href: string; label: string }[] = []) => (
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
      <TableScroll label="试点领域">
        <table>
          <thead>
            <tr>
              <th scope="col">领域</th>
              <th scope="col">标准指引</th>
              <th scope="col">事项（项）</th>
            </tr>
          </thead>
          <tbody>
            {STANDARD_AREAS.map((a) => (
              <tr key={a.key}>
                <td>
                  <a href={`${BASE}/areas/${a.key}`}>{a.name}</a>
                </td>
                <td>
                  {a.guideline}
                  {a.seen ? '' : '（领域名称未核实）'}
                </td>
                <td class="num">{p.counts.get(a.key) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
        <div class="field">
          <label for="f-file">导入文件（.xlsx 或 .csv，按模板的列）</label>
          <p class="hint" id="h-file">
            领域、一级事项、二级事项相同的事项会被更新，其余新增；任何一行有问题时不导入任何事项。
          </p>
          <input id="f-file" type="file" name="file" accept=".xlsx,.csv" aria-describedby="h-file" />
        </div>
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
        <TableScroll label={`${p.area.name}领域事项`}>
          <table class="sc-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">一级事项</th>
                <th scope="col">二级事项</th>
                <th scope="col">公开内容（要素）</th>
                <th scope="col">公开依据</th>
                <th scope="col">公开时限</th>
                <th scope="col">公开主体</th>
                <th scope="col">公开渠道和载体</th>
                <th scope="col">公开对象</th>
                <th scope="col">公开方式</th>
                <th scope="col">公开层级</th>
                <th scope="col">出处</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((it) => (
                <tr key={it.id}>
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
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
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
        <Field name="seq" label="序号" value={v.seq} error={e.seq} inputmode="numeric" />
        <Field name="level1" label="一级事项" required value={v.level1} error={e.level1} />
        <Field name="level2" label="二级事项" value={v.level2} error={e.level2} />
        <TextArea name="elements" label="公开内容（要素）" rows={3} value={v.elements} error={e.elements} />
        <TextArea name="basis" label="公开依据" rows={2} value={v.basis} error={e.basis} />
        <Field
          name="timeLimit"
          label="公开时限"
          required
          value={v.timeLimit}
          error={e.timeLimit}
          hint={HINTS.timeLimit!}
        />
        <Field name="subject" label="公开主体" value={v.subject} error={e.subject} />
        <Field name="channels" label="公开渠道和载体" value={v.channels} error={e.channels} hint={HINTS.channels!} />
        <Select
          name="audience"
          label="公开对象"
          required
          value={v.audience}
          options={options(AUDIENCE_TEXT)}
          error={e.audience}
        />
        <Select name="mode" label="公开方式" required value={v.mode} options={options(MODE_TEXT)} error={e.mode} />
        <Select name="level" label="公开层级" required value={v.level} options={options(LEVEL_TEXT)} error={e.level} />
        <TextArea name="source" label="出处" rows={2} value={v.source} error={e.source} hint={HINTS.source!} />
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

export function AgencyCataloguePage(p: {
  ctx: PageContext;
  agency: { id: number; name: string };
  items: ItemRow[];
  categories: { id: number; name: string; depth: number }[];
  bound: Map<number, number[]>;
  exemptions: { areaKey: string; reason: string }[];
  errors?: FieldErrors;
  typed?: { area: string; reason: string };
}) {
  const e = p.errors ?? {};
  const exempt = new Set(p.exemptions.map((x) => x.areaKey));
  const areas = STANDARD_AREAS.filter((a) => p.items.some((i) => i.areaKey === a.key));
  return (
    <AdminLayout title={`${p.agency.name}：标准目录关联`} ctx={p.ctx}>
      {crumbs(p.agency.name)}
      <h1>{p.agency.name}：目录栏目关联与未涉及领域</h1>
      <ErrorSummary errors={e} />
      <section aria-labelledby="bind-title">
        <h2 id="bind-title">把本单位目录栏目关联到事项</h2>
        <p>完整性按关联栏目中已发布的信息计算；未关联栏目的事项计为缺失。</p>
        <form method="post" action={`${BASE}/agencies/${p.agency.id}/bindings`}>
          <Csrf token={p.ctx.csrfToken} />
          {areas.map((a) => (
            <fieldset key={a.key} class="field">
              <legend>
                {a.name}
                {exempt.has(a.key) ? '（已标为未涉及）' : ''}
              </legend>
              {p.items
                .filter((i) => i.areaKey === a.key)
                .map((i) => (
                  <Select
                    key={i.id}
                    name={`item-${i.id}`}
                    label={`${i.level1}${i.level2 ? ` · ${i.level2}` : ''}（${LEVEL_TEXT[i.level]}，${i.timeLimit}）`}
                    value={String(p.bound.get(i.id)?.[0] ?? '')}
                    emptyLabel="（未关联）"
                    options={p.categories.map((c) => ({
                      value: String(c.id),
                      label: `${'　'.repeat(c.depth)}${c.name}`,
                    }))}
                    error={e[`item-${i.id}`]}
                  />
                ))}
            </fieldset>
          ))}
          {areas.length ? (
            <button type="submit" class="button">
              保存关联
            </button>
          ) : (
            <p>标准目录中还没有事项。</p>
          )}
        </form>
      </section>
      <section aria-labelledby="exempt-title">
        <h2 id="exempt-title">未涉及领域事项说明</h2>
        {p.exemptions.length ? (
          <ul>
            {p.exemptions.map((x) => (
              <li key={x.areaKey}>
                {findArea(x.areaKey)?.name}：{x.reason}{' '}
                <PostButton
                  action={`${BASE}/agencies/${p.agency.id}/exemptions/${x.areaKey}/delete`}
                  csrf={p.ctx.csrfToken}
                  label="撤销"
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>尚未标注未涉及的领域。</p>
        )}
        <form method="post" action={`${BASE}/agencies/${p.agency.id}/exemptions`}>
          <Csrf token={p.ctx.csrfToken} />
          <Select
            name="area"
            label="领域"
            required
            value={p.typed?.area ?? ''}
            emptyLabel="请选择"
            options={STANDARD_AREAS.filter((a) => !exempt.has(a.key)).map((a) => ({ value: a.key, label: a.name }))}
            error={e.area}
          />
          <TextArea
            name="reason"
            label="未涉及的原因（公开发布）"
            required
            rows={2}
            value={p.typed?.reason ?? ''}
            error={e.reason}
          />
          <button type="submit" class="button">
            标为未涉及
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

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
                          <a href={link(r.agencyId, a.key)} aria-label={`${r.agencyName} ${a.name}：${countsText(c)}`}>
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
