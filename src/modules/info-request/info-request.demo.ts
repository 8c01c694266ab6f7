// Demo applications for 2025 in 灵溪镇 and the county government, in various states, created
// through the same services as real ones (so their clocks, letters, timelines and audit events
// are genuine). All names and numbers are fictional.
import type { Db } from '../../platform/transaction.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { makeCreditCode } from '../../platform/validation/credit-code.ts';
import type { AuditContext } from '../../platform/audit.ts';
import {
  addCalendarDays,
  isWorkingDay,
  loadWorkCalendar,
  provisionalCalendar,
  type WorkCalendar,
} from '../calendar/index.ts';
import { addAppeal, archiveInfoRequest, recordDelivery, replyToInfoRequest } from './decision.service.ts';
import {
  confirmReceipt,
  readInfoRequestForm,
  registerIntake,
  submitOnline,
  type InfoRequestFormValues,
} from './intake.service.ts';
import { listLetters } from './info-request.repository.ts';
import { loadCase } from './info-request.service.ts';
import {
  closeMissingCorrection,
  extendDeadline,
  receiveCorrection,
  recordPayment,
  requestCorrection,
  sendFeeNotice,
} from './process.service.ts';
import { recordConsultation, startConsultation } from './consultation.service.ts';
import { listConsultations } from './info-request.repository.ts';
import { residentIdCheckChar } from './rules/index.ts';

const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: 'demo',
  ip: '127.0.0.1',
  at: `${date}T02:00:00.000Z`,
});
const idCard = (first17: string) => first17 + residentIdCheckChar(first17);

function person(name: string, first17: string, extra: Partial<InfoRequestFormValues>): InfoRequestFormValues {
  return {
    ...readInfoRequestForm({}),
    applicantKind: 'naturalPerson',
    name,
    idDocumentType: 'residentIdCard',
    idDocumentNumber: idCard(first17),
    requestedForm: 'electronic',
    deliveryWay: 'collect',
    ...extra,
  };
}

/** Seeds the demo applications once; returns how many were created. */
export async function seedDemoInfoRequests(
  db: Db,
  agencyIds: Readonly<Record<string, number>>,
  dataDir: string,
  /** The day the demo is created: when it is past application 4's due date, that one was answered on time. */
  today?: string,
): Promise<number> {
  const existing = await db.selectFrom('infoRequests').select('id').limit(1).executeTakeFirst();
  const lingxiId = agencyIds.lingxi;
  const countyId = agencyIds.yongshun;
  if (existing || !lingxiId || !countyId) return 0;
  const cal = await loadWorkCalendar(db);
  const lingxi = { id: lingxiId, slug: 'lingxi' };
  const county = { id: countyId, slug: 'yongshun' };
  const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);

  // 1. Online, confirmed the same day, disclosed, delivered and archived.
  const a = await tx((t) =>
    submitOnline(
      t,
      at('2025-03-03'),
      lingxi,
      person('向明远', '43312719800312001', {
        email: 'xmy@example.cn',
        informationName: '灵溪镇2024年农村危房改造补助资金发放情况',
      }),
      [],
    ),
  );
  await tx(async (t) => confirmReceipt(t, at('2025-03-03'), cal, await loadCase(t, a.id), '2025-03-03'));
  await tx(async (t) =>
    replyToInfoRequest(t, at('2025-03-20'), cal, dataDir, await loadCase(t, a.id), {
      outcomeKey: 'disclosed',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
      repliedOn: '2025-03-20',
      files: [],
      text: '您申请的灵溪镇2024年农村危房改造补助资金发放情况已整理，随本告知书以电子邮件方式提供。',
    }),
  );
  const aLetters = await listLetters(db, a.id);
  const aReply = aLetters.find((l) => l.kind === 'reply');
  if (aReply)
    await tx(async (t) =>
      recordDelivery(t, at('2025-03-21'), await loadCase(t, a.id), aReply.id, {
        deliveredOn: '2025-03-21',
        method: 'email',
      }),
    );
  await tx(async (t) =>
    archiveInfoRequest(t, at('2025-04-01'), await loadCase(t, a.id), {
      archivedOn: '2025-04-01',
      reference: '灵依申请〔2025〕1号',
    }),
  );

  // 2. In person, 补正, corrected, partly disclosed.
  const b = await tx((t) =>
    registerIntake(
      t,
      at('2025-05-12'),
      cal,
      lingxi,
      person('彭桂兰', '43312719751020002', {
        phone: '13907431234',
        postalAddress: '永顺县灵溪镇溪州社区8组',
        requestedForm: 'paper',
        deliveryWay: 'collect',
        featureDescription: '我家房屋征收的相关文件',
      }),
      'inPerson',
      { handedInOn: '2025-05-12' },
      '申请人口头说明为老城区改造项目。',
    ),
  );
  await tx(async (t) =>
    requestCorrection(t, at('2025-05-14'), cal, await loadCase(t, b.id), {
      noticeSentOn: '2025-05-14',
      correctionDueOn: '2025-05-26',
      items: '请写明所需文件的名称或者征收项目名称、年份，以便本机关查询。',
    }),
  );
  await tx(async (t) =>
    receiveCorrection(t, at('2025-05-23'), cal, await loadCase(t, b.id), {
      receivedOn: '2025-05-23',
      text: '灵溪镇老城区棚户区改造项目（2024年）房屋征收补偿方案及评估报告',
    }),
  );
  await tx(async (t) =>
    replyToInfoRequest(t, at('2025-06-10'), cal, dataDir, await loadCase(t, b.id), {
      outcomeKey: 'partlyDisclosed',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十七条',
      repliedOn: '2025-06-10',
      files: [],
      text: '征收补偿方案予以公开；评估报告中涉及其他被征收人个人信息的部分已作区分处理，不予公开。',
    }),
  );

  // 3. Signed-for post, third-party consultation spanning the National Day holiday, withheld, reconsideration pending.
  const c = await tx((t) =>
    registerIntake(
      t,
      at('2025-09-22'),
      cal,
      lingxi,
      {
        ...readInfoRequestForm({}),
        applicantKind: 'commercialEnterprise',
        name: '湘西溪州建设工程有限公司',
        idDocumentType: 'unifiedSocialCreditCode',
        idDocumentNumber: makeCreditCode('91433127MA4L00012'),
        phone: '0743-5239876',
        requestedForm: 'electronic',
        deliveryWay: 'email',
        email: 'office@xzjs.example.cn',
        informationName: '灵溪镇2025年村道硬化工程中标单位的投标文件',
      },
      'signedPost',
      { signedForOn: '2025-09-22' },
      '',
    ),
  );
  await tx(async (t) =>
    startConsultation(t, at('2025-09-25'), cal, await loadCase(t, c.id), {
      party: 'thirdParty',
      partyName: '永顺县通达路桥有限公司',
      letterSentOn: '2025-09-25',
    }),
  );
  const cons = (await listConsultations(db, c.id))[0];
  if (cons)
    await tx(async (t) =>
      recordConsultation(t, at('2025-10-15'), cal, await loadCase(t, c.id), cons.id, {
        letterReceivedOn: '2025-09-26',
        repliedOn: '2025-10-15',
        reply: 'objection',
      }),
    );
  await tx(async (t) =>
    replyToInfoRequest(t, at('2025-10-28'), cal, dataDir, await loadCase(t, c.id), {
      outcomeKey: 'withheld.thirdPartyRights',
      legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条',
      repliedOn: '2025-10-28',
      files: [],
      text: '投标文件含有投标人的商业秘密，经书面征求第三方意见，第三方不同意公开且理由合理，决定不予公开。',
    }),
  );
  await tx(async (t) =>
    addAppeal(t, at('2025-11-10'), await loadCase(t, c.id), {
      kind: 'reconsideration',
      afterReconsideration: false,
      filedOn: '2025-11-10',
      result: 'pending',
      concludedOn: null,
      note: '',
    }),
  );

  // 4. Online at year end: carried into 2026 (结转下年度).
  const d = await tx((t) =>
    submitOnline(
      t,
      at('2025-12-22'),
      lingxi,
      person('田秀英', '43312719900105003', {
        email: 'tianxy@example.cn',
        informationName: '灵溪镇2025年城乡居民最低生活保障资金使用情况',
      }),
      [],
    ),
  );
  await tx(async (t) => confirmReceipt(t, at('2025-12-23'), cal, await loadCase(t, d.id), '2025-12-23'));
  const dDue = (await loadCase(db, d.id)).dueOn;
  if (today && dDue && today > dDue)
    await tx(async (t) =>
      replyToInfoRequest(t, at(dDue), cal, dataDir, await loadCase(t, d.id), {
        outcomeKey: 'disclosed',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
        repliedOn: dDue,
        files: [],
        text: '您申请的灵溪镇2025年城乡居民最低生活保障资金使用情况已整理，随本告知书以电子邮件方式提供。',
      }),
    );

  // 5. County, ordinary letter, extended, information not held.
  const e = await tx((t) =>
    registerIntake(
      t,
      at('2025-04-07'),
      cal,
      county,
      {
        ...readInfoRequestForm({}),
        applicantKind: 'legalServiceProvider',
        name: '湖南溪州律师事务所',
        idDocumentType: 'unifiedSocialCreditCode',
        idDocumentNumber: makeCreditCode('31430000MD0100023'),
        postalAddress: '吉首市人民路99号',
        postcode: '416000',
        requestedForm: 'paper',
        deliveryWay: 'post',
        informationName: '永顺县2019年土地征收成片开发方案批复文件',
        documentNumber: '永政函〔2019〕88号',
      },
      'ordinaryPost',
      { arrivedOn: '2025-04-07', confirmedOn: '2025-04-07' },
      '',
    ),
  );
  await tx(async (t) =>
    extendDeadline(t, at('2025-04-30'), cal, await loadCase(t, e.id), {
      workingDays: 20,
      approvedBy: '县政府办公室主任 符国强',
      approvedOn: '2025-04-30',
      applicantNotifiedOn: '2025-04-30',
      reason: '需要调取档案馆馆藏档案',
    }),
  );
  await tx(async (t) =>
    replyToInfoRequest(t, at('2025-05-28'), cal, dataDir, await loadCase(t, e.id), {
      outcomeKey: 'unavailable.notHeld',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项',
      repliedOn: '2025-05-28',
      files: [],
      text: '经检索本机关及县档案馆馆藏档案，未找到您所描述的文件，该政府信息不存在。',
    }),
  );

  // 6. County, in person, no correction → closed as （六）1.
  const f = await tx((t) =>
    registerIntake(
      t,
      at('2025-07-01'),
      cal,
      county,
      person('张德胜', '43312719680808004', { phone: '0743-5225566', featureDescription: '关于那块地的事情' }),
      'inPerson',
      { handedInOn: '2025-07-01' },
      '',
    ),
  );
  await tx(async (t) =>
    requestCorrection(t, at('2025-07-03'), cal, await loadCase(t, f.id), {
      noticeSentOn: '2025-07-03',
      correctionDueOn: '2025-07-15',
      items: '请写明所需信息的名称、文号或者所涉地块的位置、年份等特征。',
    }),
  );
  await tx(async (t) => closeMissingCorrection(t, at('2025-07-17'), cal, await loadCase(t, f.id), false));

  // 7. County, fax, fee notice (按量 250 pages), paid, disclosed; direct lawsuit upheld.
  const g = await tx((t) =>
    registerIntake(
      t,
      at('2025-08-04'),
      cal,
      county,
      person('李海波', '43312719850615005', {
        fax: '0743-5221188',
        phone: '13874300001',
        requestedForm: 'paper',
        deliveryWay: 'post',
        postalAddress: '永顺县首车镇首车村3组',
        informationName: '永顺县2020年至2024年全部政府常务会议纪要',
      }),
      'fax',
      { confirmedOn: '2025-08-04' },
      '',
    ),
  );
  await tx(async (t) =>
    sendFeeNotice(t, at('2025-08-11'), cal, await loadCase(t, g.id), {
      method: 'perPage',
      quantity: 250,
      noticeReceivedOn: '2025-08-11',
    }),
  );
  await tx(async (t) =>
    recordPayment(t, at('2025-08-20'), cal, await loadCase(t, g.id), { paidOn: '2025-08-20', amount: 4700 }),
  );
  await tx(async (t) =>
    replyToInfoRequest(t, at('2025-09-01'), cal, dataDir, await loadCase(t, g.id), {
      outcomeKey: 'disclosed',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
      repliedOn: '2025-09-01',
      files: [],
      text: '您申请的会议纪要共250页，已复印并以挂号信寄送。',
    }),
  );
  await tx(async (t) =>
    addAppeal(t, at('2025-09-20'), await loadCase(t, g.id), {
      kind: 'lawsuit',
      afterReconsideration: false,
      filedOn: '2025-09-20',
      result: 'upheld',
      concludedOn: '2025-12-01',
      note: '',
    }),
  );
  return 7;
}

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
 * The applications in progress on the day the demo is created (issue #11 point 5): one online
 * application to confirm, three due within 5 working days, one overdue, one waiting for the
 * applicant's 补正 and one extended whose due date reaches into a year whose holidays are not
 * published yet when the demo is created late in the year (then stored and shown as 「暂定」).
 * Returns how many were created.
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
  const lingxi = { id: lingxiId, slug: 'lingxi' };
  const county = { id: countyId, slug: 'yongshun' };
  const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
  const back = (n: number) => workingDaysBefore(cal, today, n);
  const y = (date: string) => date.slice(0, 4);
  let n = 0;

  // To confirm: submitted online this morning.
  await tx((t) =>
    submitOnline(
      t,
      { ...at(today), at: `${today}T00:40:00.000Z` },
      lingxi,
      person('覃海燕', '43312719920316007', {
        email: 'qinhy@example.cn',
        informationName: `灵溪镇${y(today)}年农村公路养护资金使用情况`,
      }),
      [],
    ),
  );
  n++;

  // Due soon: received 19, 17 and 16 working days ago (due in about 1, 3 and 4 working days).
  const online = back(19);
  const s1 = await tx((t) =>
    submitOnline(
      t,
      at(online),
      lingxi,
      person('向春生', '43312719780521008', {
        email: 'xiangcs@example.cn',
        informationName: '司城村集体经济组织土地流转收益分配方案',
      }),
      [],
    ),
  );
  await tx(async (t) => confirmReceipt(t, at(online), cal, await loadCase(t, s1.id), online));
  const handed = back(17);
  await tx((t) =>
    registerIntake(
      t,
      at(handed),
      cal,
      lingxi,
      person('彭玉凤', '43312719660904009', {
        phone: '13907435566',
        informationName: '那必村安置小区建设项目的用地审批文件',
        requestedForm: 'paper',
      }),
      'inPerson',
      { handedInOn: handed },
      '',
    ),
  );
  const arrived = back(16);
  await tx((t) =>
    registerIntake(
      t,
      at(arrived),
      cal,
      county,
      person('田家宝', '43312719820213010', {
        postalAddress: '永顺县芙蓉镇河街12号',
        postcode: '416700',
        requestedForm: 'paper',
        deliveryWay: 'post',
        informationName: '永顺县城区停车收费标准的制定依据和听证会记录',
      }),
      'ordinaryPost',
      { arrivedOn: arrived, confirmedOn: arrived },
      '',
    ),
  );
  n += 3;

  // Overdue: signed for 23 working days ago, no reply yet.
  const signed = back(23);
  await tx((t) =>
    registerIntake(
      t,
      at(signed),
      cal,
      lingxi,
      person('张桂香', '43312719710730011', {
        phone: '13907437788',
        postalAddress: '永顺县灵溪镇洞坎村2组',
        requestedForm: 'paper',
        deliveryWay: 'post',
        informationName: '洞坎村危房改造对象评议结果及补助发放名单',
      }),
      'signedPost',
      { signedForOn: signed },
      '',
    ),
  );
  n++;

  // Waiting for the applicant: 补正 asked for 3 working days ago.
  const vague = back(4);
  const c = await tx((t) =>
    registerIntake(
      t,
      at(vague),
      cal,
      lingxi,
      person('瞿德明', '43312719590102012', { phone: '0743-5226677', featureDescription: '镇里今年修路花了多少钱' }),
      'inPerson',
      { handedInOn: vague },
      '',
    ),
  );
  const asked = back(3);
  await tx(async (t) =>
    requestCorrection(t, at(asked), cal, await loadCase(t, c.id), {
      noticeSentOn: asked,
      correctionDueOn: addCalendarDays(asked, 15),
      items: '请写明所需信息的名称，或者道路的名称、所在村组和年份，以便本机关查找。',
    }),
  );
  n++;

  // Extended today by 20 working days: due about 32 working days from now.
  const long = back(8);
  const e = await tx((t) =>
    registerIntake(
      t,
      at(long),
      cal,
      lingxi,
      {
        ...readInfoRequestForm({}),
        applicantKind: 'commercialEnterprise',
        name: '永顺县猛洞河旅游开发有限公司',
        idDocumentType: 'unifiedSocialCreditCode',
        idDocumentNumber: makeCreditCode('91433127MA4L00034'),
        phone: '0743-5238899',
        requestedForm: 'electronic',
        deliveryWay: 'email',
        email: 'office@mdh.example.cn',
        informationName: '灵溪镇老司城片区旅游基础设施建设项目全部合同及验收资料',
      },
      'inPerson',
      { handedInOn: long },
      '',
    ),
  );
  await tx(async (t) =>
    extendDeadline(t, at(today), cal, await loadCase(t, e.id), {
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
