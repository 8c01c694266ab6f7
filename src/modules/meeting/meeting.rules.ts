// Pure rules of 会议公开: the names of kinds, roles and states, and whether the public may sign up
// to attend (列席) today — only for an announced meeting open to the public, within its sign-up
// window (both days included) and while confirmed and waiting sign-ups are fewer than the places.
import type { AttendeeRole, MeetingKind, MeetingState, SignupState } from './meeting.tables.ts';

export const KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  executive: '政府常务会议',
  mayorOffice: '县长办公会议',
  special: '专题会议',
  other: '其他会议',
};

export const ROLE_LABELS: Readonly<Record<AttendeeRole, string>> = {
  public: '公众代表',
  expert: '专家',
  media: '媒体',
};

export const STATE_LABELS: Readonly<Record<MeetingState, string>> = {
  draft: '草稿',
  announced: '已发布会议预告',
  held: '已召开',
  decided: '已公开会议纪要',
};

export const SIGNUP_STATE_LABELS: Readonly<Record<SignupState, string>> = {
  pending: '待确认',
  confirmed: '已确认列席',
  declined: '未安排列席',
};

export type SignupPhase = 'closed' | 'notYet' | 'open' | 'full' | 'ended';

export interface SignupFacts {
  state: MeetingState;
  openToPublic: number;
  capacity: number;
  signupOpensOn: string | null;
  signupClosesOn: string | null;
  meetingOn: string;
}

/** Where the sign-up stands today; `taken` = sign-ups confirmed or waiting (declined ones free a place). */
export function signupPhase(m: SignupFacts, today: string, taken: number): SignupPhase {
  if (m.state === 'draft' || !m.openToPublic || m.capacity < 1) return 'closed';
  // Held or decided: the meeting had places for the public; its sign-up is over, not "none".
  if (m.state !== 'announced') return 'ended';
  const opens = m.signupOpensOn ?? today;
  const closes = m.signupClosesOn ?? m.meetingOn;
  if (today < opens) return 'notYet';
  if (today > closes || today >= m.meetingOn) return 'ended';
  return taken >= m.capacity ? 'full' : 'open';
}

export const SIGNUP_PHASE_TEXT: Readonly<Record<Exclude<SignupPhase, 'open'>, string>> = {
  closed: '本次会议不安排公众列席。',
  notYet: '列席报名尚未开始。',
  full: '列席名额已满，报名已截止。',
  ended: '列席报名已经结束。',
};

/** The sign-up window of a meeting open to the public: a Chinese problem per field, or none. */
export function signupWindowProblems(m: {
  openToPublic: boolean;
  capacity: number;
  signupOpensOn: string;
  signupClosesOn: string;
  meetingOn: string;
}): Record<string, string> {
  const e: Record<string, string> = {};
  if (!m.openToPublic) return e;
  if (!Number.isInteger(m.capacity) || m.capacity < 1 || m.capacity > 500)
    e.capacity = '列席名额应为 1 到 500 之间的整数。';
  if (!m.signupOpensOn) e.signupOpensOn = '请填写报名开始日期。';
  if (!m.signupClosesOn) e.signupClosesOn = '请填写报名截止日期。';
  else if (m.signupOpensOn && m.signupClosesOn < m.signupOpensOn) e.signupClosesOn = '报名截止日期不能早于开始日期。';
  else if (m.meetingOn && m.signupClosesOn >= m.meetingOn) e.signupClosesOn = '报名应在会议召开日之前截止。';
  return e;
}
