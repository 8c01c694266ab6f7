// One dispatcher for the step forms on the case page: each action names the policy it needs
// (checked against the case's agency), reads and checks its fields, and calls its service.
import type { FastifyRequest } from 'fastify';
import { authorize, type Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { parseId } from '../../platform/forms.ts';
import type { Trx } from '../../platform/transaction.ts';
import { isValidIsoDate, type WorkCalendar } from '../calendar/index.ts';
import {
  addAppeal,
  addStaffNote,
  archiveInfoRequest,
  defaultLegalBasis,
  recordDelivery,
  replyToInfoRequest,
  updateAppealResult,
  type AppealInput,
} from './decision.service.ts';
import { confirmReceipt } from './intake.service.ts';
import { listAppeals, type InfoRequestRow } from './info-request.repository.ts';
import type { AppealResult } from './info-request.tables.ts';
import { MAX_UPLOAD_BYTES, refuseTooLarge, uploadedFiles } from '../../platform/http/multipart.ts';
import {
  closeMissingCorrection,
  closeUnpaidFee,
  extendDeadline,
  receiveCorrection,
  recordPayment,
  requestCorrection,
  sendFeeNotice,
} from './process.service.ts';
import { recordConsultation, startConsultation } from './consultation.service.ts';
import { recordApplicantSuggestion } from './proactive.service.ts';
import { INTAKE_CHANNELS, type IntakeChannel } from './rules/index.ts';

export function isIntakeChannel(v: string): v is IntakeChannel {
  return (INTAKE_CHANNELS as readonly string[]).includes(v);
}

export interface CaseActionInput {
  req: FastifyRequest;
  cal: WorkCalendar;
  dataDir: string;
  /** The 进度查询 address printed in a 补正告知书 (answering online). */
  trackUrl: string;
  r: InfoRequestRow;
  action: string;
  itemId: number | null;
  values: Record<string, string>;
}

const POLICY: Record<string, Action> = {
  confirm: 'infoRequest.intake',
  correction: 'infoRequest.process',
  corrected: 'infoRequest.process',
  'close-correction': 'infoRequest.process',
  consultations: 'infoRequest.process',
  consultation: 'infoRequest.process',
  extension: 'infoRequest.extend',
  'fee-notice': 'infoRequest.process',
  payment: 'infoRequest.process',
  'close-fee': 'infoRequest.process',
  reply: 'infoRequest.reply',
  deliver: 'infoRequest.process',
  archive: 'infoRequest.archive',
  notes: 'infoRequest.process',
  appeals: 'infoRequest.process',
  appealUpdate: 'infoRequest.process',
  'proactive-suggestion': 'infoRequest.process',
};

/** Reads date fields; a required one that is missing or malformed becomes a field error. */
function dates<K extends string>(
  values: Record<string, string>,
  required: readonly K[],
  optional: readonly K[] = [],
): Record<K, string> {
  const out = {} as Record<K, string>;
  const errors: Record<string, string> = {};
  for (const k of [...required, ...optional]) {
    const v = values[k] ?? '';
    if (!v) {
      if ((required as readonly string[]).includes(k)) errors[k] = '请填写日期。';
      out[k] = '';
    } else if (!isValidIsoDate(v)) {
      errors[k] = '日期无效，应为 YYYY-MM-DD。';
    } else {
      out[k] = v;
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}

function integer(v: string | undefined, field: string, label: string): number {
  if (!v || !/^\d{1,7}$/.test(v)) throw new ValidationError({ [field]: `${label}应为整数。` });
  return Number(v);
}

const APPEAL_RESULT_KEYS: readonly AppealResult[] = ['upheld', 'corrected', 'other', 'pending'];

export async function runCaseAction(trx: Trx, x: CaseActionInput): Promise<void> {
  const policy = POLICY[x.action];
  if (!policy) throw new AppError('notFound');
  authorize(x.req.actor, policy, { agencyId: x.r.agencyId });
  const ctx = x.req.auditContext();
  const { r, cal, values: v } = x;
  switch (x.action) {
    case 'confirm':
      return confirmReceipt(trx, ctx, cal, r, dates(v, ['confirmedOn']).confirmedOn);
    case 'correction': {
      const d = dates(v, ['noticeSentOn', 'correctionDueOn']);
      return requestCorrection(trx, ctx, cal, r, { ...d, items: v.items ?? '', trackUrl: x.trackUrl });
    }
    case 'corrected':
      return receiveCorrection(trx, ctx, cal, r, {
        receivedOn: dates(v, ['correctedReceivedOn']).correctedReceivedOn,
        text: v.correctedText ?? '',
      });
    case 'close-correction':
      return closeMissingCorrection(trx, ctx, cal, r, false);
    case 'close-fee':
      return closeUnpaidFee(trx, ctx, cal, r);
    case 'consultations': {
      const party = v.party === 'coProducer' ? 'coProducer' : v.party === 'thirdParty' ? 'thirdParty' : null;
      if (!party) throw new ValidationError({ party: '请选择被征求意见方。' });
      return startConsultation(trx, ctx, cal, r, {
        party,
        partyName: v.partyName ?? '',
        letterSentOn: dates(v, ['letterSentOn']).letterSentOn,
      });
    }
    case 'consultation': {
      if (!x.itemId) throw new AppError('notFound');
      const d = dates(v, [], ['letterReceivedOn', 'repliedOn']);
      const reply = v.reply === 'consent' || v.reply === 'objection' ? v.reply : null;
      await recordConsultation(trx, ctx, cal, r, x.itemId, {
        letterReceivedOn: d.letterReceivedOn || null,
        repliedOn: d.repliedOn || null,
        reply,
      });
      return;
    }
    case 'extension': {
      const d = dates(v, ['approvedOn', 'applicantNotifiedOn']);
      return extendDeadline(trx, ctx, cal, r, {
        workingDays: integer(v.workingDays, 'workingDays', '延长的工作日'),
        approvedBy: v.approvedBy ?? '',
        reason: v.reason ?? '',
        ...d,
      });
    }
    case 'fee-notice': {
      const method = v.feeMethod === 'perItem' || v.feeMethod === 'perPage' ? v.feeMethod : null;
      if (!method) throw new ValidationError({ feeMethod: '请选择计费方式。' });
      await sendFeeNotice(trx, ctx, cal, r, {
        method,
        quantity: integer(v.feeQuantity, 'feeQuantity', '数量'),
        noticeReceivedOn: dates(v, ['noticeReceivedOn']).noticeReceivedOn,
      });
      return;
    }
    case 'payment':
      return recordPayment(trx, ctx, cal, r, {
        paidOn: dates(v, ['paidOn']).paidOn,
        amount: integer(v.paidAmount, 'paidAmount', '实缴金额'),
      });
    case 'reply': {
      const d = dates(v, ['repliedOn']);
      // Empty files are left out; a file over the limit is refused, never stored cut off.
      const files = uploadedFiles(x.req.body).filter((f) => f.fieldName === 'files' && f.size > 0);
      refuseTooLarge(files, 'files', MAX_UPLOAD_BYTES);
      return replyToInfoRequest(trx, ctx, cal, x.dataDir, r, {
        outcomeKey: v.outcomeKey ?? '',
        legalBasis: v.legalBasis || defaultLegalBasis(v.outcomeKey ?? ''),
        text: v.text ?? '',
        repliedOn: d.repliedOn,
        files,
      });
    }
    case 'deliver': {
      const letterId = parseId(v.letterId);
      if (!letterId) throw new ValidationError({ letterId: '请选择文书。' });
      return recordDelivery(trx, ctx, r, letterId, {
        deliveredOn: dates(v, ['deliveredOn']).deliveredOn,
        method: v.method ?? '',
      });
    }
    case 'archive':
      return archiveInfoRequest(trx, ctx, r, {
        archivedOn: dates(v, ['archivedOn']).archivedOn,
        reference: v.reference ?? '',
      });
    case 'notes':
      return addStaffNote(trx, ctx, r, v.note ?? '');
    case 'proactive-suggestion':
      // 条例 第四十四条 second sentence: the applicant suggests publishing it proactively.
      await recordApplicantSuggestion(trx, ctx, r, v.applicantNote ?? '');
      return;
    case 'appeals': {
      const kinds: Record<string, { kind: 'reconsideration' | 'lawsuit'; after: boolean }> = {
        reconsideration: { kind: 'reconsideration', after: false },
        lawsuitDirect: { kind: 'lawsuit', after: false },
        lawsuitAfter: { kind: 'lawsuit', after: true },
      };
      const k = kinds[v.appealKind ?? ''];
      if (!k) throw new ValidationError({ kind: '请选择类型。' });
      const d = dates(v, ['filedOn'], ['concludedOn']);
      const result = APPEAL_RESULT_KEYS.find((x2) => x2 === v.result) ?? 'pending';
      const input: AppealInput = {
        kind: k.kind,
        afterReconsideration: k.after,
        filedOn: d.filedOn,
        result,
        concludedOn: d.concludedOn || null,
        note: v.note ?? '',
      };
      await addAppeal(trx, ctx, r, input);
      return;
    }
    case 'appealUpdate': {
      const a = (await listAppeals(trx, r.id)).find((k) => k.id === x.itemId);
      if (!a) throw new AppError('notFound');
      const d = dates(v, [], ['concludedOn']);
      const result = APPEAL_RESULT_KEYS.find((x2) => x2 === v.result) ?? 'pending';
      return updateAppealResult(trx, ctx, r, a.id, {
        kind: a.kind,
        afterReconsideration: a.afterReconsideration === 1,
        filedOn: a.filedOn,
        result,
        concludedOn: d.concludedOn || null,
        note: a.note,
      });
    }
    default:
      throw new AppError('notFound');
  }
}
