// The closed list of case states and the transitions between them (STYLE: Alaveteli's state
// machine). Consultations and the extension do not change the state: they change the stored
// clock. 'replied' and 'closed' both carry exactly one outcome of table 三.
import { AppError } from '../../platform/errors.ts';
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

const TRANSITIONS: Record<InfoRequestTransition, { from: readonly InfoRequestState[]; to: InfoRequestState }> = {
  confirmReceipt: { from: ['submitted'], to: 'processing' },
  requestCorrection: { from: ['processing'], to: 'awaitingCorrection' },
  receiveCorrection: { from: ['awaitingCorrection'], to: 'processing' },
  closeForMissingCorrection: { from: ['awaitingCorrection'], to: 'closed' },
  sendFeeNotice: { from: ['processing'], to: 'feePending' },
  recordPayment: { from: ['feePending'], to: 'processing' },
  closeForUnpaidFee: { from: ['feePending'], to: 'closed' },
  reply: { from: ['processing'], to: 'replied' },
  archive: { from: ['replied', 'closed'], to: 'archived' },
};

/** States in which the answer clock matters (dashboard, reminders). */
export const OPEN_STATES: readonly InfoRequestState[] = ['submitted', 'processing', 'awaitingCorrection', 'feePending'];

export function canTransition(state: InfoRequestState, t: InfoRequestTransition): boolean {
  return TRANSITIONS[t].from.includes(state);
}

/** The next state, or a 409 with a Chinese message when the step does not fit the case. */
export function transition(state: InfoRequestState, t: InfoRequestTransition): InfoRequestState {
  if (!canTransition(state, t))
    throw new AppError('conflict', `该申请当前状态为“${stateLabels[state]}”，不能执行此操作。`);
  return TRANSITIONS[t].to;
}
