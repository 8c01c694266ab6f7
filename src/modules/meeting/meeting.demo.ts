// Demo 会议公开 (issue #17 point 5), dated relative to today: 永顺县's 政府常务会议 of 20 days ago with
// three topics, open to the public — three sign-ups (two confirmed, one declined with a reason) —
// held, its 会议纪要 recorded per topic with the third topic linked to the 森林防火 notice it led to
// (released by the living demo), and published. Made through the service, as staff would.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { inTransaction, type Db, type Executor } from '../../platform/transaction.ts';
import { addCalendarDays } from '../calendar/index.ts';
import {
  announceMeeting,
  createMeeting,
  decideSignup,
  findMeeting,
  holdMeeting,
  listSignups,
  listTopics,
  publishDecisions,
  recordDecisions,
  submitSignup,
  type MeetingRow,
} from './meeting.service.ts';

const at = (ctx: AuditContext, day: string): AuditContext => ({ ...ctx, at: `${day}T02:00:00.000Z` });

export async function seedDemoMeeting(
  db: Db,
  ctx: AuditContext,
  today: string,
  agencyIds: Record<string, number>,
  signerOf: (agency: string) => Actor | undefined,
): Promise<void> {
  const agencyId = agencyIds.yongshun;
  const actor = signerOf('yongshun');
  if (!agencyId || !actor) return;
  const day = (n: number) => addCalendarDays(today, -n);
  const meetingOn = day(20);
  const load = async (id: number, trx: Executor) => (await findMeeting(trx, id)) as MeetingRow;
  const id = await inTransaction(db, (trx) =>
    createMeeting(trx, at(ctx, day(40)), actor, agencyId, {
      kind: 'executive',
      title: '永顺县人民政府第十二次常务会议',
      meetingOn,
      startsAt: '09:00',
      place: '县政府三楼常务会议室',
      topics: [
        '研究《永顺县城区机动车停放管理办法》',
        '研究2026年城乡居民医疗保险参保动员工作',
        '听取全县秋冬季森林防火工作情况汇报',
      ].join('\n'),
      openToPublic: 'yes',
      capacity: '5',
      signupOpensOn: day(35),
      signupClosesOn: day(23),
    }),
  );
  await inTransaction(db, async (trx) => announceMeeting(trx, at(ctx, day(38)), actor, await load(id, trx)));
  const people = [
    { name: '田建国', phone: '13974310001', role: 'public', reason: '城区居民，关心停车收费标准。' },
    { name: '彭晓燕', phone: '13974310002', role: 'expert', reason: '从事交通规划工作，可就停车泊位设置提供意见。' },
    { name: '向东', phone: '13974310003', role: 'media', reason: '县融媒体中心记者，报道会议。' },
  ];
  for (const p of people)
    await inTransaction(db, async (trx) => submitSignup(trx, at(ctx, day(30)), await load(id, trx), p));
  const signups = await listSignups(db, id);
  for (const s of signups)
    await inTransaction(db, async (trx) =>
      s.role === 'media'
        ? decideSignup(
            trx,
            at(ctx, day(24)),
            actor,
            await load(id, trx),
            s,
            'decline',
            '媒体采访已由县融媒体中心统一安排。',
          )
        : decideSignup(trx, at(ctx, day(24)), actor, await load(id, trx), s, 'confirm', ''),
    );
  await inTransaction(db, async (trx) => holdMeeting(trx, at(ctx, meetingOn), actor, await load(id, trx)));
  const topics = await listTopics(db, id);
  // The third topic's 纪要 led to the 县政府办公室's 森林防火 notice, released by the living demo.
  const doc = await db
    .selectFrom('publications')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .where('title', 'like', '%秋冬季森林防火工作的通知')
    .executeTakeFirst();
  const decisions = [
    '会议原则通过《永顺县城区机动车停放管理办法》，由县住房城乡建设局根据会议意见修改完善后以县政府文件印发。',
    '会议要求各乡镇在年底前完成城乡居民医疗保险参保动员，参保率不低于95%。',
    '会议听取了县林业局的汇报，要求落实森林防火责任，严防野外用火，由县政府办公室发文部署。',
  ];
  await inTransaction(db, async (trx) =>
    recordDecisions(trx, at(ctx, day(18)), actor, await load(id, trx), {
      summary: '会议由县长主持，研究了城区停车管理、城乡居民医疗保险参保和森林防火三项工作。',
      topics: topics.map((t, i) => ({
        id: t.id,
        decision: decisions[i] ?? '',
        publicationIds: i === 2 && doc ? [doc.id] : [],
      })),
    }),
  );
  await inTransaction(db, async (trx) => publishDecisions(trx, at(ctx, day(18)), actor, await load(id, trx)));
}
