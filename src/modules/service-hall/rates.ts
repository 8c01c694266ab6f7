// 受理率 / 办结率 of the service hall (政务服务大厅) and the related shares shown on its statistics
// page (GLOSSARY "Service hall").
//
// - acceptanceRate (受理率) = accepted / received.
// - completionRate (办结率, "completed in time") = completedInTime / acceptedAndDue, where
//   acceptedAndDue counts the accepted cases whose time limit has passed or that were completed:
//   a case still inside its time limit is neither a success nor a failure yet, so it must not
//   pull the rate down.
// - overdueRate = overdue / acceptedAndDue; deemedApprovalRate (超时默许) = deemedApprovals /
//   acceptedAndDue.
// A rate whose denominator is 0 is null ("—"), never 0% or 100%: there was nothing to measure.

export interface CaseCounts {
  /** Cases received (登记). */
  received: number;
  /** Of those, accepted (受理). */
  accepted: number;
  /** Accepted cases completed within their time limit. */
  completedInTime: number;
  /** Accepted cases that were completed or whose time limit has passed. */
  acceptedAndDue: number;
  /** Accepted cases completed late or still open after their time limit. */
  overdue: number;
  /** Cases approved because no decision was made in time (超时默许). */
  deemedApprovals: number;
}

export interface CaseRates {
  acceptanceRate: number | null;
  completionRate: number | null;
  overdueRate: number | null;
  deemedApprovalRate: number | null;
}

const LABELS: Record<keyof CaseCounts, string> = {
  received: '收件数',
  accepted: '受理数',
  completedInTime: '按时办结数',
  acceptedAndDue: '已到期受理数',
  overdue: '超期数',
  deemedApprovals: '超时默许数',
};

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Throws RangeError (Chinese message) on counts that cannot come from real records. */
export function computeRates(counts: CaseCounts): CaseRates {
  for (const key of Object.keys(LABELS) as Array<keyof CaseCounts>) {
    const value = counts[key];
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${LABELS[key]}必须是非负整数，实际为“${value}”。`);
  }
  const notAbove = (part: keyof CaseCounts, whole: keyof CaseCounts): void => {
    if (counts[part] > counts[whole]) {
      throw new RangeError(`${LABELS[part]}（${counts[part]}）不能大于${LABELS[whole]}（${counts[whole]}）。`);
    }
  };
  notAbove('accepted', 'received');
  notAbove('acceptedAndDue', 'accepted');
  notAbove('completedInTime', 'acceptedAndDue');
  notAbove('overdue', 'acceptedAndDue');
  notAbove('deemedApprovals', 'acceptedAndDue');
  if (counts.completedInTime + counts.overdue > counts.acceptedAndDue) {
    throw new RangeError(
      `按时办结数（${counts.completedInTime}）与超期数（${counts.overdue}）之和不能大于已到期受理数（${counts.acceptedAndDue}）。`,
    );
  }
  return {
    acceptanceRate: ratio(counts.accepted, counts.received),
    completionRate: ratio(counts.completedInTime, counts.acceptedAndDue),
    overdueRate: ratio(counts.overdue, counts.acceptedAndDue),
    deemedApprovalRate: ratio(counts.deemedApprovals, counts.acceptedAndDue),
  };
}

/**
 * A rate as a percentage with at most one decimal ("100%", "66.7%", "0.5%"), "—" for null.
 * Rounding never shows "100%" for a rate below 1 nor "0%" for a rate above 0: 999 of 1000 is
 * "99.9%", 1 of 5000 is "0.1%".
 */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  // The small epsilon rounds halves up despite binary fractions (0.6665 → 66.7%, not 66.6%).
  let tenths = Math.round(rate * 1000 + 1e-9);
  if (rate < 1 && tenths >= 1000) tenths = 999;
  if (rate > 0 && tenths <= 0) tenths = 1;
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const fraction = abs % 10;
  return `${sign}${whole}${fraction === 0 ? '' : `.${fraction}`}%`;
}
