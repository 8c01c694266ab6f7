// Registration of a case (办件) at a window or online: its number in the agency's series of the
// year, its query code and the received event.
import { allocateNumber, serialNumber } from '../../platform/counters.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { findAgencyById } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { dayOf } from './service-case.service.ts';
import { hashQueryCode, newQueryCode } from './service-case.query-code.ts';
import { findCaseByNumber, findItemById, insertCase } from './service-hall.repository.ts';
import type { CaseChannel } from './service-hall.tables.ts';
import { caseLimitDays } from './time-limits.ts';

export interface NewCaseInput {
  itemId: number;
  channel: CaseChannel;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string;
  summary: string;
}

/** `FW-LINGXI-2025-0001`: the agency's series of service-hall cases of that year. */
async function nextCaseNumber(trx: Trx, agencyId: number, year: number): Promise<string> {
  const agency = await findAgencyById(trx, agencyId);
  if (!agency) throw new AppError('notFound');
  const n = await allocateNumber(
    trx,
    { kind: 'serviceCase', agencyId, year },
    (seq) => serialNumber(`FW-${agency.slug.toUpperCase()}`, year, seq),
    async (candidate) => (await findCaseByNumber(trx, candidate)) !== undefined,
  );
  if (n === null) throw new Error(`no free service-hall case number for agency ${agencyId}`);
  return n;
}

export async function registerCase(
  trx: Trx,
  ctx: AuditContext,
  input: NewCaseInput,
): Promise<{ id: number; caseNumber: string; queryCode: string }> {
  const item = await findItemById(trx, input.itemId);
  if (!item || item.active !== 1) throw new ValidationError({ itemId: '请选择有效的办理事项。' });
  const receivedOn = dayOf(ctx);
  const queryCode = newQueryCode();
  const caseNumber = await nextCaseNumber(trx, item.agencyId, Number(receivedOn.slice(0, 4)));
  const id = await insertCase(trx, {
    agencyId: item.agencyId,
    itemId: item.id,
    windowId: item.windowId,
    caseNumber,
    queryCodeHash: hashQueryCode(queryCode),
    channel: input.channel,
    itemKind: item.kind,
    deemedApproval: item.deemedApproval,
    timeLimitDays: caseLimitDays(item),
    applicantName: input.applicantName,
    applicantPhone: input.applicantPhone,
    applicantEmail: input.applicantEmail,
    summary: input.summary,
    status: 'received',
    receivedOn,
    acceptedOn: null,
    notAcceptedReason: '',
    dueOn: null,
    dueExplanation: '[]',
    correctionUsed: 0,
    decision: null,
    decisionReason: '',
    decidedOn: null,
    decidedAt: null,
    deemed: 0,
    deliveredOn: null,
    rating: null,
    ratingComment: '',
    ratedAt: null,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'serviceCase.received',
    { type: 'serviceCase', id, agencyId: item.agencyId },
    {
      after: { caseNumber, itemId: item.id, channel: input.channel, receivedOn, timeLimitDays: caseLimitDays(item) },
    },
  );
  return { id, caseNumber, queryCode };
}
