// 更正个人政府信息记录 — 条例（国务院令第711号）第四十一条 (RULES.md §1.8): "公民、法人或者其他组织
// 有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求行政机关更正。有权更正的行政
// 机关审核属实的，应当予以更正并告知申请人；不属于本行政机关职能范围的，行政机关可以转送有权更正的
// 行政机关处理并告知申请人，或者告知申请人向有权更正的行政机关提出。"
//
// The article sets no time limit of its own. The platform holds the request to the limits of an
// application (第三十三条: 20 working days from the receipt date, extendable once by at most 20 with
// the office head's consent and notice to the applicant), the receipt date fixed as in 第三十一条,
// counted by the same working-day functions: a county office answers every written request of a
// citizen under the 条例 on the 条例's clock, and an amendment that drags on is what an assessment
// would mark down. Pure functions: no database, no clock, no HTTP.
import {
  idDocumentNumberProblem,
  idDocumentTypeLabels,
  isIdDocumentType,
  validateExtension,
  workingDayDeadline,
  type DueDate,
  type ExtensionInput,
  type FieldErrors,
} from '../info-request/rules/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { isValidEmail, isValidPhone } from '../../platform/validation/phone.ts';
import type { AmendmentDecision, AmendmentState } from './record-amendment.tables.ts';

export const AMENDMENT_BASIS = '《中华人民共和国政府信息公开条例》第四十一条';

/** 第三十三条第二款, applied to 第四十一条 (see the head of this file). */
export const AMENDMENT_WORKING_DAYS = 20;

export const STATE_LABELS: Readonly<Record<AmendmentState, string>> = {
  submitted: '已提交，待确认收到',
  processing: '办理中',
  decided: '已答复',
};

export const DECISION_LABELS: Readonly<Record<AmendmentDecision, string>> = {
  amended: '予以更正',
  transferred: '转送有权更正的行政机关',
  referred: '告知向有权更正的行政机关提出',
  refused: '不予更正',
};

/** 不予更正: why, as the letter says it. */
export const REFUSAL_GROUNDS = {
  insufficientEvidence: {
    label: '证据不足以证明记录不准确',
    letter: '您提供的证据不足以证明本机关记录的相关信息不准确',
  },
  accurate: {
    label: '经核实，记录准确',
    letter: '经本机关核实，相关政府信息记录准确，无需更正',
  },
  notOwnInformation: {
    label: '不属于与申请人自身相关的政府信息',
    letter: '您要求更正的信息不属于与您自身相关的政府信息，依照条例第四十一条不能由您申请更正',
  },
  notGovernmentInformation: {
    label: '不属于本机关制作或者保存的政府信息',
    letter: '您要求更正的信息不属于本机关在履行行政管理职能过程中制作或者获取的政府信息记录',
  },
} as const;
export type RefusalGround = keyof typeof REFUSAL_GROUNDS;

export function isRefusalGround(v: string): v is RefusalGround {
  return Object.hasOwn(REFUSAL_GROUNDS, v);
}

/** The answer's due date: 20 working days after the receipt date, plus an approved extension. */
export function amendmentDueDate(cal: WorkCalendar, receivedOn: string, extensionDays = 0): DueDate {
  const days = AMENDMENT_WORKING_DAYS + extensionDays;
  const due = workingDayDeadline(cal, receivedOn, days, '更正申请答复期限');
  const extra = extensionDays ? `（含经批准延长的${extensionDays}个工作日）` : '';
  return {
    ...due,
    explanation: `${due.explanation.replace(/。$/, '')}${extra}。条例第四十一条未规定更正期限，本平台参照第三十三条的申请答复期限办理。`,
  };
}

/** An extension as for an application (第三十三条第二款): at most 20 working days, approved, notified; once. */
export function checkAmendmentExtension(
  current: { extensionDays: number },
  ext: Partial<ExtensionInput>,
): FieldErrors<keyof ExtensionInput> {
  if (current.extensionDays > 0)
    return { workingDays: '该更正申请已经延长过答复期限，延长只能一次，最长20个工作日（条例第三十三条第二款）。' };
  return validateExtension(ext);
}

export interface DecisionInput {
  decision: string;
  /** 予以更正: the record as corrected. */
  amendedRecord: string;
  /** 予以更正: what was changed; 不予更正: the facts of the refusal; 转送/告知: optional note. */
  decisionText: string;
  competentAgency: string;
  refusalGround: string;
}

export type DecisionField = keyof DecisionInput;

const blank = (v: string | undefined) => !v || v.trim() === '';

/**
 * A decision on a record amendment request against 第四十一条: 予以更正 names the record and what
 * was changed; 转送 and 告知 name the agency that has the authority to correct; 不予更正 gives its
 * ground and the reasons. Field-keyed Chinese messages; empty when the decision may be issued.
 */
export function checkAmendmentDecision(x: Partial<DecisionInput>): FieldErrors<DecisionField> {
  const errors: FieldErrors<DecisionField> = {};
  const d = x.decision ?? '';
  if (!Object.hasOwn(DECISION_LABELS, d)) {
    errors.decision = '请选择处理决定：予以更正、转送有权机关、告知向有权机关提出或不予更正。';
    return errors;
  }
  const decision = d as AmendmentDecision;
  if (decision === 'amended') {
    if (blank(x.amendedRecord)) errors.amendedRecord = '予以更正的，请填写已更正的记录（名称、编号或所在档案）。';
    if (blank(x.decisionText)) errors.decisionText = '予以更正的，请写明更正的内容（原记录和更正后的记录）。';
  } else if (decision === 'transferred' || decision === 'referred') {
    if (blank(x.competentAgency)) errors.competentAgency = '请填写有权更正的行政机关的名称（条例第四十一条）。';
  } else {
    if (!isRefusalGround(x.refusalGround ?? '')) errors.refusalGround = '不予更正的，请选择理由。';
    if (blank(x.decisionText)) errors.decisionText = '不予更正的，请写明具体理由，告知书将载明。';
  }
  for (const k of ['amendedRecord', 'competentAgency'] as const)
    if (!errors[k] && (x[k] ?? '').length > 200) errors[k] = '不能超过200字。';
  if (!errors.decisionText && (x.decisionText ?? '').length > 4000) errors.decisionText = '不能超过4000字。';
  return errors;
}

export const AMENDMENT_FORM_FIELDS = [
  'applicantName',
  'idDocumentType',
  'idDocumentNumber',
  'phone',
  'email',
  'postalAddress',
  'recordConcerned',
  'whatIsWrong',
  'shouldRead',
] as const;
export type AmendmentFormField = (typeof AMENDMENT_FORM_FIELDS)[number];
export type AmendmentFormValues = Record<AmendmentFormField, string>;

const LIMITS: Record<AmendmentFormField, number> = {
  applicantName: 100,
  idDocumentType: 40,
  idDocumentNumber: 40,
  phone: 30,
  email: 100,
  postalAddress: 200,
  recordConcerned: 500,
  whatIsWrong: 2000,
  shouldRead: 2000,
};

/**
 * The request itself: who asks (identity proof, as for an application — 第二十九条), how to reach
 * them, which record about themselves is wrong and what it should say (第四十一条).
 */
export function checkAmendmentForm(v: AmendmentFormValues, today: string): FieldErrors<AmendmentFormField> {
  const e: FieldErrors<AmendmentFormField> = {};
  if (blank(v.applicantName)) e.applicantName = '请填写申请人姓名或名称。';
  if (!isIdDocumentType(v.idDocumentType)) e.idDocumentType = '请选择身份证明的种类。';
  if (blank(v.idDocumentNumber)) e.idDocumentNumber = '请填写身份证明的号码。';
  else if (isIdDocumentType(v.idDocumentType)) {
    const problem = idDocumentNumberProblem(v.idDocumentType, v.idDocumentNumber, { today });
    if (problem) e.idDocumentNumber = problem;
  }
  if (blank(v.phone) && blank(v.email) && blank(v.postalAddress))
    e.phone = '请至少填写一种联系方式（电话、电子邮箱或通信地址），以便送达告知书。';
  if (!blank(v.phone) && !isValidPhone(v.phone)) e.phone = '请填写有效的手机号码或固定电话（含区号）。';
  if (!blank(v.email) && !isValidEmail(v.email)) e.email = '电子邮箱的格式不正确。';
  if (blank(v.recordConcerned)) e.recordConcerned = '请写明要求更正的是哪一份政府信息记录。';
  if (blank(v.whatIsWrong)) e.whatIsWrong = '请写明记录中哪些内容不准确。';
  if (blank(v.shouldRead)) e.shouldRead = '请写明正确的内容应当是什么。';
  for (const k of AMENDMENT_FORM_FIELDS) if (!e[k] && v[k].length > LIMITS[k]) e[k] = `不能超过${LIMITS[k]}字。`;
  return e;
}

export const ID_DOCUMENT_OPTIONS = Object.entries(idDocumentTypeLabels).map(([value, label]) => ({ value, label }));
