// Shared steps of every 依申请公开 service: the stored clock (STYLE practice 10 — recomputed by
// the pure computeDeadline whenever a date it depends on changes, and stored with its
// explanation), the applicant/staff timeline, audit, letters and the letter header data.
import { AppError } from '../../platform/errors.ts';
import { maskPersonalNumbers } from '../../platform/privacy/detectors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import {
  PROVISIONAL_LETTER_NOTE,
  todayInShanghai,
  withProvisionalFallback,
  type WorkCalendar,
} from '../calendar/index.ts';
import { LETTER_TEMPLATE_VERSIONS, type LetterCase, type LetterData } from './info-request.letters.ts';
import {
  findInfoRequestById,
  insertEvent,
  lockInfoRequest,
  insertLetter,
  listConsultations,
  updateInfoRequest,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { loadClockSettings } from './info-request.settings.ts';
import type { LetterKind } from './info-request.tables.ts';
import { computeDeadline, type ClockPause, type Deadline, type DeadlineInput } from './rules/index.ts';

export function todayOf(ctx: AuditContext): string {
  return todayInShanghai(new Date(ctx.at));
}

export { hashQueryCode } from '../../platform/query-code.ts';

export async function loadCase(db: Executor, id: number): Promise<InfoRequestRow> {
  const row = await findInfoRequestById(db, id);
  if (!row) throw new AppError('notFound', '该申请不存在。');
  return row;
}

/**
 * The case as it stands inside the action's transaction, locked until the commit: two staff who
 * press 确认收到 at the same moment act one after the other, the second on the state the first left
 * (a 409), instead of both on the state read before (confirmed twice, two 登记回执).
 */
export async function loadCaseForAction(trx: Trx, id: number): Promise<InfoRequestRow> {
  await lockInfoRequest(trx, id);
  return loadCase(trx, id);
}

export function informationSought(
  r: Pick<InfoRequestRow, 'informationName' | 'documentNumber' | 'featureDescription'>,
): string {
  // Quoted in the receipt and in every letter, which the tracking page shows to whoever holds the
  // number and query code: a phone or ID number typed into the description is masked there (staff
  // read the application as typed on the case page).
  return maskPersonalNumbers(
    [r.informationName, r.documentNumber ? `文号：${r.documentNumber}` : '', r.featureDescription]
      .filter(Boolean)
      .join('；'),
  );
}

/**
 * A letter's sender: the agency, its 政府信息公开工作机构 and the body that hears a 行政复议 —
 * 行政复议法（2023修订）第二十四条: the 县级人民政府 hears cases against its departments and the
 * towns below it; a case against the county government goes to the next level up. Shared by the
 * letters of applications and of record amendment requests.
 */
export async function letterSender(
  db: Executor,
  agencyId: number,
): Promise<Pick<LetterCase, 'agencyName' | 'officeName' | 'officePhone' | 'officeAddress' | 'reconsiderationBody'>> {
  const agency = await db.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();
  const parent = agency.parentId
    ? await db.selectFrom('agencies').select('name').where('id', '=', agency.parentId).executeTakeFirst()
    : undefined;
  return {
    agencyName: agency.name,
    officeName: agency.officeName,
    officePhone: agency.officePhone,
    officeAddress: agency.officeAddress,
    reconsiderationBody: parent?.name ?? '上一级人民政府',
  };
}

export async function letterCase(db: Executor, r: InfoRequestRow): Promise<LetterCase> {
  return {
    number: r.number,
    applicantName: r.applicantName,
    informationSought: informationSought(r),
    ...(await letterSender(db, r.agencyId)),
  };
}

export interface TimelineEntry {
  kind: string;
  onDate: string;
  publicText?: string;
  staffNote?: string;
}

export async function addTimeline(trx: Trx, ctx: AuditContext, infoRequestId: number, e: TimelineEntry): Promise<void> {
  await insertEvent(trx, {
    infoRequestId,
    at: ctx.at,
    onDate: e.onDate,
    kind: e.kind,
    publicText: e.publicText ?? '',
    staffNote: e.staffNote ?? '',
    actorName: ctx.actorName,
  });
}

/** One audit event per state change, in the same transaction (STYLE practice 4). */
export async function audit(
  trx: Trx,
  ctx: AuditContext,
  r: Pick<InfoRequestRow, 'id' | 'agencyId'>,
  action: string,
  after: Record<string, unknown>,
): Promise<void> {
  await recordEvent(
    trx,
    ctx,
    `infoRequest.${action}`,
    { type: 'infoRequest', id: r.id, agencyId: r.agencyId },
    { after },
  );
}

/** Issues a letter of `kind` on the case, built on its letter head (number, applicant, the agency that sends it). */
export async function issueLetter(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  kind: LetterKind,
  build: (c: LetterCase) => LetterData,
  forApplicant = true,
): Promise<number> {
  const data = build(await letterCase(trx, r));
  return insertLetter(trx, {
    infoRequestId: r.id,
    kind,
    templateVersion: LETTER_TEMPLATE_VERSIONS[kind],
    title: data.title,
    dataJson: JSON.stringify(data),
    issuedOn: data.issuedOn,
    forApplicant: forApplicant ? 1 : 0,
    deliveredOn: null,
    deliveryMethod: '',
    createdAt: ctx.at,
  });
}

/** The clock's inputs as stored on the case and its consultations. */
export async function deadlineInput(db: Executor, r: InfoRequestRow): Promise<DeadlineInput | null> {
  if (!r.receivedOn) return null;
  const pauses: ClockPause[] = (await listConsultations(db, r.id)).map((c) => ({
    kind: c.party === 'thirdParty' ? 'thirdParty' : 'otherAgency',
    startOn: c.letterSentOn,
    endOn: c.endedOn,
  }));
  if (r.feeNoticeReceivedOn)
    pauses.push({
      kind: 'feePending',
      startOn: r.feeNoticeReceivedOn,
      endOn: r.feePaidOn ?? (r.state === 'feePending' ? null : r.concludedOn),
    });
  return {
    receivedOn: r.receivedOn,
    correction: r.correctionNoticeSentOn
      ? {
          noticeSentOn: r.correctionNoticeSentOn,
          correctedReceivedOn: r.correctedReceivedOn,
          correctionDueOn: r.correctionDueOn,
        }
      : null,
    pauses,
    extension:
      r.extensionWorkingDays && r.extensionApprovedOn && r.extensionNotifiedOn
        ? {
            workingDays: r.extensionWorkingDays,
            approvedBy: r.extensionApprovedBy,
            approvedOn: r.extensionApprovedOn,
            applicantNotifiedOn: r.extensionNotifiedOn,
          }
        : null,
    settings: await loadClockSettings(db, r.agencyId),
  };
}

/** Recomputes the answer deadline from the stored dates and stores it with its explanation. */
export async function refreshClock(trx: Trx, cal: WorkCalendar, id: number): Promise<Deadline | null> {
  const r = await loadCase(trx, id);
  const input = await deadlineInput(trx, r);
  if (!input) {
    await updateInfoRequest(trx, id, { dueOn: null, dueProvisional: 0, clockStatus: 'notStarted', clockJson: '' });
    return null;
  }
  // When the period reaches a year whose holidays are not imported yet, the date is computed
  // provisionally and flagged (calendar/provisional.ts); importing the year recomputes it.
  const { value, provisional, provisionalYears } = withProvisionalFallback(cal, (c) => computeDeadline(c, input));
  const d: Deadline = provisional ? { ...value, provisionalYears } : value;
  await updateInfoRequest(trx, id, {
    dueOn: d.dueOn,
    dueProvisional: provisional ? 1 : 0,
    clockStatus: d.status,
    clockJson: JSON.stringify(d),
  });
  return d;
}

/**
 * The due date as letters and the applicant's timeline write it: a provisional date carries
 * 「（暂定，以国务院办公厅公布的节假日安排为准）」.
 */
export function dueDateText(clock: Pick<Deadline, 'dueOn' | 'provisionalYears'> | null): string | null {
  if (!clock?.dueOn) return null;
  return clock.provisionalYears?.length ? `${clock.dueOn}${PROVISIONAL_LETTER_NOTE}` : clock.dueOn;
}

export function parseStoredDeadline(r: Pick<InfoRequestRow, 'clockJson'>): Deadline | null {
  if (!r.clockJson) return null;
  const v = JSON.parse(r.clockJson) as Deadline | { message: string };
  return 'segments' in v ? v : null;
}
