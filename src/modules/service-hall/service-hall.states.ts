// The closed list of case states and the allowed transitions (STYLE: Alaveteli). A window
// receives the case; it is accepted, not accepted, or sent back once for 补齐补正 (行政许可法
// 第三十二条: 一次告知申请人需要补正的全部内容); an accepted case is processed, possibly suspended
// for expert review or a hearing (第四十五条), decided (第三十八条) and the result delivered (第四十四条).
// A pause ends in the status the case had before it (its pause row keeps it).
import { AppError } from '../../platform/errors.ts';
import type { Action } from '../../platform/auth/policy.ts';
import { defineMachine, type Step } from '../../platform/state-machine.ts';
import type { ServiceCaseStatus } from './service-hall.tables.ts';

export type CaseEvent =
  | 'accept'
  | 'notAccept'
  | 'requestMaterials'
  | 'materialsArrived'
  | 'startProcessing'
  | 'suspend'
  | 'resume'
  | 'decide'
  | 'deemApproval'
  | 'deliver';

/** Statuses in which the clock runs: the deemed-approval job looks only at these. */
export const RUNNING_STATUSES: readonly ServiceCaseStatus[] = ['accepted', 'inProcess'];

export const STATUS_LABELS: Record<ServiceCaseStatus, string> = {
  received: '已收件，待受理',
  awaitingMaterials: '待补齐补正材料',
  accepted: '已受理',
  inProcess: '办理中',
  suspended: '中止计时（专家评审、听证等）',
  notAccepted: '不予受理',
  decided: '已办结',
  delivered: '已办结，结果已送达',
};

const handle: Action = 'serviceCase.handle';

/** Each step: where it starts, where it leads, who may take it (the admin routes authorise the same action). */
const STEPS: Record<CaseEvent, Step<ServiceCaseStatus>> = {
  accept: { from: ['received'], to: 'accepted', action: handle },
  notAccept: { from: ['received'], to: 'notAccepted', action: handle },
  requestMaterials: { from: ['received', 'accepted', 'inProcess'], to: 'awaitingMaterials', action: handle },
  materialsArrived: { from: ['awaitingMaterials'], to: ['received', 'accepted', 'inProcess'], action: handle },
  startProcessing: { from: ['accepted'], to: 'inProcess', action: handle },
  suspend: { from: ['accepted', 'inProcess'], to: 'suspended', action: handle },
  resume: { from: ['suspended'], to: ['accepted', 'inProcess'], action: handle },
  decide: { from: ['accepted', 'inProcess'], to: 'decided', action: 'serviceCase.decide' },
  /** 超时默许: the job, not a member of staff. */
  deemApproval: { from: ['accepted', 'inProcess'], to: 'decided' },
  deliver: { from: ['decided'], to: 'delivered', action: handle },
};

export const serviceCaseMachine = defineMachine<ServiceCaseStatus, CaseEvent>({
  entity: 'serviceCase',
  labels: STATUS_LABELS,
  steps: STEPS,
  refuse: (status) =>
    new AppError('conflict', `办件当前状态为“${STATUS_LABELS[status]}”，不能执行该操作。请刷新页面查看最新状态。`),
});

export function canApply(event: CaseEvent, status: ServiceCaseStatus): boolean {
  return serviceCaseMachine.can(status, event);
}

/** Throws 409 with a Chinese message when the case is not in a state that allows `event`. */
export function assertTransition(event: CaseEvent, status: ServiceCaseStatus): void {
  if (!canApply(event, status)) serviceCaseMachine.next(status, event);
}

/** The case as the machine sees it (its status is the machine's state). */
export function caseSubject(c: { id: number; agencyId: number; status: ServiceCaseStatus }) {
  return { id: c.id, agencyId: c.agencyId, state: c.status };
}
