// The staff registry page: members (专职/兼职, role, period) and training events.
import type { Selectable } from 'kysely';
import type { FieldErrors } from '../../platform/errors.ts';
import { Csrf, ErrorSummary, Field, Select } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { RecordTable } from '../../platform/views/record-table.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { EMPLOYMENT_LABELS, type StaffInput, type TrainingInput } from './staff.service.ts';
import type { StaffMembersTable, StaffTrainingsTable } from './staff.tables.ts';

export function StaffPage(p: {
  ctx: PageContext;
  members: Selectable<StaffMembersTable>[];
  trainings: Selectable<StaffTrainingsTable>[];
  agencyNames: Map<number, string>;
  canManage: boolean;
  staffValues: StaffInput;
  trainingValues: TrainingInput;
  staffErrors?: FieldErrors;
  trainingErrors?: FieldErrors;
}) {
  const se = p.staffErrors ?? {};
  const staffField = formFields(p.staffValues, se);
  const te = p.trainingErrors ?? {};
  const trainingField = formFields(p.trainingValues, te);
  return (
    <AdminLayout title="工作人员" ctx={p.ctx}>
      <h1>政务公开工作人员</h1>
      {se.until ? (
        <p class="error" role="alert">
          {se.until}
        </p>
      ) : null}
      <RecordTable
        label="工作人员名单"
        columns={['姓名', '单位', '专职/兼职', '岗位', '起止']}
        rows={p.members}
        cells={(m) => (
          <>
            <td>{m.name}</td>
            <td>{p.agencyNames.get(m.agencyId) ?? ''}</td>
            <td>{EMPLOYMENT_LABELS[m.employment]}</td>
            <td>{m.role}</td>
            <td>
              {m.since} 至 {m.until ?? '今'}
              {p.canManage && !m.until ? (
                <form method="post" action={`/admin/staff/${m.id}/end`} class="inline-form">
                  <Csrf token={p.ctx.csrfToken} />
                  <label class="visually-hidden" for={`until-${m.id}`}>
                    {m.name}的结束日期
                  </label>
                  <input id={`until-${m.id}`} name="until" type="date" required />
                  <button type="submit" class="button secondary">
                    结束
                  </button>
                </form>
              ) : null}
            </td>
          </>
        )}
      />
      {p.canManage ? (
        <form method="post" action="/admin/staff">
          <h2>登记工作人员</h2>
          <ErrorSummary errors={se} />
          <Csrf token={p.ctx.csrfToken} />
          <Field {...staffField('name', '姓名')} required maxLength={50} />
          <Select
            {...staffField('employment', '专职或兼职')}
            required
            options={[
              { value: 'fullTime', label: '专职' },
              { value: 'partTime', label: '兼职' },
            ]}
          />
          <Field {...staffField('role', '岗位')} required maxLength={100} />
          <Field {...staffField('since', '起始日期')} type="date" required />
          <button type="submit" class="button">
            登记
          </button>
        </form>
      ) : null}
      <h2>业务培训</h2>
      <RecordTable
        label="培训记录"
        columns={['日期', '单位', '培训名称', '学时', '参加人次']}
        rows={p.trainings}
        cells={(t) => (
          <>
            <td>{t.heldOn}</td>
            <td>{p.agencyNames.get(t.agencyId) ?? ''}</td>
            <td>{t.title}</td>
            <td>{t.hours}</td>
            <td>{t.participants}</td>
          </>
        )}
      />
      {p.canManage ? (
        <form method="post" action="/admin/staff/trainings">
          <h3>登记培训</h3>
          <ErrorSummary errors={te} />
          <Csrf token={p.ctx.csrfToken} />
          <Field {...trainingField('heldOn', '培训日期')} type="date" required />
          <Field {...trainingField('title', '培训名称')} required maxLength={200} />
          <Field {...trainingField('hours', '学时')} required inputmode="numeric" />
          <Field {...trainingField('participants', '参加人次')} required inputmode="numeric" />
          <button type="submit" class="button">
            登记培训
          </button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
