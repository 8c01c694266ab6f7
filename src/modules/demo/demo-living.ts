// The demo's work in progress (issue #11 point 5), dated relative to the day the demo is created
// (the app clock, so a test with an injected clock gets the same demo every time): publications
// released in the last weeks, drafts waiting for 保密审查 and 签发, one returned to its drafter and
// one past the 20-working-day rule. The applications in progress and last year's annual reports
// are seeded by their own modules (info-request.demo.ts and .demo-in-progress.ts, annual-report.demo.ts) with the same today.
import { addCalendarDays, type IsoDate, type WorkCalendar } from '../calendar/index.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { findCategoryByCode } from '../catalog/index.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { createDraft, draftInput, review, signOff, submit } from '../publication/index.ts';
import { textToHtml } from '../publication/index.ts';
import type { DemoAccount } from './demo-staff.ts';
import { demoActor } from './demo-staff.ts';

/** Where a living publication stands when the demo is created. */
type Stage = 'released' | 'review' | 'signOff' | 'returned';

interface LivingPublication {
  agency: 'lingxi' | 'yongshun';
  /** Days before today the information was formed (形成). */
  formedDaysAgo: number;
  /** Days before today each step happened (released: signed that day). */
  stepDaysAgo: number;
  stage: Stage;
  cats: string[];
  topic: string;
  keywords: string;
  /** `{Y}` is the year of the day the demo is created. */
  title: string;
  paras: string[];
  returnComment?: string;
  /** 依申请公开 / 不予公开 (issue #17 point 3): signed off and kept on record, not released. */
  disclosure?: { mode: 'onRequest' | 'withheld'; ground: string; note: string };
}

const NEWS = 'statutory.classes.news';
const PLAN = 'statutory.classes.plan';

export const LIVING_PUBLICATIONS: readonly LivingPublication[] = [
  // Two documents kept on record as 依申请公开; the older one is past its yearly review (条例 第十八条).
  {
    agency: 'lingxi',
    formedDaysAgo: 402,
    stepDaysAgo: 396,
    stage: 'released',
    cats: [PLAN],
    topic: '城乡建设、环境保护\\城乡规划',
    keywords: '污水处理 选址 请示',
    title: '灵溪镇人民政府关于集镇污水处理站选址有关问题的请示',
    paras: [
      '县住房和城乡建设局：集镇污水处理站拟在溪口村、河西村两处地块中选址建设，两处方案的用地、管网和投资比较见附表。',
      '经镇党委会研究，倾向于溪口村方案，恳请贵局组织论证并给予指导。',
    ],
    disclosure: { mode: 'onRequest', ground: 'a16.process', note: '选址尚在论证，属于请示报告类过程性信息。' },
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 45,
    stepDaysAgo: 40,
    stage: 'released',
    cats: [PLAN],
    topic: '农业、林业、水利\\其他',
    keywords: '村民小组 会议室 批复',
    title: '灵溪镇人民政府关于同意溪口村调整村民小组会议室用途的批复',
    paras: [
      '溪口村村民委员会：你村关于将第三村民小组会议室调整为村级便民服务点的请示收悉。经研究，同意调整，所需经费由你村自筹解决。',
    ],
    disclosure: {
      mode: 'onRequest',
      ground: 'a13.particular',
      note: '仅涉及溪口村一个村民小组，不需要社会公众广泛知晓。',
    },
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 4,
    stepDaysAgo: 2,
    stage: 'released',
    cats: [NEWS],
    topic: '综合政务\\政务公开',
    keywords: '政务公开 村务公开',
    title: '灵溪镇召开政务公开和村务公开工作推进会',
    paras: [
      '会议通报了全镇23个村（社区）公开栏更新情况，对更新不及时的4个村提出整改要求，限期一周内完成。',
      '会议要求各村（社区）每月5日前更新公开栏，低保、危房改造、惠农补贴等群众关心的事项逐户公开。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 16,
    stepDaysAgo: 13,
    stage: 'released',
    cats: [NEWS],
    topic: '工业、交通\\交通',
    keywords: '农村道路 安全',
    title: '灵溪镇开展农村道路交通安全隐患排查',
    paras: [
      '镇安监站会同派出所、交警中队对全镇村道急弯陡坡、临水临崖路段逐段排查，共排查隐患点17处。',
      '对排查出的隐患点建立台账，能当场整改的当场整改，需要增设护栏和警示标志的列入近期计划。',
    ],
  },
  // Two in categories bound to the 基层政务公开标准目录 (issue #17 point 2): one on time, one late.
  {
    agency: 'lingxi',
    formedDaysAgo: 12,
    stepDaysAgo: 9,
    stage: 'released',
    cats: ['statutory.a21.8'],
    topic: '民政、扶贫、救灾\\社会救助',
    keywords: '最低生活保障 标准',
    title: '灵溪镇人民政府关于转发县民政局调整城乡最低生活保障标准的通知',
    paras: [
      '各村（社区）：现将县民政局关于调整城乡最低生活保障标准的通知转发给你们，新标准自下月起执行。',
      '各村（社区）要在公开栏公布新标准和申请办法，做好政策解释工作。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 40,
    stepDaysAgo: 8,
    stage: 'released',
    cats: ['statutory.a20.7'],
    topic: '财政、金融、审计\\财政预决算',
    keywords: '部门预算 公开',
    title: '灵溪镇人民政府{Y}年部门预算公开',
    paras: [
      '本预算经镇人民代表大会审议批准。公开内容包括部门收支总体情况表、财政拨款收支情况表和一般公共预算“三公”经费支出预算表。',
    ],
  },
  {
    agency: 'yongshun',
    formedDaysAgo: 9,
    stepDaysAgo: 6,
    stage: 'released',
    cats: ['statutory.a20.3', PLAN],
    topic: '综合政务\\政务公开',
    keywords: '政务公开 检查 通报',
    title: '永顺县人民政府办公室关于{Y}年第三季度政府网站和政务新媒体检查情况的通报',
    paras: [
      '本次检查覆盖全县11家单位的政府信息公开专栏和政务新媒体账号，总体合格率为90.9%。',
      '县政务公开办将对整改情况进行复查，复查结果纳入年度绩效考核。',
    ],
  },
  // Issued after 永顺县's 常务会议 of 20 days ago (meeting.demo.ts links its third topic here).
  {
    agency: 'yongshun',
    formedDaysAgo: 17,
    stepDaysAgo: 16,
    stage: 'released',
    cats: ['statutory.classes.policy'],
    topic: '农业、林业、水利\\林业',
    keywords: '森林防火 野外用火',
    title: '永顺县人民政府办公室关于做好{Y}—{Y1}年度秋冬季森林防火工作的通知',
    paras: [
      '各乡镇人民政府，县直有关单位：',
      '根据县人民政府第十二次常务会议精神，现就做好今冬明春森林防火工作通知如下。',
      '一、落实责任。各乡镇主要负责人为本行政区域森林防火第一责任人，村（社区）、林区单位要层层签订责任书。',
      '二、严管火源。防火期内严禁野外吸烟、烧荒、烧纸祭祀等野外用火，发现火情立即拨打森林火警电话12119。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 3,
    stepDaysAgo: 1,
    stage: 'review',
    cats: [NEWS],
    topic: '农业、林业、水利\\农业、畜牧业、渔业',
    keywords: '冬季 农业 生产',
    title: '灵溪镇部署冬季农业生产和森林防火工作',
    paras: [
      '镇农业综合服务中心组织农技人员分片指导油菜、马铃薯冬种，全镇冬种面积预计1.2万亩。',
      '各村落实森林防火网格员，严禁野外用火，发现火情立即拨打森林火警电话12119。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 45,
    stepDaysAgo: 2,
    stage: 'review',
    cats: ['statutory.a20.3', PLAN],
    topic: '综合政务\\规划计划',
    keywords: '民生实事 项目',
    title: '灵溪镇{Y}年民生实事项目进展情况',
    paras: [
      '全年确定的8项民生实事中，村道硬化、饮水安全巩固提升等6项已完工，其余2项正在施工。',
      '已完工项目均已组织验收，资金使用情况在各村公开栏公示。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 7,
    stepDaysAgo: 2,
    stage: 'signOff',
    cats: [NEWS],
    topic: '劳动、人事、监察\\就业',
    keywords: '就业 招聘会',
    title: '灵溪镇举办“春风行动”返乡就业专场招聘会',
    paras: [
      '招聘会共有本县及周边32家企业参加，提供岗位860个，现场达成初步就业意向126人。',
      '镇劳动保障站将持续跟踪服务，帮助有意愿的返乡人员参加技能培训。',
    ],
  },
  {
    agency: 'lingxi',
    formedDaysAgo: 10,
    stepDaysAgo: 1,
    stage: 'returned',
    cats: [NEWS],
    topic: '民政、扶贫、救灾\\社会救助',
    keywords: '低保 动态管理',
    title: '灵溪镇完成城乡低保对象年度核查',
    paras: [
      '经入户核查，全镇新纳入低保对象12户，退出9户，调整保障金额15户。',
      '核查中发现的一户家庭成员身份证号码和家庭住址已在附表中列明。',
    ],
    returnComment:
      '第二段写了“身份证号码和家庭住址已在附表中列明”，附表含个人信息，不能公开：请删去这句话，附表不随文公开。',
  },
  {
    agency: 'yongshun',
    formedDaysAgo: 5,
    stepDaysAgo: 1,
    stage: 'review',
    cats: [NEWS],
    topic: '综合政务\\政务公开',
    keywords: '政务公开 培训',
    title: '永顺县举办{Y}年度政务公开业务培训班',
    paras: [
      '培训班邀请州政务公开办同志授课，讲解政府信息公开申请办理、保密审查和年度报告编制。',
      '全县各乡镇、县直各单位政务公开工作人员共65人参加培训。',
    ],
  },
  {
    agency: 'yongshun',
    formedDaysAgo: 8,
    stepDaysAgo: 3,
    stage: 'signOff',
    cats: ['statutory.a20.3', PLAN],
    topic: '综合政务\\规划计划',
    keywords: '冬春 农田水利',
    title: '永顺县{Y}年冬春农田水利基本建设实施方案',
    paras: [
      '今冬明春全县计划完成山塘清淤整治120口、渠道防渗改造45公里，新增和改善灌溉面积1.8万亩。',
      '各乡镇要在春耕前完成主体工程，县水利局负责技术指导和质量监督。',
    ],
  },
];

const ctxAt = (base: AuditContext, actorName: string, userId: number | null, day: IsoDate, hour: number) => ({
  ...base,
  actorUserId: userId,
  actorName,
  at: `${day}T${String(hour).padStart(2, '0')}:20:00.000Z`,
});

/** Seeds the living publications through the publication service, by the demo staff's own hands. */
export async function seedLivingPublications(
  db: Db,
  base: AuditContext,
  cal: WorkCalendar,
  today: IsoDate,
  agencyIds: Readonly<Record<string, number>>,
  staff: readonly DemoAccount[],
): Promise<number> {
  const year = today.slice(0, 4);
  let n = 0;
  for (const p of LIVING_PUBLICATIONS) {
    const agencyId = agencyIds[p.agency];
    const who = (role: string) => staff.find((s) => s.agency === p.agency && s.role === role);
    const clerk = who('clerk');
    const reviewer = who('reviewer');
    const signer = who('signer');
    if (!agencyId || !clerk || !reviewer || !signer) continue;
    const formedOn = addCalendarDays(today, -p.formedDaysAgo);
    const stepOn = addCalendarDays(today, -p.stepDaysAgo);
    await inTransaction(db, async (trx) => {
      const categoryIds: string[] = [];
      for (const code of p.cats) {
        const c = await findCategoryByCode(trx, agencyId, code);
        if (c) categoryIds.push(String(c.id));
      }
      const as = (a: DemoAccount, day: IsoDate, hour: number) => ctxAt(base, a.displayName, a.id, day, hour);
      const id = await createDraft(
        trx,
        as(clerk, formedOn, 1),
        demoActor(clerk),
        cal,
        agencyId,
        draftInput(
          {
            title: p.title.replaceAll('{Y1}', String(Number(year) + 1)).replaceAll('{Y}', year),
            body: textToHtml(p.paras.join('\n')),
            issuer: clerk.agencyName,
            formedOn,
            topic: p.topic,
            keywords: p.keywords,
          },
          categoryIds,
          p.disclosure ? { disclosure: p.disclosure } : {},
        ),
      );
      // Submitted the day before the latest step (the same day when it was formed that day).
      const submittedOn = stepOn > formedOn ? addCalendarDays(stepOn, -1) : stepOn;
      await submit(trx, as(clerk, submittedOn < formedOn ? formedOn : submittedOn, 2), demoActor(clerk), id);
      if (p.stage === 'review') return;
      if (p.stage === 'returned') {
        await review(trx, as(reviewer, stepOn, 3), demoActor(reviewer), id, 'return', p.returnComment ?? '请修改。');
        return;
      }
      await review(trx, as(reviewer, stepOn, 3), demoActor(reviewer), id, 'pass', '');
      if (p.stage === 'signOff') return;
      await signOff(trx, as(signer, stepOn, 4), demoActor(signer), id, 'approve', '');
    });
    n++;
  }
  return n;
}
