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
