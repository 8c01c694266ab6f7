// Demo applications for 2025 in 灵溪镇 and the county government, in various states, created
// through the same services as real ones (so their clocks, letters, timelines and audit events
// are genuine; the builder is info-request.demo-kit.ts). All names and numbers are fictional.
// The applications still in progress on the day the demo is made: info-request.demo-in-progress.ts.
import type { Db } from '../../platform/transaction.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { recordConsultation, startConsultation } from './consultation.service.ts';
import { addAppeal, archiveInfoRequest, recordDelivery } from './decision.service.ts';
import { confirmReceipt } from './intake.service.ts';
import { demoDesk, organisation, person } from './info-request.demo-kit.ts';
import { listConsultations, listLetters } from './info-request.repository.ts';
import { loadCase } from './info-request.service.ts';
import {
  closeMissingCorrection,
  extendDeadline,
  receiveCorrection,
  recordPayment,
  requestCorrection,
  sendFeeNotice,
} from './process.service.ts';

const ART36_2 = '《中华人民共和国政府信息公开条例》第三十六条第（二）项';

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
  const desk = demoDesk(db, cal, dataDir);
  const lingxi = { id: lingxiId, slug: 'lingxi' };
  const county = { id: countyId, slug: 'yongshun' };

  // 1. Online, confirmed the same day, disclosed, delivered and archived.
  const a = await desk.online(
    lingxi,
    '2025-03-03',
    person('向明远', '43312719800312001', {
      email: 'xmy@example.cn',
      informationName: '灵溪镇2024年农村危房改造补助资金发放情况',
    }),
  );
  await a.step('2025-03-03', (t, ctx, r) => confirmReceipt(t, ctx, cal, r, '2025-03-03'));
  await a.reply(
    '2025-03-20',
    'disclosed',
    ART36_2,
    '您申请的灵溪镇2024年农村危房改造补助资金发放情况已整理，随本告知书以电子邮件方式提供。',
  );
  const aReply = (await listLetters(db, a.id)).find((l) => l.kind === 'reply');
  if (aReply)
    await a.step('2025-03-21', (t, ctx, r) =>
      recordDelivery(t, ctx, r, aReply.id, { deliveredOn: '2025-03-21', method: 'email' }),
    );
  await a.step('2025-04-01', (t, ctx, r) =>
    archiveInfoRequest(t, ctx, r, { archivedOn: '2025-04-01', reference: '灵依申请〔2025〕1号' }),
  );

  // 2. In person, 补正, corrected, partly disclosed.
  const b = await desk.registered(
    lingxi,
    '2025-05-12',
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
  );
  await b.step('2025-05-14', (t, ctx, r) =>
    requestCorrection(t, ctx, cal, r, {
      noticeSentOn: '2025-05-14',
      correctionDueOn: '2025-05-26',
      items: '请写明所需文件的名称或者征收项目名称、年份，以便本机关查询。',
    }),
  );
  await b.step('2025-05-23', (t, ctx, r) =>
    receiveCorrection(t, ctx, cal, r, {
      receivedOn: '2025-05-23',
      text: '灵溪镇老城区棚户区改造项目（2024年）房屋征收补偿方案及评估报告',
    }),
  );
  await b.reply(
    '2025-06-10',
    'partlyDisclosed',
    '《中华人民共和国政府信息公开条例》第三十七条',
    '征收补偿方案予以公开；评估报告中涉及其他被征收人个人信息的部分已作区分处理，不予公开。',
  );

  // 3. Signed-for post, third-party consultation spanning the National Day holiday, withheld, reconsideration pending.
  const c = await desk.registered(
    lingxi,
    '2025-09-22',
    organisation('commercialEnterprise', '湘西溪州建设工程有限公司', '91433127MA4L00012', {
      phone: '0743-5239876',
      requestedForm: 'electronic',
      deliveryWay: 'email',
      email: 'office@xzjs.example.cn',
      informationName: '灵溪镇2025年村道硬化工程中标单位的投标文件',
    }),
    'signedPost',
    { signedForOn: '2025-09-22' },
  );
  await c.step('2025-09-25', (t, ctx, r) =>
    startConsultation(t, ctx, cal, r, {
      party: 'thirdParty',
      partyName: '永顺县通达路桥有限公司',
      letterSentOn: '2025-09-25',
    }),
  );
  const cons = (await listConsultations(db, c.id))[0];
  if (cons)
    await c.step('2025-10-15', (t, ctx, r) =>
      recordConsultation(t, ctx, cal, r, cons.id, {
        letterReceivedOn: '2025-09-26',
        repliedOn: '2025-10-15',
        reply: 'objection',
      }),
    );
  await c.reply(
    '2025-10-28',
    'withheld.thirdPartyRights',
    '《中华人民共和国政府信息公开条例》第十五条、第三十二条',
    '投标文件含有投标人的商业秘密，经书面征求第三方意见，第三方不同意公开且理由合理，决定不予公开。',
  );
  await c.step('2025-11-10', (t, ctx, r) =>
    addAppeal(t, ctx, r, {
      kind: 'reconsideration',
      afterReconsideration: false,
      filedOn: '2025-11-10',
      result: 'pending',
      concludedOn: null,
      note: '',
    }),
  );

  // 4. Online at year end: carried into 2026 (结转下年度).
  const d = await desk.online(
    lingxi,
    '2025-12-22',
    person('田秀英', '43312719900105003', {
      email: 'tianxy@example.cn',
      informationName: '灵溪镇2025年城乡居民最低生活保障资金使用情况',
    }),
  );
  await d.step('2025-12-23', (t, ctx, r) => confirmReceipt(t, ctx, cal, r, '2025-12-23'));
  const dDue = (await loadCase(db, d.id)).dueOn;
  if (today && dDue && today > dDue)
    await d.reply(
      dDue,
      'disclosed',
      ART36_2,
      '您申请的灵溪镇2025年城乡居民最低生活保障资金使用情况已整理，随本告知书以电子邮件方式提供。',
    );

  // 5. County, ordinary letter, extended, information not held.
  const e = await desk.registered(
    county,
    '2025-04-07',
    organisation('legalServiceProvider', '湖南溪州律师事务所', '31430000MD0100023', {
      postalAddress: '吉首市人民路99号',
      postcode: '416000',
      requestedForm: 'paper',
      deliveryWay: 'post',
      informationName: '永顺县2019年土地征收成片开发方案批复文件',
      documentNumber: '永政函〔2019〕88号',
    }),
    'ordinaryPost',
    { arrivedOn: '2025-04-07', confirmedOn: '2025-04-07' },
  );
  await e.step('2025-04-30', (t, ctx, r) =>
    extendDeadline(t, ctx, cal, r, {
      workingDays: 20,
      approvedBy: '县政府办公室主任 符国强',
      approvedOn: '2025-04-30',
      applicantNotifiedOn: '2025-04-30',
      reason: '需要调取档案馆馆藏档案',
    }),
  );
  await e.reply(
    '2025-05-28',
    'unavailable.notHeld',
    '《中华人民共和国政府信息公开条例》第三十六条第（四）项',
    '经检索本机关及县档案馆馆藏档案，未找到您所描述的文件，该政府信息不存在。',
  );

  // 6. County, in person, no correction → closed as （六）1.
  const f = await desk.registered(
    county,
    '2025-07-01',
    person('张德胜', '43312719680808004', { phone: '0743-5225566', featureDescription: '关于那块地的事情' }),
    'inPerson',
    { handedInOn: '2025-07-01' },
  );
  await f.step('2025-07-03', (t, ctx, r) =>
    requestCorrection(t, ctx, cal, r, {
      noticeSentOn: '2025-07-03',
      correctionDueOn: '2025-07-15',
      items: '请写明所需信息的名称、文号或者所涉地块的位置、年份等特征。',
    }),
  );
  await f.step('2025-07-17', (t, ctx, r) => closeMissingCorrection(t, ctx, cal, r, false));

  // 7. County, fax, fee notice (按量 250 pages), paid, disclosed; direct lawsuit upheld.
  const g = await desk.registered(
    county,
    '2025-08-04',
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
  );
  await g.step('2025-08-11', (t, ctx, r) =>
    sendFeeNotice(t, ctx, cal, r, { method: 'perPage', quantity: 250, noticeReceivedOn: '2025-08-11' }),
  );
  await g.step('2025-08-20', (t, ctx, r) => recordPayment(t, ctx, cal, r, { paidOn: '2025-08-20', amount: 4700 }));
  await g.reply('2025-09-01', 'disclosed', ART36_2, '您申请的会议纪要共250页，已复印并以挂号信寄送。');
  await g.step('2025-09-20', (t, ctx, r) =>
    addAppeal(t, ctx, r, {
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
