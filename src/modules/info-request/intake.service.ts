// Intake (登记, 条例 第四十五条): online submission by the public and registration by staff of
// applications that arrive in person, by post or fax. The receipt date follows 第三十一条 per
// channel (rules/receipt-date.ts); repeats (第三十六条第（六）项) and unusual volume (第三十五条)
// are flagged for staff, never decided automatically.
import { hashQueryCode, newQueryCode } from '../../platform/query-code.ts';
import { listActiveStaffWithRoles } from '../account/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import { allocateNumber, serialNumber } from '../../platform/counters.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { queueNotification } from '../notification/index.ts';
import { receiptLetter } from './info-request.letters.ts';
import {
  findInfoRequestByNumber,
  insertInfoRequest,
  listByApplicantDocument,
  updateInfoRequest,
  type InfoRequestRow,
} from './info-request.repository.ts';
import {
  addTimeline,
  audit,
  informationSought,
  issueLetter,
  loadCase,
  dueDateText,
  refreshClock,
  todayOf,
} from './info-request.service.ts';
import { takeStep, transition } from './info-request.states.ts';
import {
  determineReceivedOn,
  intakeChannelLabels,
  isSameInformation,
  validateInfoRequestForm,
  type InfoRequestFormInput,
  type IntakeChannel,
  type ReceiptDates,
} from './rules/index.ts';

export const INFO_REQUEST_FORM_FIELDS = [
  'applicantKind',
  'name',
  'idDocumentType',
  'idDocumentNumber',
  'phone',
  'email',
  'postalAddress',
  'postcode',
  'fax',
  'informationName',
  'documentNumber',
  'featureDescription',
  'requestedForm',
  'deliveryWay',
] as const;

export type InfoRequestFormValues = Record<(typeof INFO_REQUEST_FORM_FIELDS)[number], string>;

export function readInfoRequestForm(body: unknown): InfoRequestFormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out = {} as InfoRequestFormValues;
  for (const k of INFO_REQUEST_FORM_FIELDS) {
    const v = b[k];
    out[k] = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
  }
  return out;
}

function normaliseDocument(v: string): string {
  return v.replace(/\s+/g, '').toUpperCase();
}

export const BULK_WINDOW_DAYS = 30;
export const BULK_THRESHOLD = 10;

/** Flags for staff: 疑似重复申请 and 申请数量明显超过合理范围 across all agencies of the county. */
export async function detectFlags(
  db: Executor,
  v: InfoRequestFormValues,
  at: string,
): Promise<{ code: string; message: string }[]> {
  const doc = normaliseDocument(v.idDocumentNumber);
  if (!doc) return [];
  const since = new Date(new Date(at).getTime() - 366 * 86_400_000).toISOString();
  const earlier = await listByApplicantDocument(db, doc, since);
  const flags: { code: string; message: string }[] = [];
  const repeat = earlier.find((e) => ['replied', 'archived'].includes(e.state) && isSameInformation(e, v));
  if (repeat) {
    flags.push({
      code: 'repeat',
      message: `疑似重复申请：同一申请人已就相同内容提出申请 ${repeat.number} 并已获答复（条例第三十六条第（六）项），请核实后决定。`,
    });
  }
  const windowStart = new Date(new Date(at).getTime() - BULK_WINDOW_DAYS * 86_400_000).toISOString();
  const recent = earlier.filter((e) => e.submittedAt >= windowStart).length + 1;
  if (recent >= BULK_THRESHOLD) {
    flags.push({
      code: 'volume',
      message: `该申请人${BULK_WINDOW_DAYS}日内在全县共提出${recent}件申请，数量或频次可能明显超过合理范围，可要求说明理由（条例第三十五条）。`,
    });
  }
  return flags;
}

/** `LINGXI-2025-0001`: the agency's series of the year, shared by online and staff intake. */
async function nextNumber(trx: Trx, agency: { id: number; slug: string }, year: string): Promise<string> {
  const n = await allocateNumber(
    trx,
    { kind: 'infoRequest', agencyId: agency.id, year: Number(year) },
    (seq) => serialNumber(agency.slug.toUpperCase(), Number(year), seq),
    async (candidate) => (await findInfoRequestByNumber(trx, candidate)) !== undefined,
  );
  if (n === null) throw new Error(`no free application number for agency ${agency.id}`);
  return n;
}

/** The form's problems (field → message), or null when it may be submitted. */
export function checkInfoRequestForm(v: InfoRequestFormValues, today: string): Record<string, string> | null {
  const errors = validateInfoRequestForm(v as InfoRequestFormInput, { today });
  return Object.keys(errors).length ? (errors as Record<string, string>) : null;
}

function validate(v: InfoRequestFormValues, today: string): void {
  const errors = checkInfoRequestForm(v, today);
  if (errors) throw new ValidationError(errors);
}

function baseRow(v: InfoRequestFormValues, ctx: AuditContext) {
  return {
    applicantKind: v.applicantKind,
    applicantName: v.name,
    idDocumentType: v.idDocumentType,
    idDocumentNumber: normaliseDocument(v.idDocumentNumber),
    phone: v.phone,
    email: v.email,
    postalAddress: v.postalAddress,
    postcode: v.postcode,
    fax: v.fax,
    informationName: v.informationName,
    documentNumber: v.documentNumber,
    featureDescription: v.featureDescription,
    requestedForm: v.requestedForm,
    deliveryWay: v.deliveryWay,
    handedInOn: null,
    signedForOn: null,
    arrivedOn: null,
    confirmedOn: null,
    receivedOn: null,
    receiptBasis: '',
    correctionNoticeSentOn: null,
    correctionDueOn: null,
    correctionItems: '',
    correctedReceivedOn: null,
    correctedText: '',
    extensionWorkingDays: null,
    extensionApprovedBy: '',
    extensionApprovedOn: null,
    extensionNotifiedOn: null,
    extensionReason: '',
    feeMethod: null,
    feeQuantity: null,
    feeAmount: null,
    feeNoticeReceivedOn: null,
    feePaymentDueOn: null,
    feePaidOn: null,
    feePaidAmount: null,
    dueOn: null,
    clockStatus: 'notStarted',
    clockJson: '',
    outcomeKey: null,
    legalBasis: '',
    replyText: '',
    repliedOn: null,
    concludedOn: null,
    deliveredOn: null,
    deliveryMethod: '',
    archivedOn: null,
    archiveReference: '',
    assigneeUserId: null,
    submittedAt: ctx.at,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

export interface Submitted {
  id: number;
  number: string;
  queryCode: string;
}

/** 互联网渠道: stored as submitted; the clock starts when both sides confirm (第三十一条第（三）项). */
export async function submitOnline(
  trx: Trx,
  ctx: AuditContext,
  agency: { id: number; slug: string },
  v: InfoRequestFormValues,
  suggestionsShown: number[],
): Promise<Submitted> {
  const today = todayOf(ctx);
  validate(v, today);
  const queryCode = newQueryCode();
  const number = await nextNumber(trx, agency, today.slice(0, 4));
  const flags = await detectFlags(trx, v, ctx.at);
  const id = await insertInfoRequest(trx, {
    ...baseRow(v, ctx),
    agencyId: agency.id,
    number,
    queryCodeHash: hashQueryCode(queryCode),
    state: 'submitted',
    channel: 'online',
    suggestionsShown: JSON.stringify(suggestionsShown),
    flags: JSON.stringify(flags),
  });
  await addTimeline(trx, ctx, id, {
    kind: 'submitted',
    onDate: today,
    publicText: '通过互联网提交政府信息公开申请，等待本机关确认收到。',
  });
  await audit(trx, ctx, { id, agencyId: agency.id }, 'submitted', {
    number,
    channel: 'online',
    flags: flags.map((f) => f.code),
  });
  for (const s of await listActiveStaffWithRoles(trx, agency.id, ['clerk', 'signer'])) {
    await queueNotification(
      trx,
      {
        agencyId: agency.id,
        recipientUserId: s.id,
        toAddress: s.email,
        recipientName: s.displayName,
        subject: `新的政府信息公开申请 ${number}`,
        body: `收到一件通过互联网提交的政府信息公开申请（${number}），请确认收到并登记。`,
        relatedType: 'infoRequest',
        relatedId: id,
      },
      ctx.at,
    );
  }
  return { id, number, queryCode };
}

/** 收到申请之日 (第三十一条); a missing or inconsistent date is an InfoRequestRuleError, a ValidationError. */
function receiptOrThrow(channel: IntakeChannel, dates: ReceiptDates) {
  return determineReceivedOn({ channel, ...dates });
}

async function register(trx: Trx, ctx: AuditContext, cal: WorkCalendar, id: number): Promise<void> {
  const r = await loadCase(trx, id);
  const clock = await refreshClock(trx, cal, id);
  await issueLetter(trx, ctx, r, 'receipt', (c) =>
    receiptLetter(c, {
      issuedOn: todayOf(ctx),
      channel: r.channel as IntakeChannel,
      receivedOn: r.receivedOn as string,
      basis: r.receiptBasis,
      dueOn: dueDateText(clock),
      requestedForm: r.requestedForm,
      deliveryWay: r.deliveryWay,
    }),
  );
}

/** Staff intake of a paper, postal, fax or in-person application. Returns id and query code. */
export async function registerIntake(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  agency: { id: number; slug: string },
  v: InfoRequestFormValues,
  channel: IntakeChannel,
  dates: ReceiptDates,
  staffNote: string,
): Promise<Submitted> {
  const today = todayOf(ctx);
  const errors = validateInfoRequestForm(v as InfoRequestFormInput, { today }) as Record<string, string>;
  let receipt;
  try {
    receipt = receiptOrThrow(channel, dates);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError({ ...errors, ...err.fields });
    throw err;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const queryCode = newQueryCode();
  const number = await nextNumber(trx, agency, receipt.receivedOn.slice(0, 4));
  const flags = [
    ...(await detectFlags(trx, v, ctx.at)),
    ...receipt.warnings.map((w) => ({ code: w.code, message: w.message })),
  ];
  const id = await insertInfoRequest(trx, {
    ...baseRow(v, ctx),
    agencyId: agency.id,
    number,
    queryCodeHash: hashQueryCode(queryCode),
    state: 'processing',
    channel,
    handedInOn: dates.handedInOn ?? null,
    signedForOn: dates.signedForOn ?? null,
    arrivedOn: dates.arrivedOn ?? null,
    confirmedOn: dates.confirmedOn ?? null,
    receivedOn: receipt.receivedOn,
    receiptBasis: receipt.basis,
    suggestionsShown: '[]',
    flags: JSON.stringify(flags),
  });
  await addTimeline(trx, ctx, id, {
    kind: 'registered',
    onDate: receipt.receivedOn,
    publicText: `本机关已登记您通过“${intakeChannelLabels[channel]}”提交的申请，收到申请之日为${receipt.receivedOn}。`,
    staffNote,
  });
  await register(trx, ctx, cal, id);
  await audit(trx, ctx, { id, agencyId: agency.id }, 'registered', { number, channel, receivedOn: receipt.receivedOn });
  return { id, number, queryCode };
}

/** 双方确认: the office confirms an online application; that day is 收到申请之日. */
export async function confirmReceipt(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  confirmedOn: string,
): Promise<void> {
  const state = transition(r.state, 'confirmReceipt');
  const receipt = receiptOrThrow(r.channel as IntakeChannel, { confirmedOn });
  if (receipt.receivedOn < todayOf({ ...ctx, at: r.submittedAt }))
    throw new ValidationError({ confirmedOn: '确认日期不能早于申请提交日期。' });
  if (receipt.receivedOn > todayOf(ctx)) throw new ValidationError({ confirmedOn: '确认日期不能晚于今天。' });
  await updateInfoRequest(trx, r.id, {
    state,
    confirmedOn,
    receivedOn: receipt.receivedOn,
    receiptBasis: receipt.basis,
    updatedAt: ctx.at,
  });
  await addTimeline(trx, ctx, r.id, {
    kind: 'confirmed',
    onDate: confirmedOn,
    publicText: `本机关已确认收到您的申请，收到申请之日为${confirmedOn}（条例第三十一条）。`,
  });
  await register(trx, ctx, cal, r.id);
  await takeStep(trx, ctx, r, 'confirmReceipt', { receivedOn: receipt.receivedOn });
}

export { informationSought };
