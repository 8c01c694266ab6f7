// The disclosure office's contact fields (地址、邮编、电话、电子邮箱) printed on the report: the
// 2019 条例 第十二条 requires them in the 指南, and reports customarily repeat them so readers can
// ask about the report. A blank or missing field is a warning (the 2021 format does not itself
// require a contact paragraph); a malformed one is a warning too.

import type { ReportContact } from '../report-data.ts';
import { finding } from './findings.ts';
import type { Finding, FindingLocation } from './findings.ts';

export type ContactField = keyof ReportContact;

export const CONTACT_FIELD_LABELS: Readonly<Record<ContactField, string>> = {
  office: '联系机构',
  address: '地址',
  postcode: '邮编',
  phone: '电话',
  email: '电子邮箱',
};

const VALID: Readonly<Record<ContactField, (value: string) => boolean>> = {
  office: (v) => v.length >= 2,
  address: (v) => v.length >= 2,
  postcode: (v) => /^\d{6}$/.test(v),
  // Landlines (0743-5223701, (0743)5223701), several numbers (…、…), extensions (转), mobiles.
  phone: (v) => /^[\d\-()—转、,/ ]+$/.test(v) && (v.match(/\d/g) ?? []).length >= 7,
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
};

export interface ContactEvidence {
  evidence?: string;
  location?: FindingLocation;
}

export function checkContact(
  contact: ReportContact,
  fields: readonly ContactField[],
  evidenceOf: (field: ContactField) => ContactEvidence = () => ({}),
): Finding[] {
  const out: Finding[] = [];
  for (const field of fields) {
    const label = CONTACT_FIELD_LABELS[field];
    const value = contact[field]?.trim() ?? '';
    const { evidence, location } = evidenceOf(field);
    const loc = location ?? { field };
    if (value === '') {
      out.push(
        finding(
          'missing-contact',
          'warning',
          `联系方式缺少“${label}”或其内容为空。`,
          evidence ?? `${label}：（空）`,
          loc,
        ),
      );
    } else if (!VALID[field](value)) {
      out.push(
        finding(
          'invalid-contact',
          'warning',
          `联系方式中的“${label}”格式不正确：“${value}”。`,
          evidence ?? `${label}：${value}`,
          loc,
        ),
      );
    }
  }
  return out;
}
