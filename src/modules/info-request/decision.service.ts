// The decision and what follows it: one outcome of table 三 with its legal basis (条例 第三十六条
// —第三十九条), released documents, the reply letter, delivery (送达), archiving (第四十五条),
// staff notes, and the reconsideration/lawsuit records that feed report table 四.
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { replyLetter } from './info-request.letters.ts';
import {
  insertAppeal,
  listAttachments,
  listLetters,
  updateAppeal,
  updateInfoRequest,
  updateLetter,
  type InfoRequestRow,
} from './info-request.repository.ts';
import { addTimeline, audit, issueLetter, loadCase, refreshClock, todayOf } from './info-request.service.ts';
import { suggestAfterReply } from './proactive.service.ts';
import { fileStore, type StagedFile } from '../../platform/storage/file-store.ts';
import { takeStep, transition } from './info-request.states.ts';
import type { AppealKind, AppealResult } from './info-request.tables.ts';
import { isOutcomeKey, outcomeApplicantLabel, outcomeDefinition, type OutcomeKey } from './rules/index.ts';

export interface ReplyInput {
  outcomeKey: string;
  legalBasis: string;
  text: string;
  repliedOn: string;
  files: ({ fileName: string; contentType: string } & StagedFile)[];
}

const DISCLOSING: readonly string[] = ['disclosed', 'partlyDisclosed'];

export async function replyToInfoRequest(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  dataDir: string,
  r: InfoRequestRow,
  x: ReplyInput,
): Promise<void> {
  const state = transition(r.state, 'reply');
  const errors: Record<string, string> = {};
  if (!isOutcomeKey(x.outcomeKey)) errors.outcomeKey = '请从列表中选择一个办理结果。';
  else if (x.outcomeKey.startsWith('otherOutcome.noCorrection') || x.outcomeKey === 'otherOutcome.feeUnpaid') {
    errors.outcomeKey = '逾期不补正、逾期未缴费的申请请使用“按逾期终止办理”操作，由系统按期限核对后终止。';
  }
  if (!x.legalBasis) errors.legalBasis = '请填写答复所依据的法律条款。';
  if (!x.text) errors.text = '请填写答复内容。';
  if (r.receivedOn && x.repliedOn < (r.correctedReceivedOn ?? r.receivedOn))
    errors.repliedOn = '答复日期不能早于答复期限起算日。';
  if (x.repliedOn > todayOf(ctx)) errors.repliedOn = '答复日期不能晚于今天。';
  if (x.files.length && isOutcomeKey(x.outcomeKey) && !DISCLOSING.includes(x.outcomeKey))
    errors.files = '只有“予以公开”或“部分公开”的答复才能随附公开的政府信息。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const outcomeKey = x.outcomeKey as OutcomeKey;
  const names: string[] = [];
  for (const f of x.files) {
    const stored = await fileStore(dataDir).put(f);
    await trx
      .insertInto('infoRequestAttachments')
      .values({
        infoRequestId: r.id,
        fileName: f.fileName.slice(0, 200),
        contentType: f.contentType.slice(0, 100),
        size: stored.size,
        sha256: stored.sha256,
        createdAt: ctx.at,
      })
      .execute();
    names.push(f.fileName);
  }
  const allNames = (await listAttachments(trx, r.id)).map((a) => a.fileName);
  await updateInfoRequest(trx, r.id, {
    state,
    outcomeKey,
    legalBasis: x.legalBasis,
    replyText: x.text,
    repliedOn: x.repliedOn,
    concludedOn: x.repliedOn,
    updatedAt: ctx.at,
  });
  const clock = await refreshClock(trx, cal, r.id);
  await issueLetter(trx, ctx, r, 'reply', (c) =>
    replyLetter(c, {
      issuedOn: x.repliedOn,
      receivedOn: r.correctedReceivedOn ?? (r.receivedOn as string),
      outcomeKey,
      legalBasis: x.legalBasis,
      text: x.text,
      attachments: allNames,
    }),
  );
  const late = clock?.dueOn && x.repliedOn > clock.dueOn ? `答复日期${x.repliedOn}晚于答复期限${clock.dueOn}。` : '';
  await addTimeline(trx, ctx, r.id, {
    kind: 'replied',
    onDate: x.repliedOn,
    publicText: `本机关已作出答复：${outcomeApplicantLabel(outcomeKey)}。${allNames.length ? `随答复提供${allNames.length}份文件。` : ''}`,
    staffNote: late,
  });
  await takeStep(trx, ctx, r, 'reply', {
    outcomeKey,
    legalBasis: x.legalBasis,
    attachments: names.length,
    late: Boolean(late),
  });
  // 条例 第四十四条: several applicants for the same disclosed information → suggest it proactively.
  await suggestAfterReply(trx, ctx, await loadCase(trx, r.id));
}

export function defaultLegalBasis(key: string): string {
  return isOutcomeKey(key) ? outcomeDefinition(key).legalBasis : '';
}

export const DELIVERY_METHODS: Readonly<Record<string, string>> = {
  inPerson: '直接送达',
  post: '邮寄送达',
  email: '电子邮件送达',
  online: '在线平台送达',
  fax: '传真送达',
  other: '其他方式送达',
};

export async function recordDelivery(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  letterId: number,
  x: { deliveredOn: string; method: string },
): Promise<void> {
  const letter = (await listLetters(trx, r.id)).find((l) => l.id === letterId);
  if (!letter) throw new ValidationError({ letterId: '该文书不存在。' });
  if (!Object.hasOwn(DELIVERY_METHODS, x.method)) throw new ValidationError({ method: '请选择送达方式。' });
  if (x.deliveredOn < letter.issuedOn) throw new ValidationError({ deliveredOn: '送达日期不能早于文书日期。' });
  await updateLetter(trx, letter.id, { deliveredOn: x.deliveredOn, deliveryMethod: x.method });
  if (letter.kind === 'reply')
    await updateInfoRequest(trx, r.id, { deliveredOn: x.deliveredOn, deliveryMethod: x.method, updatedAt: ctx.at });
  await addTimeline(trx, ctx, r.id, {
    kind: 'delivered',
    onDate: x.deliveredOn,
    publicText: letter.forApplicant ? `《${letter.title}》已于${x.deliveredOn}${DELIVERY_METHODS[x.method]}。` : '',
    staffNote: letter.forApplicant ? '' : `《${letter.title}》已于${x.deliveredOn}${DELIVERY_METHODS[x.method]}。`,
  });
  await audit(trx, ctx, r, 'delivered', { letterId, deliveredOn: x.deliveredOn, method: x.method });
}

export async function archiveInfoRequest(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  x: { archivedOn: string; reference: string },
): Promise<void> {
  const state = transition(r.state, 'archive');
  if (!x.reference) throw new ValidationError({ reference: '请填写归档号。' });
  if (r.concludedOn && x.archivedOn < r.concludedOn)
    throw new ValidationError({ archivedOn: '归档日期不能早于办结日期。' });
  await updateInfoRequest(trx, r.id, {
    state,
    archivedOn: x.archivedOn,
    archiveReference: x.reference,
    updatedAt: ctx.at,
  });
  await addTimeline(trx, ctx, r.id, {
    kind: 'archived',
    onDate: x.archivedOn,
    publicText: '本申请已办结归档。',
    staffNote: `归档号 ${x.reference}`,
  });
  await takeStep(trx, ctx, r, 'archive', { archivedOn: x.archivedOn, reference: x.reference });
}

export async function addStaffNote(trx: Trx, ctx: AuditContext, r: InfoRequestRow, note: string): Promise<void> {
  if (!note) throw new ValidationError({ note: '请填写备注内容。' });
  await addTimeline(trx, ctx, r.id, { kind: 'note', onDate: todayOf(ctx), staffNote: note.slice(0, 2000) });
  await audit(trx, ctx, r, 'noted', {});
}

export async function assignInfoRequest(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  userId: number | null,
): Promise<void> {
  await updateInfoRequest(trx, r.id, { assigneeUserId: userId, updatedAt: ctx.at });
  await audit(trx, ctx, r, 'assigned', { assigneeUserId: userId });
}

export const APPEAL_RESULTS: Readonly<Record<AppealResult, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

export interface AppealInput {
  kind: AppealKind;
  afterReconsideration: boolean;
  filedOn: string;
  result: AppealResult;
  concludedOn: string | null;
  note: string;
}

function checkAppeal(r: InfoRequestRow, x: AppealInput): void {
  const errors: Record<string, string> = {};
  if (!r.concludedOn) errors.kind = '申请尚未答复或终止，不能登记行政复议或行政诉讼。';
  else if (x.filedOn < r.concludedOn) errors.filedOn = '提起日期不能早于答复日期。';
  if (x.kind === 'reconsideration' && x.afterReconsideration)
    errors.afterReconsideration = '“复议后起诉”只适用于行政诉讼。';
  if (x.result !== 'pending' && !x.concludedOn) errors.concludedOn = '已审结的，请填写审结日期。';
  if (x.result === 'pending' && x.concludedOn) errors.concludedOn = '尚未审结的，不应填写审结日期。';
  if (x.concludedOn && x.concludedOn < x.filedOn) errors.concludedOn = '审结日期不能早于提起日期。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function addAppeal(trx: Trx, ctx: AuditContext, r: InfoRequestRow, x: AppealInput): Promise<number> {
  checkAppeal(r, x);
  const id = await insertAppeal(trx, {
    infoRequestId: r.id,
    agencyId: r.agencyId,
    kind: x.kind,
    afterReconsideration: x.afterReconsideration ? 1 : 0,
    filedOn: x.filedOn,
    result: x.result,
    concludedOn: x.concludedOn,
    note: x.note,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await addTimeline(trx, ctx, r.id, {
    kind: 'appeal',
    onDate: x.filedOn,
    staffNote: `${x.kind === 'reconsideration' ? '行政复议' : '行政诉讼'}：${APPEAL_RESULTS[x.result]}`,
  });
  await audit(trx, ctx, r, 'appealRecorded', { appealId: id, kind: x.kind, result: x.result });
  return id;
}

export async function updateAppealResult(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  appealId: number,
  x: AppealInput,
): Promise<void> {
  checkAppeal(r, x);
  await updateAppeal(trx, appealId, { result: x.result, concludedOn: x.concludedOn, note: x.note, updatedAt: ctx.at });
  await audit(trx, ctx, r, 'appealUpdated', { appealId, result: x.result });
}
