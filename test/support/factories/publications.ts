import { createDraft, draftInput, review, signOff, submit } from '../../../src/modules/publication/index.ts';
import { withdraw } from '../../../src/modules/publication/publication.service.ts';
import type { PublicationState } from '../../../src/modules/publication/publication.tables.ts';
import type { Trx } from '../../../src/platform/transaction.ts';
import { calendarOf, ctxOf, next, todayOf, tx, type Env } from './kit.ts';

// ——— publications ———

export interface PublicationOver {
  title?: string;
  body?: string;
  formedOn?: string;
  /** Category codes of the agency's taxonomy; default 「机构职能」's first statutory category. */
  categoryCodes?: string[];
  values?: Record<string, string>;
}

/**
 * A publication of `agencyId` brought to `state` through the workflow (draft → submit → 保密审查
 * → 签发, or withdrawn after release); 'returned' is a draft sent back by the reviewer with a comment.
 */
export async function makePublication(
  env: Env,
  agencyId: number,
  state: PublicationState | 'returned' = 'published',
  over: PublicationOver = {},
): Promise<{ id: number; indexNumber: string | null }> {
  const db = env.database.db;
  const codes = over.categoryCodes ?? ['statutory.a21.2'];
  const cats = await db
    .selectFrom('categories')
    .select(['id', 'code'])
    .where('agencyId', '=', agencyId)
    .where('code', 'in', codes)
    .execute();
  if (cats.length !== codes.length) throw new Error(`agency ${agencyId} has no category ${codes.join(', ')}`);
  const cal = await calendarOf(env);
  const n = next();
  const id = await tx(env, (trx) =>
    createDraft(
      trx,
      ctxOf(env),
      'system',
      cal,
      agencyId,
      draftInput(
        {
          title: over.title ?? `测试公开信息${n}`,
          body: over.body ?? `<p>测试正文${n}。</p>`,
          issuer: '党政综合办公室',
          formedOn: over.formedOn ?? todayOf(env),
          ...over.values,
        },
        cats.map((c) => String(c.id)),
      ),
    ),
  );
  const steps: Record<string, ((trx: Trx) => Promise<unknown>)[]> = {
    draft: [],
    returned: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'return', '请补充文号。'),
    ],
    submitted: [(t) => submit(t, ctxOf(env), 'system', id)],
    reviewed: [(t) => submit(t, ctxOf(env), 'system', id), (t) => review(t, ctxOf(env), 'system', id, 'pass', '')],
    published: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'pass', ''),
      (t) => signOff(t, ctxOf(env), 'system', id, 'approve', ''),
    ],
    withdrawn: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'pass', ''),
      (t) => signOff(t, ctxOf(env), 'system', id, 'approve', ''),
      (t) => withdraw(t, ctxOf(env), 'system', id, '内容已过时。'),
    ],
  };
  for (const step of steps[state] ?? []) await tx(env, step);
  const row = await db.selectFrom('publications').select('indexNumber').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, indexNumber: row.indexNumber };
}
