// The states of a record amendment request (条例 第四十一条) and its steps, on the platform's
// state-machine helper: each step checks the role on the request's agency and writes its audit
// event (`recordAmendment.<step>`). The steps reuse the 依申请公开 actions: the same office, the
// same clerks and signers handle both (登记 = intake, 延期 = extend, 答复 = reply).
import { AppError } from '../../platform/errors.ts';
import { defineMachine } from '../../platform/state-machine.ts';
import { STATE_LABELS } from './record-amendment.rules.ts';
import type { AmendmentState } from './record-amendment.tables.ts';

export type AmendmentStep = 'confirmReceipt' | 'extend' | 'decide';

export const amendmentMachine = defineMachine<AmendmentState, AmendmentStep>({
  entity: 'recordAmendment',
  labels: STATE_LABELS,
  steps: {
    confirmReceipt: {
      from: ['submitted'],
      to: 'processing',
      action: 'infoRequest.intake',
      label: '确认收到',
      audit: 'recordAmendment.confirmed',
    },
    extend: {
      from: ['processing'],
      to: 'same',
      action: 'infoRequest.extend',
      label: '延长答复期限',
      audit: 'recordAmendment.extended',
    },
    decide: {
      from: ['processing'],
      to: 'decided',
      action: 'infoRequest.reply',
      label: '作出决定',
      audit: 'recordAmendment.decided',
    },
  },
  refuse: (state) => new AppError('conflict', `该更正申请当前状态为“${STATE_LABELS[state]}”，不能执行此操作。`),
});

/** States whose clock runs (工作台 due soon / overdue). */
export const OPEN_STATES: readonly AmendmentState[] = ['processing'];
