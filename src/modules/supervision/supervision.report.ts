// Typed counts for the annual report (national format section 一's 监督保障: 工作考核、社会评议和
// 责任追究结果) and the satisfaction dashboard: every figure is a query over records.
import type { Executor } from '../../platform/transaction.ts';
import type { Rating } from '../interaction/index.ts';

export interface SupervisionCounts {
  evaluations: number;
  averageScore: number | null;
  inspections: number;
  inspectionsFixed: number;
  bulletinsPublished: number;
  accountability: number;
}

export async function countSupervision(db: Executor, agencyId: number, year: number): Promise<SupervisionCounts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const ev = await db
    .selectFrom('evaluations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('score').as('avg')])
    .where('agencyId', '=', agencyId)
    .where('heldOn', '>=', from)
    .where('heldOn', '<=', to)
    .executeTakeFirstOrThrow();
  const ins = await db
    .selectFrom('inspections')
    .select(['fixStatus', 'bulletinPublished'])
    .where('agencyId', '=', agencyId)
    .where('inspectedOn', '>=', from)
    .where('inspectedOn', '<=', to)
    .execute();
  const acc = await db
    .selectFrom('accountabilityRecords')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId)
    .where('decidedOn', '>=', from)
    .where('decidedOn', '<=', to)
    .executeTakeFirstOrThrow();
  const n = Number(ev.n);
  return {
    evaluations: n,
    averageScore: n ? Math.round(Number(ev.avg) * 10) / 10 : null,
    inspections: ins.length,
    inspectionsFixed: ins.filter((i) => i.fixStatus === 'fixed').length,
    bulletinsPublished: ins.filter((i) => i.bulletinPublished === 1).length,
    accountability: Number(acc.n),
  };
}

export interface SatisfactionPoint {
  period: string;
  ratings: Record<Rating, number>;
  /** (满意 + 基本满意) / all ratings, in per cent, one decimal; null without ratings. */
  satisfactionRate: number | null;
  evaluations: number;
  averageScore: number | null;
}

/** Satisfaction by month (YYYY-MM) over the given agencies: the writers' ratings and evaluation events. */
export async function satisfactionOverTime(
  db: Executor,
  agencyIds: number[],
  fromDate: string,
): Promise<SatisfactionPoint[]> {
  const ids = agencyIds.length ? agencyIds : [-1];
  const ratings = await db
    .selectFrom('interactionCases')
    .select(['ratedAt', 'rating'])
    .where('agencyId', 'in', ids)
    .where('rating', 'is not', null)
    .where('ratedAt', '>=', fromDate)
    .execute();
  const evals = await db
    .selectFrom('evaluations')
    .select(['heldOn', 'score'])
    .where('agencyId', 'in', ids)
    .where('heldOn', '>=', fromDate)
    .execute();
  const points = new Map<string, { ratings: Record<Rating, number>; scores: number[] }>();
  const at = (period: string) => {
    let p = points.get(period);
    if (!p) points.set(period, (p = { ratings: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 }, scores: [] }));
    return p;
  };
  for (const r of ratings) if (r.rating && r.ratedAt) at(r.ratedAt.slice(0, 7)).ratings[r.rating]++;
  for (const e of evals) at(e.heldOn.slice(0, 7)).scores.push(e.score);
  return [...points.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, p]) => {
      const total = p.ratings.satisfied + p.ratings.basicallySatisfied + p.ratings.dissatisfied;
      return {
        period,
        ratings: p.ratings,
        satisfactionRate: total
          ? Math.round(((p.ratings.satisfied + p.ratings.basicallySatisfied) / total) * 1000) / 10
          : null,
        evaluations: p.scores.length,
        averageScore: p.scores.length
          ? Math.round((p.scores.reduce((a, b) => a + b, 0) / p.scores.length) * 10) / 10
          : null,
      };
    });
}
