// 超时默许 (deemed approval): an accepted case of an item for which the agency has declared
// deemed approval, still undecided when its time limit ends, is approved automatically. The
// decision takes effect on the last day of the limit and is recorded with the reason "超时默许",
// an audit event and notices to the applicant and the window.
//
// The job is idempotent: each case moves in its own transaction, and only while it is still
// running (a conditional UPDATE), so two processes or two ticks can never approve it twice.
// It needs no memory of past runs: after downtime, the first run finds every case whose limit
// ended meanwhile (an indexed comparison on the stored due date) and handles each once.
import type { Clock } from '../../platform/clock.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { casesPastDeemedDeadline, findItemById, updateCaseFrom } from './service-hall.repository.ts';
import { caseSubject, RUNNING_STATUSES, serviceCaseMachine } from './service-hall.states.ts';
import { DEEMED_APPROVAL_REASON } from './service-case.service.ts';
import { notifyApplicant, notifyWindow } from './service-case.notify.ts';

export interface DeemedApprovalReport {
  approved: number;
  caseIds: number[];
}

export async function runDeemedApprovals(db: Db, clock: Clock, batchSize = 100): Promise<DeemedApprovalReport> {
  const report: DeemedApprovalReport = { approved: 0, caseIds: [] };
  for (;;) {
    const now = clock.now();
    const due = await casesPastDeemedDeadline(db, todayInShanghai(now), batchSize);
    let movedInBatch = 0;
    for (const c of due) {
      const ctx: AuditContext = {
        actorUserId: null,
        actorName: '系统（超时默许）',
        ip: '127.0.0.1',
        at: now.toISOString(),
      };
      const moved = await inTransaction(db, async (trx) => {
        const dueOn = c.dueOn as string;
        const ok = await updateCaseFrom(trx, c.id, RUNNING_STATUSES, {
          status: 'decided',
          decision: 'approved',
          decisionReason: DEEMED_APPROVAL_REASON,
          decidedOn: dueOn,
          decidedAt: ctx.at,
          deemed: 1,
          updatedAt: ctx.at,
        });
        if (!ok) return false;
        const item = await findItemById(trx, c.itemId);
        await serviceCaseMachine.transition(trx, ctx, {
          by: 'system',
          subject: caseSubject(c),
          event: 'deemApproval',
          summary: {
            before: { status: c.status },
            after: {
              status: 'decided',
              decision: 'approved',
              decisionReason: DEEMED_APPROVAL_REASON,
              decidedOn: dueOn,
              deemed: 1,
            },
            note: `时限于 ${dueOn} 届满未作出决定，依${item?.deemedApprovalBasis || '本机关关于该事项超时默许的规定'}视为准予`,
          },
        });
        const text = `办件 ${c.caseNumber}（${item?.name ?? '政务服务事项'}）的办理时限于 ${dueOn} 届满，未作出决定，依照${item?.deemedApprovalBasis || '本机关的超时默许规定'}，视为准予。`;
        await notifyApplicant(trx, ctx, c, `办件 ${c.caseNumber} 超时默许，视为准予`, text);
        await notifyWindow(trx, ctx, c, `办件 ${c.caseNumber} 已超时默许`, `${text}请及时制发并送达结果文书。`);
        return true;
      });
      if (moved) {
        movedInBatch++;
        report.approved++;
        report.caseIds.push(c.id);
      }
    }
    if (due.length < batchSize || movedInBatch === 0) return report;
  }
}
