// Presenters per audience (STYLE practice 11). The applicant's view carries no personal data
// (no name, identity document, phone, address) and no staff note: it is built field by field from
// an allow-list, never by spreading the row.
import type { AttachmentRowLike, EventRow, InfoRequestRow, LetterRow } from './info-request.view-types.ts';
import { stateLabels } from './info-request.states.ts';
import { intakeChannelLabels, isOutcomeKey, outcomeApplicantLabel, type IntakeChannel } from './rules/index.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export interface ApplicantView {
  number: string;
  agencyName: string;
  stateLabel: string;
  channelLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  dueProvisional: boolean;
  clockNote: string;
  outcomeLabel: string | null;
  concludedOn: string | null;
  timeline: { onDate: string; text: string }[];
  letters: { id: number; title: string; issuedOn: string; deliveredOn: string | null }[];
  attachments: { id: number; fileName: string; size: number }[];
}

const clockNotes: Record<string, string> = {
  notStarted: '本机关确认收到申请后开始计算答复期限。',
  running: '',
  paused: '依法征求意见或等待缴费期间，答复期限暂停计算。',
  awaitingCorrection: '等待您补正申请，答复期限自收到补正后的申请之日起重新计算。',
  calendarPending: '下一年度节假日安排公布后显示答复期限。',
};

export function presentForApplicant(
  r: InfoRequestRow,
  agencyName: string,
  events: readonly EventRow[],
  letters: readonly LetterRow[],
  attachments: readonly AttachmentRowLike[],
): ApplicantView {
  const concluded = r.state === 'replied' || r.state === 'closed' || r.state === 'archived';
  return {
    number: r.number,
    agencyName,
    stateLabel: stateLabels[r.state],
    channelLabel: intakeChannelLabels[r.channel as IntakeChannel] ?? r.channel,
    submittedOn: beijingDate(r.submittedAt),
    receivedOn: r.receivedOn,
    dueOn: concluded ? null : r.dueOn,
    dueProvisional: !concluded && r.dueProvisional === 1,
    clockNote: concluded ? '' : (clockNotes[r.clockStatus] ?? ''),
    outcomeLabel: r.outcomeKey && isOutcomeKey(r.outcomeKey) ? outcomeApplicantLabel(r.outcomeKey) : null,
    concludedOn: r.concludedOn,
    timeline: events.filter((e) => e.publicText !== '').map((e) => ({ onDate: e.onDate, text: e.publicText })),
    letters: letters
      .filter((l) => l.forApplicant === 1)
      .map((l) => ({ id: l.id, title: l.title, issuedOn: l.issuedOn, deliveredOn: l.deliveredOn })),
    attachments: concluded ? attachments.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size })) : [],
  };
}
