// Annual report due dates (RULES.md §1.14, rule 14; §2 for the 2007 条例).
//
// Under the 2019 条例 (report years 2019 onward): 县级以上人民政府部门 publish by 1月31日
// (第四十九条), at every level; 县级以上地方人民政府 (a province's, a prefecture's and a county's
// government) publish their report by 3月31日 (第四十九条第二款); 乡镇 are not named, so
// the county sets their date — a setting, default 01-31 (UNCONFIRMED nationally). Sub-districts
// (街道), which like towns report to the county, use the same setting.
// Under the 2007 条例 (report years up to 2018, due before the 2019 条例 took effect on
// 2019-05-15) 各级行政机关 published by 3月31日; the town setting is not applied to those years.
// Due dates are calendar dates: the 条例 says "1月31日前", not a number of working days.

import type { AgencyKind } from './report-data.ts';

export interface AnnualReportDeadlineSettings {
  /** Town/township/sub-district due date as MM-DD in the year after the report year. */
  townDueMonthDay?: string;
}

export const DEFAULT_TOWN_DUE_MONTH_DAY = '01-31';

/** The last report year published under the 2007 条例 (国务院令第492号). */
export const LAST_REPORT_YEAR_UNDER_2007_REGULATION = 2018;

function validMonthDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  // Checked against a non-leap year: a due date must exist every year.
  const t = new Date(Date.UTC(2023, month - 1, day));
  return t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/** The last day (YYYY-MM-DD, inclusive) on which the report for `reportYear` may be published. */
export function annualReportDueDate(
  kind: AgencyKind,
  reportYear: number,
  settings: AnnualReportDeadlineSettings = {},
): string {
  if (!Number.isInteger(reportYear) || reportYear < 2008) {
    throw new RangeError(`报告年度“${reportYear}”无效：政府信息公开年度报告自2008年度起编制。`);
  }
  const next = reportYear + 1;
  if (reportYear <= LAST_REPORT_YEAR_UNDER_2007_REGULATION) return `${next}-03-31`;
  switch (kind) {
    case 'department':
      return `${next}-01-31`;
    case 'provinceGovernment':
    case 'prefectureGovernment':
    case 'countyGovernment':
      return `${next}-03-31`;
    case 'town':
    case 'township':
    case 'subDistrict': {
      const monthDay = settings.townDueMonthDay ?? DEFAULT_TOWN_DUE_MONTH_DAY;
      if (!validMonthDay(monthDay)) {
        throw new RangeError(`乡镇年度报告截止日期设置“${monthDay}”无效，应为 MM-DD 格式的有效日期（如 01-31）。`);
      }
      return `${next}-${monthDay}`;
    }
  }
}

/** This year's report joins the 工作台's "due" queue this many days before its due date. */
export const REPORT_DUE_WINDOW_DAYS = 60;

/**
 * The report year the 年度报告 console opens on when none is asked for (`today` YYYY-MM-DD,
 * Beijing): this year's from the day its report joins the 工作台's due queue — REPORT_DUE_WINDOW_DAYS
 * before the earliest due date, 1月31日 of next year, so from 2 December — and last year's before
 * that. In December the 工作台's 「即将到期的年度报告」 opened last year's list, all published.
 */
export function currentReportYear(today: string): number {
  const year = Number(today.slice(0, 4));
  const soonest = Date.parse(`${year + 1}-01-31T00:00:00Z`) - REPORT_DUE_WINDOW_DAYS * 86_400_000;
  return Date.parse(`${today}T00:00:00Z`) >= soonest ? year : year - 1;
}

/**
 * Whether the year a report covers has ended on `today` (YYYY-MM-DD, Beijing): a 年度报告 reports
 * 上一年度 (条例 第四十九条: 每年1月31日前…公布本行政机关上一年度政府信息公开工作年度报告), so the
 * report for `reportYear` is published from 1 January of the next year, when its figures are whole.
 */
export function reportYearEnded(reportYear: number, today: string): boolean {
  return today >= `${reportYear + 1}-01-01`;
}

/**
 * The deadline settings of an agency whose parent is `parentId` (RULES.md §1.14: the county sets
 * its towns' date). A town's government is its parent (agency.rules.ts: towns sit directly under a
 * county or a prefecture); that government's setting wins over the platform's (agency 0). Only
 * towns, townships and sub-districts read it.
 */
export function townDeadlineOf(
  settings: ReadonlyMap<number, string>,
  parentId: number | null,
): AnnualReportDeadlineSettings {
  const v = (parentId === null ? undefined : settings.get(parentId)) ?? settings.get(0);
  return v ? { townDueMonthDay: v } : {};
}

/** True when a report published on `publishedOn` (YYYY-MM-DD) is after its due date. */
export function isAnnualReportLate(
  kind: AgencyKind,
  reportYear: number,
  publishedOn: string,
  settings: AnnualReportDeadlineSettings = {},
): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) {
    throw new RangeError(`发布日期“${publishedOn}”无效，应为 YYYY-MM-DD 格式。`);
  }
  return publishedOn > annualReportDueDate(kind, reportYear, settings);
}
