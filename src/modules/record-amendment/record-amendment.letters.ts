// The letters of a record amendment request (条例 第四十一条): the extension notice and the four
// decision letters (更正 / 转送 / 告知 / 不予更正 with the remedy notice), in info-request's letter
// format (LetterData: print view and DOCX, the header from its blankLetter), stored with the request.
import type { AuditContext } from '../../platform/audit.ts';
import { maskPersonalNumbers } from '../../platform/privacy/detectors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { blankLetter, letterSender, remedyNotice, type LetterCase, type LetterData } from '../info-request/index.ts';
import { insertAmendmentLetter, type AmendmentRow } from './record-amendment.repository.ts';
import {
  AMENDMENT_BASIS,
  DECISION_LABELS,
  REFUSAL_GROUNDS,
  type DecisionInput,
  type RefusalGround,
} from './record-amendment.rules.ts';
import type { AmendmentDecision } from './record-amendment.tables.ts';

/** What the request is about, as letters and the applicant's page quote it (personal numbers masked). */
export function recordSummary(r: Pick<AmendmentRow, 'recordConcerned'>): string {
  return maskPersonalNumbers(r.recordConcerned);
}

export const DECISION_LETTER_TITLES: Readonly<Record<AmendmentDecision, string>> = {
  amended: '政府信息更正告知书',
  transferred: '政府信息更正申请转送告知书',
  referred: '政府信息更正申请告知书',
  refused: '不予更正政府信息告知书',
};

export function decisionLetter(
  c: LetterCase,
  r: AmendmentRow,
  x: DecisionInput & { decision: string },
  issuedOn: string,
): LetterData {
  const decision = x.decision as AmendmentDecision;
  const d = blankLetter(c, DECISION_LETTER_TITLES[decision], issuedOn);
  const received = `本机关于${r.receivedOn}收到您要求更正与您自身相关的政府信息记录的申请（${recordSummary(r)}）。`;
  d.fields = [
    ['申请编号', c.number],
    ['收到申请之日', r.receivedOn ?? ''],
    ['处理决定', DECISION_LABELS[decision]],
  ];
  switch (decision) {
    case 'amended':
      d.paragraphs = [
        received,
        `经审核，您提供的证据证明相关记录不准确，属实。根据${AMENDMENT_BASIS}的规定，本机关已予以更正，现告知如下：`,
        `已更正的记录：${x.amendedRecord}`,
        `更正内容：${x.decisionText}`,
      ];
      break;
    case 'transferred':
      d.paragraphs = [
        received,
        `经审核，更正该记录不属于本机关的职能范围。根据${AMENDMENT_BASIS}的规定，本机关已将您的申请转送有权更正的行政机关${x.competentAgency}处理，请您留意该机关的答复。`,
        ...(x.decisionText ? [x.decisionText] : []),
      ];
      d.fields.push(['有权更正的行政机关', x.competentAgency]);
      break;
    case 'referred':
      d.paragraphs = [
        received,
        `经审核，更正该记录不属于本机关的职能范围。根据${AMENDMENT_BASIS}的规定，请您向有权更正的行政机关${x.competentAgency}提出。`,
        ...(x.decisionText ? [x.decisionText] : []),
      ];
      d.fields.push(['有权更正的行政机关', x.competentAgency]);
      break;
    case 'refused': {
      const ground = REFUSAL_GROUNDS[x.refusalGround as RefusalGround];
      d.paragraphs = [
        received,
        `经审核，${ground.letter}。根据${AMENDMENT_BASIS}的规定，本机关决定不予更正。`,
        `具体理由：${x.decisionText}`,
      ];
      d.fields.push(['不予更正的理由', ground.label]);
      d.remedy = remedyNotice(c);
      break;
    }
  }
  return d;
}

export async function issueAmendmentLetter(
  trx: Trx,
  ctx: AuditContext,
  amendmentId: number,
  kind: string,
  data: LetterData,
): Promise<void> {
  await insertAmendmentLetter(trx, {
    amendmentId,
    kind,
    title: data.title,
    dataJson: JSON.stringify(data),
    issuedOn: data.issuedOn,
    createdAt: ctx.at,
  });
}

/** The letters' header: the request, and the agency as sender (info-request's letterSender). */
export async function amendmentLetterCase(db: Executor, r: AmendmentRow): Promise<LetterCase> {
  return {
    number: r.number,
    applicantName: r.applicantName,
    informationSought: recordSummary(r),
    ...(await letterSender(db, r.agencyId)),
  };
}
