// How a provisional date looks wherever it is shown: the date, 「暂定」 and one line of reason.
import { provisionalReason } from './provisional.ts';

/** 「暂定」 and the one-line reason, to follow a provisional date (staff and applicant pages). */
export function ProvisionalMark(p: { years: readonly number[] }) {
  return (
    <>
      {' '}
      <span class="badge badge-provisional">暂定</span>{' '}
      <span class="provisional-reason">{provisionalReason(p.years)}</span>
    </>
  );
}

/**
 * A date with its provisional mark when there is one (a stored flag: 1 or true). The reason names
 * the given years, by default the date's own year (a provisional date lies in an unconfirmed year).
 */
export function DueDate(p: {
  date: string | null | undefined;
  provisional?: boolean | number | null | undefined;
  years?: readonly number[] | undefined;
  empty?: string;
}) {
  if (!p.date) return <>{p.empty ?? '—'}</>;
  return (
    <>
      {p.date}
      {p.provisional ? <ProvisionalMark years={p.years ?? [Number(p.date.slice(0, 4))]} /> : null}
    </>
  );
}

/**
 * The admins' reminder on the 工作台 and the 工作日历 screen (calendarYearToImport): next year's
 * holidays are not imported, so deadlines reaching it are provisional until they are.
 */
export function CalendarImportBanner(p: { year: number | null; link?: boolean }) {
  if (p.year === null) return null;
  return (
    <section class="banner-warning" aria-labelledby="calendar-banner-title">
      <h2 id="calendar-banner-title">{p.year}年节假日安排尚未导入</h2>
      <p>
        落在{p.year}年的期限目前按周末和法定节假日暂算，显示为「暂定」。国务院办公厅公布{p.year}
        年部分节假日安排后，请及时导入；导入时所有暂定期限会自动重新计算，并记入办理记录。
        {p.link ? (
          <>
            {' '}
            <a href="/admin/calendar#import">前往工作日历导入</a>
          </>
        ) : null}
      </p>
    </section>
  );
}
