// The reminders job (STYLE practice 9): idempotent and batched. Each run (1) ends consultations
// whose 15 working days have passed in silence (条例 第三十二条、第三十四条), and (2) tells the
// assignee and the office head (signer) once per case, kind and due date when an answer is due
// within 5 working days or overdue, or when a 补正 or payment period has lapsed. The
// info_request_reminders primary key makes a second run (or a second worker) a no-op.
import type { AppDeps } from '../../platform/http/types.ts';
import { inTransaction, type Executor, type Trx } from '../../platform/transaction.ts';
import { addWorkingDaysProvisional, todayInShanghai } from '../calendar/index.ts';
import { queueNotification } from '../notification/index.ts';
import { listActiveStaffWithRoles } from '../account/index.ts';
import { settleSilentConsultations } from './consultation.service.ts';

export const DUE_SOON_WORKING_DAYS = 5;
const BATCH = 200;

type ReminderKind = 'dueSoon' | 'overdue' | 'correctionLapsed' | 'feeLapsed';

const subjects: Record<ReminderKind, (n: string, d: string) => string> = {
  dueSoon: (n, d) => `申请 ${n} 将于 ${d} 到期`,
  overdue: (n, d) => `申请 ${n} 已超过答复期限（${d}）`,
  correctionLapsed: (n, d) => `申请 ${n} 的补正期限已于 ${d} 届满`,
  feeLapsed: (n, d) => `申请 ${n} 的缴费期限已于 ${d} 届满`,
};

async function alreadyReminded(db: Executor, infoRequestId: number, kind: ReminderKind, dueOn: string) {
  const row = await db
    .selectFrom('infoRequestReminders')
    .select('kind')
    .where('infoRequestId', '=', infoRequestId)
    .where('kind', '=', kind)
    .where('dueOn', '=', dueOn)
    .executeTakeFirst();
  return row !== undefined;
}

async function remind(
  trx: Trx,
  at: string,
  c: { id: number; number: string; agencyId: number; assigneeUserId: number | null },
  kind: ReminderKind,
  dueOn: string,
): Promise<boolean> {
  if (await alreadyReminded(trx, c.id, kind, dueOn)) return false;
  await trx.insertInto('infoRequestReminders').values({ infoRequestId: c.id, kind, dueOn, sentAt: at }).execute();
  const heads = await listActiveStaffWithRoles(trx, c.agencyId, ['signer']);
  const recipients = new Map(heads.map((h) => [h.id, h]));
  if (c.assigneeUserId && !recipients.has(c.assigneeUserId)) {
    const u = await trx
      .selectFrom('users')
      .select(['id', 'displayName', 'email'])
      .where('id', '=', c.assigneeUserId)
      .executeTakeFirst();
    if (u) recipients.set(u.id, u);
  }
  if (recipients.size === 0)
    for (const s of await listActiveStaffWithRoles(trx, c.agencyId, ['clerk'])) recipients.set(s.id, s);
  for (const u of recipients.values()) {
    await queueNotification(
      trx,
      {
        agencyId: c.agencyId,
        recipientUserId: u.id,
        toAddress: u.email,
        recipientName: u.displayName,
        subject: subjects[kind](c.number, dueOn),
        body: `${subjects[kind](c.number, dueOn)}，请及时办理。`,
        relatedType: 'infoRequest',
        relatedId: c.id,
      },
      at,
    );
  }
  return true;
}

export async function runInfoRequestReminders(deps: AppDeps): Promise<string | void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const at = now.toISOString();
  const today = todayInShanghai(now);
  const cal = await deps.calendar.get();
  const ctx = { actorUserId: null, actorName: 'system', ip: '127.0.0.1', at };

  let settled = 0;
  const open = await db
    .selectFrom('infoRequestConsultations')
    .innerJoin('infoRequests', 'infoRequests.id', 'infoRequestConsultations.infoRequestId')
    .select('infoRequests.id')
    .where('infoRequestConsultations.endedOn', 'is', null)
    .where('infoRequestConsultations.letterReceivedOn', 'is not', null)
    .where('infoRequestConsultations.replyDueOn', '<', today)
    .distinct()
    .limit(BATCH)
    .execute();
  for (const c of open) settled += await inTransaction(db, (trx) => settleSilentConsultations(trx, ctx, cal, c.id));

  // Next year's calendar not yet confirmed: the days are counted provisionally, and provisional
  // due dates are reminded of like any other (issue #11 point 3: deadlines never vanish).
  const soonLimit = addWorkingDaysProvisional(cal, today, DUE_SOON_WORKING_DAYS).date;
  const cols = ['id', 'number', 'agencyId', 'assigneeUserId'] as const;
  const due = await db
    .selectFrom('infoRequests')
    .select([...cols, 'dueOn'])
    .where('state', '=', 'processing')
    .where('clockStatus', '=', 'running')
    .where('dueOn', '<=', soonLimit)
    .limit(BATCH)
    .execute();
  // A case waiting on the applicant (补正 or payment) whose period ended before today.
  const lapsed = (state: 'awaitingCorrection' | 'feePending', dueColumn: 'correctionDueOn' | 'feePaymentDueOn') =>
    db
      .selectFrom('infoRequests')
      .select((eb) => [...cols, eb.ref(dueColumn).as('lapsedOn')])
      .where('state', '=', state)
      .where(dueColumn, '<', today)
      .limit(BATCH)
      .execute();
  const lapsedCorrections = await lapsed('awaitingCorrection', 'correctionDueOn');
  const lapsedFees = await lapsed('feePending', 'feePaymentDueOn');

  let sent = 0;
  const tasks: [(typeof due)[number], ReminderKind, string][] = [
    ...due.map((c): [typeof c, ReminderKind, string] => [
      c,
      (c.dueOn as string) < today ? 'overdue' : 'dueSoon',
      c.dueOn as string,
    ]),
    ...lapsedCorrections.map((c): [(typeof due)[number], ReminderKind, string] => [
      { ...c, dueOn: null },
      'correctionLapsed',
      c.lapsedOn as string,
    ]),
    ...lapsedFees.map((c): [(typeof due)[number], ReminderKind, string] => [
      { ...c, dueOn: null },
      'feeLapsed',
      c.lapsedOn as string,
    ]),
  ];
  for (const [c, kind, dueOn] of tasks) {
    try {
      if (await inTransaction(db, (trx) => remind(trx, at, c, kind, dueOn))) sent++;
    } catch (err) {
      // Another worker recorded the same reminder first (primary key): nothing to do.
      if (!(await alreadyReminded(db, c.id, kind, dueOn))) throw err;
    }
  }
  if (sent || settled) return `reminders ${sent}, consultations settled ${settled}`;
}
