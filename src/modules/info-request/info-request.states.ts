// The closed list of case states and the transitions between them (STYLE: Alaveteli's state
// machine). Consultations and the extension do not change the state: they change the stored
// clock. 'replied' and 'closed' both carry exactly one outcome of table 三. The routes authorise
// each step's action before the service takes it (platform/state-machine.ts).
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { defineMachine } from '../../platform/state-machine.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { InfoRequestState } from './info-request.tables.ts';

export const stateLabels: Readonly<Record<InfoRequestState, string>> = {
  submitted: '已提交，待确认收到',
  processing: '办理中',
  awaitingCorrection: '待申请人补正',
  feePending: '待缴纳信息处理费',
  replied: '已答复',
  closed: '已终止办理',
  archived: '已归档',
};

export type InfoRequestTransition =
  | 'confirmReceipt'
  | 'requestCorrection'
  | 'receiveCorrection'
  | 'closeForMissingCorrection'
  | 'sendFeeNotice'
  | 'recordPayment'
  | 'closeForUnpaidFee'
  | 'reply'
  | 'archive';

export const infoRequestMachine = defineMachine<InfoRequestState, InfoRequestTransition>({
  entity: 'infoRequest',
  labels: stateLabels,
  steps: {
    confirmReceipt: {
      from: ['submitted'],
      to: 'processing',
      action: 'infoRequest.intake',
      audit: 'infoRequest.confirmed',
    },
    requestCorrection: {
      from: ['processing'],
      to: 'awaitingCorrection',
      action: 'infoRequest.process',
      audit: 'infoRequest.correctionRequested',
    },
    receiveCorrection: {
      from: ['awaitingCorrection'],
      to: 'processing',
      action: 'infoRequest.process',
      audit: 'infoRequest.corrected',
    },
    closeForMissingCorrection: {
      from: ['awaitingCorrection'],
      to: 'closed',
      action: 'infoRequest.process',
      audit: 'infoRequest.closed',
    },
    sendFeeNotice: {
      from: ['processing'],
      to: 'feePending',
      action: 'infoRequest.process',
      audit: 'infoRequest.feeNotice',
    },
    recordPayment: {
      from: ['feePending'],
      to: 'processing',
      action: 'infoRequest.process',
      audit: 'infoRequest.feePaid',
    },
    closeForUnpaidFee: {
      from: ['feePending'],
      to: 'closed',
      action: 'infoRequest.process',
      audit: 'infoRequest.closed',
    },
    reply: { from: ['processing'], to: 'replied', action: 'infoRequest.reply', audit: 'infoRequest.replied' },
    archive: {
      from: ['replied', 'closed'],
      to: 'archived',
      action: 'infoRequest.archive',
      audit: 'infoRequest.archived',
    },
  },
  refuse: (state) => new AppError('conflict', `该申请当前状态为“${stateLabels[state]}”，不能执行此操作。`),
});

/** States in which the answer clock matters (dashboard, reminders). */
export const OPEN_STATES: readonly InfoRequestState[] = ['submitted', 'processing', 'awaitingCorrection', 'feePending'];

export function canTransition(state: InfoRequestState, t: InfoRequestTransition): boolean {
  return infoRequestMachine.can(state, t);
}

/** The next state, or a 409 with a Chinese message when the step does not fit the case. */
export function transition(state: InfoRequestState, t: InfoRequestTransition): InfoRequestState {
  return infoRequestMachine.next(state, t);
}

/** Takes a step: its audit event (`infoRequest.<what happened>`, the facts after it) in the caller's transaction. */
export async function takeStep(
  trx: Trx,
  ctx: AuditContext,
  r: { id: number; agencyId: number; state: InfoRequestState },
  t: InfoRequestTransition,
  after: Record<string, unknown>,
): Promise<void> {
  await infoRequestMachine.transition(trx, ctx, { subject: r, event: t, summary: { after } });
}
