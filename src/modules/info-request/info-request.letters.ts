// Letters (告知书) from versioned templates: each builder turns a case into LetterData, which is
// stored with the template version, so a letter once issued never changes when a template is
// revised. Rendering (HTML for print, DOCX) reads only the stored data (letter-docx.ts,
// info-request.letter-views.tsx). Letters to the applicant carry the remedy notice of 第五十一条:
// 行政复议 within 60 days (行政复议法 第二十条), 行政诉讼 within 6 months (行政诉讼法 第四十六条).
import { chineseDate, withChineseDates } from '../../platform/chinese-date.ts';
import type { LetterKind } from './info-request.tables.ts';
import {
  deliveryWayLabels,
  feeMethodLabels,
  intakeChannelLabels,
  outcomeApplicantLabel,
  requestedFormLabels,
  type DeliveryWay,
  type FeeQuote,
  type IntakeChannel,
  type OutcomeKey,
  type RequestedForm,
} from './rules/index.ts';

export interface LetterData {
  title: string;
  /** 文书编号, e.g. 灵政依申请〔2025〕7号-答复. */
  reference: string;
  /** The addressee's name as printed on the letter (申请人 or the consulted party). */
  addressee: string;
  paragraphs: string[];
  /** Label/value pairs printed as a small table (fees, dates). */
  fields: [string, string][];
  /** The remedy notice, when the letter is an administrative act towards the applicant. */
  remedy: string | null;
  agencyName: string;
  officeName: string;
  officeContact: string;
  issuedOn: string;
}

/**
 * The letter as printed: every date written 2026年12月5日 (the stored data keep ISO dates, so a
 * letter issued before this rule prints the same way).
 */
export function letterAsWritten(d: LetterData): LetterData {
  return {
    ...d,
    paragraphs: d.paragraphs.map(withChineseDates),
    fields: d.fields.map(([k, v]) => [k, withChineseDates(v)]),
    remedy: d.remedy === null ? null : withChineseDates(d.remedy),
    issuedOn: chineseDate(d.issuedOn),
  };
}

export const LETTER_TEMPLATE_VERSIONS: Readonly<Record<LetterKind, string>> = {
  receipt: 'receipt.v1',
  correction: 'correction.v2',
  extension: 'extension.v1',
  consultation: 'consultation.v1',
  feeNotice: 'feeNotice.v1',
  reply: 'reply.v2',
};

export const letterKindLabels: Readonly<Record<LetterKind, string>> = {
  receipt: '政府信息公开申请登记回执',
  correction: '政府信息公开申请补正告知书',
  extension: '延长答复期限告知书',
  consultation: '征求意见书',
  feeNotice: '信息处理费收费通知',
  reply: '政府信息公开申请答复告知书',
};

export interface LetterCase {
  number: string;
  applicantName: string;
  informationSought: string;
  agencyName: string;
  officeName: string;
  officePhone: string;
  officeAddress: string;
  /** The body that hears a 行政复议 against this agency. */
  reconsiderationBody: string;
}

/** A letter of the case with its title, header and office, no text yet (record amendments' letters too). */
export function blankLetter(c: LetterCase, title: string, issuedOn: string, addressee = c.applicantName): LetterData {
  return {
    title,
    reference: c.number,
    addressee,
    paragraphs: [],
    fields: [],
    remedy: null,
    agencyName: c.agencyName,
    officeName: c.officeName,
    officeContact: `联系电话：${c.officePhone}；地址：${c.officeAddress}`,
    issuedOn,
  };
}

function base(kind: LetterKind, c: LetterCase, issuedOn: string, addressee: string): LetterData {
  return blankLetter(c, letterKindLabels[kind], issuedOn, addressee);
}

export function remedyNotice(c: LetterCase): string {
  return `如对本告知不服，可以自收到本告知书之日起60日内向${c.reconsiderationBody}申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。`;
}

export function receiptLetter(
  c: LetterCase,
  x: {
    issuedOn: string;
    channel: IntakeChannel;
    receivedOn: string;
    basis: string;
    dueOn: string | null;
    requestedForm: string;
    deliveryWay: string;
  },
): LetterData {
  const d = base('receipt', c, x.issuedOn, c.applicantName);
  d.paragraphs = [
    `本机关已收到您的政府信息公开申请，现予登记。`,
    `申请的政府信息：${c.informationSought}`,
    `收到申请之日的确定依据：${x.basis}`,
    '本机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将另行告知。您可以凭申请编号和查询码在本平台查询办理进度。',
  ];
  d.fields = [
    ['申请编号', c.number],
    ['提交渠道', intakeChannelLabels[x.channel]],
    ['收到申请之日', x.receivedOn],
    ['答复期限（预计）', x.dueOn ?? '以办理进度页面显示为准'],
    ['所需信息形式', requestedFormLabels[x.requestedForm as RequestedForm] ?? x.requestedForm],
    ['获取信息方式', deliveryWayLabels[x.deliveryWay as DeliveryWay] ?? x.deliveryWay],
  ];
  return d;
}

/**
 * Staff's words set inside a sentence of the letter (a reason, what was still missing): the full
 * stop or comma they ended with goes, so the letter does not print 「核实。，不能在」.
 */
function inSentence(words: string): string {
  return words.trim().replace(/[。．.，,；;、\s]+$/u, '');
}

/** How to answer a 补正告知书 online: the 进度查询 page, with the number and the query code. */
export function answerOnline(c: LetterCase, trackUrl?: string): string {
  return `您可以登录本机关门户网站的“进度查询”页面${trackUrl ? `（${trackUrl}）` : ''}，输入申请编号（${c.number}）和申请时取得的查询码，在线提交补正后的申请内容和材料；也可以将补正后的申请送交或邮寄至${c.officeName || '本机关政府信息公开工作机构'}${c.officeAddress ? `（${c.officeAddress}）` : ''}。`;
}

export function correctionLetter(
  c: LetterCase,
  x: {
    issuedOn: string;
    receivedOn: string;
    items: string;
    correctionDueOn: string;
    trackUrl?: string | undefined;
    /** Asked again after an online answer that did not correct the items (the items stay those told once). */
    again?: { noticeSentOn: string; submittedOn: string; note: string };
  },
): LetterData {
  const d = base('correction', c, x.issuedOn, c.applicantName);
  d.paragraphs = [
    x.again
      ? `本机关于${x.receivedOn}收到您的政府信息公开申请（申请编号：${c.number}），已于${x.again.noticeSentOn}一次性告知您补正事项。您于${x.again.submittedOn}在线提交的补正材料经审查，仍未补正到位：${inSentence(x.again.note)}。根据《中华人民共和国政府信息公开条例》第三十条的规定，请按原告知的事项补正：`
      : `本机关于${x.receivedOn}收到您的政府信息公开申请（申请编号：${c.number}）。经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您作出补正：`,
    x.items,
    `请于${x.correctionDueOn}前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
    answerOnline(c, x.trackUrl),
  ];
  d.fields = [['补正期限', x.correctionDueOn]];
  d.remedy = remedyNotice(c);
  return d;
}

export function extensionLetter(
  c: LetterCase,
  x: { issuedOn: string; workingDays: number; approvedBy: string; approvedOn: string; reason: string; dueOn: string },
): LetterData {
  const d = base('extension', c, x.issuedOn, c.applicantName);
  d.paragraphs = [
    `您的政府信息公开申请（申请编号：${c.number}）因${inSentence(x.reason) || '办理需要'}，不能在20个工作日内作出答复。经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长${x.workingDays}个工作日。`,
    `本机关将于${x.dueOn}前（含当日）作出答复。`,
  ];
  d.fields = [
    ['延长天数', `${x.workingDays}个工作日`],
    ['批准人', x.approvedBy],
    ['批准日期', x.approvedOn],
    ['延长后的答复期限', x.dueOn],
  ];
  d.remedy = remedyNotice(c);
  return d;
}

export function consultationLetter(
  c: LetterCase,
  x: { issuedOn: string; party: 'thirdParty' | 'coProducer'; partyName: string },
): LetterData {
  const d = base('consultation', c, x.issuedOn, x.partyName);
  const article = x.party === 'thirdParty' ? '第三十二条' : '第三十四条';
  const silence =
    x.party === 'thirdParty'
      ? '逾期未提出意见的，由本机关依照条例的规定决定是否公开。'
      : '逾期未提出意见的，视为同意公开。';
  d.paragraphs = [
    `本机关收到一件政府信息公开申请（申请编号：${c.number}），申请公开的政府信息为：${c.informationSought}。`,
    x.party === 'thirdParty'
      ? '经审查，公开该信息可能损害贵方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。'
      : '该信息由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。',
    `请自收到本征求意见书之日起15个工作日内书面提出意见（同意或不同意公开，不同意的请说明理由）。${silence}（条例${article}）`,
  ];
  return d;
}

export function feeNoticeLetter(
  c: LetterCase,
  x: { issuedOn: string; quote: FeeQuote; paymentDueOn: string },
): LetterData {
  const d = base('feeNotice', c, x.issuedOn, c.applicantName);
  d.paragraphs = [
    `您的政府信息公开申请（申请编号：${c.number}）的申请数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费。`,
    `收费依据和标准：${x.quote.basis}`,
    `请自收到本通知之日的次日起20个工作日内，即${x.paymentDueOn}前（含当日）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
  ];
  d.fields = [
    ['计费方式', feeMethodLabels[x.quote.method]],
    ['计费数量', `${x.quote.quantity}${x.quote.method === 'perItem' ? '件' : '页'}`],
    ...x.quote.bands
      .filter((b) => b.amount > 0)
      .map((b): [string, string] => [
        `第${b.from}—${b.to}${x.quote.method === 'perItem' ? '件' : '页'}`,
        `${b.count} × ${b.unitPrice}元 = ${b.amount}元`,
      ]),
    ['应缴金额', `${x.quote.amount}元`],
    ['缴纳期限', x.paymentDueOn],
  ];
  d.remedy = remedyNotice(c);
  return d;
}

export function replyLetter(
  c: LetterCase,
  x: {
    issuedOn: string;
    receivedOn: string;
    outcomeKey: OutcomeKey;
    legalBasis: string;
    text: string;
    attachments: string[];
  },
): LetterData {
  const d = base('reply', c, x.issuedOn, c.applicantName);
  d.paragraphs = [
    `本机关于${x.receivedOn}收到您的政府信息公开申请（申请编号：${c.number}），申请公开：${c.informationSought}。经审查，现答复如下：`,
    ...x.text
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean),
    `办理结果：${outcomeApplicantLabel(x.outcomeKey)}。`,
    `依据：${x.legalBasis}。`,
  ];
  if (x.attachments.length) d.fields = x.attachments.map((name, i): [string, string] => [`附件${i + 1}`, name]);
  d.remedy = remedyNotice(c);
  return d;
}
