// How a case is named to people: the rating, decision and channel labels and the status line
// (超时默许 shown as such).
import type { ServiceCaseRow } from './service-hall.repository.ts';
import { STATUS_LABELS } from './service-hall.states.ts';
import type { CaseChannel, ServiceDecision, ServiceRating } from './service-hall.tables.ts';

export const RATING_LABELS: Record<ServiceRating, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  fairlySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};

export const DECISION_LABELS: Record<ServiceDecision, string> = { approved: '准予', refused: '不予' };

export const CHANNEL_LABELS: Record<CaseChannel, string> = { window: '窗口收件', online: '网上申请' };

export const statusText = (c: Pick<ServiceCaseRow, 'status' | 'deemed' | 'decision'>): string =>
  c.deemed === 1
    ? '超时默许，视为准予'
    : c.decision && (c.status === 'decided' || c.status === 'delivered')
      ? `${STATUS_LABELS[c.status]}（${DECISION_LABELS[c.decision]}）`
      : STATUS_LABELS[c.status];
