// Demo data: 灵溪镇's 2013 report (the hand-typed seed, with its errors) imported as a past
// report, so its 年报 column and the checker have a real example; and, relative to the day the
// demo is created (issue #11 point 5), last year's reports: published on time by every agency
// whose due date has passed except 车坪乡 (left overdue, red on the county's 工作台); before the
// due date they stay due, so the 工作台 shows them in 年报待发布.
import { readFileSync } from 'node:fs';
import type { AuditContext } from '../../platform/audit.ts';
import { findAgencyById } from '../agency/index.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { annualReportDueDate } from './deadlines.ts';
import { findReportById } from './annual-report.repository.ts';
import { approveReport, publishReport, submitReport } from './annual-report.workflow.ts';
import { checkReport, openReport, saveNarratives } from './annual-report.service.ts';
import { importReport } from './annual-report.import.ts';
import type { AgencyKind } from './report-data.ts';

export const DEMO_REPORT_FILE = new URL('../demo/lingxi-2013-annual-report.txt', import.meta.url);

/** The agency whose report for last year the demo leaves unpublished past its due date. */
export const DEMO_LATE_REPORT_AGENCY = 'cheping';

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

const OVERRIDE = { allowed: true, reason: '演示数据：年度报告按记录自动生成，未逐项修改。' };

/**
 * Last year's report of each demo agency, published a few days before its due date when `today`
 * is past it (except DEMO_LATE_REPORT_AGENCY). Run after every other demo record, so the frozen
 * figures include them. Returns how many were published.
 */
export async function seedDemoLastYearReports(
  db: Db,
  base: AuditContext,
  agencyIds: Readonly<Record<string, number>>,
  today: string,
): Promise<number> {
  const year = Number(today.slice(0, 4)) - 1;
  let n = 0;
  for (const [slug, id] of Object.entries(agencyIds)) {
    if (slug === DEMO_LATE_REPORT_AGENCY) continue;
    const agency = await findAgencyById(db, id);
    if (!agency) continue;
    const due = annualReportDueDate(agency.kind as AgencyKind, year);
    if (today <= due) continue;
    const on = addCalendarDays(due, -6);
    const ctx = { ...base, at: `${on}T02:00:00.000Z` };
    const report = await inTransaction(db, async (trx) => {
      const r = await openReport(trx, ctx, agency, year);
      await saveNarratives(trx, ctx, r, {
        overview: `${year}年，${agency.name}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、政府信息管理、平台建设和监督保障等各项工作有序开展。`,
        problems: `${year}年本机关政府信息公开工作还存在公开内容不够全面、解读回应不够及时等问题。下一步将加强业务培训，严格落实20个工作日内公开的要求。`,
        other: '无。',
      });
      return (await findReportById(trx, r.id))!;
    });
    const checked = await checkReport(db, report, agency, on);
    await inTransaction(db, async (trx) => {
      await submitReport(trx, ctx, report, agency, checked.findings, OVERRIDE);
      await approveReport(trx, ctx, (await findReportById(trx, report.id))!, '');
      await publishReport(
        trx,
        ctx,
        (await findReportById(trx, report.id))!,
        checked.computed,
        checked.findings,
        OVERRIDE,
      );
    });
    n++;
  }
  return n;
}
