// Demo records for the interaction, notice, staff and supervision modules, loaded with the demo
// county (in the demo module, which may use every module's door, #13 point 1). The
// figures for 灵溪镇 come from its 2013 report (接到咨询电话37次; 工作人员2人 — the report only says
// 配齐了专兼职工作人员, so one full-time and one part-time is the demo's choice). Every name,
// phone number and address below is fictional.
import { ValidationError } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { todayInShanghai } from '../calendar/index.ts';
import type { DemoCounty } from './demo-county.ts';
import { createNotice, findNoticeById, publishNotice } from '../notice/index.ts';
import { addStaffMember, recordTraining } from '../staff/index.ts';
import { recordAccountability, recordEvaluation, recordInspection } from '../supervision/index.ts';
import {
  decidePublication,
  findCaseById,
  logPhoneInquiry,
  rateCase,
  replyCase,
  startHandling,
  submitPublicCase,
} from '../interaction/index.ts';

const TOPICS_2013 = [
  '如何申请政府信息公开',
  '低保申请需要哪些材料',
  '新农合报销比例',
  '危房改造补助标准',
  '计划生育奖励扶助',
  '退耕还林补助发放时间',
  '林权证办理流程',
  '宅基地审批',
  '种粮直补标准',
  '政府信息公开指南在哪里查看',
  '养老保险缴费档次',
  '五保供养标准',
];

export const DEMO_LETTER_WRITERS = [
  {
    writerName: '向秀兰',
    writerPhone: '13907430001',
    writerEmail: 'xiuxlan.demo@example.com',
    writerAddress: '永顺县灵溪镇司城村4组12号',
  },
  { writerName: '彭建国', writerPhone: '13907430002', writerEmail: '', writerAddress: '永顺县灵溪镇那必村2组7号' },
  { writerName: '田小燕', writerPhone: '13907430003', writerEmail: '', writerAddress: '永顺县灵溪镇老司城社区15号' },
];

/** The 低保 公示 table: 户主姓名, 住址, 家庭人口, 月人均收入（元）, 保障金额（元/月）. */
export const DEMO_DIBAO_ROWS = [
  ['符大山', '永顺县灵溪镇司城村3组21号', '3', '320', '450'],
  ['欧阳丽华', '永顺县灵溪镇那必村1组6号', '2', '280', '380'],
  ['瞿明', '永顺县灵溪镇洞坎村5组11号', '1', '0', '520'],
  ['汪春花', '永顺县灵溪镇老司城社区8栋2单元301', '4', '410', '600'],
];

/** Raw personal values seeded here; public pages must never show them (tests scan for them). */
export const DEMO_RAW_PERSONAL_VALUES: string[] = [
  ...DEMO_LETTER_WRITERS.flatMap((w) => [w.writerName, w.writerPhone, w.writerEmail, w.writerAddress].filter(Boolean)),
  ...DEMO_DIBAO_ROWS.flatMap((r) => [r[0] as string, r[1] as string]),
];

function at(date: string, hm: string): string {
  return `${date}T${hm}`;
}

export async function seedInteractionDemo(deps: AppDeps, county: DemoCounty, ctx: AuditContext): Promise<void> {
  const db = deps.database.db;
  const cal = await deps.calendar.get();
  const lingxi = county.agencyIds.lingxi;
  if (!lingxi) return;
  const now = deps.clock.now();
  const today = todayInShanghai(now);

  await inTransaction(db, async (trx) => {
    // 37 phone inquiries in 2013, spread over the year.
    for (let i = 0; i < 37; i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String(((i * 7) % 26) + 2).padStart(2, '0');
      await logPhoneInquiry(
        trx,
        ctx,
        cal,
        lingxi,
        {
          receivedAt: at(
            `2013-${month}-${day}`,
            `${String(9 + (i % 7)).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}`,
          ),
          topic: TOPICS_2013[i % TOPICS_2013.length] as string,
          answer: '已按政策规定解答，并告知办理地点和所需材料。',
          duration: String(3 + (i % 6)),
        },
        now,
      );
    }
    for (const [i, topic] of ['政府信息公开申请的受理时间', '城乡居民医保缴费', '低保公示的异议渠道'].entries()) {
      await logPhoneInquiry(
        trx,
        ctx,
        cal,
        lingxi,
        { receivedAt: at(`2025-0${3 + i}-1${i}`, '10:15'), topic, answer: '已电话解答。', duration: '4' },
        now,
      );
    }
    await addStaffMember(trx, ctx, lingxi, {
      name: '彭晓梅',
      employment: 'fullTime',
      role: '政务公开专干',
      since: '2010-03-01',
    });
    await addStaffMember(trx, ctx, lingxi, {
      name: '田志刚',
      employment: 'partTime',
      role: '党政综合办公室干事（兼）',
      since: '2012-09-01',
    });
    await recordTraining(trx, ctx, lingxi, {
      heldOn: '2013-06-18',
      title: '全县政府信息公开业务培训',
      hours: '4',
      participants: '2',
    });
  });

  // Letters: one published in 留言选登 and rated, one whose writer did not consent, one still open.
  const letters = [
    {
      w: DEMO_LETTER_WRITERS[0],
      consent: true,
      topic: '建议在司城村增设公交站',
      body: '司城村到镇上没有公交站，老人看病很不方便，建议增设一个站点。联系电话 13907430001。',
      reply: '您的建议已转县交通运输局研究，计划年内在司城村口增设招呼站。',
      publish: true,
      rating: 'satisfied' as const,
    },
    {
      w: DEMO_LETTER_WRITERS[1],
      consent: false,
      topic: '那必村道路维修',
      body: '那必村2组到3组的道路雨后积水严重。',
      reply: '已安排村组实地查看，纳入今年道路维修计划。',
      publish: false,
      rating: 'basicallySatisfied' as const,
    },
    {
      w: DEMO_LETTER_WRITERS[2],
      consent: true,
      topic: '社区健身器材损坏',
      body: '老司城社区广场的健身器材损坏多日。',
      reply: null,
      publish: false,
      rating: null,
    },
  ];
  for (const l of letters) {
    if (!l.w) continue;
    const writer = l.w;
    await inTransaction(db, async (trx) => {
      const r = await submitPublicCase(trx, ctx, cal, {
        agencyId: lingxi,
        kind: 'letter',
        publishConsent: l.consent,
        input: { topic: l.topic, body: l.body, ...writer, complaintAbout: '' },
      });
      if (!l.reply) return;
      await replyCase(trx, ctx, (await findCaseById(trx, r.id))!, l.reply);
      if (l.publish) await decidePublication(trx, ctx, (await findCaseById(trx, r.id))!, true);
      if (l.rating) await rateCase(trx, ctx, (await findCaseById(trx, r.id))!, l.rating, '');
    });
  }
  await inTransaction(db, async (trx) => {
    const c = await submitPublicCase(trx, ctx, cal, {
      agencyId: lingxi,
      kind: 'complaint',
      publishConsent: false,
      input: {
        topic: '公开栏信息更新不及时',
        body: '镇政府公开栏的财政预算信息还是去年的。',
        ...DEMO_LETTER_WRITERS[1]!,
        complaintAbout: 'disclosure',
      },
    });
    await startHandling(trx, ctx, (await findCaseById(trx, c.id))!);
    await replyCase(
      trx,
      ctx,
      (await findCaseById(trx, c.id))!,
      '经核查属实，已更新公开栏，并对相关责任人进行了批评教育。',
    );
    const inspectionId = await recordInspection(
      trx,
      ctx,
      lingxi,
      {
        scope: '灵溪镇政务公开栏和政府网站专栏',
        inspectedOn: '2025-04-15',
        findings: '公开栏财政信息未及时更新；网站专栏个别栏目空白。',
        requiredFixes: '一周内更新公开栏；补充专栏内容。',
        fixDeadline: '2025-04-22',
        bulletin: '县政务公开办对灵溪镇政务公开工作进行了督查，发现公开栏信息更新不及时等问题，已责令限期整改。',
      },
      true,
    );
    await recordAccountability(trx, ctx, lingxi, {
      person: '灵溪镇党政综合办公室',
      failure: '公开栏财政信息未及时更新',
      measure: '批评教育，责令整改',
      decidedOn: '2025-04-20',
      complaintId: String(c.id),
      inspectionId: String(inspectionId),
    });
    await recordEvaluation(trx, ctx, lingxi, {
      heldOn: '2025-05-20',
      evaluatorKind: 'deputy',
      evaluator: '县人大代表评议组',
      score: '88',
      remarks: '公开及时，答复规范；建议加强村级公开。',
    });
    await recordEvaluation(trx, ctx, lingxi, {
      heldOn: '2025-05-20',
      evaluatorKind: 'supervisor',
      evaluator: '特邀政务公开监督员',
      score: '85',
      remarks: '留言答复质量较好。',
    });
  });

  // The 低保 公示: seven working days from today, so that the demo shows a live notice.
  const dibao = (periodUnit: 'working' | 'calendar') =>
    inTransaction(db, async (trx) => {
      const id = await createNotice(trx, ctx, cal, lingxi, {
        title: '灵溪镇2025年第二批城乡居民最低生活保障对象公示',
        body: '根据《社会救助暂行办法》和低保审核确认有关规定，经本人申请、入户调查、民主评议，拟将下列家庭纳入最低生活保障范围，现予公示。\n\n公示期内如有异议，请向镇民政办反映。',
        columns: '户主姓名|姓名\n住址|地址\n家庭人口|其他\n月人均收入（元）|其他\n保障金额（元/月）|其他',
        rows: DEMO_DIBAO_ROWS.map((r) => r.join('\t')).join('\n'),
        startDate: today,
        periodDays: periodUnit === 'working' ? '7' : '10',
        periodUnit,
        objectionContact: '灵溪镇民政办，电话 0743-5230501（工作日）',
      });
      await publishNotice(trx, ctx, (await findNoticeById(trx, id))!);
    });
  // A year whose holiday arrangement is not imported yet cannot count working days.
  await dibao('working').catch((err: unknown) => {
    if (!(err instanceof ValidationError)) throw err;
    return dibao('calendar');
  });
}
