// What an application must carry before it can be submitted — 条例（国务院令第711号）第二十九条
// (RULES.md §1.2, rule 28): (一) 申请人的姓名或者名称、身份证明、联系方式; (二) 申请公开的政府
// 信息的名称、文号或者便于行政机关查询的其他特征性描述; (三) 形式要求，包括获取信息的方式、途径.
// A purpose of use is deliberately not asked for: the 2019 text dropped the 2007 "特殊需要" test,
// and requiring it would turn away lawful applications.
// Returns field-keyed Chinese messages so the form re-renders with each message by its field.
import type { IsoDate } from '../../calendar/index.ts';
import type { FieldErrors } from './errors.ts';
import {
  idDocumentNumberProblem,
  idDocumentTypeLabels,
  isIdDocumentType,
  ORGANISATION_ID_DOCUMENT_TYPES,
  PERSONAL_ID_DOCUMENT_TYPES,
} from './identity-documents.ts';
import { isApplicantKind } from './outcomes.ts';

export type RequestedForm = 'paper' | 'electronic';

export const requestedFormLabels: Readonly<Record<RequestedForm, string>> = {
  paper: '纸质文本',
  electronic: '电子文件',
};

export type DeliveryWay = 'post' | 'email' | 'fax' | 'collect' | 'onlinePlatform' | 'inspect';

export const deliveryWayLabels: Readonly<Record<DeliveryWay, string>> = {
  post: '邮寄',
  email: '电子邮件',
  fax: '传真',
  collect: '自行领取',
  onlinePlatform: '在线申请平台获取',
  inspect: '当场查阅、抄录',
};

/** The form as submitted: every field may be missing or blank, so every field is optional. */
export interface InfoRequestFormInput {
  applicantKind?: string | null;
  /** 姓名 (natural person) or 名称 (organisation). */
  name?: string | null;
  idDocumentType?: string | null;
  idDocumentNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  postalAddress?: string | null;
  postcode?: string | null;
  fax?: string | null;
  /** 所需信息的名称. */
  informationName?: string | null;
  /** 文号. */
  documentNumber?: string | null;
  /** 便于行政机关查询的其他特征性描述. */
  featureDescription?: string | null;
  requestedForm?: string | null;
  deliveryWay?: string | null;
}

export type InfoRequestFormField =
  | keyof InfoRequestFormInput
  /** Group messages: no contact at all / no description at all. */
  | 'contact'
  | 'description';

/**
 * The legal basis of each part of the form, shown in the field's hint (the error message itself
 * stays in plain words).
 */
export const INFO_REQUEST_FORM_BASIS = {
  applicant: '《政府信息公开条例》第二十九条第二款第（一）项：申请应当包括申请人的姓名或者名称、身份证明、联系方式。',
  description:
    '《政府信息公开条例》第二十九条第二款第（二）项：申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述。',
  form: '《政府信息公开条例》第二十九条第二款第（三）项：申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
} as const;

const NAME_MAX = 100;
const TEXT_MAX = 2000;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const INTERNATIONAL = /^\+\d{1,4}[\s-]?\d[\d\s-]{5,17}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

function isPhone(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return MOBILE.test(compact) || LANDLINE.test(compact) || INTERNATIONAL.test(value);
}

function isRequestedForm(value: string): value is RequestedForm {
  return Object.hasOwn(requestedFormLabels, value);
}

function isDeliveryWay(value: string): value is DeliveryWay {
  return Object.hasOwn(deliveryWayLabels, value);
}

function checkIdentity(
  input: InfoRequestFormInput,
  errors: FieldErrors<InfoRequestFormField>,
  today: IsoDate | undefined,
): void {
  const kind = text(input.applicantKind);
  const type = text(input.idDocumentType);
  const number = text(input.idDocumentNumber);
  if (type === '' || !isIdDocumentType(type)) {
    errors.idDocumentType = '请选择证件类型。';
  } else if (isApplicantKind(kind)) {
    const allowed = kind === 'naturalPerson' ? PERSONAL_ID_DOCUMENT_TYPES : ORGANISATION_ID_DOCUMENT_TYPES;
    if (!allowed.includes(type)) {
      errors.idDocumentType =
        kind === 'naturalPerson'
          ? `自然人不能以${idDocumentTypeLabels[type]}作为身份证明，请选择居民身份证等个人证件。`
          : '法人或其他组织应以统一社会信用代码或其他有效身份证明作为身份证明。';
    }
  }
  if (number === '') {
    errors.idDocumentNumber = '请填写证件号码。';
  } else if (!errors.idDocumentType && isIdDocumentType(type)) {
    const problem = idDocumentNumberProblem(type, number, today === undefined ? {} : { today });
    if (problem) errors.idDocumentNumber = problem;
  }
}

function checkContact(input: InfoRequestFormInput, errors: FieldErrors<InfoRequestFormField>): void {
  const phone = text(input.phone);
  const email = text(input.email);
  const address = text(input.postalAddress);
  const postcode = text(input.postcode);
  const fax = text(input.fax);
  if (!phone && !email && !address && !fax) {
    errors.contact = '请至少填写一种联系方式：电话、电子邮箱、通信地址或传真。';
  }
  if (phone && !isPhone(phone)) errors.phone = '联系电话格式不正确，请填写手机号码或带区号的固定电话。';
  if (fax && !isPhone(fax)) errors.fax = '传真号码格式不正确，请填写带区号的号码。';
  if (email && !EMAIL.test(email)) errors.email = '电子邮箱格式不正确。';
  if (address.length > TEXT_MAX) errors.postalAddress = `通信地址不能超过${TEXT_MAX}个字。`;
  if (postcode && !/^\d{6}$/.test(postcode)) errors.postcode = '邮政编码应为6位数字。';

  const way = text(input.deliveryWay);
  if (way === 'post' && !address) errors.postalAddress = '选择邮寄方式获取信息的，请填写通信地址。';
  if (way === 'email' && !email) errors.email = '选择电子邮件方式获取信息的，请填写电子邮箱。';
  if (way === 'fax' && !fax) errors.fax = '选择传真方式获取信息的，请填写传真号码。';
}

function checkDescription(input: InfoRequestFormInput, errors: FieldErrors<InfoRequestFormField>): void {
  const fields = ['informationName', 'documentNumber', 'featureDescription'] as const;
  if (fields.every((f) => text(input[f]) === '')) {
    errors.description = '请说明您需要什么信息：信息的名称、文号或特征性描述，至少填写一项。';
  }
  for (const f of fields) {
    if (text(input[f]).length > TEXT_MAX) errors[f] = `该项内容不能超过${TEXT_MAX}个字。`;
  }
}

function checkForm(input: InfoRequestFormInput, errors: FieldErrors<InfoRequestFormField>): void {
  const form = text(input.requestedForm);
  const way = text(input.deliveryWay);
  if (!isRequestedForm(form)) errors.requestedForm = '请选择您要纸质文本还是电子文件。';
  if (!isDeliveryWay(way)) {
    errors.deliveryWay = '请选择您希望怎样拿到信息。';
  } else if (form === 'paper' && (way === 'email' || way === 'onlinePlatform')) {
    errors.deliveryWay = `纸质文本无法通过${deliveryWayLabels[way]}获取，请改选其他获取方式或选择电子文件。`;
  } else if (form === 'electronic' && way === 'fax') {
    errors.deliveryWay = '电子文件无法通过传真获取，请改选其他获取方式或选择纸质文本。';
  }
}

/**
 * Validates an application against 第二十九条. Returns field-keyed Chinese messages; an empty
 * object means the application may be submitted. `today` lets the ID check reject birth dates in
 * the future (the function never reads the clock).
 */
export function validateInfoRequestForm(
  input: InfoRequestFormInput,
  options: { today?: IsoDate } = {},
): FieldErrors<InfoRequestFormField> {
  const errors: FieldErrors<InfoRequestFormField> = {};
  const kind = text(input.applicantKind);
  if (!isApplicantKind(kind)) {
    errors.applicantKind = '请选择申请人类型（自然人，或法人或其他组织）。';
  }
  const name = text(input.name);
  if (name === '') {
    errors.name = kind === 'naturalPerson' ? '请填写您的姓名。' : '请填写申请人的姓名或者单位名称。';
  } else if (name.length > NAME_MAX) {
    errors.name = `姓名或名称不能超过${NAME_MAX}个字。`;
  }
  checkIdentity(input, errors, options.today);
  checkContact(input, errors);
  checkDescription(input, errors);
  checkForm(input, errors);
  return errors;
}
