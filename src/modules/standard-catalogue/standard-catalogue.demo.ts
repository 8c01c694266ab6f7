// Demo 基层政务公开标准目录 (issue #17 point 2): the starter set (社会救助, 养老服务, 财政预决算), 灵溪镇's
// 目录 categories bound to items of those three areas (社会救助's policy documents → 第二十一条「社会
// 救助」, its 办事指南 → 第二十条 (五); 财政预决算 → 第二十条「财政预算、决算信息」; 养老服务 →
// 第二十条 (十一)); 社会救助's 监督检查 and 审核信息 left unbound; one area declared 未涉及 with its
// reason. Two living publications (demo-living.ts: a 低保 notice on time, a 部门预算 released
// 32 days after it was formed, past 「批复后20日内」) make the completeness view show a mix.
import type { AuditContext } from '../../platform/audit.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { exemptArea, setBindings } from './standard-catalogue.bindings.ts';
import { listItems, loadStarterSet } from './standard-catalogue.items.ts';

/** 二级事项 → the 灵溪镇 category it is bound to (by area; '*' = every item of the area). */
const BIND: Record<string, Record<string, string>> = {
  socialAssistance: { 政策法规文件: 'statutory.a21.8', 办事指南: 'statutory.a20.5' },
  budgets: { '*': 'statutory.a20.7' },
  elderlyCare: { '*': 'statutory.a20.11' },
};

export async function seedDemoStandardCatalogue(
  db: Db,
  ctx: AuditContext,
  agencyIds: Readonly<Record<string, number>>,
): Promise<void> {
  const lingxi = agencyIds.lingxi;
  await inTransaction(db, async (trx) => {
    await loadStarterSet(trx, ctx);
    if (!lingxi) return;
    const cats = await trx
      .selectFrom('categories')
      .select(['id', 'code'])
      .where('agencyId', '=', lingxi)
      .where(
        'code',
        'in',
        Object.values(BIND).flatMap((m) => Object.values(m)),
      )
      .execute();
    const byCode = new Map(cats.map((c) => [c.code, c.id]));
    const chosen = new Map<number, number | null>();
    for (const it of await listItems(trx)) {
      const code = BIND[it.areaKey]?.[it.level2] ?? BIND[it.areaKey]?.['*'];
      const cat = code ? byCode.get(code) : undefined;
      if (cat && it.level !== 'county') chosen.set(it.id, cat);
    }
    await setBindings(trx, ctx, lingxi, chosen);
    await exemptArea(
      trx,
      ctx,
      lingxi,
      'housingExpropriation',
      '本镇辖区内没有国有土地上房屋征收项目，该领域事项由县住房和城乡建设局公开。',
    );
  });
}
