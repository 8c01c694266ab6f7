// Pieces of the staff case page shared by its sections: the case's props, label helpers, the
// form of one step, and how the due date was computed (each segment, skipped holidays).
import type { FieldErrors } from '../../platform/errors.ts';
import { formFields } from '../../platform/views/form-fields.ts';
import { provisionalReason } from '../calendar/index.ts';
import { Csrf, TableScroll } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AppealRow, ConsultationRow, EventRow, InfoRequestRow, LetterRow } from './info-request.view-types.ts';
import { type Deadline, type FeeQuote } from './rules/index.ts';
import type { CorrectionView } from './info-request.correction-views.tsx';
import type { ProactiveState } from './info-request.tables.ts';

export interface CasePageProps {
  /** Online 补正 submissions, oldest first. */
  corrections: CorrectionView[];
  ctx: PageContext;
  r: InfoRequestRow;
  agencyName: string;
  deadline: Deadline | null;
  consultations: ConsultationRow[];
  letters: LetterRow[];
  attachments: { id: number; fileName: string; size: number }[];
  events: EventRow[];
  appeals: AppealRow[];
  today: string;
  can: { process: boolean; reply: boolean; extend: boolean; archive: boolean; intake: boolean };
  quote: FeeQuote | null;
  /**
   * The fee's payment period as the current calendar gives it (provisional while its year's
   * holidays are not published), computed from the notice's receipt day.
   */
  feeDue?: { dueOn: string; provisionalYears: number[] } | null | undefined;
  /** The 第四十四条 suggestion this application belongs to, if any. */
  proactive?: { id: number; state: ProactiveState; origin: string } | null | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
}

/**
 * The controls of the case page's step forms bound to the step's values and errors: `f` as
 * formFields (with `defaults` shown before anything was entered), `date` a date control that
 * starts at today.
 */
export function caseFields(
  p: Pick<CasePageProps, 'values' | 'errors' | 'today'>,
  defaults: Record<string, string | undefined> = {},
) {
  const f = formFields(p.values ?? {}, p.errors ?? {}, defaults);
  const date = (name: string, label: string) => ({
    ...f(name, label),
    type: 'date' as const,
    value: p.values?.[name] ?? p.today,
  });
  return { f, date };
}

export const lbl = (labels: Readonly<Record<string, string>>, k: string | null) => (k ? (labels[k] ?? k) : '');
export const opts = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function ActionForm(p: {
  ctx: PageContext;
  action: string;
  title: string;
  button: string;
  children: preact.ComponentChildren;
  multipart?: boolean;
}) {
  return (
    <section class="ir-action" aria-labelledby={`a-${p.action}`}>
      <h3 id={`a-${p.action}`}>{p.title}</h3>
      <form method="post" action={p.action} enctype={p.multipart ? 'multipart/form-data' : undefined}>
        <Csrf token={p.ctx.csrfToken} />
        {p.children}
        <button type="submit" class="button">
          {p.button}
        </button>
      </form>
    </section>
  );
}

export function ClockExplanation({ d }: { d: Deadline }) {
  return (
    <section aria-labelledby="clock-title">
      <h2 id="clock-title">答复期限的计算</h2>
      <TableScroll label="答复期限的计算过程">
        <table>
          <caption>每一段期间（起算日不计入，自次日起算）</caption>
          <thead>
            <tr>
              <th scope="col">期间</th>
              <th scope="col">自（不含）</th>
              <th scope="col">至（含）</th>
              <th scope="col">工作日</th>
              <th scope="col">跳过的非工作日</th>
              <th scope="col">调休上班日</th>
            </tr>
          </thead>
          <tbody>
            {d.segments.map((s, i) => (
              <tr key={i}>
                <td>
                  {s.label}
                  {s.counted ? '' : '（不计入）'}
                </td>
                <td>{s.from}</td>
                <td>{s.to ?? '进行中'}</td>
                <td>{s.workingDays}</td>
                <td>{s.skipped.length ? s.skipped.map((k) => `${k.date}（${k.reason}）`).join('、') : '—'}</td>
                <td>
                  {s.adjustedWorkdays.length
                    ? s.adjustedWorkdays.map((k) => `${k.date}（${k.reason}）`).join('、')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        补正告知期限：{d.correctionNoticeDueOn}
        <Tentative d={d} date={d.correctionNoticeDueOn} />
        ；原答复期限：{d.baseDueOn ?? '—'}
        <Tentative d={d} date={d.baseDueOn} />
        ；答复期限：
        <strong>
          {d.dueOn ?? (d.status === 'paused' ? `暂停中（剩余${d.remainingWorkingDays ?? 0}个工作日）` : '待补正')}
        </strong>
        <Tentative d={d} date={d.dueOn} />
        {d.maxExtendedDueOn && !d.extensionWorkingDays ? (
          <>
            ；如延长20个工作日：{d.maxExtendedDueOn}
            <Tentative d={d} date={d.maxExtendedDueOn} />
          </>
        ) : null}
        ；暂停的工作日：{d.pausedWorkingDays}。
        {d.provisionalYears?.length ? (
          <span class="provisional-reason">标「暂定」的：{provisionalReason(d.provisionalYears)}</span>
        ) : null}
      </p>
      {d.warnings.length ? (
        <ul class="ir-warnings">
          {d.warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * 「暂定」 after a date of the explanation that lies in a year whose holidays are not published
 * (the reason is given once, at the end of the sentence).
 */
function Tentative(p: { d: Deadline; date: string | null }) {
  const year = p.date ? Number(p.date.slice(0, 4)) : NaN;
  return p.d.provisionalYears?.includes(year) ? (
    <>
      {' '}
      <span class="badge badge-provisional">暂定</span>
    </>
  ) : null;
}
