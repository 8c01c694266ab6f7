// Queries for the annual report (STYLE practice 8: every number a query over records).
// Table 三 (RULES.md §3.3): an application counts by its 收到申请之日 (receivedOn) and the day it
// was concluded (concludedOn: the reply, or the closure as deemed abandoned):
//   一 新收 = received in the year; 二 上年结转 = received before the year, not concluded before it;
//   三 办理结果 = concluded in the year, one row per outcome; 四 结转下年度 = received by 12-31 and
//   not concluded by 12-31. So 一 + 二 = （七）总计 + 四 holds per column by construction.
// Table 四 (§3.4): records filed in the year, with their result as of 12-31 (else 尚未审结).
// Section 六 needs the fees paid in the year (信息处理费).
import type { Executor } from '../../platform/transaction.ts';
import {
  APPLICANT_KIND_KEYS,
  OUTCOME_KEYS,
  isApplicantKind,
  isOutcomeKey,
  type ApplicantKind,
  type OutcomeKey,
} from './rules/index.ts';

export type ApplicantCounts = Record<ApplicantKind, number>;

export interface Table3Counts {
  year: number;
  newThisYear: ApplicantCounts;
  carriedOver: ApplicantCounts;
  outcomes: Record<OutcomeKey, ApplicantCounts>;
  carriedForward: ApplicantCounts;
}

export type Table4Result = 'upheld' | 'corrected' | 'other' | 'pending';
export type Table4Group = Record<Table4Result | 'total', number>;

export interface Table4Counts {
  year: number;
  reconsideration: Table4Group;
  lawsuitDirect: Table4Group;
  lawsuitAfterReconsideration: Table4Group;
}

function zeros(): ApplicantCounts {
  return Object.fromEntries(APPLICANT_KIND_KEYS.map((k) => [k, 0])) as ApplicantCounts;
}

function bounds(year: number) {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

async function countByKind(
  q: Promise<{ applicantKind: string; n: number | string | bigint }[]>,
): Promise<ApplicantCounts> {
  const out = zeros();
  for (const row of await q) if (isApplicantKind(row.applicantKind)) out[row.applicantKind] += Number(row.n);
  return out;
}

/** Table 三 for the given agencies (one agency, or a supervising agency's roll-up) and year. */
export async function getTable3Counts(db: Executor, agencyIds: readonly number[], year: number): Promise<Table3Counts> {
  const { first, last } = bounds(year);
  const ids = agencyIds.length ? [...agencyIds] : [-1];
  const base = () =>
    db
      .selectFrom('infoRequests')
      .select(['applicantKind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('receivedOn', 'is not', null)
      .groupBy('applicantKind');
  const newThisYear = await countByKind(
    base().where('receivedOn', '>=', first).where('receivedOn', '<=', last).execute(),
  );
  const carriedOver = await countByKind(
    base()
      .where('receivedOn', '<', first)
      .where((eb) => eb.or([eb('concludedOn', 'is', null), eb('concludedOn', '>=', first)]))
      .execute(),
  );
  const carriedForward = await countByKind(
    base()
      .where('receivedOn', '<=', last)
      .where((eb) => eb.or([eb('concludedOn', 'is', null), eb('concludedOn', '>', last)]))
      .execute(),
  );
  const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, zeros()])) as Record<OutcomeKey, ApplicantCounts>;
  const rows = await db
    .selectFrom('infoRequests')
    .select(['applicantKind', 'outcomeKey', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', ids)
    .where('receivedOn', 'is not', null)
    .where('concludedOn', '>=', first)
    .where('concludedOn', '<=', last)
    .groupBy(['applicantKind', 'outcomeKey'])
    .execute();
  for (const r of rows) {
    if (r.outcomeKey && isOutcomeKey(r.outcomeKey) && isApplicantKind(r.applicantKind))
      outcomes[r.outcomeKey][r.applicantKind] += Number(r.n);
  }
  return { year, newThisYear, carriedOver, outcomes, carriedForward };
}

function group(): Table4Group {
  return { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
}

/** Table 四: reconsiderations and lawsuits filed in the year, result as of 12-31. */
export async function getTable4Counts(db: Executor, agencyIds: readonly number[], year: number): Promise<Table4Counts> {
  const { first, last } = bounds(year);
  const rows = await db
    .selectFrom('infoRequestAppeals')
    .select(['kind', 'afterReconsideration', 'result', 'concludedOn'])
    .where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [-1])
    .where('filedOn', '>=', first)
    .where('filedOn', '<=', last)
    .execute();
  const out: Table4Counts = {
    year,
    reconsideration: group(),
    lawsuitDirect: group(),
    lawsuitAfterReconsideration: group(),
  };
  for (const r of rows) {
    const g =
      r.kind === 'reconsideration'
        ? out.reconsideration
        : r.afterReconsideration
          ? out.lawsuitAfterReconsideration
          : out.lawsuitDirect;
    const result: Table4Result =
      r.result !== 'pending' && r.concludedOn && r.concludedOn <= last ? r.result : 'pending';
    g[result] += 1;
    g.total += 1;
  }
  return out;
}

/** 信息处理费 actually paid in the year, in 元. */
export async function getFeesPaidTotal(db: Executor, agencyIds: readonly number[], year: number): Promise<number> {
  const { first, last } = bounds(year);
  const r = await db
    .selectFrom('infoRequests')
    .select((eb) => eb.fn.sum<number>('feePaidAmount').as('total'))
    .where('agencyId', 'in', agencyIds.length ? [...agencyIds] : [-1])
    .where('feePaidOn', '>=', first)
    .where('feePaidOn', '<=', last)
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}
