// The steps of a record amendment request (条例 第四十一条): online submission (evidence files typed
// by content), registration of a request handed in or posted (receipt date by 第三十一条), the
// office's confirmation of an online one, the one extension (第三十三条第二款), and the decision with
// its letter. Every step writes its audit event through the state machine (or, for a new request,
// recordEvent) in the caller's transaction; the due date is stored with its explanation.
import type { AuditContext } from '../../platform/audit.ts';
import { recordEvent } from '../../platform/audit.ts';
import { allocateNumber, serialNumber } from '../../platform/counters.ts';
import { ValidationError } from '../../platform/errors.ts';
import { hashQueryCode, newQueryCode } from '../../platform/query-code.ts';
import { bytesOf, fileStore, type StagedFile } from '../../platform/storage/file-store.ts';
import type { Trx } from '../../platform/transaction.ts';
import { todayInShanghai, type WorkCalendar } from '../calendar/index.ts';
import { blankLetter, type LetterCase } from '../info-request/index.ts';
import {
  determineReceivedOn,
  intakeChannelLabels,
  type IntakeChannel,
  type ReceiptDates,
} from '../info-request/rules/index.ts';
import { checkUpload } from '../publication/index.ts';
import {
  findAmendmentByNumber,
  insertAmendment,
  insertAmendmentFile,
  updateAmendment,
  type AmendmentRow,
} from './record-amendment.repository.ts';
import {
  amendmentDueDate,
  checkAmendmentDecision,
  checkAmendmentExtension,
  checkAmendmentForm,
  type AmendmentFormValues,
  type DecisionInput,
} from './record-amendment.rules.ts';
import type { StepActor } from '../../platform/state-machine.ts';
import { amendmentMachine } from './record-amendment.states.ts';
import type { AmendmentDecision } from './record-amendment.tables.ts';
import { decisionLetter, issueAmendmentLetter, recordSummary } from './record-amendment.letters.ts';

export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface EvidenceUpload extends StagedFile {
  fileName: string;
}

export interface Submitted {
  id: number;
  number: string;
  queryCode: string;
}

const todayOf = (ctx: AuditContext) => todayInShanghai(new Date(ctx.at));

async function nextNumber(trx: Trx, agency: { id: number; slug: string }, year: number): Promise<string> {
  const n = await allocateNumber(
    trx,
    { kind: 'recordAmendment', agencyId: agency.id, year },
    (seq) => serialNumber(`GZ-${agency.slug.toUpperCase()}`, year, seq),
    async (candidate) => (await findAmendmentByNumber(trx, candidate)) !== undefined,
  );
  if (n === null) throw new Error(`no free record amendment number for agency ${agency.id}`);
  return n;
}

/** Evidence files: at most 5, each typed by its content (publication/file-type.ts). */
async function checkEvidence(files: readonly EvidenceUpload[]): Promise<{ mime: string }[]> {
  if (files.length > EVIDENCE_MAX_FILES)
    throw new ValidationError({ files: `证据材料最多上传${EVIDENCE_MAX_FILES}个文件。` });
  const kinds: { mime: string }[] = [];
  for (const f of files) kinds.push(checkUpload(f.fileName, await bytesOf(f), 'files'));
  return kinds;
}

async function storeEvidence(
  trx: Trx,
  ctx: AuditContext,
  dataDir: string,
  amendmentId: number,
  files: readonly EvidenceUpload[],
  kinds: readonly { mime: string }[],
): Promise<void> {
  for (const [i, f] of files.entries()) {
    const stored = await fileStore(dataDir).put(f);
    await insertAmendmentFile(trx, {
      amendmentId,
      fileName: f.fileName.slice(0, 200),
      mime: (kinds[i] as { mime: string }).mime,
      size: stored.size,
      sha256: stored.sha256,
      createdAt: ctx.at,
    });
  }
}

function baseRow(v: AmendmentFormValues, ctx: AuditContext) {
  return {
    applicantName: v.applicantName,
    idDocumentType: v.idDocumentType,
    idDocumentNumber: v.idDocumentNumber.replace(/\s+/g, '').toUpperCase(),
    phone: v.phone,
    email: v.email,
    postalAddress: v.postalAddress,
    recordConcerned: v.recordConcerned,
    whatIsWrong: v.whatIsWrong,
    shouldRead: v.shouldRead,
    submittedAt: ctx.at,
    createdBy: ctx.actorUserId,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

function formOrThrow(v: AmendmentFormValues, today: string, more: Record<string, string> = {}): void {
  const errors = { ...checkAmendmentForm(v, today), ...more } as Record<string, string>;
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** 互联网渠道: stored as submitted; the clock starts when both sides confirm (第三十一条第（三）项). */
export async function submitAmendmentOnline(
  trx: Trx,
  ctx: AuditContext,
  dataDir: string,
  agency: { id: number; slug: string },
  v: AmendmentFormValues,
  files: readonly EvidenceUpload[],
): Promise<Submitted> {
  const today = todayOf(ctx);
  formOrThrow(v, today);
  const kinds = await checkEvidence(files);
  const queryCode = newQueryCode();
  const number = await nextNumber(trx, agency, Number(today.slice(0, 4)));
  const id = await insertAmendment(trx, {
    ...baseRow(v, ctx),
    agencyId: agency.id,
    number,
    queryCodeHash: hashQueryCode(queryCode),
    channel: 'online',
    state: 'submitted',
    receivedOn: null,
    receiptBasis: '',
    dueOn: null,
    dueExplanation: '',
  });
  await storeEvidence(trx, ctx, dataDir, id, files, kinds);
  await recordEvent(
    trx,
    ctx,
    'recordAmendment.submitted',
    { type: 'recordAmendment', id, agencyId: agency.id },
    { after: { number, channel: 'online', files: files.length } },
  );
  return { id, number, queryCode };
}

/** A request handed in, posted or faxed, entered by a clerk: the receipt date by 第三十一条, the clock runs. */
export async function registerAmendment(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  dataDir: string,
  agency: { id: number; slug: string },
  v: AmendmentFormValues,
  channel: IntakeChannel,
  dates: ReceiptDates,
  staffNote: string,
  files: readonly EvidenceUpload[] = [],
): Promise<Submitted> {
  const today = todayOf(ctx);
  let receipt;
  try {
    receipt = determineReceivedOn({ channel, ...dates });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    formOrThrow(v, today, err.fields as Record<string, string>);
    throw err;
  }
  formOrThrow(v, today, receipt.receivedOn > today ? { receivedOn: '收到日期不能晚于今天。' } : {});
  const kinds = await checkEvidence(files);
  const due = amendmentDueDate(cal, receipt.receivedOn);
  const queryCode = newQueryCode();
  const number = await nextNumber(trx, agency, Number(receipt.receivedOn.slice(0, 4)));
  const id = await insertAmendment(trx, {
    ...baseRow(v, ctx),
    agencyId: agency.id,
    number,
    queryCodeHash: hashQueryCode(queryCode),
    channel,
    state: 'processing',
    receivedOn: receipt.receivedOn,
    receiptBasis: [receipt.basis, ...receipt.warnings.map((w) => w.message)].join(''),
    dueOn: due.dueOn,
    dueExplanation: due.explanation,
    staffNote,
  });
  await storeEvidence(trx, ctx, dataDir, id, files, kinds);
  await recordEvent(
    trx,
    ctx,
    'recordAmendment.registered',
    { type: 'recordAmendment', id, agencyId: agency.id },
    { after: { number, channel, receivedOn: receipt.receivedOn, dueOn: due.dueOn } },
  );
  return { id, number, queryCode };
}

/** 双方确认 of an online request: that day is the receipt date, and the clock starts. */
export async function confirmAmendment(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: AmendmentRow,
  confirmedOn: string,
  by?: StepActor,
): Promise<void> {
  const receipt = determineReceivedOn({ channel: 'online', confirmedOn });
  if (receipt.receivedOn < todayInShanghai(new Date(r.submittedAt)))
    throw new ValidationError({ confirmedOn: '确认日期不能早于提交日期。' });
  if (receipt.receivedOn > todayOf(ctx)) throw new ValidationError({ confirmedOn: '确认日期不能晚于今天。' });
  const due = amendmentDueDate(cal, receipt.receivedOn);
  const state = await amendmentMachine.transition(trx, ctx, {
    by,
    subject: r,
    event: 'confirmReceipt',
    summary: { after: { receivedOn: receipt.receivedOn, dueOn: due.dueOn } },
  });
  await updateAmendment(trx, r.id, {
    state,
    receivedOn: receipt.receivedOn,
    receiptBasis: receipt.basis,
    dueOn: due.dueOn,
    dueExplanation: due.explanation,
    updatedAt: ctx.at,
  });
}

/** The one extension (第三十三条第二款, applied to 第四十一条): approved, notified, at most 20 working days. */
export async function extendAmendment(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: AmendmentRow,
  ext: { workingDays: number; approvedBy: string; approvedOn: string; applicantNotifiedOn: string },
  letter: LetterCase,
  by?: StepActor,
): Promise<void> {
  const errors = checkAmendmentExtension(r, ext) as Record<string, string>;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const due = amendmentDueDate(cal, r.receivedOn as string, ext.workingDays);
  await amendmentMachine.transition(trx, ctx, {
    by,
    subject: r,
    event: 'extend',
    summary: { before: { dueOn: r.dueOn }, after: { dueOn: due.dueOn, workingDays: ext.workingDays } },
  });
  await updateAmendment(trx, r.id, {
    extensionDays: ext.workingDays,
    extensionApprovedBy: ext.approvedBy.trim(),
    extensionNotifiedOn: ext.applicantNotifiedOn,
    dueOn: due.dueOn,
    dueExplanation: due.explanation,
    updatedAt: ctx.at,
  });
  const d = blankLetter(letter, '更正申请延长答复期限告知书', todayOf(ctx));
  d.paragraphs = [
    `本机关于${r.receivedOn}收到您要求更正政府信息记录的申请（${recordSummary(r)}）。`,
    `因需要进一步核实，经本机关政府信息公开工作机构负责人同意，答复期限延长${ext.workingDays}个工作日，延长后的答复期限为${due.dueOn}。`,
  ];
  await issueAmendmentLetter(trx, ctx, r.id, 'extension', d);
}

/** The decision of 第四十一条 and its letter to the applicant. */
export async function decideAmendment(
  trx: Trx,
  ctx: AuditContext,
  r: AmendmentRow,
  input: DecisionInput,
  letter: LetterCase,
  by?: StepActor,
): Promise<void> {
  const x = {
    decision: input.decision.trim(),
    amendedRecord: input.amendedRecord.trim(),
    decisionText: input.decisionText.trim(),
    competentAgency: input.competentAgency.trim(),
    refusalGround: input.refusalGround.trim(),
  };
  const errors = checkAmendmentDecision(x) as Record<string, string>;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const decision = x.decision as AmendmentDecision;
  const today = todayOf(ctx);
  const state = await amendmentMachine.transition(trx, ctx, {
    by,
    subject: r,
    event: 'decide',
    summary: { after: { decision, decidedOn: today, competentAgency: x.competentAgency || undefined } },
  });
  await updateAmendment(trx, r.id, {
    state,
    decision,
    amendedRecord: decision === 'amended' ? x.amendedRecord : '',
    competentAgency: decision === 'transferred' || decision === 'referred' ? x.competentAgency : '',
    refusalGround: decision === 'refused' ? x.refusalGround : '',
    decisionText: x.decisionText,
    decidedOn: today,
    decidedBy: ctx.actorName,
    updatedAt: ctx.at,
  });
  await issueAmendmentLetter(trx, ctx, r.id, 'decision', decisionLetter(letter, r, x, today));
}

export { intakeChannelLabels };
