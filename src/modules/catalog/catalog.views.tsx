// Admin page of an agency's category taxonomy: the tree with rename, reorder and merge forms,
// a form to add a category, and the seed preset.
import type { FieldErrors } from '../../platform/errors.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  PostButton,
  Select,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { CategoryNode } from './catalog.service.ts';

type Option = { value: string; label: string };

function Node(p: {
  node: CategoryNode;
  csrf: string;
  targets: Option[];
  counts: Map<number, number>;
  first: boolean;
  last: boolean;
}) {
  const c = p.node.category;
  const base = `/admin/categories/${c.id}`;
  return (
    <li>
      <details class="cat-node">
        <summary>
          {c.name} <span class="muted">（{p.counts.get(c.id) ?? 0} 条）</span>
        </summary>
        <form method="post" action={base} class="pub-action">
          <Csrf token={p.csrf} />
          <div class="field">
            <label for={`cat-${c.id}-name`}>名称</label>
            <input id={`cat-${c.id}-name`} name="name" value={c.name} maxLength={60} required />
          </div>
          <div class="field">
            <label for={`cat-${c.id}-desc`}>说明</label>
            <input id={`cat-${c.id}-desc`} name="description" value={c.description} maxLength={200} />
          </div>
          <button type="submit" class="button secondary">
            保存名称
          </button>
        </form>
        <div class="actions">
          {!p.first ? (
            <PostButton action={`${base}/move`} csrf={p.csrf} label={`上移“${c.name}”`} hidden={{ direction: 'up' }} />
          ) : null}
          {!p.last ? (
            <PostButton
              action={`${base}/move`}
              csrf={p.csrf}
              label={`下移“${c.name}”`}
              hidden={{ direction: 'down' }}
            />
          ) : null}
        </div>
        {c.depth > 0 ? (
          <form method="post" action={`${base}/merge`} class="pub-action">
            <Csrf token={p.csrf} />
            <div class="field">
              <label for={`cat-${c.id}-into`}>把“{c.name}”合并到</label>
              <select id={`cat-${c.id}-into`} name="intoId">
                {p.targets
                  .filter((t) => t.value !== String(c.id))
                  .map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" class="button secondary">
              合并
            </button>
          </form>
        ) : null}
      </details>
      {p.node.children.length ? (
        <ul>
          {p.node.children.map((n, i) => (
            <Node
              key={n.category.id}
              node={n}
              csrf={p.csrf}
              targets={p.targets}
              counts={p.counts}
              first={i === 0}
              last={i === p.node.children.length - 1}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function CategoriesPage(p: {
  ctx: PageContext;
  agencyId: number;
  agencyName: string;
  agencies: Option[];
  tree: CategoryNode[];
  options: Option[];
  counts: Map<number, number>;
  hasPreset: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** The one-time token of the 新增分类 form. */
  once: string;
}) {
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  const csrf = p.ctx.csrfToken;
  return (
    <AdminLayout title="目录分类" ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/publications', label: '主动公开信息' },
          { label: '目录分类' },
        ]}
      />
      <h1>目录分类：{p.agencyName}</h1>
      <form method="get" action="/admin/categories" class="actions">
        <Select name="agency" label="机构" value={String(p.agencyId)} options={p.agencies} />
        <button type="submit" class="button secondary">
          切换
        </button>
      </form>
      <ErrorSummary
        errors={e}
        labels={{ name: '分类名称', parentId: '上级分类', intoId: '合并目标', description: '说明' }}
      />
      <p>点击分类名称展开修改、排序和合并。合并时，该分类下的信息和下级分类移到目标分类，原分类删除。</p>
      <ul class="tree cat-tree">
        {p.tree.map((n, i) => (
          <Node
            key={n.category.id}
            node={n}
            csrf={csrf}
            targets={p.options}
            counts={p.counts}
            first={i === 0}
            last={i === p.tree.length - 1}
          />
        ))}
      </ul>
      <h2>新增分类</h2>
      <form method="post" action="/admin/categories" class="pub-action">
        <Csrf token={csrf} />
        <OnceField token={p.once} />
        <input type="hidden" name="agencyId" value={String(p.agencyId)} />
        <Select
          name="parentId"
          label="上级分类"
          value={v.parentId ?? ''}
          options={p.options}
          required
          error={e.parentId}
        />
        <Field {...f('name', '分类名称')} required maxLength={60} />
        <Field {...f('description', '说明')} maxLength={200} />
        <button type="submit">新增</button>
      </form>
      {!p.hasPreset ? (
        <>
          <h2>常用类别预设</h2>
          <p>在“法定主动公开内容”下添加“组织机构、计划总结、政策法规、工作动态”四个类别。</p>
          <PostButton
            action="/admin/categories/preset"
            csrf={csrf}
            label="添加预设类别"
            hidden={{ agencyId: String(p.agencyId) }}
          />
        </>
      ) : null}
    </AdminLayout>
  );
}
