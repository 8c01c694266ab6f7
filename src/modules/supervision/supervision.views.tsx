// Supervision pages: the satisfaction dashboard, evaluation events, inspections with their fix
// status and 通报, accountability records; and the public list of published 通报.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors.ts';
import { Field, Select, TableScroll, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { ChartFigure, renderChart, type RenderedChart } from '../../platform/views/chart.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { RecordForm, RecordTable, RowForm } from '../../platform/views/record-table.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { PublicShell, RATING_LABELS } from '../interaction/index.ts';
import type { SatisfactionPoint } from './supervision.report.ts';
import {
  EVALUATOR_LABELS,
  FIX_STATUS_LABELS,
  type AccountabilityInput,
  type EvaluationInput,
  type InspectionInput,
} from './supervision.service.ts';
import type {
  AccountabilityRecordsTable,
  EvaluationsTable,
  FixStatus,
  InspectionsTable,
} from './supervision.tables.ts';
import type { Selectable } from 'kysely';

type Evaluation = Selectable<EvaluationsTable>;
type Inspection = Selectable<InspectionsTable>;
type Accountability = Selectable<AccountabilityRecordsTable>;

function Shell(p: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <AdminLayout title={p.title} ctx={p.ctx}>
      <nav aria-label="监督保障" class="subnav">
        <ul class="inline-list">
          <li>
            <a href="/admin/supervision">满意度</a>
          </li>
          <li>
            <a href="/admin/supervision/evaluations">社会评议</a>
          </li>
          <li>
            <a href="/admin/supervision/inspections">督办检查</a>
          </li>
          <li>
            <a href="/admin/supervision/accountability">责任追究</a>
          </li>
        </ul>
      </nav>
      <h1>{p.title}</h1>
      {p.children}
    </AdminLayout>
  );
}

/** 满意度 by month: the three ratings as bars, 满意率 as a line on a percentage axis. */
export function satisfactionChart(points: readonly SatisfactionPoint[]): Promise<RenderedChart> {
  return renderChart({
    title: '满意度按月统计',
    categoryLabel: '月份',
    categories: points.map((x) => x.period),
    series: [
      ...(['satisfied', 'basicallySatisfied', 'dissatisfied'] as const).map((r) => ({
        name: RATING_LABELS[r],
        values: points.map((x) => x.ratings[r]),
      })),
      { name: '满意率', kind: 'line' as const, percent: true, values: points.map((x) => x.satisfactionRate) },
    ],
  });
}

export function DashboardPage(p: {
  ctx: PageContext;
  points: SatisfactionPoint[];
  chart: RenderedChart;
  agencies: { value: string; label: string }[];
  agencyId: string;
}) {
  return (
    <Shell ctx={p.ctx} title="满意度">
      {p.agencies.length > 1 ? (
        <form method="get" action="/admin/supervision">
          <Select
            name="agency"
            label="单位"
            value={p.agencyId}
            options={p.agencies}
            emptyLabel="全部（本单位及下属单位）"
          />
          <button type="submit" class="button secondary">
            查看
          </button>
        </form>
      ) : null}
      <p>
        来信人、投诉人、咨询人对答复的评价（满意、基本满意、不满意）和社会评议活动的评分，按月统计。满意率 =（满意 +
        基本满意）÷ 评价总数。
      </p>
      <ChartFigure chart={p.chart} id="satisfaction-chart" tableBelow />
      <TableScroll label="满意度按月统计">
        <table>
          <thead>
            <tr>
              <th scope="col">月份</th>
              {(['satisfied', 'basicallySatisfied', 'dissatisfied'] as const).map((r) => (
                <th key={r} scope="col">
                  {RATING_LABELS[r]}
                </th>
              ))}
              <th scope="col">满意率</th>
              <th scope="col">评议次数</th>
              <th scope="col">平均评分</th>
            </tr>
          </thead>
          <tbody>
            {p.points.map((x) => (
              <tr key={x.period}>
                <th scope="row">{x.period}</th>
                <td>{x.ratings.satisfied}</td>
                <td>{x.ratings.basicallySatisfied}</td>
                <td>{x.ratings.dissatisfied}</td>
                <td>{x.satisfactionRate === null ? '—' : `${x.satisfactionRate}%`}</td>
                <td>{x.evaluations}</td>
                <td>{x.averageScore ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {p.points.length === 0 ? <p>暂无评价。</p> : null}
    </Shell>
  );
}

export function EvaluationsPage(p: {
  ctx: PageContext;
  rows: Evaluation[];
  canManage: boolean;
  /** The one-time token of the form that records one. */
  once: string;
  values: EvaluationInput;
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <Shell ctx={p.ctx} title="社会评议">
      <RecordTable
        label="评议记录"
        columns={['日期', '评议主体', '评议人', '评分', '意见']}
        rows={p.rows}
        cells={(r) => (
          <>
            <td>{r.heldOn}</td>
            <td>{EVALUATOR_LABELS[r.evaluatorKind]}</td>
            <td>{r.evaluator}</td>
            <td>{r.score}</td>
            <td>{r.remarks}</td>
          </>
        )}
      />
      {p.canManage ? (
        <RecordForm
          action="/admin/supervision/evaluations"
          title="登记评议"
          errors={e}
          csrf={p.ctx.csrfToken}
          once={p.once}
        >
          <Field {...f('heldOn', '评议日期')} type="date" required />
          <Select
            {...f('evaluatorKind', '评议主体')}
            required
            options={Object.entries(EVALUATOR_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Field {...f('evaluator', '评议人或会议名称')} required maxLength={100} />
          <Field {...f('score', '评分（0–100）')} required inputmode="numeric" maxLength={3} />
          <TextArea {...f('remarks', '评议意见')} rows={3} />
        </RecordForm>
      ) : null}
    </Shell>
  );
}

export function InspectionsPage(p: {
  ctx: PageContext;
  rows: Inspection[];
  canManage: boolean;
  /** The one-time token of the form that records one. */
  once: string;
  values: InspectionInput;
  publish: boolean;
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <Shell ctx={p.ctx} title="督办检查">
      <RecordTable
        label="检查记录"
        columns={['编号', '日期', '范围', '发现的问题', '整改期限', '整改情况', '通报']}
        rows={p.rows}
        cells={(r) => (
          <>
            <td>{r.id}</td>
            <td>{r.inspectedOn}</td>
            <td>{r.scope}</td>
            <td>{r.findings}</td>
            <td>{r.fixDeadline ?? '—'}</td>
            <td>
              {p.canManage ? (
                <RowForm
                  action={`/admin/supervision/inspections/${r.id}/fix`}
                  csrf={p.ctx.csrfToken}
                  controlId={`fix-${r.id}`}
                  label={`检查 ${r.id} 的整改情况`}
                  button="更新"
                >
                  <select id={`fix-${r.id}`} name="fixStatus">
                    {(Object.keys(FIX_STATUS_LABELS) as FixStatus[]).map((s) => (
                      <option key={s} value={s} selected={s === r.fixStatus}>
                        {FIX_STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </RowForm>
              ) : (
                FIX_STATUS_LABELS[r.fixStatus]
              )}
            </td>
            <td>{r.bulletinPublished ? '已公开' : '—'}</td>
          </>
        )}
      />
      {p.canManage ? (
        <RecordForm
          action="/admin/supervision/inspections"
          title="登记检查"
          errors={e}
          csrf={p.ctx.csrfToken}
          once={p.once}
        >
          <Field {...f('scope', '检查范围')} required maxLength={200} />
          <Field {...f('inspectedOn', '检查日期')} type="date" required />
          <TextArea {...f('findings', '发现的问题')} required rows={3} />
          <TextArea {...f('requiredFixes', '整改要求')} rows={3} />
          <Field {...f('fixDeadline', '整改期限')} type="date" />
          <TextArea {...f('bulletin', '通报内容')} rows={4} />
          <div class="field">
            <label class="check">
              <input type="checkbox" name="publishBulletin" value="yes" checked={p.publish} /> 在本单位专栏公开通报
            </label>
          </div>
        </RecordForm>
      ) : null}
    </Shell>
  );
}

export function AccountabilityPage(p: {
  ctx: PageContext;
  rows: Accountability[];
  canManage: boolean;
  /** The one-time token of the form that records one. */
  once: string;
  values: AccountabilityInput;
  errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  return (
    <Shell ctx={p.ctx} title="责任追究">
      <RecordTable
        label="责任追究记录"
        columns={['日期', '责任人', '问题', '处理措施', '关联']}
        rows={p.rows}
        cells={(r) => (
          <>
            <td>{r.decidedOn}</td>
            <td>{r.person}</td>
            <td>{r.failure}</td>
            <td>{r.measure}</td>
            <td>
              {r.complaintId ? <a href={`/admin/interaction/${r.complaintId}`}>投诉 {r.complaintId}</a> : null}
              {r.inspectionId ? ` 检查 ${r.inspectionId}` : ''}
            </td>
          </>
        )}
      />
      {p.canManage ? (
        <RecordForm
          action="/admin/supervision/accountability"
          title="登记责任追究"
          errors={e}
          csrf={p.ctx.csrfToken}
          once={p.once}
        >
          <Field {...f('person', '责任人（单位或个人）')} required maxLength={100} />
          <TextArea {...f('failure', '问题')} required rows={3} />
          <TextArea {...f('measure', '处理措施')} required rows={3} />
          <Field {...f('decidedOn', '处理日期')} type="date" required />
          <Field
            {...f('complaintId', '关联投诉编号')}
            inputmode="numeric"
            hint="投诉详情页地址中的数字编号，可不填。"
          />
          <Field {...f('inspectionId', '关联检查编号')} inputmode="numeric" />
        </RecordForm>
      ) : null}
    </Shell>
  );
}

export function BulletinsPage(p: { ctx: PageContext; agency: AgencyRow; rows: Inspection[] }) {
  return (
    <PublicShell ctx={p.ctx} agency={p.agency} title="督查通报">
      {p.rows.length === 0 ? <p>暂无公开的通报。</p> : null}
      {p.rows.map((r) => (
        <article key={r.id} aria-labelledby={`bulletin-${r.id}`}>
          <h2 id={`bulletin-${r.id}`}>
            {r.scope}（{r.inspectedOn}）
          </h2>
          <p class="prewrap">{r.bulletin}</p>
          <p class="muted">
            整改情况：{FIX_STATUS_LABELS[r.fixStatus]}
            {r.fixDeadline ? `，整改期限 ${r.fixDeadline}` : ''}
          </p>
        </article>
      ))}
    </PublicShell>
  );
}
