// Staff pages of 意见征集, part one: the list of the actor's consultations, the draft form (new and
// edit) and the county's setting of the minimum period for 重大行政决策. The consultation's own page
// (files, publishing, comments and their verdicts, the 反馈) is comment-period.detail-views.tsx.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  Radios,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { CommentPeriodRow } from './comment-period.repository.ts';
import { MAJOR_DECISION_BASIS, PHASE_LABELS, type Phase } from './comment-period.rules.ts';
import type { CommentPeriodValues } from './comment-period.service.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export const ADMIN_BASE = '/admin/comment-periods';

export function AdminListPage(p: {
  ctx: PageContext;
  rows: { row: CommentPeriodRow; phase: Phase; agencyName: string; comments: number; undecided: number }[];
  canCreate: boolean;
  canSettings: boolean;
}) {
  return (
    <AdminLayout title="意见征集" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '意见征集' }]} />
      <h1>意见征集（重大决策预公开）</h1>
      <p class="actions">
        {p.canCreate ? (
          <a class="button" href={`${ADMIN_BASE}/new`}>
            新建意见征集
          </a>
        ) : null}{' '}
        {p.canSettings ? <a href={`${ADMIN_BASE}/settings`}>重大行政决策征求意见期限</a> : null}
      </p>
      {p.rows.length ? (
        <RecordTable
          label="意见征集列表"
          tableClass="cp-table"
          columns={['标题', '机关', '征集期限', '状态', '意见（条）', '未标注（条）', '采纳情况反馈']}
          rows={p.rows}
          cells={({ row, phase, agencyName, comments, undecided }) => (
            <>
              <td>
                <a href={`${ADMIN_BASE}/${row.id}`}>{row.title}</a>
              </td>
              <td>{agencyName}</td>
              <td>
                {row.opensOn} 至 {row.closesOn}
              </td>
              <td>{PHASE_LABELS[phase]}</td>
              <td class="num">{comments}</td>
              <td class="num">{undecided}</td>
              <td>{row.feedbackPublishedAt ? `已发布 ${beijingDate(row.feedbackPublishedAt)}` : '未发布'}</td>
            </>
          )}
        />
      ) : (
        <p>还没有意见征集。</p>
      )}
    </AdminLayout>
  );
}

const FORM_LABELS: Record<string, string> = {
  agencyId: '发布机关',
  title: '征集标题',
  draftText: '草案全文',
  explanation: '起草说明',
  opensOn: '开始日期',
  closesOn: '截止日期',
  shortenedReason: '缩短期限的说明',
  postAddress: '信函地址',
  email: '电子邮箱',
  nameRule: '姓名',
  phoneRule: '联系电话',
};
const FORM_ORDER = Object.keys(FORM_LABELS);

const RULE_OPTIONS = [
  { value: 'optional', label: '选填' },
  { value: 'required', label: '必填' },
  { value: 'hidden', label: '不询问' },
];

export function PeriodFormPage(p: {
  ctx: PageContext;
  /** Set when editing. */
  id?: number | undefined;
  agencies: { id: number; name: string }[];
  agencyId: string;
  values: CommentPeriodValues;
  minimumDays: number;
  errors?: FieldErrors | undefined;
  /** A new 意见征集's one-time form token (platform/public-submissions.ts): saved once. */
  once?: string | undefined;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  const f = formFields(v, e);
  const title = p.id ? '修改意见征集' : '新建意见征集';
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '意见征集' }, { label: title }]}
      />
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={FORM_LABELS} order={FORM_ORDER} />
      <form method="post" action={p.id ? `${ADMIN_BASE}/${p.id}` : ADMIN_BASE} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        {p.id ? null : (
          <Select
            name="agencyId"
            label="发布机关"
            value={p.agencyId}
            required
            error={e.agencyId}
            options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          />
        )}
        <Field
          {...f('title', '征集标题')}
          required
          maxLength={200}
          hint="例如：关于《××管理办法（征求意见稿）》公开征求意见的公告"
        />
        <TextArea {...f('draftText', '草案全文')} required rows={12} />
        <TextArea
          {...f('explanation', '起草说明')}
          required
          rows={6}
          hint="起草的必要性、依据、主要内容和需要说明的问题。"
        />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="majorDecision" value="yes" checked={v.majorDecision === 'yes'} />{' '}
            属于重大行政决策
          </label>
          <p class="hint">
            重大行政决策公开征求意见的期限一般不少于 {p.minimumDays} 日（{MAJOR_DECISION_BASIS}
            ；自开始日期的次日起算）。
          </p>
        </div>
        <Field {...f('opensOn', '开始日期')} type="date" required hint="不早于发布之日。" />
        <Field {...f('closesOn', '截止日期')} type="date" required hint="截止日当天仍可提交意见。" />
        <TextArea
          {...f('shortenedReason', '缩短期限的说明')}
          rows={2}
          hint="重大行政决策因情况紧急等原因期限不足时填写，随征集一并公开。"
        />
        <fieldset class="field">
          <legend>提出意见的方式</legend>
          <p class="hint">网上提交总是开放；信函地址和电子邮箱填写后在征集页面公布。</p>
          <Field {...f('postAddress', '信函地址')} maxLength={200} />
          <Field {...f('email', '电子邮箱')} type="email" maxLength={100} />
        </fieldset>
        <Radios
          name="nameRule"
          legend="表单中的姓名"
          value={v.nameRule || 'optional'}
          error={e.nameRule}
          options={RULE_OPTIONS}
        />
        <Radios
          name="phoneRule"
          legend="表单中的联系电话"
          value={v.phoneRule || 'optional'}
          error={e.phoneRule}
          options={RULE_OPTIONS}
        />
        <div class="actions">
          <button type="submit">保存草稿</button>
        </div>
      </form>
    </AdminLayout>
  );
}
