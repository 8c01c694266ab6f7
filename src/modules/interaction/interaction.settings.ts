// Per-agency answer periods for the public channels, stored in the settings table. The default
// (15 working days) is UNCONFIRMED locally; each agency sets its own, and a changed setting only
// applies to cases received afterwards (the due date is stored on each case).
import { ValidationError } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { writeSetting } from '../settings/index.ts';
import { answerDaysFor, answerDaysKey } from './interaction.service.ts';
import { CASE_KINDS, type CaseKind } from './interaction.tables.ts';

export type AnswerDays = Record<CaseKind, string>;

export async function loadAnswerDays(db: Executor, agencyId: number): Promise<AnswerDays> {
  const out = {} as AnswerDays;
  for (const kind of CASE_KINDS) out[kind] = String(await answerDaysFor(db, agencyId, kind));
  return out;
}

export function parseAnswerDays(input: Record<string, string>): Record<CaseKind, number> {
  const errors: Record<string, string> = {};
  const out = {} as Record<CaseKind, number>;
  for (const kind of CASE_KINDS) {
    const v = (input[kind] ?? '').trim();
    if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > 60) errors[kind] = '应为 1 到 60 之间的整数（工作日）。';
    else out[kind] = Number(v);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}

export async function saveAnswerDays(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  days: Record<CaseKind, number>,
): Promise<void> {
  const before = await loadAnswerDays(trx, agencyId);
  for (const kind of CASE_KINDS) {
    await writeSetting(trx, agencyId, answerDaysKey(kind), days[kind], ctx.at);
  }
  await recordEvent(
    trx,
    ctx,
    'interaction.answerDaysChanged',
    { type: 'agency', id: agencyId, agencyId },
    { before, after: days },
  );
}
