// Demo data: 灵溪镇's 2013 report (the hand-typed seed, with its errors) imported as a past
// report, so its 年报 column and the checker have a real example.
import { readFileSync } from 'node:fs';
import type { AuditContext } from '../../platform/audit.ts';
import { findAgencyById } from '../agency/index.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { importReport } from './annual-report.service.ts';

export const DEMO_REPORT_FILE = new URL('../demo/lingxi-2013-annual-report.txt', import.meta.url);

export async function seedDemoAnnualReports(
  db: Db,
  ctx: AuditContext,
  agencyIds: Record<string, number>,
): Promise<void> {
  const lingxiId = agencyIds.lingxi;
  const lingxi = lingxiId ? await findAgencyById(db, lingxiId) : undefined;
  if (!lingxi) return;
  const text = readFileSync(DEMO_REPORT_FILE, 'utf8');
  await inTransaction(db, (trx) => importReport(trx, ctx, lingxi, 2013, text));
}
