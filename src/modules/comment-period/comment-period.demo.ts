// Demo 意见征集 (issue #17 point 4), dated relative to today: 永顺县's closed 重大行政决策 on city
// parking with three comments, each decided, and its 意见采纳情况反馈 published; 灵溪镇's open
// consultation on rural waste collection with two comments so far. Made through the service, as staff would.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { findComment, listComments } from './comment-period.repository.ts';
import {
  createCommentPeriod,
  publishCommentPeriod,
  publishFeedback,
  submitComment,
  tagComment,
  type CommentPeriodValues,
} from './comment-period.service.ts';
import type { Verdict } from './comment-period.tables.ts';

interface DemoComment {
  daysAfterOpening: number;
  body: string;
  name: string;
  phone: string;
  consent: boolean;
  verdict?: [Verdict, string];
}

interface DemoPeriod {
  agency: string;
  /** Days before today the period opened, and its length. */
  openedDaysAgo: number;
  days: number;
  values: Omit<CommentPeriodValues, 'opensOn' | 'closesOn'>;
  comments: DemoComment[];
  feedback?: string;
}

const PERIODS: DemoPeriod[] = [
  {
    agency: 'yongshun',
    openedDaysAgo: 64,
    days: 34,
    values: {
      title: '关于《永顺县城区机动车停放管理办法（征求意见稿）》公开征求意见的公告',
      draftText: [
        '第一条 为规范城区机动车停放秩序，缓解停车难问题，结合本县实际，制定本办法。',
        '第二条 本办法适用于县城规划区内道路停车泊位和公共停车场的规划、建设、使用和管理。',
        '第三条 道路停车泊位实行分时段收费，每日 7 时至 21 时收费，首 30 分钟免费。',
        '第四条 新建住宅小区按每户不少于 1 个停车位配建停车设施。',
        '第五条 本办法自印发之日起施行。',
      ].join('\n'),
      explanation: [
        '一、起草背景：县城机动车保有量五年增长一倍，老城区停车供需矛盾突出，群众反映强烈。',
        '二、主要依据：《中华人民共和国道路交通安全法》、《湖南省实施〈中华人民共和国道路交通安全法〉办法》。',
        '三、主要内容：明确道路停车泊位的设置和收费时段，规定新建住宅小区停车位配建标准。',
      ].join('\n'),
      majorDecision: 'yes',
      shortenedReason: '',
      postAddress: '永顺县灵溪镇府前路 1 号县人民政府办公室（邮编 416700）',
      email: 'gongkai@yongshun.gov.cn',
      nameRule: 'optional',
      phoneRule: 'optional',
    },
    comments: [
      {
        daysAfterOpening: 3,
        body: '建议第三条首 30 分钟免费延长到 1 小时，方便群众到医院、银行办事。',
        name: '张建华',
        phone: '13807431234',
        consent: true,
        verdict: ['partlyAdopted', '医院、学校周边道路泊位首 1 小时免费，其他路段仍为 30 分钟，以保证泊位周转。'],
      },
      {
        daysAfterOpening: 10,
        body: '老旧小区没有停车位，建议夜间允许在小区周边道路免费停放。',
        name: '李梅',
        phone: '',
        consent: true,
        verdict: ['adopted', '已在第三条增加：21 时至次日 7 时道路泊位免费停放。'],
      },
      {
        daysAfterOpening: 20,
        body: '建议取消道路停车收费。',
        name: '',
        phone: '',
        consent: false,
        verdict: ['notAdopted', '道路停车资源有限，收费是调节停车需求、提高泊位周转率的必要手段，故未采纳。'],
      },
    ],
    feedback:
      '县人民政府办公室对收到的意见逐条进行了研究，采纳合理意见，对办法第三条作了修改。修改后的办法已经县人民政府常务会议审议通过。',
  },
  {
    agency: 'lingxi',
    openedDaysAgo: 5,
    days: 20,
    values: {
      title: '关于《灵溪镇农村生活垃圾收运处置实施方案（征求意见稿）》公开征求意见的公告',
      draftText: [
        '一、目标：到年底实现全镇行政村生活垃圾收运处置体系全覆盖。',
        '二、收集：每个村民小组设置分类收集点，农户将垃圾分为可回收物、厨余垃圾和其他垃圾。',
        '三、转运：镇环卫所每日清运一次，雨季每日清运两次。',
        '四、经费：镇财政按每户每年 60 元标准安排收运经费，村集体适当补充。',
      ].join('\n'),
      explanation: '为落实县农村人居环境整治工作部署，镇人民政府起草了本方案，现公开征求社会各界意见。',
      majorDecision: '',
      shortenedReason: '',
      postAddress: '灵溪镇人民政府党政综合办公室',
      email: '',
      nameRule: 'optional',
      phoneRule: 'hidden',
    },
    comments: [
      {
        daysAfterOpening: 1,
        body: '建议在每个收集点标明清运时间和监督电话。',
        name: '王小军',
        phone: '',
        consent: true,
        verdict: ['adopted', '将在收集点公示牌上标明。'],
      },
      { daysAfterOpening: 3, body: '偏远村民小组距离公路较远，建议增加收集点。', name: '', phone: '', consent: true },
    ],
  },
];

const at = (base: AuditContext, day: string, hour: number): AuditContext => ({
  ...base,
  at: `${day}T${String(hour).padStart(2, '0')}:10:00.000Z`,
});

export async function seedDemoCommentPeriods(
  db: Db,
  base: AuditContext,
  today: string,
  agencyIds: Readonly<Record<string, number>>,
  signerOf: (agency: string) => Actor | undefined,
): Promise<void> {
  for (const p of PERIODS) {
    const agencyId = agencyIds[p.agency];
    const actor = signerOf(p.agency);
    if (!agencyId || !actor) continue;
    const opensOn = addCalendarDays(today, -p.openedDaysAgo);
    const closesOn = addCalendarDays(opensOn, p.days);
    const staff = { ...base, actorUserId: actor.userId, actorName: actor.displayName };
    await inTransaction(db, async (trx) => {
      const id = await createCommentPeriod(trx, at(staff, opensOn, 1), actor, agencyId, {
        ...p.values,
        opensOn,
        closesOn,
      });
      await publishCommentPeriod(trx, at(staff, opensOn, 1), actor, id, opensOn);
      const row = await trx.selectFrom('commentPeriods').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      for (const c of p.comments) {
        const day = addCalendarDays(opensOn, c.daysAfterOpening);
        await submitComment(
          trx,
          at(base, day, 3),
          row,
          {
            body: c.body,
            commenterName: c.name,
            commenterPhone: c.phone,
            commenterEmail: '',
            publishConsent: c.consent,
            channel: 'online',
          },
          day,
        );
      }
      const comments = await listComments(trx, id);
      for (const [i, c] of p.comments.entries()) {
        const stored = comments[i] ? await findComment(trx, comments[i].id) : undefined;
        if (stored && c.verdict)
          await tagComment(
            trx,
            at(staff, addCalendarDays(opensOn, c.daysAfterOpening + 1), 2),
            actor,
            stored,
            ...c.verdict,
          );
      }
      if (p.feedback) {
        const day = addCalendarDays(closesOn, 10);
        await publishFeedback(trx, at(staff, day, 2), actor, id, p.feedback, day);
      }
    });
  }
}
