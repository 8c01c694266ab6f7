// The arithmetic identities of the national report tables (RULES.md §3.3, §3.4): rule 17 (row sum
// over applicant kinds), rule 18 (一 + 二 = （七）总计 + 四, the printed 勾稽 note), rule 19
// (（七）总计 = sum of all result rows), rule 21 (table 四 totals), rule 22 (carry-over between
// years, a warning) and "all cells are non-negative integers". Rows may be missing (a checker
// reading a published text may not find them all): identities that need a missing row are skipped.

import type { Table3ColumnKey } from '../format/national2021.ts';
import {
  TABLE3_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_GROUP_LABELS,
  TABLE4_OUTCOME_KEYS,
} from '../format/national2021.ts';
import type { Table2Definition, Table3Definition } from '../format/types.ts';
import type { Table3Row, Table4Data } from '../report-data.ts';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';

export type Table3Values = Readonly<Partial<Record<string, Readonly<Table3Row>>>>;

const PART_COLUMNS = TABLE3_COLUMN_KEYS.filter((k) => k !== 'total');

const COLUMN_DISPLAY: Readonly<Record<Table3ColumnKey, string>> = {
  naturalPerson: '自然人',
  commercialEnterprise: '商业企业',
  researchInstitution: '科研机构',
  publicInterestOrganisation: '社会公益组织',
  legalServiceProvider: '法律服务机构',
  otherOrganisation: '法人或其他组织—其他',
  total: '总计',
};

function rowDisplay(def: Table3Definition, key: string): string {
  const row = def.rows.find((r) => r.key === key);
  if (!row) return key;
  const group = row.path.length > 1 ? row.path[row.path.length - 1] : undefined;
  return group === undefined ? row.label : `${group}${row.label}`;
}

function isNonNegativeInteger(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Rule "all cells are non-negative integers" for table 三; returns the keys of rows with bad cells. */
function checkTable3Cells(values: Table3Values, def: Table3Definition, out: Finding[]): Set<string> {
  const bad = new Set<string>();
  for (const row of def.rows) {
    const cells = values[row.key];
    if (!cells) continue;
    for (const col of TABLE3_COLUMN_KEYS) {
      const v = cells[col];
      if (!isNonNegativeInteger(v)) {
        bad.add(row.key);
        out.push(
          finding(
            'invalid-number',
            'error',
            `表三“${rowDisplay(def, row.key)}”行“${COLUMN_DISPLAY[col]}”列的数值应为非负整数，实为“${String(v)}”。`,
            String(v),
            {
              table: 'table3',
              row: row.key,
              column: col,
            },
          ),
        );
      }
    }
  }
  return bad;
}

/** Rules 17, 18 and 19 over whichever rows are present. */
export function checkTable3(values: Table3Values, def: Table3Definition): Finding[] {
  const out: Finding[] = [];
  const bad = checkTable3Cells(values, def, out);
  const present = (key: string): Readonly<Table3Row> | undefined => (bad.has(key) ? undefined : values[key]);

  // Rule 17: in every row, 总计 = the six applicant kinds.
  for (const row of def.rows) {
    const cells = present(row.key);
    if (!cells) continue;
    const parts = PART_COLUMNS.map((c) => cells[c]);
    const s = sum(parts);
    if (s !== cells.total) {
      out.push(
        finding(
          'table-identity',
          'error',
          `表三“${rowDisplay(def, row.key)}”行：总计为${cells.total}，但自然人与各类法人或其他组织之和为${s}（RULES 规则17：每行总计应等于各类申请人之和）。`,
          `${cells.total} ≠ ${parts.join('+')} = ${s}`,
          { table: 'table3', row: row.key, column: 'total' },
        ),
      );
    }
  }

  const byRole = (role: string) => def.rows.filter((r) => r.role === role).map((r) => r.key);
  const [received] = byRole('received');
  const [carriedOver] = byRole('carriedOver');
  const [total] = byRole('total');
  const [carriedForward] = byRole('carriedForward');
  const resultKeys = byRole('result');
  const r = received === undefined ? undefined : present(received);
  const c = carriedOver === undefined ? undefined : present(carriedOver);
  const t = total === undefined ? undefined : present(total);
  const f = carriedForward === undefined ? undefined : present(carriedForward);

  // Rule 18: in every column, 一 + 二 = （七）总计 + 四.
  if (r && c && t && f) {
    for (const col of TABLE3_COLUMN_KEYS) {
      const left = r[col] + c[col];
      const right = t[col] + f[col];
      if (left !== right) {
        out.push(
          finding(
            'table-identity',
            'error',
            `表三“${COLUMN_DISPLAY[col]}”列：本年新收与上年结转之和为${left}，不等于（七）总计与结转下年度继续办理之和${right}（RULES 规则18：第一项加第二项之和，等于第三项加第四项之和）。`,
            `${r[col]}+${c[col]} = ${left} ≠ ${t[col]}+${f[col]} = ${right}`,
            { table: 'table3', column: col },
          ),
        );
      }
    }
  }

  // Rule 19: in every column, （七）总计 = Σ of the result rows.
  const results = resultKeys.map((k) => present(k));
  if (t && results.every((x) => x !== undefined)) {
    for (const col of TABLE3_COLUMN_KEYS) {
      const parts = results.map((x) => (x === undefined ? 0 : x[col]));
      const s = sum(parts);
      if (s !== t[col]) {
        out.push(
          finding(
            'table-identity',
            'error',
            `表三“${COLUMN_DISPLAY[col]}”列：（七）总计为${t[col]}，但（一）至（六）各项办理结果之和为${s}（RULES 规则19）。`,
            `${t[col]} ≠ ${parts.join('+')} = ${s}`,
            { table: 'table3', row: 'total', column: col },
          ),
        );
      }
    }
  }
  return out;
}

/** Rule 21 and non-negative integers for table 四. */
export function checkTable4(values: Readonly<Partial<Table4Data>>): Finding[] {
  const out: Finding[] = [];
  for (const group of TABLE4_GROUP_KEYS) {
    const g = values[group];
    if (!g) continue;
    const badCells = TABLE4_OUTCOME_KEYS.filter((o) => !isNonNegativeInteger(g[o]));
    for (const o of badCells) {
      out.push(
        finding(
          'invalid-number',
          'error',
          `表四“${TABLE4_GROUP_LABELS[group]}”的数值应为非负整数，实为“${String(g[o])}”。`,
          String(g[o]),
          {
            table: 'table4',
            column: `${group}.${o}`,
          },
        ),
      );
    }
    if (badCells.length > 0) continue;
    const s = g.upheld + g.corrected + g.other + g.pending;
    if (s !== g.total) {
      out.push(
        finding(
          'table-identity',
          'error',
          `表四“${TABLE4_GROUP_LABELS[group]}”：总计为${g.total}，但结果维持、结果纠正、其他结果、尚未审结之和为${s}（RULES 规则21）。`,
          `${g.total} ≠ ${g.upheld}+${g.corrected}+${g.other}+${g.pending} = ${s}`,
          { table: 'table4', column: `${group}.total` },
        ),
      );
    }
  }
  return out;
}

/** Rule 22: 二、上年结转 of year N should equal 四、结转下年度继续办理 of year N−1 (a warning). */
export function checkCarryOver(
  carriedOver: Readonly<Table3Row>,
  previousCarriedForward: Readonly<Table3Row>,
): Finding[] {
  const out: Finding[] = [];
  for (const col of TABLE3_COLUMN_KEYS) {
    if (carriedOver[col] !== previousCarriedForward[col]) {
      out.push(
        finding(
          'carry-over-mismatch',
          'warning',
          `表三“二、上年结转政府信息公开申请数量”的“${COLUMN_DISPLAY[col]}”为${carriedOver[col]}，与上一年度报告“四、结转下年度继续办理”的${previousCarriedForward[col]}不一致（RULES 规则22）。`,
          `${carriedOver[col]} ≠ ${previousCarriedForward[col]}`,
          { table: 'table3', row: 'carriedOver', column: col },
        ),
      );
    }
  }
  return out;
}

export type Table2Values = Readonly<Partial<Record<string, Readonly<Partial<Record<string, number>>>>>>;

/** Table 二 has no identity (RULES.md §3.2): only the value type of every cell is checked. */
export function checkTable2Cells(values: Table2Values, def: Table2Definition): Finding[] {
  const out: Finding[] = [];
  for (const sub of def.subTables) {
    for (const row of sub.rows) {
      const cells = values[row.key];
      if (!cells) continue;
      for (const col of sub.columns) {
        const v = cells[col.key];
        if (v === undefined) continue;
        const ok =
          col.valueType === 'integer'
            ? isNonNegativeInteger(v)
            : col.valueType === 'signedInteger'
              ? Number.isInteger(v)
              : Number.isFinite(v) && v >= 0;
        if (!ok) {
          const expected =
            col.valueType === 'decimal' ? '非负数' : col.valueType === 'signedInteger' ? '整数' : '非负整数';
          out.push(
            finding(
              'invalid-number',
              'error',
              `表二“${row.label}”的“${col.label}”应为${expected}，实为“${String(v)}”。`,
              String(v),
              {
                table: 'table2',
                row: row.key,
                column: col.key,
              },
            ),
          );
        }
      }
    }
  }
  return out;
}
