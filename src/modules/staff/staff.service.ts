// The staff registry: people working on disclosure per agency (专职/兼职), their role, and training
// events. The annual report's 工作人员 figures are counts over these records.
import { ValidationError } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import type { Trx } from '../../platform/transaction.ts';
import { insertAudited, updateAudited, type AuditContext } from '../../platform/audit.ts';
import { isValidIsoDate } from '../calendar/index.ts';
import type { Employment } from './staff.tables.ts';

export const EMPLOYMENT_LABELS: Record<Employment, string> = { fullTime: '专职', partTime: '兼职' };
const date = (label: string, required = true) => ({
  label,
  required,
  check: (v: string) => (isValidIsoDate(v) ? null : `${label}应为有效的日期，如 2025-06-02。`),
});

export const STAFF_FORM = {
  name: { label: '姓名', required: true, max: 50 },
  employment: { label: '专职或兼职', required: true, oneOf: ['fullTime', 'partTime'] },
  role: { label: '岗位', required: true, max: 100 },
  since: date('起始日期'),
} satisfies FormSpec<string>;
export type StaffInput = Record<keyof typeof STAFF_FORM, string>;

export const TRAINING_FORM = {
  heldOn: date('培训日期'),
  title: { label: '培训名称', required: true, max: 200 },
  hours: { label: '学时', required: true, pattern: /^\d{1,3}$/, patternMessage: '学时应为 0 到 999 之间的整数。' },
  participants: {
    label: '参加人次',
    required: true,
    pattern: /^\d{1,4}$/,
    patternMessage: '参加人次应为 0 到 9999 之间的整数。',
  },
} satisfies FormSpec<string>;
export type TrainingInput = Record<keyof typeof TRAINING_FORM, string>;

export async function addStaffMember(trx: Trx, ctx: AuditContext, agencyId: number, i: StaffInput): Promise<number> {
  return insertAudited(trx, ctx, {
    table: 'staffMembers',
    values: {
      agencyId,
      name: i.name,
      employment: i.employment as Employment,
      role: i.role,
      since: i.since,
      until: null,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    },
    action: 'staff.added',
    type: 'staffMember',
    agencyId,
    summary: { after: { employment: i.employment, role: i.role, since: i.since } },
  });
}

export async function endStaffMember(
  trx: Trx,
  ctx: AuditContext,
  row: { id: number; agencyId: number; since: string; until: string | null },
  until: string,
): Promise<void> {
  if (!isValidIsoDate(until) || until < row.since)
    throw new ValidationError({ until: '结束日期应为不早于起始日期的有效日期。' });
  await updateAudited(trx, ctx, {
    table: 'staffMembers',
    id: row.id,
    set: { until, updatedAt: ctx.at },
    action: 'staff.ended',
    type: 'staffMember',
    agencyId: row.agencyId,
    summary: { before: { until: row.until }, after: { until } },
  });
}

export async function recordTraining(trx: Trx, ctx: AuditContext, agencyId: number, i: TrainingInput): Promise<number> {
  return insertAudited(trx, ctx, {
    table: 'staffTrainings',
    values: {
      agencyId,
      heldOn: i.heldOn,
      title: i.title,
      hours: Number(i.hours),
      participants: Number(i.participants),
      createdAt: ctx.at,
    },
    action: 'staff.training',
    type: 'staffTraining',
    agencyId,
    summary: { after: { heldOn: i.heldOn, title: i.title } },
  });
}
