// The staff registry page: members (专职/兼职, role, period) and training events.
import type { Selectable } from 'kysely';
import type { FieldErrors } from '../../platform/errors.ts';
import { Field, Select } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { RecordForm, RecordTable, RowForm } from '../../platform/views/record-table.tsx';
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
  /** Each form's one-time token (createOnce). */
  once: { staff: string; training: string };
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
                <RowForm
                  action={`/admin/staff/${m.id}/end`}
                  csrf={p.ctx.csrfToken}
                  controlId={`until-${m.id}`}
                  label={`${m.name}的结束日期`}
                  button="结束"
                >
                  <input id={`until-${m.id}`} name="until" type="date" required />
                </RowForm>
              ) : null}
            </td>
          </>
        )}
      />
      {p.canManage ? (
        <RecordForm action="/admin/staff" title="登记工作人员" errors={se} csrf={p.ctx.csrfToken} once={p.once.staff}>
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
        </RecordForm>
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
        <RecordForm
          action="/admin/staff/trainings"
          title="登记培训"
          heading="h3"
          errors={te}
          csrf={p.ctx.csrfToken}
          once={p.once.training}
          button="登记培训"
        >
          <Field {...trainingField('heldOn', '培训日期')} type="date" required />
          <Field {...trainingField('title', '培训名称')} required maxLength={200} />
          <Field {...trainingField('hours', '学时')} required inputmode="numeric" />
          <Field {...trainingField('participants', '参加人次')} required inputmode="numeric" />
        </RecordForm>
      ) : null}
    </AdminLayout>
  );
}
