// The finding shape shared by the consistency checks (RULES.md §3.3–§3.4, rules 17–22) and the
// checker for published report texts. Codes are stable identifiers; messages are Chinese.

export type Severity = 'error' | 'warning';

export type FindingCode =
  /** A stated total differs from the sum of its stated parts. */
  | 'total-mismatch'
  /** A stated part is larger than the total it is said to be part of. */
  | 'part-exceeds-total'
  /** A stated share (占比30%) does not fit the part and its total. */
  | 'share-mismatch'
  /** A number stated in the prose differs from the table cell that counts the same thing. */
  | 'prose-table-mismatch'
  /** A table identity of RULES.md §3.3/§3.4 fails (rules 17, 18, 19, 21). */
  | 'table-identity'
  /** 二、上年结转 differs from last year's 四、结转下年度继续办理 (rule 22). */
  | 'carry-over-mismatch'
  /** A cell is not a non-negative integer (or not a non-negative amount). */
  | 'invalid-number'
  /** The report names another agency where it describes itself. */
  | 'foreign-agency-name'
  /** The agency that a text belongs to could not be determined. */
  | 'agency-unknown'
  /** A town calls itself 乡, or a township calls itself 镇. */
  | 'self-reference-level'
  /** A year in the report does not fit the report year (or the format does not fit the year). */
  | 'year-mismatch'
  | 'missing-section'
  | 'empty-section'
  | 'missing-contact'
  | 'invalid-contact'
  /** A town, township or sub-district reports 规章, which it cannot make. */
  | 'town-regulation'
  /** Published after the due date of rule 14. */
  | 'late-publication'
  /** The text follows neither the national format nor the nine-part structure. */
  | 'format-unknown'
  /** A table is present but some of its rows or cells could not be read. */
  | 'table-incomplete';

export interface FindingLocation {
  section?: string;
  table?: 'table2' | 'table3' | 'table4';
  row?: string;
  column?: string;
  field?: string;
  /** 1-based line in the checked text. */
  line?: number;
  /** 0-based offset in the checked text where the finding's words are (with `line`). */
  offset?: number;
}

/** certain: the numbers contradict each other as written; probable: a reading of the sentence is assumed. */
export type Certainty = 'certain' | 'probable';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  evidence: string;
  location?: FindingLocation;
  /** The numbers the finding compares (stated total, sum, cell …), for people and for tests. */
  numbers?: number[];
  certainty?: Certainty;
}

/** Adds the compared numbers and the certainty to a finding. */
export function withNumbers(f: Finding, numbers: number[], certainty: Certainty): Finding {
  return { ...f, numbers, certainty };
}

export function finding(
  code: FindingCode,
  severity: Severity,
  message: string,
  evidence: string,
  location?: FindingLocation,
): Finding {
  return location === undefined
    ? { code, severity, message, evidence }
    : { code, severity, message, evidence, location };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
