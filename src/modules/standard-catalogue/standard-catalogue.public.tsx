// The public page of an agency's 基层政务公开标准目录: the items it owes, area by area, each with
// its 公开内容, 时限, 渠道 and a link to the 目录 category it is published in; and the
// 未涉及领域事项说明 — the areas it has declared it has no duties in, with the reason. No personal
// data: items and reasons are the county's and the agency's own text.
import type { FastifyInstance } from 'fastify';
import { TableScroll } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { publicAgencyBySlug, type AgencyRow } from '../agency/index.ts';
import { listCategories } from '../catalog/index.ts';
import { AgencyPageShell } from '../portal/index.ts';
import { findArea, STANDARD_AREAS } from './standard-catalogue.areas.ts';
import { catalogueTier, owedItems } from './standard-catalogue.rules.ts';
import { bindingsOf, listExemptions } from './standard-catalogue.bindings.ts';
import { listItems, type ItemRow } from './standard-catalogue.items.ts';
import { MODE_TEXT } from './standard-catalogue.transfer.ts';

interface PublicArea {
  key: string;
  name: string;
  items: { item: ItemRow; categories: { id: number; name: string; columnKey: string }[] }[];
}

function PublicCataloguePage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  areas: PublicArea[];
  exemptions: { name: string; reason: string }[];
}) {
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="基层政务公开标准目录">
      <p>
        按照国务院办公厅《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），本机关在下列领域按标准目录公开政务信息。
      </p>
      {p.areas.length ? null : <p>本机关尚未编制标准目录。</p>}
      {p.areas.map((a) => (
        <section key={a.key} aria-labelledby={`area-${a.key}`}>
          <h2 id={`area-${a.key}`}>{a.name}领域</h2>
          <TableScroll label={`${a.name}领域公开事项`}>
            <table class="sc-table">
              <thead>
                <tr>
                  <th scope="col">公开事项</th>
                  <th scope="col">公开内容（要素）</th>
                  <th scope="col">公开时限</th>
                  <th scope="col">公开渠道和载体</th>
                  <th scope="col">公开方式</th>
                  <th scope="col">查看</th>
                </tr>
              </thead>
              <tbody>
                {a.items.map(({ item, categories }) => (
                  <tr key={item.id}>
                    <td>
                      {item.level1}
                      {item.level2 ? ` · ${item.level2}` : ''}
                    </td>
                    <td>{item.elements}</td>
                    <td>{item.timeLimit}</td>
                    <td>{item.channels}</td>
                    <td>{MODE_TEXT[item.mode]}</td>
                    <td>
                      {categories.map((c) => (
                        <a key={c.id} href={`/agencies/${p.agency.slug}/${c.columnKey}?category=${c.id}`}>
                          {c.name}
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      <section aria-labelledby="exempt-title">
        <h2 id="exempt-title">未涉及领域事项说明</h2>
        {p.exemptions.length ? (
          <ul>
            {p.exemptions.map((x) => (
              <li key={x.name}>
                {x.name}领域：{x.reason}
              </li>
            ))}
          </ul>
        ) : (
          <p>本机关没有说明未涉及的领域。</p>
        )}
      </section>
    </AgencyPageShell>
  );
}

export async function standardCataloguePublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/agencies/:slug/standard-catalogue', { config: { publicCache: true } }, async (req, reply) => {
    const agency = await publicAgencyBySlug(app, (req.params as { slug: string }).slug);
    const [items, bindings, exemptions, categories] = await Promise.all([
      listItems(app.db),
      bindingsOf(app.db, [agency.id]),
      listExemptions(app.db, [agency.id]),
      listCategories(app.db, agency.id, { activeOnly: true }),
    ]);
    const own = bindings.get(agency.id) ?? new Map<number, number[]>();
    const exempt = new Set(exemptions.map((e) => e.areaKey));
    const owed = new Set(
      owedItems(
        items.map((i) => ({
          id: i.id,
          areaKey: i.areaKey,
          mode: 'proactive',
          level: i.level,
          kind: i.timingKind,
          days: 0,
          unit: 'working',
          date: '',
        })),
        { agencyId: agency.id, tier: catalogueTier(agency.kind), bindings: own, exempt },
      ).map((i) => i.id),
    );
    const cats = new Map(categories.map((c) => [c.id, c]));
    const areas: PublicArea[] = STANDARD_AREAS.map((a) => ({
      key: a.key,
      name: a.name,
      items: items
        .filter((i) => i.areaKey === a.key && owed.has(i.id))
        .map((item) => ({
          item,
          categories: (own.get(item.id) ?? []).flatMap((id) => {
            const c = cats.get(id);
            return c ? [{ id: c.id, name: c.name, columnKey: c.columnKey }] : [];
          }),
        })),
    })).filter((a) => a.items.length);
    return reply.page(
      <PublicCataloguePage
        ctx={await req.pageContext(reply)}
        agency={agency}
        areas={areas}
        exemptions={exemptions.map((e) => ({ name: findArea(e.areaKey)?.name ?? e.areaKey, reason: e.reason }))}
      />,
    );
  });
}
