import { findAgencyById } from '../../../src/modules/agency/index.ts';
import { checkReport, openReport, saveNarratives } from '../../../src/modules/annual-report/annual-report.service.ts';
import {
  approveReport,
  returnReport,
  submitReport,
} from '../../../src/modules/annual-report/annual-report.workflow.ts';
import type { AnnualReportState } from '../../../src/modules/annual-report/annual-report.tables.ts';
import type { Executor } from '../../../src/platform/transaction.ts';
import { ctxOf, todayOf, tx, type Env } from './kit.ts';

// ——— annual reports ———

/**
 * The annual report of `agencyId` for `year` (national2021 format), with narratives filled in,
 * brought to `state` (submitted with the admin's override when the check finds errors).
 */
export async function makeReport(
  env: Env,
  agencyId: number,
  year: number,
  state: Extract<AnnualReportState, 'draft' | 'submitted' | 'returned' | 'approved'> = 'draft',
): Promise<{ id: number }> {
  const db = env.database.db;
  const agency = (await findAgencyById(db, agencyId))!;
  const report = await tx(env, async (trx) => {
    const r = await openReport(trx, ctxOf(env), agency, year);
    await saveNarratives(trx, ctxOf(env), r, {
      overview: `${year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。`,
      problems: '主动公开的深度有待加强。',
      other: '本年度未收取信息处理费。',
    });
    return r;
  });
  const load = (ex: Executor = db) =>
    ex.selectFrom('annualReports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
  if (state === 'draft') return { id: report.id };
  const { findings } = await checkReport(db, await load(), agency, todayOf(env));
  const r = await load();
  await tx(env, (trx) => submitReport(trx, ctxOf(env), r, agency, findings, { allowed: true, reason: '测试报送' }));
  if (state === 'returned')
    await tx(env, async (trx) => returnReport(trx, ctxOf(env), await load(trx), '请补充数据。'));
  if (state === 'approved') await tx(env, async (trx) => approveReport(trx, ctxOf(env), await load(trx), ''));
  return { id: report.id };
}
