import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { AgencyRow } from './agency.repository.ts';
import { AGENCY_FORM, AGENCY_KIND_LABELS, type AgencyInput, type AgencyNode } from './agency.service.ts';
import { AGENCY_KINDS } from './agency.tables.ts';

const KIND_OPTIONS = AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }));

function AdminTree({ nodes, scope }: { nodes: AgencyNode<AgencyRow>[]; scope: ReadonlySet<number> }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.agency.id}>
          {scope.has(n.agency.id) ? (
            <a href={`/admin/agencies/${n.agency.id}`}>{n.agency.name}</a>
          ) : (
            <span>{n.agency.name}</span>
          )}{' '}
          <span class="badge">{AGENCY_KIND_LABELS[n.agency.kind]}</span>
          {n.agency.active !== 1 ? <span class="badge">已停用</span> : null}
          {n.children.length ? <AdminTree nodes={n.children} scope={scope} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function AgencyListPage(p: {
  ctx: PageContext;
  tree: AgencyNode<AgencyRow>[];
  scope: ReadonlySet<number>;
  canCreate: boolean;
}) {
  return (
    <AdminLayout title="机构管理" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '机构管理' }]} />
      <h1>机构管理</h1>
      {p.canCreate ? (
        <p>
          <a class="button" href="/admin/agencies/new">
            新建机构
          </a>
        </p>
      ) : null}
      <AdminTree nodes={p.tree} scope={p.scope} />
    </AdminLayout>
  );
}

export function AgencyFormPage(p: {
  ctx: PageContext;
  mode: 'new' | 'edit';
  agency?: AgencyRow;
  values: AgencyInput;
  parentId: string;
  parents: { value: string; label: string }[];
  errors?: FieldErrors;
  canEdit: boolean;
  canMove: boolean;
  canDeactivate: boolean;
}) {
  const e = p.errors ?? {};
  const title = p.mode === 'new' ? '新建机构' : p.values.name;
  const v = p.values;
  const labels = Object.fromEntries(Object.entries(AGENCY_FORM).map(([k, f]) => [k, f.label]));
  const disabled = !p.canEdit;
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: '/admin/agencies', label: '机构管理' }, { label: title }]}
      />
      <h1>{title}</h1>
      {p.agency ? (
        <p>
          <a href={`/agencies/${p.agency.slug}`}>查看该机构的政府信息公开专栏</a>
        </p>
      ) : null}
      <ErrorSummary errors={e} labels={{ ...labels, parentId: '上级机构' }} />
      <form method="post" action={p.mode === 'new' ? '/admin/agencies' : `/admin/agencies/${p.agency?.id}`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <fieldset disabled={disabled} class="field">
          <legend>基本信息</legend>
          {p.mode === 'new' ? (
            <Select
              name="parentId"
              label="上级机构"
              value={p.parentId}
              options={p.parents}
              required
              error={e.parentId}
            />
          ) : null}
          <Field name="name" label="机构全称" value={v.name} required error={e.name} hint="如：永顺县灵溪镇人民政府" />
          <Field name="shortName" label="简称" value={v.shortName} required error={e.shortName} hint="如：灵溪镇" />
          <Select name="kind" label="机构类型" value={v.kind} options={KIND_OPTIONS} required error={e.kind} />
          <Field
            name="creditCode"
            label="统一社会信用代码"
            value={v.creditCode}
            required
            error={e.creditCode}
            maxLength={18}
          />
          <Field
            name="slug"
            label="网址标识"
            value={v.slug}
            required
            error={e.slug}
            hint="用于网址，如 lingxi（/agencies/lingxi）。"
          />
          <Field
            name="sortOrder"
            label="排序"
            value={v.sortOrder}
            error={e.sortOrder}
            inputmode="numeric"
            hint="数字小的排在前面。"
          />
        </fieldset>
        <fieldset disabled={disabled} class="field">
          <legend>政府信息公开工作机构（印在公开指南和年度报告上）</legend>
          <Field name="officeName" label="工作机构名称" value={v.officeName} required error={e.officeName} />
          <Field name="officeAddress" label="办公地址" value={v.officeAddress} required error={e.officeAddress} />
          <Field
            name="officePostcode"
            label="邮政编码"
            value={v.officePostcode}
            required
            error={e.officePostcode}
            inputmode="numeric"
            maxLength={6}
          />
          <Field
            name="officePhone"
            label="联系电话"
            value={v.officePhone}
            required
            error={e.officePhone}
            inputmode="tel"
          />
          <Field name="officeFax" label="传真" value={v.officeFax} error={e.officeFax} inputmode="tel" />
          <Field
            name="officeEmail"
            label="电子邮箱"
            value={v.officeEmail}
            required
            error={e.officeEmail}
            type="email"
          />
          <Field
            name="officeHours"
            label="办公时间"
            value={v.officeHours}
            required
            error={e.officeHours}
            hint="如：工作日 上午8:00—12:00，下午14:30—17:30（法定节假日除外）"
          />
        </fieldset>
        <fieldset disabled={disabled} class="field">
          <legend>目录与指南</legend>
          <Field
            name="indexPattern"
            label="索引号格式"
            value={v.indexPattern}
            error={e.indexPattern}
            hint="默认 {creditCode}/{YYYY}-{seq:5}；可用 {creditCode} {shortCode} {YYYY} {MM} {seq} {seq:N}。"
          />
          <TextArea
            name="guideText"
            label="公开指南正文"
            value={v.guideText}
            error={e.guideText}
            rows={10}
            hint="说明本机关政府信息的分类、编排体系和获取方式；工作机构的名称、地址、电话等由系统自动插入。"
          />
        </fieldset>
        {p.canEdit ? <button type="submit">{p.mode === 'new' ? '创建机构' : '保存'}</button> : null}
      </form>
      {p.mode === 'edit' && p.agency && p.canMove && p.agency.parentId ? (
        <section>
          <h2>调整上级机构</h2>
          <form method="post" action={`/admin/agencies/${p.agency.id}/move`} novalidate>
            <Csrf token={p.ctx.csrfToken} />
            <Select
              name="parentId"
              label="新的上级机构"
              value={String(p.agency.parentId)}
              options={p.parents}
              required
              error={e.moveParentId}
            />
            <button type="submit">移动</button>
          </form>
        </section>
      ) : null}
      {p.mode === 'edit' && p.agency && p.canDeactivate && p.agency.parentId ? (
        <section>
          <h2>停用或启用</h2>
          <p class="muted">停用后该机构不再出现在门户的机构目录中，已有记录保留。</p>
          {p.agency.active === 1 ? (
            <PostButton
              action={`/admin/agencies/${p.agency.id}/deactivate`}
              csrf={p.ctx.csrfToken}
              label="停用该机构"
              danger
            />
          ) : (
            <PostButton action={`/admin/agencies/${p.agency.id}/activate`} csrf={p.ctx.csrfToken} label="启用该机构" />
          )}
        </section>
      ) : null}
    </AdminLayout>
  );
}
