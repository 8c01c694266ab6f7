// The 工作台's queue of 依申请公开转主动公开 (条例 第四十四条): suggestions waiting for staff to
// accept (draft a publication) or dismiss. One grouped count; the list behind it is
// /admin/info-requests/proactive with the same condition (state 'open').
import { countRowsByAgency, type QueueContext, type WorkQueue } from '../../platform/work-queue.ts';

export const PROACTIVE_BASE = '/admin/info-requests/proactive';

export const proactiveQueues: readonly WorkQueue[] = [
  {
    key: 'infoRequest.proactive',
    group: '依申请公开',
    label: '多个申请人申请相同信息、建议转为主动公开的',
    short: '建议转主动公开',
    tone: 'todo',
    order: 11,
    act: ['publication.draft', 'infoRequest.reply'],
    view: 'infoRequest.view',
    href: (agencyId?: number) => `${PROACTIVE_BASE}${agencyId ? `?agency=${agencyId}` : ''}`,
    countByAgency: (ctx: QueueContext) =>
      countRowsByAgency(ctx, 'proactiveSuggestions', (eb) => eb('proactiveSuggestions.state', '=', 'open')),
  },
];
