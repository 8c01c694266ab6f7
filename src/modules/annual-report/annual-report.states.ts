// The annual report's workflow (issue 5 §7): draft → submitted to the supervising agency →
// returned with comments (edited again, resubmitted) or approved → published. Imported past
// reports are read-only records of what was published before Gongkai. The routes authorise the
// step's action before the service takes it (platform/state-machine.ts).
import { ValidationError } from '../../platform/errors.ts';
import { defineMachine } from '../../platform/state-machine.ts';
import type { AnnualReportState } from './annual-report.tables.ts';

export type AnnualReportTransition = 'submit' | 'return' | 'approve' | 'publish';

export const STATE_LABELS: Record<AnnualReportState, string> = {
  draft: '草稿',
  submitted: '已报送待审核',
  returned: '已退回修改',
  approved: '已审核待发布',
  published: '已发布',
  imported: '已导入（往年报告）',
};

export const annualReportMachine = defineMachine<AnnualReportState, AnnualReportTransition>({
  entity: 'annualReport',
  labels: STATE_LABELS,
  steps: {
    submit: { from: ['draft', 'returned'], to: 'submitted', action: 'annualReport.submit', label: '报送' },
    return: { from: ['submitted'], to: 'returned', action: 'annualReport.review', label: '退回' },
    approve: { from: ['submitted'], to: 'approved', action: 'annualReport.review', label: '审核通过' },
    publish: { from: ['approved'], to: 'published', action: 'annualReport.publish', label: '发布' },
  },
  refuse: () => new ValidationError({ state: '报告当前状态不允许此操作，请刷新页面后重试。' }),
});

export function isEditable(state: AnnualReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The state after `t`, or null when `t` is not allowed from `state`. */
export function nextState(state: AnnualReportState, t: AnnualReportTransition): AnnualReportState | null {
  return annualReportMachine.can(state, t) ? annualReportMachine.next(state, t) : null;
}
