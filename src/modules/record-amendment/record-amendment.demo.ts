// Demo 更正个人政府信息记录 requests of 灵溪镇 (条例 第四十一条), dated relative to today: one handed
// in at the counter about six weeks ago and decided 予以更正 (the 低保 register's household size),
// and one posted about two weeks ago whose clock is running. Made through the service, as staff would.
import type { AuditContext } from '../../platform/audit.ts';
import { inTransaction, type Db } from '../../platform/transaction.ts';
import { addCalendarDays, describeDay, type WorkCalendar } from '../calendar/index.ts';
import { findAmendment } from './record-amendment.repository.ts';
import { amendmentLetterCase } from './record-amendment.letters.ts';
import { decideAmendment, registerAmendment } from './record-amendment.service.ts';

/** The working day on or before `d`. */
function workingDayOnOrBefore(cal: WorkCalendar, d: string): string {
  let day = d;
  for (let i = 0; i < 15 && !describeDay(cal, day).working; i++) day = addCalendarDays(day, -1);
  return day;
}

export async function seedDemoRecordAmendments(
  db: Db,
  ctx: AuditContext,
  cal: WorkCalendar,
  today: string,
  agencyIds: Record<string, number>,
): Promise<void> {
  const lingxi = agencyIds.lingxi;
  if (!lingxi) return;
  const agency = { id: lingxi, slug: 'lingxi' };
  const at = (day: string, hour: number): AuditContext => ({
    ...ctx,
    actorName: '灵溪镇信息员',
    at: `${day}T0${hour}:00:00.000Z`,
  });
  const decidedReceived = workingDayOnOrBefore(cal, addCalendarDays(today, -45));
  const decidedOn = workingDayOnOrBefore(cal, addCalendarDays(decidedReceived, 14));
  const openReceived = workingDayOnOrBefore(cal, addCalendarDays(today, -14));
  await inTransaction(db, async (trx) => {
    const done = await registerAmendment(
      trx,
      at(decidedReceived, 2),
      cal,
      '',
      agency,
      {
        applicantName: '向明秀',
        idDocumentType: 'residentIdCard',
        idDocumentNumber: '11010519491231002X',
        phone: '13900000001',
        email: '',
        postalAddress: '灵溪镇司城村三组',
        recordConcerned: '灵溪镇2024年度农村最低生活保障对象名册中本人家庭的登记信息',
        whatIsWrong: '家庭人口登记为3人，漏登了2023年出生的孙子。',
        shouldRead: '家庭人口应为4人（含向小宝，2023年3月出生）。',
      },
      'inPerson',
      { handedInOn: decidedReceived },
      '申请人当面递交户口簿复印件、出生医学证明复印件各1份。',
    );
    const row = await findAmendment(trx, done.id);
    if (row)
      await decideAmendment(
        trx,
        at(decidedOn, 3),
        row,
        {
          decision: 'amended',
          amendedRecord: '灵溪镇2024年度农村最低生活保障对象名册（司城村）',
          decisionText: '经核对户籍信息，申请人家庭人口由“3人”更正为“4人”，已在名册和民政信息系统中更正。',
          competentAgency: '',
          refusalGround: '',
        },
        await amendmentLetterCase(trx, row),
        'system',
      );
    await registerAmendment(
      trx,
      at(openReceived, 2),
      cal,
      '',
      agency,
      {
        applicantName: '彭德华',
        idDocumentType: 'residentIdCard',
        idDocumentNumber: '11010519491231002X',
        phone: '',
        email: '',
        postalAddress: '灵溪镇首车村五组',
        recordConcerned: '灵溪镇2025年耕地地力保护补贴发放公示中本人的补贴面积',
        whatIsWrong: '补贴面积公示为1.2亩。',
        shouldRead: '按土地承包经营权证，补贴面积应为2.1亩。',
      },
      'signedPost',
      { signedForOn: openReceived },
      '挂号信，附土地承包经营权证复印件。',
    );
  });
}
