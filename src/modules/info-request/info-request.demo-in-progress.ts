// The demo applications still in progress on the day the demo is created (issue #11 point 5),
// dated back from that day so the 工作台's queues always have work in them. Built like the closed
// ones (info-request.demo-kit.ts); all names and numbers are fictional.
import type { Db } from '../../platform/transaction.ts';
import {
  addCalendarDays,
  isWorkingDay,
  loadWorkCalendar,
  provisionalCalendar,
  type WorkCalendar,
} from '../calendar/index.ts';
import { confirmReceipt } from './intake.service.ts';
import { demoDesk, organisation, person } from './info-request.demo-kit.ts';
import { extendDeadline, requestCorrection } from './process.service.ts';

/** `n` working days before `date` (provisionally counted when the year is not confirmed yet). */
function workingDaysBefore(cal: WorkCalendar, date: string, n: number): string {
  const c = provisionalCalendar(cal, Number(date.slice(0, 4)) + 1);
  let d = date;
  for (let left = n; left > 0;) {
    d = addCalendarDays(d, -1);
    if (isWorkingDay(c, d)) left--;
  }
  return d;
}

/**
 * The applications in progress on the day the demo is created: one online application to
 * confirm, three due within 5 working days, one overdue, one waiting for the applicant's 补正 and
 * one extended whose due date reaches into a year whose holidays are not published yet when the
 * demo is created late in the year (then stored and shown as 「暂定」), and two answered ones whose
 * information two applicants asked for (a 转主动公开 suggestion). Returns how many were created.
 */
export async function seedDemoInfoRequestsInProgress(
  db: Db,
  agencyIds: Readonly<Record<string, number>>,
  today: string,
): Promise<number> {
  const lingxiId = agencyIds.lingxi;
  const countyId = agencyIds.yongshun;
  if (!lingxiId || !countyId) return 0;
  const cal = await loadWorkCalendar(db);
  const desk = demoDesk(db, cal);
  const lingxi = { id: lingxiId, slug: 'lingxi' };
  const county = { id: countyId, slug: 'yongshun' };
  const back = (n: number) => workingDaysBefore(cal, today, n);
  const y = (date: string) => date.slice(0, 4);
  let n = 0;

  // To confirm: submitted online this morning.
  await desk.online(
    lingxi,
    today,
    person('覃海燕', '43312719920316007', {
      email: 'qinhy@example.cn',
      informationName: `灵溪镇${y(today)}年农村公路养护资金使用情况`,
    }),
    `${today}T00:40:00.000Z`,
  );
  n++;

  // Due soon: received 19, 17 and 16 working days ago (due in about 1, 3 and 4 working days).
  const online = back(19);
  const s1 = await desk.online(
    lingxi,
    online,
    person('向春生', '43312719780521008', {
      email: 'xiangcs@example.cn',
      informationName: '司城村集体经济组织土地流转收益分配方案',
    }),
  );
  await s1.step(online, (t, ctx, r) => confirmReceipt(t, ctx, cal, r, online));
  const handed = back(17);
  await desk.registered(
    lingxi,
    handed,
    person('彭玉凤', '43312719660904009', {
      phone: '13907435566',
      informationName: '那必村安置小区建设项目的用地审批文件',
      requestedForm: 'paper',
    }),
    'inPerson',
    { handedInOn: handed },
  );
  const arrived = back(16);
  await desk.registered(
    county,
    arrived,
    person('田家宝', '43312719820213010', {
      postalAddress: '永顺县芙蓉镇河街12号',
      postcode: '416700',
      requestedForm: 'paper',
      deliveryWay: 'post',
      informationName: '永顺县城区停车收费标准的制定依据和听证会记录',
    }),
    'ordinaryPost',
    { arrivedOn: arrived, confirmedOn: arrived },
  );
  n += 3;

  // Overdue: signed for 23 working days ago, no reply yet.
  const signed = back(23);
  await desk.registered(
    lingxi,
    signed,
    person('张桂香', '43312719710730011', {
      phone: '13907437788',
      postalAddress: '永顺县灵溪镇洞坎村2组',
      requestedForm: 'paper',
      deliveryWay: 'post',
      informationName: '洞坎村危房改造对象评议结果及补助发放名单',
    }),
    'signedPost',
    { signedForOn: signed },
  );
  n++;

  // Waiting for the applicant: 补正 asked for 3 working days ago.
  const vague = back(4);
  const c = await desk.registered(
    lingxi,
    vague,
    person('瞿德明', '43312719590102012', { phone: '0743-5226677', featureDescription: '镇里今年修路花了多少钱' }),
    'inPerson',
    { handedInOn: vague },
  );
  const asked = back(3);
  await c.step(asked, (t, ctx, r) =>
    requestCorrection(t, ctx, cal, r, {
      noticeSentOn: asked,
      correctionDueOn: addCalendarDays(asked, 15),
      items: '请写明所需信息的名称，或者道路的名称、所在村组和年份，以便本机关查找。',
    }),
  );
  n++;

  // One information asked for by two applicants, each answered 予以公开 (received 12 and 10
  // working days ago, answered 6 and 2): the second reply opens an 依申请公开转主动公开
  // suggestion in the 工作台 (条例 第四十四条, proactive.service.ts).
  const insurance = `灵溪镇${y(today)}年城乡居民医疗保险参保缴费财政补助标准和资金发放情况`;
  const askers = [
    ['龙小梅', '43312719880612013', 'longxm@example.cn', 12, 6],
    ['彭志强', '43312719750908014', 'pengzq@example.cn', 10, 2],
  ] as const;
  for (const [name, first17, email, received, answered] of askers) {
    const on = back(received);
    const k = await desk.online(lingxi, on, person(name, first17, { email, informationName: insurance }));
    await k.step(on, (t, ctx, r) => confirmReceipt(t, ctx, cal, r, on));
    await k.reply(
      back(answered),
      'disclosed',
      '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
      `您申请的${insurance}已整理，随本告知书以电子邮件方式提供。`,
    );
    n++;
  }

  // Extended today by 20 working days: due about 32 working days from now.
  const long = back(8);
  const e = await desk.registered(
    lingxi,
    long,
    organisation('commercialEnterprise', '永顺县猛洞河旅游开发有限公司', '91433127MA4L00034', {
      phone: '0743-5238899',
      requestedForm: 'electronic',
      deliveryWay: 'email',
      email: 'office@mdh.example.cn',
      informationName: '灵溪镇老司城片区旅游基础设施建设项目全部合同及验收资料',
    }),
    'inPerson',
    { handedInOn: long },
  );
  await e.step(today, (t, ctx, r) =>
    extendDeadline(t, ctx, cal, r, {
      workingDays: 20,
      approvedBy: '灵溪镇党政综合办公室主任 向国华',
      approvedOn: today,
      applicantNotifiedOn: today,
      reason: '申请的合同和验收资料分散在多个项目档案中，需要逐项检索和区分处理',
    }),
  );
  n++;
  return n;
}
