// Staff pages of 会议公开: the list of the actor's meetings, the meeting form (new / edit), and a
// meeting's page with its steps (发布会议预告, 登记已召开, 公开会议纪要), the sign-ups with confirm /
// decline (a reason), and after the meeting the 会议纪要 per topic with the publications it produced.
import type { FieldErrors } from '../../platform/errors.ts';
import { RecordTable } from '../../platform/views/record-table.tsx';
import {
  Breadcrumbs,
  Csrf,
  OnceField,
  ErrorSummary,
  Field,
  FormRefusal,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { KIND_LABELS, ROLE_LABELS, SIGNUP_STATE_LABELS, STATE_LABELS } from './meeting.rules.ts';
import type { MeetingRow, MeetingValues, SignupRow, TopicRow } from './meeting.service.ts';
import { MEETING_KINDS } from './meeting.tables.ts';

export const ADMIN_BASE = '/admin/meetings';
const crumbs = (more: { href?: string; label: string }[]) => (
  <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '会议公开' }, ...more]} />
);

export function AdminMeetingsPage(p: {
  ctx: PageContext;
  rows: { m: MeetingRow; agencyName: string; pending: number }[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout title="会议公开" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '会议公开' }]} />
      <h1>会议公开</h1>
      {p.canCreate ? (
        <p class="actions">
          <a class="button" href={`${ADMIN_BASE}/new`}>
            新建会议
          </a>
        </p>
      ) : null}
      {p.rows.length ? (
        <RecordTable
          label="会议列表"
          columns={['会议名称', '机关', '会议日期', '状态', '待确认报名']}
          rows={p.rows}
          cells={({ m, agencyName, pending }) => (
            <>
              <td>
                <a href={`${ADMIN_BASE}/${m.id}`}>{m.title}</a>
              </td>
              <td>{agencyName}</td>
              <td>{m.meetingOn}</td>
              <td>{STATE_LABELS[m.state]}</td>
              <td class="num">{pending}</td>
            </>
          )}
        />
      ) : (
        <p>还没有会议。</p>
      )}
    </AdminLayout>
  );
}

const FORM_LABELS: Record<string, string> = {
  agencyId: '机关',
  kind: '会议类型',
  title: '会议名称',
  meetingOn: '会议日期',
  startsAt: '开始时间',
  place: '会议地点',
  topics: '会议议题',
  openToPublic: '公众列席',
  capacity: '列席名额',
  signupOpensOn: '报名开始日期',
  signupClosesOn: '报名截止日期',
};

export function MeetingFormPage(p: {
  ctx: PageContext;
  id?: number | undefined;
  agencies: { id: number; name: string }[];
  agencyId: string;
  values: MeetingValues;
  errors?: FieldErrors | undefined;
  /** The one-time token of a new meeting's form (none when editing). */
  once?: string | undefined;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  const f = formFields(v, e);
  const title = p.id ? '修改会议' : '新建会议';
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      {crumbs([{ label: title }])}
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={FORM_LABELS} order={Object.keys(FORM_LABELS)} />
      <form method="post" action={p.id ? `${ADMIN_BASE}/${p.id}` : ADMIN_BASE} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        {p.id ? null : (
          <Select
            name="agencyId"
            label="机关"
            value={p.agencyId}
            error={e.agencyId}
            required
            options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          />
        )}
        <Select
          {...f('kind', '会议类型')}
          required
          emptyLabel="请选择"
          options={MEETING_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <Field {...f('title', '会议名称')} required maxLength={200} />
        <Field {...f('meetingOn', '会议日期')} type="date" required />
        <Field {...f('startsAt', '开始时间')} hint="例如 09:30。" />
        <Field {...f('place', '会议地点')} required maxLength={200} />
        <TextArea {...f('topics', '会议议题')} required rows={6} hint="每行一个议题，按审议顺序排列。" />
        <div class="field">
          <label class="check">
            <input
              id="f-openToPublic"
              type="checkbox"
              name="openToPublic"
              value="yes"
              checked={v.openToPublic === 'yes'}
            />{' '}
            邀请公众代表、专家、媒体列席（网上报名）
          </label>
        </div>
        <Field {...f('capacity', '列席名额')} inputmode="numeric" />
        <Field {...f('signupOpensOn', '报名开始日期')} type="date" />
        <Field {...f('signupClosesOn', '报名截止日期')} type="date" hint="应在会议召开日之前。" />
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </AdminLayout>
  );
}

export interface MeetingDetailProps {
  ctx: PageContext;
  m: MeetingRow;
  agencyName: string;
  agencySlug: string;
  topics: TopicRow[];
  linked: Map<number, { id: number; title: string }[]>;
  choices: { value: string; label: string }[];
  signups: SignupRow[];
  can: { manage: boolean; publish: boolean };
  errors?: FieldErrors | undefined;
  values?: Record<string, string | string[]> | undefined;
  refusal?: string | undefined;
}

function StepButton(p: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <Csrf token={p.ctx.csrfToken} />
      <button type="submit" class="button">
        {p.label}
      </button>
    </form>
  );
}

export function MeetingDetailPage(p: MeetingDetailProps) {
  const { m } = p;
  const base = `${ADMIN_BASE}/${m.id}`;
  const e = p.errors ?? {};
  const typed = (k: string): string | undefined => {
    const v = p.values?.[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const picked = (topicId: number): string[] => {
    const v = p.values?.[`publications-${topicId}`];
    if (v !== undefined) return Array.isArray(v) ? v : [v];
    return (p.linked.get(topicId) ?? []).map((x) => String(x.id));
  };
  return (
    <AdminLayout title={m.title} ctx={p.ctx}>
      {crumbs([{ label: m.title }])}
      <h1>{m.title}</h1>
      <ErrorSummary errors={e} />
      <FormRefusal message={p.refusal} />
      <dl class="facts">
        <dt>机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>会议类型</dt>
        <dd>{KIND_LABELS[m.kind]}</dd>
        <dt>时间、地点</dt>
        <dd>
          {m.meetingOn} {m.startsAt} · {m.place}
        </dd>
        <dt>状态</dt>
        <dd>{STATE_LABELS[m.state]}</dd>
        <dt>公众列席</dt>
        <dd>{m.openToPublic ? `名额 ${m.capacity} 名，报名 ${m.signupOpensOn} 至 ${m.signupClosesOn}` : '不安排'}</dd>
      </dl>
      <p class="actions">
        {m.state !== 'draft' ? <a href={`/agencies/${p.agencySlug}/meetings/${m.id}`}>查看公开页面</a> : null}{' '}
        {p.can.manage && (m.state === 'draft' || m.state === 'announced') ? <a href={`${base}/edit`}>修改</a> : null}
      </p>
      <p class="actions">
        {p.can.publish && m.state === 'draft' ? (
          <StepButton ctx={p.ctx} action={`${base}/announce`} label="发布会议预告" />
        ) : null}
        {p.can.manage && m.state === 'announced' ? (
          <StepButton ctx={p.ctx} action={`${base}/hold`} label="登记会议已召开" />
        ) : null}
        {p.can.publish && m.state === 'held' ? (
          <StepButton ctx={p.ctx} action={`${base}/publish-decisions`} label="公开会议纪要" />
        ) : null}
      </p>
      <h2>会议议题</h2>
      {m.state === 'held' && p.can.manage ? (
        <form method="post" action={`${base}/decisions`}>
          <Csrf token={p.ctx.csrfToken} />
          {p.topics.map((t) => (
            <fieldset key={t.id} class="field">
              <legend>
                议题 {t.position}：{t.title}
              </legend>
              <TextArea
                name={`decision-${t.id}`}
                label="会议纪要（议定事项）"
                value={typed(`decision-${t.id}`) ?? t.decision}
                error={e[`decision-${t.id}`]}
                rows={3}
              />
              <div class="field">
                <label for={`f-publications-${t.id}`}>据此发布的政府信息（可多选）</label>
                {e[`publications-${t.id}`] ? <p class="error">{e[`publications-${t.id}`]}</p> : null}
                <select id={`f-publications-${t.id}`} name={`publications-${t.id}`} multiple size={5}>
                  {p.choices.map((c) => (
                    <option key={c.value} value={c.value} selected={picked(t.id).includes(c.value)}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>
          ))}
          <TextArea
            name="decisionsSummary"
            label="会议纪要摘要"
            value={typed('decisionsSummary') ?? m.decisionsSummary}
            error={e.decisionsSummary}
            rows={3}
          />
          <button type="submit" class="button">
            保存会议纪要
          </button>
        </form>
      ) : (
        <ol>
          {p.topics.map((t) => (
            <li key={t.id}>
              {t.title}
              {t.decision ? <p class="kept-text">{t.decision}</p> : null}
              {(p.linked.get(t.id) ?? []).map((x) => (
                <p key={x.id}>
                  据此发布：<a href={`/admin/publications/${x.id}`}>{x.title}</a>
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
      <h2>列席报名</h2>
      {p.signups.length ? (
        <TableScroll label="列席报名">
          <table>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">身份</th>
                <th scope="col">联系电话</th>
                <th scope="col">列席理由</th>
                <th scope="col">状态</th>
                <th scope="col">处理</th>
              </tr>
            </thead>
            <tbody>
              {p.signups.map((s) => (
                <tr key={s.id} id={`signup-${s.id}`}>
                  <td>{s.name}</td>
                  <td>{ROLE_LABELS[s.role]}</td>
                  <td>{s.phone}</td>
                  <td class="kept-text">{s.reason}</td>
                  <td>
                    {SIGNUP_STATE_LABELS[s.state]}
                    {s.declineReason ? `：${s.declineReason}` : ''}
                  </td>
                  <td>
                    {p.can.manage && s.state === 'pending' && m.state === 'announced' ? (
                      <form method="post" action={`${base}/signups/${s.id}`}>
                        <Csrf token={p.ctx.csrfToken} />
                        <Field
                          name={`reason-${s.id}`}
                          label="不安排的理由"
                          value={typed(`reason-${s.id}`)}
                          error={e[`reason-${s.id}`]}
                          maxLength={500}
                        />
                        <button type="submit" name="decision" value="confirm" class="button">
                          确认列席
                        </button>{' '}
                        <button type="submit" name="decision" value="decline" class="button secondary">
                          不安排
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>没有列席报名。</p>
      )}
    </AdminLayout>
  );
}
