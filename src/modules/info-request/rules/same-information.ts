// 相同政府信息: when two applications ask for the same information, written once and used by the
// repeat flag at intake (第三十六条第（六）项: the same applicant again) and by the suggestion to
// disclose proactively (第四十四条: several applicants). Two requests ask for the same information
// when their 信息名称, 特征描述 or 文号 match once spaces and punctuation are left out.
const LOOSE = /[\s，。、,.;；:：]+/g;

function sameText(a: string, b: string): boolean {
  const n = (s: string) => s.replace(LOOSE, '');
  return n(a) !== '' && n(a) === n(b);
}

/** What an application says it seeks (the application form's three description fields). */
export interface InformationSought {
  informationName: string;
  featureDescription: string;
  documentNumber: string;
}

export function isSameInformation(a: InformationSought, b: InformationSought): boolean {
  return (
    sameText(a.informationName, b.informationName) ||
    sameText(a.featureDescription, b.featureDescription) ||
    sameText(a.documentNumber, b.documentNumber)
  );
}

/** The applicant, for counting applicants: the 证件号码 without spaces, else the name and phone. */
export function applicantKey(a: { idDocumentNumber: string; applicantName: string; phone: string }): string {
  const doc = a.idDocumentNumber.replace(/\s+/g, '').toUpperCase();
  return doc ? `doc:${doc}` : `name:${a.applicantName.trim()}|${a.phone.replace(/\D+/g, '')}`;
}

/** The county's default for "several applicants" (第四十四条: 多个申请人 — more than one). */
export const DEFAULT_PROACTIVE_APPLICANTS = 2;

export const PROACTIVE_BASIS = '《中华人民共和国政府信息公开条例》第四十四条';

/** An answered application, as the 第四十四条 rule looks at it. */
export interface AnsweredRequest extends InformationSought {
  id: number;
  agencyId: number;
  applicant: string;
  /** The table 三 outcome of its reply (null: not answered). */
  outcomeKey: string | null;
}

/** 予以公开 and 部分公开: the information was found disclosable (第四十四条 "属于可以公开的"). */
export function isDisclosingOutcome(key: string | null): boolean {
  return key === 'disclosed' || key === 'partlyDisclosed';
}

/**
 * 条例 第四十四条第一款: 多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，
 * 行政机关可以纳入主动公开的范围. Given one answered application and the others, the applications
 * that ask the same agency for the same information and were answered 予以公开 / 部分公开 (the
 * given one first), and whether they come from at least `threshold` different applicants (the
 * county's setting, default 2). An applicant who asked twice counts once.
 */
export function severalApplicantsForSameInformation(
  one: AnsweredRequest,
  others: readonly AnsweredRequest[],
  threshold: number,
): { requests: AnsweredRequest[]; applicants: number; suggest: boolean } {
  if (!isDisclosingOutcome(one.outcomeKey)) return { requests: [], applicants: 0, suggest: false };
  const requests = [
    one,
    ...others.filter(
      (o) =>
        o.id !== one.id &&
        o.agencyId === one.agencyId &&
        isDisclosingOutcome(o.outcomeKey) &&
        isSameInformation(o, one),
    ),
  ];
  const applicants = new Set(requests.map((r) => r.applicant)).size;
  return { requests, applicants, suggest: applicants >= Math.max(2, threshold) };
}
