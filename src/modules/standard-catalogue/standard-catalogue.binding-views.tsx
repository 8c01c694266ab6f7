// Staff page of an agency's side of the 基层政务公开标准目录: binding its 目录 categories to the
// items, area by area, and declaring 未涉及 areas with the reason it publishes.
import type { FieldErrors } from '../../platform/errors.ts';
import { Csrf, ErrorSummary, PostButton, Select, TextArea } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findArea, STANDARD_AREAS } from './standard-catalogue.areas.ts';
import type { ItemRow } from './standard-catalogue.items.ts';
import { LEVEL_TEXT } from './standard-catalogue.transfer.ts';
import { BASE, crumbs } from './standard-catalogue.views.tsx';

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
