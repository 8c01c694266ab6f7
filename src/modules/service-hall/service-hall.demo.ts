// Demo data for 灵溪镇's service hall: two windows, four items (one with 超时默许) and a few
// cases in 2025 that walk every path once — in time, 补齐补正, not accepted, suspended and late,
// deemed approval — so that the guide, the 办件公开 page and the dashboard have something to show.
import { ManualClock } from '../../platform/clock.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { runDeemedApprovals } from './deemed-approval.ts';
import {
  acceptCase,
  decideCase,
  deliverCase,
  materialsArrived,
  notAcceptCase,
  rateCase,
  requestMaterials,
  resumeCase,
  startProcessing,
  suspendCase,
} from './service-case.service.ts';
import { registerCase } from './service-case.register.ts';
import { createWindow, EMPTY_ITEM, saveItem, type ItemInput } from './service-item.service.ts';

const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: '演示数据',
  ip: '127.0.0.1',
  at: `${date}T02:00:00.000Z`,
});

export const DEMO_DEEMED_BASIS = '《灵溪镇人民政府关于实行政务服务超时默许制度的通知》（灵政发〔2025〕3号）第三条';

export async function seedServiceHallDemo(db: Db, lingxiId: number): Promise<void> {
  const cal = await loadWorkCalendar(db);
  const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
  const setup = at('2025-01-02');
  const [general, social] = await tx(async (trx) => [
    await createWindow(trx, setup, lingxiId, '综合受理窗口', '灵溪镇便民服务中心一楼 1 号窗口'),
    await createWindow(trx, setup, lingxiId, '社会事务窗口', '灵溪镇便民服务中心一楼 2 号窗口'),
  ]);
  const item = (over: Partial<ItemInput> & Pick<ItemInput, 'name'>): ItemInput => ({
    ...EMPTY_ITEM,
    windowId: String(general),
    ...over,
  });
  const [planning, homestead, relief, elderly] = await tx(async (trx) => [
    await saveItem(
      trx,
      setup,
      lingxiId,
      item({
        name: '乡村建设规划许可证核发',
        legalBasis: '《中华人民共和国城乡规划法》第四十一条',
        promisedDays: '10',
        deemedApproval: '1',
        deemedApprovalBasis: DEMO_DEEMED_BASIS,
        conditions: '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设，且符合乡、村庄规划。',
        materials: '乡村建设规划许可申请表\n申请人身份证明或营业执照\n建设项目用地位置图及总平面图\n村民委员会意见',
      }),
    ),
    await saveItem(
      trx,
      setup,
      lingxiId,
      item({
        name: '农村村民宅基地审批',
        legalBasis: '《中华人民共和国土地管理法》第六十二条',
        promisedDays: '15',
        conditions: '本村集体经济组织成员，一户一宅，符合国土空间规划和村庄规划。',
        materials: '农村宅基地和建房（规划许可）申请表\n户口簿及家庭成员身份证\n村民小组会议记录\n宅基地坐落平面位置图',
      }),
    ),
    await saveItem(
      trx,
      setup,
      lingxiId,
      item({
        name: '临时救助申请',
        kind: 'publicService',
        windowId: String(social),
        legalBasis: '《社会救助暂行办法》第四十七条至第五十条',
        statutoryDays: '10',
        promisedDays: '5',
        conditions: '因火灾、交通事故等意外事件或者家庭成员突发重大疾病，导致基本生活暂时出现严重困难的家庭或者个人。',
        materials: '临时救助申请书\n申请人身份证\n困难情况证明材料（医疗费用票据、事故证明等）',
      }),
    ),
    await saveItem(
      trx,
      setup,
      lingxiId,
      item({
        name: '老年人优待证办理',
        kind: 'publicService',
        windowId: String(social),
        legalBasis: '《湖南省实施〈中华人民共和国老年人权益保障法〉办法》',
        statutoryDays: '5',
        promisedDays: '1',
        conditions: '具有本镇户籍、年满六十周岁的老年人。',
        materials: '身份证\n户口簿\n近期一寸免冠照片一张',
      }),
    ),
  ]);
  const applicant = (name: string, n: number) => ({
    channel: 'window' as const,
    applicantName: name,
    applicantPhone: `1397430${String(1000 + n)}`,
    applicantEmail: '',
    summary: '',
  });

  // 1. In time, delivered, rated.
  const c1 = await tx((trx) =>
    registerCase(trx, at('2025-01-06'), { itemId: planning, ...applicant('灵溪镇司城村村民委员会', 1) }),
  );
  await tx((trx) => acceptCase(trx, at('2025-01-06'), cal, c1.id));
  await tx((trx) => decideCase(trx, at('2025-01-13'), c1.id, 'approved', ''));
  await tx((trx) => deliverCase(trx, at('2025-01-14'), c1.id));
  await tx((trx) =>
    rateCase(trx, at('2025-01-14'), c1.caseNumber, c1.queryCode, 'verySatisfied', '窗口一次告知，办理很快。'),
  );
  // 2. 补齐补正 before acceptance, then refused with a reason, in time.
  const c2 = await tx((trx) => registerCase(trx, at('2025-01-08'), { itemId: homestead, ...applicant('彭某某', 2) }));
  await tx((trx) => requestMaterials(trx, at('2025-01-08'), c2.id, '村民小组会议记录\n宅基地坐落平面位置图'));
  await tx((trx) => materialsArrived(trx, at('2025-01-10'), cal, c2.id));
  await tx((trx) => acceptCase(trx, at('2025-01-10'), cal, c2.id));
  await tx((trx) => startProcessing(trx, at('2025-01-13'), c2.id));
  await tx((trx) => decideCase(trx, at('2025-01-24'), c2.id, 'refused', '申请户已有宅基地，不符合一户一宅的规定。'));
  await tx((trx) => deliverCase(trx, at('2025-01-24'), c2.id));
  // 3. A public service, in time, rated.
  const c3 = await tx((trx) => registerCase(trx, at('2025-02-10'), { itemId: relief, ...applicant('向某某', 3) }));
  await tx((trx) => acceptCase(trx, at('2025-02-10'), cal, c3.id));
  await tx((trx) => decideCase(trx, at('2025-02-12'), c3.id, 'approved', ''));
  await tx((trx) => deliverCase(trx, at('2025-02-13'), c3.id));
  await tx((trx) => rateCase(trx, at('2025-02-13'), c3.caseNumber, c3.queryCode, 'satisfied', ''));
  // 4. Deemed approval: accepted 3 March (10 working days → 17 March), no decision.
  const c4 = await tx((trx) =>
    registerCase(trx, at('2025-03-03'), { itemId: planning, ...applicant('永顺县灵溪镇某农民专业合作社', 4) }),
  );
  await tx((trx) => acceptCase(trx, at('2025-03-03'), cal, c4.id));
  await runDeemedApprovals(db, new ManualClock('2025-03-18T01:00:00Z'));
  await tx((trx) => deliverCase(trx, at('2025-03-19'), c4.id));
  // 5. Not accepted.
  const c5 = await tx((trx) => registerCase(trx, at('2025-03-05'), { itemId: elderly, ...applicant('田某某', 5) }));
  await tx((trx) => notAcceptCase(trx, at('2025-03-05'), c5.id, '申请人未满六十周岁，不属于本事项的办理对象。'));
  // 6. Suspended for expert review, decided late.
  const c6 = await tx((trx) => registerCase(trx, at('2025-03-10'), { itemId: homestead, ...applicant('张某某', 6) }));
  await tx((trx) => acceptCase(trx, at('2025-03-10'), cal, c6.id));
  await tx((trx) =>
    suspendCase(trx, at('2025-03-12'), c6.id, 'expertReview', '宅基地选址涉及地质灾害隐患点，需组织专家评审。'),
  );
  await tx((trx) => resumeCase(trx, at('2025-03-20'), cal, c6.id));
  await tx((trx) => decideCase(trx, at('2025-04-15'), c6.id, 'approved', ''));
  await tx((trx) => deliverCase(trx, at('2025-04-16'), c6.id));
}
