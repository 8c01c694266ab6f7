// The one case engine for the public channels (咨询, 投诉/举报, 领导信箱, 公示异议): intake with a
// receipt number and a query code, the answer deadline in working days stored on the case, the
// writer's lookup and the masking of published letters. What happens to a case after intake
// (assignment, reply, publication decision, rating, reminders) is in interaction.steps.ts.
// Every state change is audited in the same transaction.
import { createHash } from 'node:crypto';
import { allocateNumber, serialNumber } from '../../platform/counters.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import { newQueryCode, sameHash } from '../../platform/query-code.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { isValidEmail, isValidPhone } from '../../platform/validation/phone.ts';
import { findAgencyById } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { withProvisionalFallback } from '../calendar/index.ts';
import {
  addWorkingDays,
  CalendarYearNotConfirmedError,
  todayInShanghai,
  type WorkCalendar,
} from '../calendar/index.ts';
import { readSetting } from '../settings/index.ts';
import { isAnswered, type CaseState } from './case.states.ts';
import { findCaseByReceipt, insertCase, type CaseRow } from './interaction.repository.ts';
import type { CaseKind, Channel, Rating } from './interaction.tables.ts';

export const KIND_LABELS: Record<CaseKind, string> = {
  inquiry: '咨询',
  complaint: '投诉举报',
  letter: '领导信箱来信',
  objection: '公示异议',
};
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  inPerson: '当面',
  online: '网上',
  mail: '信函',
};
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};
export const COMPLAINT_ABOUT_LABELS = { disclosure: '政府信息公开工作', conduct: '行政行为' } as const;
const RECEIPT_PREFIX: Record<CaseKind, string> = { inquiry: 'ZX', complaint: 'TS', letter: 'XX', objection: 'YY' };

/**
 * Working days to answer, per kind. UNCONFIRMED locally: no provision fixes these periods for
 * every agency, so 15 working days is a default that each agency (or the platform, agency 0)
 * overrides in the settings table under `interaction.answerDays.<kind>`.
 */
export const DEFAULT_ANSWER_DAYS = 15;
export const answerDaysKey = (kind: CaseKind) => `interaction.answerDays.${kind}`;

export async function answerDaysFor(db: Executor, agencyId: number, kind: CaseKind): Promise<number> {
  const v = await readSetting(db, agencyId, answerDaysKey(kind));
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 60 ? v : DEFAULT_ANSWER_DAYS;
}

/**
 * The due date. When it reaches a year whose holidays are not imported yet it is computed
 * provisionally (calendar/provisional.ts) and flagged; importing the year recomputes it. Null
 * only for an unconfirmed year before 2025, where nothing can be assumed.
 */
export function computeDueDate(
  cal: WorkCalendar,
  receivedDate: string,
  days: number,
): { dueDate: string; provisional: boolean } | null {
  try {
    const r = withProvisionalFallback(cal, (c) => addWorkingDays(c, receivedDate, days).date);
    return { dueDate: r.value, provisional: r.provisional };
  } catch (err) {
    if (err instanceof CalendarYearNotConfirmedError) return null;
    throw err;
  }
}

// Stored without the namespace of platform/query-code.ts's hashQueryCode: the cases already
// stored keep their hashes.
const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

export function queryCodeMatches(row: Pick<CaseRow, 'queryCodeHash'>, code: string): boolean {
  return sameHash(hashCode(code), row.queryCodeHash);
}

export const WRITER_FORM = {
  topic: { label: '标题', required: true, max: 100 },
  body: { label: '内容', required: true, max: 5000 },
  writerName: { label: '姓名', required: true, max: 50 },
  writerPhone: {
    label: '联系电话',
    required: true,
    max: 30,
    check: (v: string) => (isValidPhone(v) ? null : '请填写有效的手机号码或固定电话（含区号）。'),
  },
  writerEmail: {
    label: '电子邮箱',
    max: 100,
    check: (v: string) => (isValidEmail(v) ? null : '电子邮箱的格式不正确。'),
  },
  writerAddress: { label: '通讯地址', max: 200 },
  complaintAbout: { label: '投诉事项类别', oneOf: ['disclosure', 'conduct'] },
} satisfies FormSpec<string>;
export type WriterInput = Record<keyof typeof WRITER_FORM, string>;

export interface NewPublicCase {
  agencyId: number;
  kind: CaseKind;
  input: WriterInput;
  publishConsent: boolean;
  noticeId?: number | null;
}

export interface Receipt {
  id: number;
  receiptNumber: string;
  queryCode: string;
  dueDate: string | null;
  dueProvisional: boolean;
}

/** `XX-LINGXI-2025-0001`: the kind, the agency and the agency's series of that kind and year. */
async function nextReceiptNumber(trx: Trx, kind: CaseKind, agencyId: number, year: number): Promise<string> {
  const agency = await findAgencyById(trx, agencyId);
  if (!agency) throw new AppError('notFound', '该机构不存在或已停用。');
  const n = await allocateNumber(
    trx,
    { kind, agencyId, year },
    (seq) => serialNumber(`${RECEIPT_PREFIX[kind]}-${agency.slug.toUpperCase()}`, year, seq),
    async (candidate) => (await findCaseByReceipt(trx, candidate)) !== undefined,
  );
  if (n === null) throw new Error(`no free ${kind} receipt number for agency ${agencyId}`);
  return n;
}

async function createCase(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  c: {
    agencyId: number;
    kind: CaseKind;
    channel: Channel;
    state: CaseState;
    topic: string;
    body: string;
    writerName: string;
    writerPhone: string;
    writerEmail: string;
    writerAddress: string;
    publishConsent: boolean;
    complaintAbout: string | null;
    noticeId: number | null;
    receivedAt: string;
    replyText?: string;
    durationMinutes?: number | null;
    assignedUserId?: number | null;
  },
): Promise<Receipt> {
  const receivedDate = todayInShanghai(new Date(c.receivedAt));
  const answered = isAnswered(c.state);
  const days = answered ? null : await answerDaysFor(trx, c.agencyId, c.kind);
  const due = days === null ? null : computeDueDate(cal, receivedDate, days);
  const dueDate = due?.dueDate ?? null;
  const dueProvisional = due?.provisional ?? false;
  const queryCode = newQueryCode();
  const receiptNumber = await nextReceiptNumber(trx, c.kind, c.agencyId, Number(receivedDate.slice(0, 4)));
  const id = await insertCase(trx, {
    agencyId: c.agencyId,
    kind: c.kind,
    channel: c.channel,
    state: c.state,
    receiptNumber,
    queryCodeHash: hashCode(queryCode),
    topic: c.topic,
    body: c.body,
    complaintAbout: c.complaintAbout,
    noticeId: c.noticeId,
    writerName: c.writerName,
    writerPhone: c.writerPhone,
    writerEmail: c.writerEmail,
    writerAddress: c.writerAddress,
    publishConsent: c.publishConsent ? 1 : 0,
    publication: c.publishConsent ? 'pending' : 'notRequested',
    receivedAt: c.receivedAt,
    receivedDate,
    dueDate,
    dueProvisional: dueProvisional ? 1 : 0,
    answerDays: days,
    assignedUserId: c.assignedUserId ?? null,
    replyText: c.replyText ?? '',
    repliedAt: answered ? c.receivedAt : null,
    durationMinutes: c.durationMinutes ?? null,
    rating: null,
    ratingComment: '',
    ratedAt: null,
    remindedOn: null,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  // The audit log never carries the writer's personal data: only kind, channel and deadline.
  await recordEvent(
    trx,
    ctx,
    `${c.kind}.received`,
    { type: c.kind, id, agencyId: c.agencyId },
    {
      after: {
        receiptNumber,
        channel: c.channel,
        state: c.state,
        dueDate,
        ...(dueProvisional ? { dueProvisional: true } : {}),
        publishConsent: c.publishConsent,
      },
    },
  );
  return { id, receiptNumber, queryCode, dueDate, dueProvisional };
}

/** A case submitted on the public site (online). */
export function submitPublicCase(trx: Trx, ctx: AuditContext, cal: WorkCalendar, c: NewPublicCase): Promise<Receipt> {
  const i = c.input;
  return createCase(trx, ctx, cal, {
    agencyId: c.agencyId,
    kind: c.kind,
    channel: 'online',
    state: 'received',
    topic: i.topic,
    body: i.body,
    writerName: i.writerName,
    writerPhone: i.writerPhone,
    writerEmail: i.writerEmail,
    writerAddress: i.writerAddress,
    publishConsent: c.kind === 'letter' && c.publishConsent,
    complaintAbout: c.kind === 'complaint' ? i.complaintAbout || 'disclosure' : null,
    noticeId: c.noticeId ?? null,
    receivedAt: ctx.at,
  });
}

export const PHONE_FORM = {
  receivedAt: {
    label: '来电时间',
    required: true,
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
    patternMessage: '来电时间的格式应为 年-月-日 时:分。',
  },
  topic: { label: '咨询事项', required: true, max: 100 },
  answer: { label: '答复要点', required: true, max: 2000 },
  duration: {
    label: '通话时长（分钟）',
    pattern: /^\d{1,3}$/,
    patternMessage: '通话时长应为 0 到 999 之间的整数（分钟）。',
  },
  channel: { label: '咨询方式', oneOf: ['phone', 'inPerson'] },
} satisfies FormSpec<string>;
/** `channel` may be left out: a phone call is the default. */
export type PhoneInput = Omit<Record<keyof typeof PHONE_FORM, string>, 'channel'> & { channel?: string };

/** `datetime-local` value (Beijing time) for an instant. */
export function toLocalInput(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A phone (or in-person) inquiry logged by a clerk: received and answered in one step. */
export async function logPhoneInquiry(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  agencyId: number,
  input: PhoneInput,
  now: Date,
): Promise<Receipt> {
  const at = new Date(`${input.receivedAt}:00+08:00`);
  if (Number.isNaN(at.getTime())) throw new ValidationError({ receivedAt: '来电时间不是有效的日期和时间。' });
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError({ receivedAt: '来电时间不能晚于现在。' });
  return createCase(trx, ctx, cal, {
    agencyId,
    kind: 'inquiry',
    channel: input.channel === 'inPerson' ? 'inPerson' : 'phone',
    state: 'replied',
    topic: input.topic,
    body: '',
    writerName: '',
    writerPhone: '',
    writerEmail: '',
    writerAddress: '',
    publishConsent: false,
    complaintAbout: null,
    noticeId: null,
    receivedAt: at.toISOString(),
    replyText: input.answer,
    durationMinutes: input.duration ? Number(input.duration) : null,
    assignedUserId: ctx.actorUserId,
  });
}

/** Looks a case up for its writer; the same answer whether the number or the code is wrong. */
export async function findCaseForWriter(
  db: Executor,
  receiptNumber: string,
  queryCode: string,
): Promise<CaseRow | undefined> {
  const row = await findCaseByReceipt(db, receiptNumber.trim().toUpperCase());
  return row && queryCodeMatches(row, queryCode) ? row : undefined;
}

// The masking of published letters (留言选登) is interaction.privacy.ts.
export { removePersonalData } from './interaction.privacy.ts';
