// Public pages of 会议公开: the agency's meetings (upcoming with their sign-up, past with their
// decisions), one meeting (date, place, topics in order, 列席 with the sign-up form while open, the
// 会议纪要 per topic with the publications it produced), and the page after a sign-up. Names of
// those confirmed to attend are masked (张三 → 张*); phones and reasons never appear.
import type { FieldErrors } from '../../platform/errors.ts';
import { maskName } from '../../platform/privacy/masking.ts';
import {
  ConsentCheckbox,
  Csrf,
  ErrorSummary,
  Field,
  FormRefusal,
  PublicFormGuards,
  Radios,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import { AgencyPageShell } from '../portal/index.ts';
import { KIND_LABELS, ROLE_LABELS, SIGNUP_PHASE_TEXT, STATE_LABELS, type SignupPhase } from './meeting.rules.ts';
import type { MeetingRow, SignupRow, SignupValues, TopicRow } from './meeting.service.ts';
import { ATTENDEE_ROLES } from './meeting.tables.ts';

export const meetingPath = (slug: string, id?: number) =>
  `/agencies/${slug}/meetings${id === undefined ? '' : `/${id}`}`;

function MeetingList({ rows, slug }: { rows: MeetingRow[]; slug: string }) {
  return (
    <ul class="meeting-list">
      {rows.map((m) => (
        <li key={m.id}>
          <a href={meetingPath(slug, m.id)}>{m.title}</a>
          <span class="muted">
            {' '}
            {m.meetingOn} · {KIND_LABELS[m.kind]} · {STATE_LABELS[m.state]}
            {m.state === 'announced' && m.openToPublic ? ' · 接受公众列席报名' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PublicMeetingsPage(p: { ctx: PageContext; agency: AgencyRow; rows: MeetingRow[] }) {
  const upcoming = p.rows.filter((m) => m.state === 'announced');
  const past = p.rows.filter((m) => m.state !== 'announced');
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="会议公开">
      <p>
        本机关公开政府常务会议等重要会议的时间、议题，邀请公众代表、专家和媒体列席，并在会后公开会议纪要及据此发布的政府信息。
      </p>
      <h2>即将召开的会议</h2>
      {upcoming.length ? <MeetingList rows={upcoming} slug={p.agency.slug} /> : <p>目前没有即将召开的会议。</p>}
      <h2>已召开的会议</h2>
      {past.length ? <MeetingList rows={past} slug={p.agency.slug} /> : <p>暂无已召开的会议。</p>}
    </AgencyPageShell>
  );
}

export interface SignupFormState {
  values: SignupValues;
  consent: boolean;
  once: string;
  errors?: FieldErrors | undefined;
  refusal?: string | undefined;
}

const SIGNUP_LABELS = { name: '姓名', phone: '联系电话', role: '身份', reason: '列席理由', consent: '同意' };

function SignupForm(p: { ctx: PageContext; action: string; form: SignupFormState }) {
  const v = p.form.values;
  const e = p.form.errors ?? {};
  const f = formFields(v, e);
  return (
    <form method="post" action={p.action} novalidate>
      <Csrf token={p.ctx.csrfToken} />
      <PublicFormGuards once={p.form.once} />
      <Field {...f('name', '姓名')} required autocomplete="name" maxLength={50} />
      <Field
        {...f('phone', '联系电话')}
        type="tel"
        required
        autocomplete="tel"
        maxLength={30}
        hint="仅用于通知您是否安排列席，不会公开。"
      />
      <Radios
        name="role"
        legend="身份"
        required
        value={v.role}
        error={e.role}
        options={ATTENDEE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      <TextArea {...f('reason', '列席理由')} required rows={4} maxLength={1000} />
      <ConsentCheckbox checked={p.form.consent} error={e.consent}>
        同意本机关为安排列席使用以上信息（确认列席后，网站上只显示您的姓氏和身份）
      </ConsentCheckbox>
      <button type="submit" class="button">
        提交报名
      </button>
    </form>
  );
}

export interface PublicMeetingProps {
  ctx: PageContext;
  agency: AgencyRow;
  m: MeetingRow;
  topics: TopicRow[];
  publications: Map<number, { id: number; title: string }[]>;
  phase: SignupPhase;
  confirmed: Pick<SignupRow, 'id' | 'name' | 'role'>[];
  form: SignupFormState;
}

export function PublicMeetingPage(p: PublicMeetingProps) {
  const { m } = p;
  const decided = m.state === 'decided';
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title={m.title}>
      <dl class="meta">
        <dt>会议类型</dt>
        <dd>{KIND_LABELS[m.kind]}</dd>
        <dt>时间</dt>
        <dd>
          {m.meetingOn} {m.startsAt}
        </dd>
        <dt>地点</dt>
        <dd>{m.place}</dd>
        <dt>状态</dt>
        <dd>{STATE_LABELS[m.state]}</dd>
      </dl>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">{decided ? '会议议题及纪要' : '会议议题'}</h2>
        <ol class="meeting-topics">
          {p.topics.map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong>
              {decided && t.decision ? <p class="kept-text">{t.decision}</p> : null}
              {decided && (p.publications.get(t.id) ?? []).length ? (
                <p>
                  据此发布：
                  {(p.publications.get(t.id) ?? []).map((x, i) => (
                    <span key={x.id}>
                      {i ? '、' : ''}
                      <a href={`/publications/${x.id}`}>{x.title}</a>
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {decided && m.decisionsSummary ? (
          <>
            <h3>会议纪要摘要</h3>
            <p class="kept-text">{m.decisionsSummary}</p>
          </>
        ) : null}
      </section>
      <section aria-labelledby="attend-title">
        <h2 id="attend-title">公众列席</h2>
        {m.openToPublic ? (
          <p>
            本次会议安排公众代表、专家、媒体列席，名额 {m.capacity} 名，报名时间 {m.signupOpensOn} 至 {m.signupClosesOn}
            （含当日）。
          </p>
        ) : null}
        {p.confirmed.length ? (
          <p>
            已确认列席：
            {p.confirmed.map((s) => `${maskName(s.name) || '匿名'}（${ROLE_LABELS[s.role]}）`).join('、')}
          </p>
        ) : null}
        {p.phase === 'open' ? (
          <>
            <ErrorSummary errors={p.form.errors ?? {}} labels={SIGNUP_LABELS} order={Object.keys(SIGNUP_LABELS)} />
            <FormRefusal message={p.form.refusal} />
            <SignupForm ctx={p.ctx} action={`${meetingPath(p.agency.slug, m.id)}/signups`} form={p.form} />
          </>
        ) : (
          <>
            <FormRefusal message={p.form.refusal} />
            <p>{SIGNUP_PHASE_TEXT[p.phase]}</p>
          </>
        )}
      </section>
    </AgencyPageShell>
  );
}

export function SignupThanksPage(p: { ctx: PageContext; agency: AgencyRow; m: MeetingRow }) {
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title="报名已提交">
      <p role="status">
        您的列席报名已提交。本机关将在会议召开前通过电话告知您是否安排列席（{p.m.title}，{p.m.meetingOn}）。
      </p>
      <p>
        <a href={meetingPath(p.agency.slug, p.m.id)}>返回会议页面</a>
      </p>
    </AgencyPageShell>
  );
}
