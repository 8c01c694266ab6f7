// 会议公开 (issue #17 point 5): the meeting form and its checks, the SQL of meetings, topics and
// sign-ups, and each step — create and edit (topics replaced while the meeting is not yet held),
// announce, hold, the 会议纪要 per topic with the publications it produced, publish the decisions —
// on meetingMachine (audited), and the public's sign-up with the staff's confirm / decline.
import type { Selectable } from 'kysely';
import { fixedQuery } from '../../db/fixed-query.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, formValues, parseForm, type FormSpec } from '../../platform/forms.ts';
import { findRow } from '../../platform/rows.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { isValidPhone } from '../../platform/validation/phone.ts';
import { isValidIsoDate, todayInShanghai } from '../calendar/index.ts';
import { signupPhase, signupWindowProblems } from './meeting.rules.ts';
import { meetingMachine } from './meeting.states.ts';
import {
  ATTENDEE_ROLES,
  MEETING_KINDS,
  type AttendeeRole,
  type MeetingKind,
  type MeetingSignupsTable,
  type MeetingsTable,
  type MeetingTopicsTable,
} from './meeting.tables.ts';

export type MeetingRow = Selectable<MeetingsTable>;
export type TopicRow = Selectable<MeetingTopicsTable>;
export type SignupRow = Selectable<MeetingSignupsTable>;

const DATE = {
  pattern: /^\d{4}-\d{2}-\d{2}$/,
  patternMessage: '日期格式应为 2025-06-02。',
  check: (v: string) => (isValidIsoDate(v) ? null : '这一天不存在，请检查日期。'),
};

export const MEETING_FORM = {
  kind: { label: '会议类型', required: true, oneOf: MEETING_KINDS },
  title: { label: '会议名称', required: true, max: 200 },
  meetingOn: { label: '会议日期', required: true, ...DATE },
  startsAt: { label: '开始时间', max: 5, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, patternMessage: '时间格式应为 09:30。' },
  place: { label: '会议地点', required: true, max: 200 },
  topics: { label: '会议议题', required: true, max: 5000 },
  openToPublic: { label: '公众列席', max: 3 },
  capacity: { label: '列席名额', max: 3, pattern: /^\d+$/, patternMessage: '列席名额应为整数。' },
  signupOpensOn: { label: '报名开始日期', ...DATE },
  signupClosesOn: { label: '报名截止日期', ...DATE },
} satisfies FormSpec<string>;
export type MeetingValues = Record<keyof typeof MEETING_FORM, string>;
export const MEETING_FIELDS = Object.keys(MEETING_FORM) as (keyof typeof MEETING_FORM)[];

/** The topics, one per line, in order (numbering typed in front is dropped). */
export function topicLines(text: string): string[] {
  return text
    .split(/\n+/)
    .map((t) => t.replace(/^\s*(?:\d+[.、．)]|[（(]\d+[)）]|[一二三四五六七八九十]+、)\s*/u, '').trim())
    .filter(Boolean);
}

export function checkMeetingForm(body: unknown): MeetingValues {
  const { values, errors } = parseForm(body, MEETING_FORM);
  const v = values as MeetingValues;
  const topics = topicLines(v.topics);
  if (!errors.topics && topics.length > 30) errors.topics = '议题不能超过 30 个。';
  if (!errors.topics && topics.some((t) => [...t].length > 200)) errors.topics = '每个议题不能超过 200 个字符。';
  Object.assign(
    errors,
    signupWindowProblems({
      openToPublic: v.openToPublic === 'yes',
      capacity: Number(v.capacity || 0),
      signupOpensOn: v.signupOpensOn,
      signupClosesOn: v.signupClosesOn,
      meetingOn: v.meetingOn,
    }),
  );
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return v;
}

const columns = (v: MeetingValues) => {
  const open = v.openToPublic === 'yes';
  return {
    kind: v.kind as MeetingKind,
    title: v.title,
    meetingOn: v.meetingOn,
    startsAt: v.startsAt,
    place: v.place,
    openToPublic: open ? 1 : 0,
    capacity: open ? Number(v.capacity) : 0,
    signupOpensOn: open ? v.signupOpensOn : null,
    signupClosesOn: open ? v.signupClosesOn : null,
  };
};

async function replaceTopics(trx: Trx, meetingId: number, text: string): Promise<void> {
  await trx.deleteFrom('meetingTopics').where('meetingId', '=', meetingId).execute();
  const lines = topicLines(text);
  if (lines.length)
    await trx
      .insertInto('meetingTopics')
      .values(lines.map((title, i) => ({ meetingId, position: i + 1, title })))
      .execute();
}

export async function createMeeting(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  agencyId: number,
  v: MeetingValues,
): Promise<number> {
  const row = await trx
    .insertInto('meetings')
    .values({
      agencyId,
      ...columns(v),
      state: 'draft',
      announcedAt: null,
      decisionsPublishedAt: null,
      createdBy: actor.userId,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTopics(trx, row.id, v.topics);
  await recordEvent(trx, ctx, 'meeting.created', { type: 'meeting', id: row.id, agencyId }, { after: columns(v) });
  return row.id;
}

export async function updateMeeting(trx: Trx, ctx: AuditContext, actor: Actor, m: MeetingRow, v: MeetingValues) {
  await meetingMachine.transition(trx, ctx, { by: actor, subject: m, event: 'edit', summary: { after: columns(v) } });
  await trx
    .updateTable('meetings')
    .set({ ...columns(v), updatedAt: ctx.at })
    .where('id', '=', m.id)
    .execute();
  await replaceTopics(trx, m.id, v.topics);
}

export async function announceMeeting(trx: Trx, ctx: AuditContext, actor: Actor, m: MeetingRow): Promise<void> {
  await meetingMachine.transition(trx, ctx, { by: actor, subject: m, event: 'announce' });
  await trx
    .updateTable('meetings')
    .set({ state: 'announced', announcedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', m.id)
    .execute();
}

export async function holdMeeting(trx: Trx, ctx: AuditContext, actor: Actor, m: MeetingRow): Promise<void> {
  meetingMachine.plan(actor, m, 'hold');
  if (todayInShanghai(new Date(ctx.at)) < m.meetingOn)
    throw new AppError('conflict', `会议定于 ${m.meetingOn} 召开，召开之前不能登记为已召开。`);
  await meetingMachine.transition(trx, ctx, { by: actor, subject: m, event: 'hold' });
  await trx.updateTable('meetings').set({ state: 'held', updatedAt: ctx.at }).where('id', '=', m.id).execute();
}

/** The 会议纪要 as typed: the summary, and per topic its decision and the publications picked. */
export function readDecisions(body: unknown, topics: readonly TopicRow[]) {
  return {
    summary: formValue(body, 'decisionsSummary').trim(),
    topics: topics.map((t) => ({
      id: t.id,
      decision: formValue(body, `decision-${t.id}`).trim(),
      publicationIds: [
        ...new Set(
          formValues(body, `publications-${t.id}`)
            .filter((s) => /^\d{1,10}$/.test(s))
            .map(Number),
        ),
      ],
    })),
  };
}
export type DecisionsInput = ReturnType<typeof readDecisions>;

export async function recordDecisions(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  m: MeetingRow,
  d: DecisionsInput,
): Promise<void> {
  meetingMachine.plan(actor, m, 'recordDecisions');
  const errors: FieldErrors = {};
  if ([...d.summary].length > 5000) errors.decisionsSummary = '会议纪要摘要不能超过 5000 个字符。';
  const allIds = [...new Set(d.topics.flatMap((t) => t.publicationIds))];
  const published = allIds.length
    ? await trx
        .selectFrom('publications')
        .select('id')
        .where('id', 'in', allIds)
        .where('agencyId', '=', m.agencyId)
        .where('state', '=', 'published')
        .execute()
    : [];
  const ok = new Set(published.map((p) => p.id));
  for (const t of d.topics) {
    if ([...t.decision].length > 3000) errors[`decision-${t.id}`] = '议题纪要不能超过 3000 个字符。';
    if (t.publicationIds.some((id) => !ok.has(id)))
      errors[`publications-${t.id}`] = '所选信息不是本机关已发布的信息，请重新选择。';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await meetingMachine.transition(trx, ctx, {
    subject: m,
    event: 'recordDecisions',
    summary: { after: { topics: d.topics.length, publications: allIds.length } },
  });
  await trx
    .updateTable('meetings')
    .set({ decisionsSummary: d.summary, updatedAt: ctx.at })
    .where('id', '=', m.id)
    .execute();
  for (const t of d.topics) {
    await trx
      .updateTable('meetingTopics')
      .set({ decision: t.decision })
      .where('id', '=', t.id)
      .where('meetingId', '=', m.id)
      .execute();
    await trx.deleteFrom('meetingTopicPublications').where('topicId', '=', t.id).execute();
    if (t.publicationIds.length)
      await trx
        .insertInto('meetingTopicPublications')
        .values(t.publicationIds.map((publicationId) => ({ topicId: t.id, publicationId })))
        .execute();
  }
}

export async function publishDecisions(trx: Trx, ctx: AuditContext, actor: Actor, m: MeetingRow): Promise<void> {
  meetingMachine.plan(actor, m, 'publishDecisions');
  const topics = await listTopics(trx, m.id);
  const missing = topics.filter((t) => !t.decision.trim()).map((t) => t.position);
  if (missing.length) throw new AppError('conflict', `第 ${missing.join('、')} 项议题还没有会议纪要，请先填写并保存。`);
  await meetingMachine.transition(trx, ctx, { subject: m, event: 'publishDecisions' });
  await trx
    .updateTable('meetings')
    .set({ state: 'decided', decisionsPublishedAt: ctx.at, updatedAt: ctx.at })
    .where('id', '=', m.id)
    .execute();
}

// ——— sign-ups (列席) ———

export const SIGNUP_FORM = {
  name: { label: '姓名', required: true, max: 50 },
  phone: {
    label: '联系电话',
    required: true,
    max: 30,
    check: (v: string) => (isValidPhone(v) ? null : '请填写有效的手机号码或固定电话（含区号）。'),
  },
  role: { label: '身份', required: true, oneOf: ATTENDEE_ROLES },
  reason: { label: '列席理由', required: true, max: 1000 },
} satisfies FormSpec<string>;
export type SignupValues = Record<keyof typeof SIGNUP_FORM, string>;
export const EMPTY_SIGNUP: SignupValues = { name: '', phone: '', role: '', reason: '' };

export function readSignupForm(body: unknown): { values: SignupValues; consent: boolean; errors: FieldErrors } {
  const { values, errors } = parseForm(body, SIGNUP_FORM);
  const consent = formValue(body, 'consent') === 'yes';
  if (!consent) errors.consent = '请确认同意本机关为安排列席使用您填写的信息。';
  return { values: values as SignupValues, consent, errors };
}

/** Sign-ups that hold a place: confirmed or waiting. */
export async function placesTaken(db: Executor, meetingId: number): Promise<number> {
  const row = await db
    .selectFrom('meetingSignups')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('meetingId', '=', meetingId)
    .where('state', 'in', ['pending', 'confirmed'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function submitSignup(trx: Trx, ctx: AuditContext, m: MeetingRow, v: SignupValues): Promise<number> {
  const phase = signupPhase(m, todayInShanghai(new Date(ctx.at)), await placesTaken(trx, m.id));
  if (phase !== 'open') throw new AppError('conflict', phase === 'full' ? '列席名额已满。' : '列席报名未在进行中。');
  const row = await trx
    .insertInto('meetingSignups')
    .values({
      meetingId: m.id,
      name: v.name,
      phone: v.phone,
      role: v.role as AttendeeRole,
      reason: v.reason,
      state: 'pending',
      declineReason: '',
      submittedAt: ctx.at,
      decidedBy: null,
      decidedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(
    trx,
    ctx,
    'meeting.signupReceived',
    { type: 'meeting', id: m.id, agencyId: m.agencyId },
    { after: { signupId: row.id, role: v.role } },
  );
  return row.id;
}

export async function decideSignup(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  m: MeetingRow,
  s: SignupRow,
  decision: string,
  reason: string,
): Promise<void> {
  meetingMachine.plan(actor, m, 'edit');
  const text = reason.trim();
  if (decision !== 'confirm' && decision !== 'decline') throw new ValidationError({ decision: '请选择确认或不安排。' });
  if (decision === 'decline' && !text) throw new ValidationError({ [`reason-${s.id}`]: '不安排列席时请写明理由。' });
  if ([...text].length > 500) throw new ValidationError({ [`reason-${s.id}`]: '理由不能超过 500 个字符。' });
  const state = decision === 'confirm' ? 'confirmed' : 'declined';
  await trx
    .updateTable('meetingSignups')
    .set({ state, declineReason: decision === 'decline' ? text : '', decidedBy: actor.userId, decidedAt: ctx.at })
    .where('id', '=', s.id)
    .execute();
  await recordEvent(
    trx,
    ctx,
    decision === 'confirm' ? 'meeting.signupConfirmed' : 'meeting.signupDeclined',
    { type: 'meeting', id: m.id, agencyId: m.agencyId },
    { before: { state: s.state }, after: { signupId: s.id, state, reason: text } },
  );
}

// ——— reads ———

export function findMeeting(db: Executor, id: number): Promise<MeetingRow | undefined> {
  return findRow(db, 'meetings', { id });
}

export function listTopics(db: Executor, meetingId: number): Promise<TopicRow[]> {
  return db.selectFrom('meetingTopics').selectAll().where('meetingId', '=', meetingId).orderBy('position').execute();
}

export function listSignups(db: Executor, meetingId: number): Promise<SignupRow[]> {
  return db
    .selectFrom('meetingSignups')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('submittedAt')
    .orderBy('id')
    .execute();
}

/** The publications each topic produced, with their titles (released ones only for `publicOnly`). */
export async function topicPublications(
  db: Executor,
  topicIds: readonly number[],
  publicOnly: boolean,
): Promise<Map<number, { id: number; title: string }[]>> {
  const out = new Map<number, { id: number; title: string }[]>();
  if (!topicIds.length) return out;
  const rows = await db
    .selectFrom('meetingTopicPublications as l')
    .innerJoin('publications as p', 'p.id', 'l.publicationId')
    .select(['l.topicId', 'p.id', 'p.title'])
    .where('l.topicId', 'in', [...topicIds])
    .$if(publicOnly, (q) => q.where('p.state', '=', 'published'))
    .orderBy('p.id')
    .execute();
  for (const r of rows) out.set(r.topicId, [...(out.get(r.topicId) ?? []), { id: r.id, title: r.title }]);
  return out;
}

/** The meetings whose decisions produced this publication (published decisions only): the publication page shows them. */
/** Compiled once (db/fixed-query.ts): every article page asks. */
const decidedMeetingsOf = fixedQuery((db: Executor, publicationId: number) =>
  db
    .selectFrom('meetingTopicPublications as l')
    .innerJoin('meetingTopics as t', 't.id', 'l.topicId')
    .innerJoin('meetings as m', 'm.id', 't.meetingId')
    .innerJoin('agencies as a', 'a.id', 'm.agencyId')
    .select(['m.id', 'm.title', 'm.meetingOn', 't.title as topic', 'a.slug'])
    .where('l.publicationId', '=', publicationId)
    .where('m.state', '=', 'decided')
    .orderBy('m.meetingOn'),
);

export async function meetingsOfPublication(
  db: Executor,
  publicationId: number,
): Promise<{ href: string; title: string; meetingOn: string; topic: string }[]> {
  const rows = await decidedMeetingsOf(db, publicationId);
  return rows.map((r) => ({
    href: `/agencies/${r.slug}/meetings/${r.id}`,
    title: r.title,
    meetingOn: r.meetingOn,
    topic: r.topic,
  }));
}
