// What the service-level 依申请公开 tests (info-request-clock, info-request-outcomes) share: an
// application registered in 灵溪镇 through the intake service on a given day, the audit context of
// a step on a date, and the calendar read before a transaction (the embedded engine has one connection).
import type { AuditContext } from '../../src/platform/audit.ts';
import { readInfoRequestForm, registerIntake } from '../../src/modules/info-request/intake.service.ts';
import type { IntakeChannel } from '../../src/modules/info-request/rules/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import type { TestEnv } from '../support/test-app.ts';
import { application } from './helpers.ts';

export const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: 'test',
  ip: '127.0.0.1',
  at: `${date}T03:00:00.000Z`,
});

/** The helpers for the env `current()` returns (it is made in `before`). */
export function serviceDesk(current: () => TestEnv) {
  const lingxi = () => ({ id: current().county.agencyIds.lingxi as number, slug: 'lingxi' });
  const cal = () => current().deps.calendar.get();
  return {
    lingxi,
    cal,
    /** One agency's report year, as the annual report's queries take it. */
    scope: (year: number) => ({ agencyIds: [lingxi().id], year }),
    /** An application registered on `on` (the audit date), received as `dates` say. */
    async intake(channel: IntakeChannel, dates: Record<string, string>, on: string, over: Record<string, string> = {}) {
      const c = await cal(); // before the transaction: the embedded engine has one connection
      return inTransaction(current().database.db, (t) =>
        registerIntake(t, at(on), c, lingxi(), readInfoRequestForm(application(over)), channel, dates, ''),
      );
    },
  };
}
