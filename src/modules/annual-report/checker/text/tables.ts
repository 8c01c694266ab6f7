// Reads tables 二, 三 and 四 of a national-format report back from plain text (RULES.md §3.2–§3.5).
// Published pages flatten tables into lines of tab- or space-separated cells, sometimes one cell
// per line; the reader therefore walks whitespace-separated tokens, finds each row by a distinctive
// part of its printed label, in the printed order, and takes the numbers that follow it.

import type { Table2Definition, Table3Definition } from '../../format/types.ts';
import { TABLE3_COLUMN_KEYS, TABLE4_GROUP_KEYS, TABLE4_OUTCOME_KEYS } from '../../format/national2021.ts';
import type { Table3Row, Table4Data, Table4Outcomes } from '../../report-data.ts';

interface Token {
  text: string;
  start: number;
}

export function tokenize(text: string, offset: number): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: offset + m.index }));
}

const INTEGER = /^\d+$/;

/** A distinctive part of each printed row label (the labels themselves are in the format data). */
const ROW_MATCHERS: Readonly<Record<string, RegExp>> = {
  newlyReceived: /本年新收/,
  carriedOver: /上年结转/,
  disclosed: /予以公开/,
  partlyDisclosed: /部分公开/,
  'withheld.stateSecret': /国家秘密/,
  'withheld.prohibitedByLaw': /法律行政法规禁止公开/,
  'withheld.securityAndStability': /三安全一稳定/,
  'withheld.thirdPartyRights': /第三方合法权益/,
  'withheld.internalAffairs': /内部事务信息/,
  'withheld.processInformation': /过程性信息/,
  'withheld.enforcementFile': /行政执法案卷/,
  'withheld.administrativeQuery': /行政查询事项/,
  'unavailable.notHeld': /不掌握/,
  'unavailable.needsCreation': /另行制作/,
  'unavailable.unclearAfterCorrection': /补正后/,
  'notProcessed.petitionOrComplaint': /信访举报投诉/,
  'notProcessed.repeated': /重复申请/,
  'notProcessed.publication': /公开出版物/,
  'notProcessed.excessive': /大量反复申请/,
  'notProcessed.confirmOrReissue': /确认或重新出具/,
  'otherOutcome.noCorrection': /逾期不补正/,
  'otherOutcome.feeUnpaid': /缴纳费用/,
  'otherOutcome.other': /其他$/,
  otherOutcome: /其他处理$/,
  total: /总计$/,
  carriedForward: /结转下年度/,
};

/** How far (in tokens) a row label may lie after the previous row's numbers: group labels sit between. */
const LABEL_WINDOW = 8;

function toTable3Row(values: readonly number[]): Table3Row {
  const [
    naturalPerson = 0,
    commercialEnterprise = 0,
    researchInstitution = 0,
    publicInterestOrganisation = 0,
    legalServiceProvider = 0,
    otherOrganisation = 0,
    total = 0,
  ] = values;
  return {
    naturalPerson,
    commercialEnterprise,
    researchInstitution,
    publicInterestOrganisation,
    legalServiceProvider,
    otherOrganisation,
    total,
  };
}

export interface Table3Reading {
  rows: Partial<Record<string, Table3Row>>;
  missing: string[];
}

export function readTable3(text: string, offset: number, def: Table3Definition): Table3Reading {
  const tokens = tokenize(text, offset);
  const rows: Partial<Record<string, Table3Row>> = {};
  const missing: string[] = [];
  const first = tokens.findIndex((t) => /本年新收/.test(t.text));
  let pos = first === -1 ? tokens.length : first;
  for (const row of def.rows) {
    const matcher = ROW_MATCHERS[row.key];
    let found = -1;
    for (let i = pos; matcher && i < Math.min(tokens.length, pos + LABEL_WINDOW); i++) {
      const t = tokens[i]?.text ?? '';
      if (!INTEGER.test(t) && matcher.test(t)) {
        found = i;
        break;
      }
    }
    const cells = found === -1 ? [] : tokens.slice(found + 1, found + 1 + TABLE3_COLUMN_KEYS.length);
    if (cells.length < TABLE3_COLUMN_KEYS.length || !cells.every((c) => INTEGER.test(c.text))) {
      missing.push(row.key);
      continue;
    }
    rows[row.key] = toTable3Row(cells.map((c) => Number(c.text)));
    pos = found + 1 + TABLE3_COLUMN_KEYS.length;
  }
  return { rows, missing };
}

/** Table 四: the first run of 15 integers after its header. */
export function readTable4(text: string, offset: number): Table4Data | null {
  const tokens = tokenize(text, offset);
  const width = TABLE4_GROUP_KEYS.length * TABLE4_OUTCOME_KEYS.length;
  for (let i = 0; i + width <= tokens.length; i++) {
    const run = tokens.slice(i, i + width);
    if (!run.every((t) => INTEGER.test(t.text))) continue;
    const values = run.map((t) => Number(t.text));
    const group = (g: number): Table4Outcomes => {
      const [upheld = 0, corrected = 0, other = 0, pending = 0, total = 0] = values.slice(g * 5, g * 5 + 5);
      return { upheld, corrected, other, pending, total };
    };
    return { reconsideration: group(0), lawsuitDirect: group(1), lawsuitAfterReconsideration: group(2) };
  }
  return null;
}

const VALUE_PATTERNS = { integer: /^\d+$/, signedInteger: /^[-+]?\d+$/, decimal: /^\d+(?:\.\d+)?$/ } as const;

/** Table 二: each row label (exact cell text) followed by as many values as its sub-table has columns. */
export function readTable2(
  text: string,
  offset: number,
  def: Table2Definition,
): Partial<Record<string, Record<string, number>>> {
  const tokens = tokenize(text, offset);
  const out: Partial<Record<string, Record<string, number>>> = {};
  for (const sub of def.subTables) {
    for (const row of sub.rows) {
      const at = tokens.findIndex((t) => t.text === row.label);
      if (at === -1) continue;
      const cells = tokens.slice(at + 1, at + 1 + sub.columns.length);
      if (cells.length < sub.columns.length) continue;
      if (!sub.columns.every((c, i) => VALUE_PATTERNS[c.valueType].test(cells[i]?.text ?? ''))) continue;
      out[row.key] = Object.fromEntries(sub.columns.map((c, i) => [c.key, Number(cells[i]?.text)]));
    }
  }
  return out;
}
