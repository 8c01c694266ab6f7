import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  PostButton,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { AgencyRow } from './agency.repository.ts';
import { AGENCY_FORM, type AgencyInput } from './agency.service.ts';
import type { OutlineAgency } from './agency.levels.ts';
import { AGENCY_KIND_LABELS } from './agency.rules.ts';
import { AGENCY_KINDS } from './agency.tables.ts';

const KIND_OPTIONS = AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }));

export function AgencyFormPage(p: {
  ctx: PageContext;
  mode: 'new' | 'edit';
  agency?: AgencyRow;
  values: AgencyInput;
  parentId: string;
  parents: { value: string; label: string }[];
  /** New: the level whose agencies the parent select offers. */
  parentLevel?: OutlineAgency | undefined;
  errors?: FieldErrors;
  canEdit: boolean;
  /** Edit: 新建下级机构 is offered. */
  canCreateBelow?: boolean;
  canMove: boolean;
  canDeactivate: boolean;
  /** The one-time token of the 新建机构 form (none when editing). */
  once?: string | undefined;
}) {
  const e = p.errors ?? {};
  const title = p.mode === 'new' ? '新建机构' : p.values.name;
  const v = p.values;
  const f = formFields(v, e);
  const labels = Object.fromEntries(Object.entries(AGENCY_FORM).map(([k, f]) => [k, f.label]));
  const disabled = !p.canEdit;
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: '/admin/agencies', label: '机构管理' }, { label: title }]}
      />
      <h1>{title}</h1>
      {p.agency ? (
        <p class="actions">
          <a href={`/agencies/${p.agency.slug}`}>查看该机构的政府信息公开专栏</a>
          {p.canCreateBelow ? <a href={`/admin/agencies/new?parent=${p.agency.id}`}>新建下级机构</a> : null}
        </p>
      ) : null}
      <ErrorSummary errors={e} labels={{ ...labels, parentId: '上级机构' }} />
      <form method="post" action={p.mode === 'new' ? '/admin/agencies' : `/admin/agencies/${p.agency?.id}`} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        <fieldset disabled={disabled} class="field">
          <legend>基本信息</legend>
          {p.mode === 'new' ? (
            <>
              <Select
                name="parentId"
                label="上级机构"
                value={p.parentId}
                options={p.parents}
                required
                error={e.parentId}
                hint={
                  p.parentLevel
                    ? `列出${p.parentLevel.name}这一级的机构。要设在其他机构之下，请在「机构管理」中找到该机构，在其页面上点「新建下级机构」。`
                    : undefined
                }
              />
              {p.parentLevel ? (
                <p>
                  <a href="/admin/agencies">在机构管理中选择其他上级机构</a>
                </p>
              ) : null}
            </>
          ) : null}
          <Field {...f('name', '机构全称')} required hint="如：永顺县灵溪镇人民政府" />
          <Field {...f('shortName', '简称')} required hint="如：灵溪镇" />
          <Select
            {...f('kind', '机构类型')}
            options={KIND_OPTIONS}
            required
            hint="省级人民政府（含自治区、直辖市）只能作为最上级机构；设区的市级人民政府（含自治州）设在省级人民政府之下；县级人民政府（含区、县级市）设在设区的市级或省级人民政府之下；乡、镇、街道设在县级人民政府或不设区的市之下；政府部门设在本级人民政府或部门之下。"
          />
          <Field {...f('creditCode', '统一社会信用代码')} required maxLength={18} />
          <Field {...f('slug', '网址标识')} required hint="用于网址，如 lingxi（/agencies/lingxi）。" />
          <Field {...f('sortOrder', '排序')} inputmode="numeric" hint="数字小的排在前面。" />
        </fieldset>
        <fieldset disabled={disabled} class="field">
          <legend>政府信息公开工作机构（印在公开指南和年度报告上）</legend>
          <Field {...f('officeName', '工作机构名称')} required />
          <Field {...f('officeAddress', '办公地址')} required />
          <Field {...f('officePostcode', '邮政编码')} required inputmode="numeric" maxLength={6} />
          <Field {...f('officePhone', '联系电话')} required inputmode="tel" />
          <Field {...f('officeFax', '传真')} inputmode="tel" />
          <Field {...f('officeEmail', '电子邮箱')} required type="email" />
          <Field
            {...f('officeHours', '办公时间')}
            required
            hint="如：工作日 上午8:00—12:00，下午14:30—17:30（法定节假日除外）"
          />
        </fieldset>
        <fieldset disabled={disabled} class="field">
          <legend>目录与指南</legend>
          <Field
            {...f('indexPattern', '索引号格式')}
            hint="默认 {creditCode}/{YYYY}-{seq:5}；可用 {creditCode} {shortCode} {YYYY} {MM} {seq} {seq:N}。"
          />
          <TextArea
            {...f('guideText', '公开指南正文')}
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
              hint={
                p.agency.kind === 'department'
                  ? '列出本级人民政府及其部门、下级人民政府中可以作为上级的机构。'
                  : '列出可以作为上级的各级人民政府。'
              }
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
