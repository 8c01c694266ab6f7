// Publicity notices (公示): a title, a body, an optional table whose columns carry a masking kind,
// and a publicity period in calendar or working days. Public pages and exports only ever see the
// masked table (条例 第十五条, personal privacy); authorised staff see the cells as entered.
// When the period ends the expiry job takes the notice off every public list and records the
// days it was public.
import { ValidationError } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import { maskPersonalNumbers } from '../../platform/privacy/detectors.ts';
import { toSafeCsv } from '../../platform/spreadsheet/formula-injection.ts';
import type { Db, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import {
  addCalendarDays,
  addWorkingDays,
  CalendarYearNotConfirmedError,
  isValidIsoDate,
  nextWorkingDayOnOrAfter,
  todayInShanghai,
  withProvisionalFallback,
  type WorkCalendar,
} from '../calendar/index.ts';
import { maskRow, type CellValue, type ColumnKind } from '../../platform/privacy/masking.ts';
import { knownPublicData } from '../publication/index.ts';
import { insertNotice, listExpiredNotices, updateNotice, type NoticeRow } from './notice.repository.ts';
import { noticeFindings, refuseNoticeFindings } from './notice.privacy.ts';
import type { PeriodUnit } from './notice.tables.ts';

export interface NoticeColumn {
  label: string;
  kind: ColumnKind;
}

export const KIND_WORDS: Record<string, ColumnKind> = {
  姓名: 'name',
  身份证号: 'idNumber',
  电话: 'phone',
  银行卡号: 'bankCard',
  地址: 'address',
  其他: 'plain',
};
export const KIND_NAMES: Record<ColumnKind, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '电话',
  bankCard: '银行卡号',
  address: '地址',
  plain: '其他',
};

export const NOTICE_FORM = {
  title: { label: '标题', required: true, max: 200 },
  body: { label: '正文', required: true, max: 20000 },
  columns: { label: '表格列', max: 2000 },
  rows: { label: '表格内容', max: 200000 },
  startDate: {
    label: '公示开始日期',
    required: true,
    check: (v: string) => (isValidIsoDate(v) ? null : '请输入有效的日期，如 2025-06-02。'),
  },
  periodDays: {
    label: '公示天数',
    required: true,
    pattern: /^\d{1,3}$/,
    patternMessage: '公示天数应为 1 到 365 之间的整数。',
    check: (v: string) => (Number(v) >= 1 && Number(v) <= 365 ? null : '公示天数应为 1 到 365 之间的整数。'),
  },
  periodUnit: { label: '天数类型', required: true, oneOf: ['calendar', 'working'] },
  objectionContact: { label: '异议受理方式', required: true, max: 500 },
} satisfies FormSpec<string>;
export type NoticeInput = Record<keyof typeof NOTICE_FORM, string>;

/** "姓名|姓名" per line: the column's heading and its masking kind (姓名/身份证号/电话/地址/其他). */
export function parseColumns(text: string): NoticeColumn[] {
  const out: NoticeColumn[] = [];
  for (const [i, line] of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .entries()) {
    const [label = '', kindWord = '其他'] = line.split(/[|｜]/u).map((s) => s.trim());
    const kind = KIND_WORDS[kindWord];
    if (!label || !kind)
      throw new ValidationError({
        columns: `第 ${i + 1} 列的格式应为“列名|类型”，类型为 姓名、身份证号、电话、银行卡号、地址 或 其他。`,
      });
    out.push({ label, kind });
  }
  return out;
}

/** One row per line, cells separated by tabs (pasted from a spreadsheet) or commas. */
export function parseRows(text: string, columns: number): string[][] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length && !columns) throw new ValidationError({ columns: '填写表格内容前，请先定义表格列。' });
  return lines.map((line, i) => {
    const cells = line.split(line.includes('\t') ? '\t' : /[,，]/u).map((c) => c.trim());
    if (cells.length !== columns)
      throw new ValidationError({ rows: `第 ${i + 1} 行有 ${cells.length} 个单元格，应为 ${columns} 个。` });
    return cells;
  });
}

/** The last day of the period; the start day counts as the first day. */
export function computeEndDate(cal: WorkCalendar, startDate: string, days: number, unit: PeriodUnit): string {
  if (unit === 'calendar') return addCalendarDays(startDate, days - 1);
  const first = nextWorkingDayOnOrAfter(cal, startDate);
  return days === 1 ? first : addWorkingDays(cal, first, days - 1).date;
}

/**
 * The last day of the period, provisional when a period in working days reaches a year whose
 * holidays are not imported (issue #11 point 3: drafting is never refused for this reason): then
 * weekends and the statutory holidays are assumed (calendar/provisional.ts), the date is stored
 * flagged and recomputed when the year is imported (notice.provisional.ts).
 */
export function computeEndDateProvisional(
  cal: WorkCalendar,
  startDate: string,
  days: number,
  unit: PeriodUnit,
): { endDate: string; provisional: boolean; provisionalYears: number[] } {
  const r = withProvisionalFallback(cal, (c) => computeEndDate(c, startDate, days, unit));
  return { endDate: r.value, provisional: r.provisional, provisionalYears: r.provisionalYears };
}

export function noticeColumns(row: Pick<NoticeRow, 'tableColumns'>): NoticeColumn[] {
  return JSON.parse(row.tableColumns) as NoticeColumn[];
}

export function noticeRowsUnmasked(row: Pick<NoticeRow, 'tableRows'>): string[][] {
  return JSON.parse(row.tableRows) as string[][];
}

/**
 * The table as the public sees it, on pages and in every export: each cell masked by its column's
 * kind, then every personal number still in it masked (fail closed: a column declared 其他 that holds
 * ID numbers shows them masked all the same). Saving and publishing refuse such a table anyway
 * (notice.privacy.ts: the personal-data guard's detectors on title, body and cells).
 */
export function noticeRowsMasked(row: Pick<NoticeRow, 'tableColumns' | 'tableRows'>): CellValue[][] {
  const kinds = noticeColumns(row).map((c) => c.kind);
  return noticeRowsUnmasked(row).map((r) =>
    maskRow(r, kinds).map((cell) => (typeof cell === 'string' ? maskPersonalNumbers(cell) : cell)),
  );
}

/** The notice table as CSV; formula-like cells are neutralised (platform/spreadsheet). */
export function toCsv(header: string[], rows: readonly (readonly CellValue[])[]): string {
  return toSafeCsv([header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
}

function prepare(cal: WorkCalendar, input: NoticeInput) {
  const columns = parseColumns(input.columns);
  const rows = parseRows(input.rows, columns.length);
  const unit = input.periodUnit as PeriodUnit;
  let end: ReturnType<typeof computeEndDateProvisional>;
  try {
    end = computeEndDateProvisional(cal, input.startDate, Number(input.periodDays), unit);
  } catch (err) {
    // Only a year nothing can be assumed for (before 2025, when the 2024 revision did not govern).
    if (err instanceof CalendarYearNotConfirmedError) throw new ValidationError({ periodDays: err.message });
    throw err;
  }
  return { columns, rows, unit, endDate: end.endDate, endProvisional: end.provisional };
}

export async function createNotice(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  agencyId: number,
  input: NoticeInput,
): Promise<number> {
  const p = prepare(cal, input);
  // The personal-data guard on the title, the body and every cell (notice.privacy.ts).
  refuseNoticeFindings(
    noticeFindings(
      { title: input.title, body: input.body, columns: p.columns, rows: p.rows },
      await knownPublicData(trx),
    ),
  );
  const id = await insertNotice(trx, {
    agencyId,
    title: input.title,
    body: input.body,
    tableColumns: JSON.stringify(p.columns),
    tableRows: JSON.stringify(p.rows),
    periodUnit: p.unit,
    periodDays: Number(input.periodDays),
    startDate: input.startDate,
    endDate: p.endDate,
    endProvisional: p.endProvisional ? 1 : 0,
    objectionContact: input.objectionContact,
    state: 'draft',
    publishedAt: null,
    endedAt: null,
    publishedFrom: null,
    publishedUntil: null,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'notice.created',
    { type: 'notice', id, agencyId },
    {
      after: {
        title: input.title,
        startDate: input.startDate,
        endDate: p.endDate,
        endProvisional: p.endProvisional,
        rows: p.rows.length,
      },
    },
  );
  return id;
}

export async function publishNotice(trx: Trx, ctx: AuditContext, row: NoticeRow): Promise<void> {
  if (row.state !== 'draft') throw new ValidationError({ state: '只有草稿可以发布。' });
  const today = todayInShanghai(new Date(ctx.at));
  if (row.endDate < today) throw new ValidationError({ state: '公示期已过，不能发布。' });
  // A draft saved before this check existed (or written by other means) is checked again here.
  const notice = { title: row.title, body: row.body, columns: noticeColumns(row), rows: noticeRowsUnmasked(row) };
  refuseNoticeFindings(noticeFindings(notice, await knownPublicData(trx)), true);
  const publishedFrom = row.startDate > today ? row.startDate : today;
  await updateNotice(trx, row.id, { state: 'published', publishedAt: ctx.at, publishedFrom, updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'notice.published',
    { type: 'notice', id: row.id, agencyId: row.agencyId },
    { before: { state: row.state }, after: { state: 'published', publishedFrom, endDate: row.endDate } },
  );
}

export async function withdrawNotice(trx: Trx, ctx: AuditContext, row: NoticeRow): Promise<void> {
  if (row.state !== 'published' && row.state !== 'draft')
    throw new ValidationError({ state: '该公示已结束或已撤回。' });
  const today = todayInShanghai(new Date(ctx.at));
  const publishedUntil = row.state === 'published' ? (row.endDate < today ? row.endDate : today) : null;
  await updateNotice(trx, row.id, { state: 'withdrawn', endedAt: ctx.at, publishedUntil, updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'notice.withdrawn',
    { type: 'notice', id: row.id, agencyId: row.agencyId },
    { before: { state: row.state }, after: { state: 'withdrawn', publishedUntil } },
  );
}

/**
 * The expiry job: every published notice whose last day has passed becomes 'ended', with the
 * record of publication publishedFrom–publishedUntil (= its end date, however late the job runs).
 * Idempotent: an ended notice is not selected again; a restart catches up on the next run.
 */
export async function endExpiredNotices(db: Db, ctx: AuditContext, batchSize = 100): Promise<number> {
  const today = todayInShanghai(new Date(ctx.at));
  let ended = 0;
  for (;;) {
    const rows = await listExpiredNotices(db, today, batchSize);
    for (const row of rows) {
      const run = async (trx: Trx) => {
        const res = await trx
          .updateTable('notices')
          .set({ state: 'ended', endedAt: ctx.at, publishedUntil: row.endDate, updatedAt: ctx.at })
          .where('id', '=', row.id)
          .where('state', '=', 'published')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        await recordEvent(
          trx,
          ctx,
          'notice.ended',
          { type: 'notice', id: row.id, agencyId: row.agencyId },
          {
            before: { state: 'published' },
            after: { state: 'ended', publishedFrom: row.publishedFrom, publishedUntil: row.endDate },
          },
        );
        ended++;
      };
      await db.transaction().execute(run);
    }
    if (rows.length < batchSize) break;
  }
  return ended;
}
