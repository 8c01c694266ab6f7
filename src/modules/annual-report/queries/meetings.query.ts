// 一、总体情况: 会议公开 (issue #17 point 5) — the meetings held in the year (held or with their
// decisions published, by the meeting's date), those whose 会议纪要 was published, and the people
// confirmed to attend (列席). The drill-down lists the same meetings.
import type { Executor } from '../../../platform/transaction.ts';
import { MEETING_KIND_LABELS } from '../../meeting/index.ts';
import { inReportYear, scopeAgencyIds, type ReportScope, CELL_RECORDS_LIMIT } from './types.ts';
import { beijingDate } from '../../../platform/chinese-date.ts';

export const MEETING_KEYS = ['held', 'decided', 'attendees'] as const;
export type MeetingKey = (typeof MEETING_KEYS)[number];

export const MEETING_LABELS: Record<MeetingKey, string> = {
  held: '召开并公开的会议（次）',
  decided: '其中公开会议纪要（次）',
  attendees: '邀请公众代表、专家、媒体列席（人次）',
};

function meetings(db: Executor, scope: ReportScope) {
  return db
    .selectFrom('meetings as m')
    .where('m.agencyId', 'in', scopeAgencyIds(scope))
    .where('m.state', 'in', ['held', 'decided'])
    .where(inReportYear('m.meetingOn', scope.year));
}

export async function meetingCounts(db: Executor, scope: ReportScope): Promise<Record<MeetingKey, number>> {
  const held = await meetings(db, scope)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.count<number | string>('m.decisionsPublishedAt').as('d'),
    ])
    .executeTakeFirst();
  const att = await meetings(db, scope)
    .innerJoin('meetingSignups as s', 's.meetingId', 'm.id')
    .where('s.state', '=', 'confirmed')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return { held: Number(held?.n ?? 0), decided: Number(held?.d ?? 0), attendees: Number(att?.n ?? 0) };
}

export async function meetingRecords(
  db: Executor,
  scope: ReportScope,
  key: MeetingKey,
): Promise<{ href: string; cells: string[] }[]> {
  const rows = await meetings(db, scope)
    .$if(key === 'decided', (q) => q.where('m.decisionsPublishedAt', 'is not', null))
    .$if(key === 'attendees', (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('meetingSignups as s')
            .select('s.id')
            .whereRef('s.meetingId', '=', 'm.id')
            .where('s.state', '=', 'confirmed'),
        ),
      ),
    )
    .select((eb) => [
      'm.id',
      'm.title',
      'm.kind',
      'm.meetingOn',
      'm.decisionsPublishedAt',
      eb
        .selectFrom('meetingSignups as s')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('s.meetingId', '=', 'm.id')
        .where('s.state', '=', 'confirmed')
        .as('attendees'),
    ])
    .orderBy('m.meetingOn')
    .orderBy('m.id')
    .limit(CELL_RECORDS_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    href: `/admin/meetings/${r.id}`,
    cells: [
      r.title,
      MEETING_KIND_LABELS[r.kind],
      r.meetingOn,
      r.decisionsPublishedAt ? beijingDate(r.decisionsPublishedAt) : '未公开',
      String(Number(r.attendees ?? 0)),
    ],
  }));
}
