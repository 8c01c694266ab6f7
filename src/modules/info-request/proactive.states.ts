// 依申请公开转主动公开 (条例 第四十四条): a suggestion is open until staff accept it (a draft
// publication is made from the reply) or dismiss it with a reason. Each step writes its audit event.
import { defineMachine } from '../../platform/state-machine.ts';
import type { ProactiveState } from './info-request.tables.ts';

export const PROACTIVE_STATE_LABELS: Readonly<Record<ProactiveState, string>> = {
  open: '待处理',
  accepted: '已转为主动公开（草稿已生成）',
  dismissed: '不转为主动公开',
};

export const proactiveMachine = defineMachine<ProactiveState, 'accept' | 'dismiss'>({
  entity: 'proactiveSuggestion',
  labels: PROACTIVE_STATE_LABELS,
  steps: {
    accept: { from: ['open'], to: 'accepted', action: 'publication.draft', label: '转为主动公开' },
    dismiss: { from: ['open'], to: 'dismissed', action: 'infoRequest.reply', label: '不转为主动公开' },
  },
});
