// 会议公开's workflow: a draft is announced (会议预告: public page, sign-up if open), held, and its
// decisions (会议纪要) published. Every step writes its audit event (platform/state-machine.ts).
import { defineMachine } from '../../platform/state-machine.ts';
import { STATE_LABELS } from './meeting.rules.ts';
import type { MeetingState } from './meeting.tables.ts';

export type MeetingStep = 'edit' | 'announce' | 'hold' | 'recordDecisions' | 'publishDecisions';

export const meetingMachine = defineMachine<MeetingState, MeetingStep>({
  entity: 'meeting',
  labels: STATE_LABELS,
  steps: {
    edit: {
      from: ['draft', 'announced'],
      to: 'same',
      action: 'meeting.manage',
      label: '修改',
      audit: 'meeting.edited',
    },
    announce: {
      from: ['draft'],
      to: 'announced',
      action: 'meeting.publish',
      label: '发布会议预告',
      audit: 'meeting.announced',
    },
    hold: { from: ['announced'], to: 'held', action: 'meeting.manage', label: '登记会议已召开', audit: 'meeting.held' },
    recordDecisions: {
      from: ['held'],
      to: 'same',
      action: 'meeting.manage',
      label: '保存会议纪要',
      audit: 'meeting.decisionsRecorded',
    },
    publishDecisions: {
      from: ['held'],
      to: 'decided',
      action: 'meeting.publish',
      label: '公开会议纪要',
      audit: 'meeting.decisionsPublished',
    },
  },
});
