// The annual report's workflow (issue 5 §7): draft → submitted to the supervising agency →
// returned with comments (edited again, resubmitted) or approved → published. Imported past
// reports are read-only records of what was published before Gongkai.
import type { AnnualReportState } from './annual-report.tables.ts';

export type AnnualReportTransition = 'submit' | 'return' | 'approve' | 'publish';

const TRANSITIONS: Record<AnnualReportTransition, { from: readonly AnnualReportState[]; to: AnnualReportState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
};

export const STATE_LABELS: Record<AnnualReportState, string> = {
  draft: '草稿',
  submitted: '已报送待审核',
  returned: '已退回修改',
  approved: '已审核待发布',
  published: '已发布',
  imported: '已导入（往年报告）',
};

export function isEditable(state: AnnualReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The state after `t`, or null when `t` is not allowed from `state`. */
export function nextState(state: AnnualReportState, t: AnnualReportTransition): AnnualReportState | null {
  const rule = TRANSITIONS[t];
  return rule.from.includes(state) ? rule.to : null;
}
