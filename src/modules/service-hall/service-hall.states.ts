// The closed list of case states and the allowed transitions (STYLE: Alaveteli). A window
// receives the case; it is accepted, not accepted, or sent back once for 补齐补正 (行政许可法
// 第三十二条: 一次告知申请人需要补正的全部内容); an accepted case is processed, possibly suspended
// for expert review or a hearing (第四十五条), decided (第三十八条) and the result delivered (第四十四条).
import { AppError } from '../../platform/errors.ts';
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

const TRANSITIONS: Record<CaseEvent, readonly ServiceCaseStatus[]> = {
  accept: ['received'],
  notAccept: ['received'],
  requestMaterials: ['received', 'accepted', 'inProcess'],
  materialsArrived: ['awaitingMaterials'],
  startProcessing: ['accepted'],
  suspend: ['accepted', 'inProcess'],
  resume: ['suspended'],
  decide: ['accepted', 'inProcess'],
  deemApproval: ['accepted', 'inProcess'],
  deliver: ['decided'],
};

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

export function canApply(event: CaseEvent, status: ServiceCaseStatus): boolean {
  return TRANSITIONS[event].includes(status);
}

/** Throws 409 with a Chinese message when the case is not in a state that allows `event`. */
export function assertTransition(event: CaseEvent, status: ServiceCaseStatus): void {
  if (!canApply(event, status)) {
    throw new AppError(
      'conflict',
      `办件当前状态为“${STATUS_LABELS[status]}”，不能执行该操作。请刷新页面查看最新状态。`,
    );
  }
}
