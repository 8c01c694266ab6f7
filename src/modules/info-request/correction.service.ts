// Online 补正 (issue #14 point 6, 条例 第三十条). While an application awaits correction, its
// applicant may answer the 补正告知书 from the tracking page: the corrected description and files
// (types decided by content, size limited). The submission waits for staff, who either accept it
// — the corrected application is received on the day both sides confirm it (第三十一条第（三）项,
// 互联网渠道), and the answer period restarts from that day through the one receiveCorrection
// step — or ask again: the submission is set aside and a new 补正告知书 repeats the items told
// once (一次性告知: nothing new may be added) with what the submission still lacked and a new
// period. An applicant who lets the period pass without answering is closed as （六）1 by the
// existing step; one whose answer waits for staff is not.
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { bytesOf, fileStore, type StagedFile } from '../../platform/storage/file-store.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { isValidIsoDate, type WorkCalendar } from '../calendar/index.ts';
import { checkUpload, FileTypeError } from '../publication/index.ts';
import {
  findCorrection,
  insertCorrection,
  listCorrectionFiles,
  listCorrections,
  insertCorrectionFile,
  updateCorrection,
  type CorrectionRow,
} from './correction.repository.ts';
import { correctionLetter } from './info-request.letters.ts';
import { updateInfoRequest, type InfoRequestRow } from './info-request.repository.ts';
import { addTimeline, audit, issueLetter, refreshClock, todayOf } from './info-request.service.ts';
import { receiveCorrection } from './process.service.ts';
import { closeForMissingCorrection } from './rules/index.ts';

/** At most this many files per submission, each at most this large. */
export const CORRECTION_MAX_FILES = 5;
export const CORRECTION_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const CORRECTION_TEXT_MAX = 4000;

export interface CorrectionUpload extends StagedFile {
  fileName: string;
}

function pending(c: CorrectionRow | undefined): CorrectionRow {
  if (!c) throw new AppError('notFound');
  if (c.state !== 'pending')
    throw new ValidationError({ correction: '该补正材料已经处理过，请刷新页面查看最新情况。' });
  return c;
}

/** The applicant's online answer; returns the submission's id. */
export async function submitCorrection(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  dataDir: string,
  r: InfoRequestRow,
  x: { text: string; files: readonly CorrectionUpload[] },
): Promise<number> {
  if (r.state !== 'awaitingCorrection') throw new ValidationError({ text: '该申请当前不需要补正。' });
  const waiting = await trx
    .selectFrom('infoRequestCorrections')
    .select('id')
    .where('infoRequestId', '=', r.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (waiting)
    throw new ValidationError({ text: '您已在线提交补正材料，本机关正在审查，审查结果会显示在本页，无需再次提交。' });
  const errors: Record<string, string> = {};
  const text = x.text.trim();
  if (!text) errors.text = '请填写补正后的申请内容。';
  else if (text.length > CORRECTION_TEXT_MAX) errors.text = `补正后的申请内容不能超过${CORRECTION_TEXT_MAX}字。`;
  if (x.files.length > CORRECTION_MAX_FILES) errors.files = `最多上传${CORRECTION_MAX_FILES}个文件。`;
  const kinds: { mime: string }[] = [];
  if (!errors.files) {
    for (const f of x.files) {
      try {
        kinds.push(checkUpload(f.fileName, await bytesOf(f), 'files'));
      } catch (err) {
        // Shown with the text's own problem, if any, in one go.
        if (!(err instanceof FileTypeError)) throw err;
        Object.assign(errors, err.fields);
        break;
      }
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const today = todayOf(ctx);
  const id = await insertCorrection(trx, {
    infoRequestId: r.id,
    text,
    submittedAt: ctx.at,
    submittedOn: today,
    state: 'pending',
    decidedAt: null,
    decidedBy: '',
    decisionNote: '',
  });
  for (const [i, f] of x.files.entries()) {
    const stored = await fileStore(dataDir).put(f);
    await insertCorrectionFile(trx, {
      correctionId: id,
      fileName: f.fileName.slice(0, 200),
      contentType: (kinds[i] as { mime: string }).mime,
      size: stored.size,
      sha256: stored.sha256,
      createdAt: ctx.at,
    });
  }
  // For staff: sent within the period or not (the calendar may not reach the period's end yet).
  let timing = '';
  try {
    const d = closeForMissingCorrection(cal, {
      correctionDueOn: r.correctionDueOn as string,
      correctedReceivedOn: today,
      today,
    });
    timing = d.state === 'fulfilled' ? '申请人在补正期限内在线提交。' : d.message;
  } catch {
    timing = `申请人于${today}在线提交（补正期限至${r.correctionDueOn ?? '—'}）。`;
  }
  await addTimeline(trx, ctx, r.id, {
    kind: 'correctionSubmitted',
    onDate: today,
    publicText: `您已在线提交补正材料${x.files.length ? `（附${x.files.length}个文件）` : ''}。本机关确认收到后，答复期限自确认收到之日起重新计算。`,
    staffNote: timing,
  });
  await audit(trx, ctx, r, 'correctionSubmitted', { correctionId: id, files: x.files.length });
  return id;
}

/** Staff accept the answer: the corrected application is received on `receivedOn` and the clock restarts. */
export async function acceptCorrection(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  correctionId: number,
  x: { receivedOn: string },
): Promise<void> {
  const c = pending(await findCorrection(trx, r.id, correctionId));
  if (!isValidIsoDate(x.receivedOn))
    throw new ValidationError({ correctedReceivedOn: '请填写确认收到补正的日期（YYYY-MM-DD）。' });
  if (x.receivedOn < c.submittedOn)
    throw new ValidationError({
      correctedReceivedOn: `确认收到的日期不能早于申请人在线提交之日（${c.submittedOn}）。`,
    });
  await receiveCorrection(trx, ctx, cal, r, { receivedOn: x.receivedOn, text: c.text, answeredOn: c.submittedOn });
  await updateCorrection(trx, c.id, { state: 'accepted', decidedAt: ctx.at, decidedBy: ctx.actorName });
  await audit(trx, ctx, r, 'correctionAccepted', { correctionId: c.id, correctedReceivedOn: x.receivedOn });
}

/** Staff ask again: a new 补正告知书 with the same items, what was still missing and a new period. */
export async function askForCorrectionAgain(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  r: InfoRequestRow,
  correctionId: number,
  x: { note: string; correctionDueOn: string; trackUrl: string },
): Promise<void> {
  if (r.state !== 'awaitingCorrection') throw new ValidationError({ correction: '该申请当前不在等待补正。' });
  const c = pending(await findCorrection(trx, r.id, correctionId));
  const today = todayOf(ctx);
  const errors: Record<string, string> = {};
  const note = x.note.trim();
  if (!note) errors.againNote = '请写明补正材料还缺少什么（须在原告知的补正事项之内）。';
  if (!isValidIsoDate(x.correctionDueOn)) errors.againDueOn = '请填写新的补正期限（YYYY-MM-DD）。';
  else if (x.correctionDueOn <= today) errors.againDueOn = '新的补正期限应晚于今天。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await updateCorrection(trx, c.id, {
    state: 'askedAgain',
    decidedAt: ctx.at,
    decidedBy: ctx.actorName,
    decisionNote: note,
  });
  await updateInfoRequest(trx, r.id, { correctionDueOn: x.correctionDueOn, updatedAt: ctx.at });
  await refreshClock(trx, cal, r.id);
  await issueLetter(trx, ctx, r, 'correction', (lc) =>
    correctionLetter(lc, {
      issuedOn: today,
      receivedOn: r.receivedOn as string,
      items: r.correctionItems,
      correctionDueOn: x.correctionDueOn,
      trackUrl: x.trackUrl,
      again: { noticeSentOn: r.correctionNoticeSentOn as string, submittedOn: c.submittedOn, note },
    }),
  );
  await addTimeline(trx, ctx, r.id, {
    kind: 'correctionAskedAgain',
    onDate: today,
    publicText: `本机关审查了您于${c.submittedOn}在线提交的补正材料，仍需补正，已再次发出补正告知书，请于${x.correctionDueOn}前补正。`,
    staffNote: note,
  });
  await audit(trx, ctx, r, 'correctionAskedAgain', { correctionId: c.id, correctionDueOn: x.correctionDueOn });
}

/** The online answers of one application with their files, oldest first (the case page). */
export async function correctionsWithFiles(db: Executor, infoRequestId: number) {
  const rows = await listCorrections(db, infoRequestId);
  const files = await listCorrectionFiles(
    db,
    rows.map((c) => c.id),
  );
  return rows.map((c) => ({
    id: c.id,
    text: c.text,
    submittedOn: c.submittedOn,
    state: c.state,
    decidedBy: c.decidedBy,
    decisionNote: c.decisionNote,
    files: files.filter((f) => f.correctionId === c.id).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size })),
  }));
}
