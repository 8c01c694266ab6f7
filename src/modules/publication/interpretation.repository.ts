// 政策解读 (issue #17 point 1): the 解读 of a policy, the policies a 解读 may explain, and the
// queue condition of released 规范性文件 still without a released 解读.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../platform/transaction.ts';
import { readSetting } from '../settings/index.ts';
import { INTERPRETATION_DAYS_DEFAULT, INTERPRETATION_DAYS_KEY } from './publication.rules.ts';

/** Every 解读 linked to a policy, whatever its state (the staff page lists drafts too). */
export function interpretationsOf(db: Executor, policyId: number) {
  return db
    .selectFrom('publications')
    .select(['id', 'title', 'state', 'interpretationForm', 'publishedOn', 'mediaUrl'])
    .where('interpretsId', '=', policyId)
    .orderBy('id')
    .execute();
}

/** The policies of an agency a 解读 may explain: not a 解读, not withdrawn; 规范性文件 and 规章 first. */
export function policyOptions(db: Executor, agencyId: number, selfId?: number) {
  return db
    .selectFrom('publications')
    .select(['id', 'title', 'documentNumber', 'state', 'docKind'])
    .where('agencyId', '=', agencyId)
    .where('interpretationForm', '=', '')
    .where('state', '<>', 'withdrawn')
    .$if(selfId !== undefined, (q) => q.where('id', '<>', selfId ?? 0))
    .orderBy((eb) => eb.case().when('docKind', '=', 'other').then(1).else(0).end())
    .orderBy('formedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(300)
    .execute();
}

/** The working days a released 规范性文件 may wait for its 解读 (platform setting; 0 = 同步). */
export async function interpretationDays(db: Executor): Promise<number> {
  const v = await readSetting(db, 0, INTERPRETATION_DAYS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 60 ? v : INTERPRETATION_DAYS_DEFAULT;
}

/**
 * A released, valid 规范性文件 with no released 解读, released on or before `releasedBy` (today
 * minus the setting's working days): the 工作台's queue and the list behind it.
 */
export function missingInterpretationCondition(releasedBy: string) {
  return (eb: ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>) =>
    eb.and([
      eb('p.state', '=', 'published'),
      eb('p.docKind', '=', 'normativeDocument'),
      eb('p.validity', '=', 'valid'),
      eb('p.interpretationForm', '=', ''),
      eb('p.publishedOn', '<=', releasedBy),
      eb.not(
        eb.exists(
          eb
            .selectFrom('publications as i')
            .select('i.id')
            .whereRef('i.interpretsId', '=', 'p.id')
            .where('i.state', '=', 'published'),
        ),
      ),
    ]);
}
