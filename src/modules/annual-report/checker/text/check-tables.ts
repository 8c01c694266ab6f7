// Tables 二, 三 and 四 read back from a national-format text (tables.ts) and checked: the identities
// of RULES.md §3.3–§3.4 (rules 17–19, 21), 规章 in a town's table 二 (a warning), rows that could not be
// read (a warning); and the regions the prose-against-tables check compares (#15 point 4): 总体情况,
// and the fee statement of 六、其他需要报告的事项.

import { TOWN_KINDS } from '../../../../platform/agency-kinds.ts';
import { finding, withNumbers } from '../findings.ts';
import type { Finding } from '../findings.ts';
import { statedFee } from '../prose-fees.ts';
import type { FeeFigure } from '../prose-fees.ts';
import type { Table2Cells } from '../prose-proactive.ts';
import { checkTable3, checkTable4 } from '../table-identities.ts';
import { NATIONAL_2019_FORMAT } from '../../format/national2019.ts';
import { NATIONAL_2021_FORMAT } from '../../format/national2021.ts';
import type { AgencyKind, Table3Row, Table4Data } from '../../report-data.ts';
import type { SectionMatch } from './sections.ts';
import { readTable2, readTable3, readTable4 } from './tables.ts';

export interface TablesRead {
  findings: Finding[];
  /** Table 二 of the 2021 format as read (rows whose cells could be read), else null. */
  table2: Table2Cells | null;
  table3: Partial<Record<string, Table3Row>>;
  table4: Table4Data | null;
}

export function checkTables(
  text: string,
  sections: readonly SectionMatch[],
  format: 'national2021' | 'national2019',
  agencyKind: AgencyKind | null,
): TablesRead {
  const out: Finding[] = [];
  let table3: Partial<Record<string, Table3Row>> = {};
  let table4: Table4Data | null = null;
  let table2: Table2Cells | null = null;
  const def = format === 'national2021' ? NATIONAL_2021_FORMAT : NATIONAL_2019_FORMAT;
  const region = (key: string): [string, number] | null => {
    const s = sections.find((x) => x.key === key)?.found;
    // Tables flattened to pipe rows ("| 规章 | 2 | 0 | 2 |"): the pipes are cell borders (length kept).
    return s ? [text.slice(s.contentStart, s.contentEnd).replace(/\|/g, ' '), s.contentStart] : null;
  };
  const t2 = region('proactive');
  if (t2 && format === 'national2021') table2 = readTable2(t2[0], t2[1], def.table2);
  if (t2 && agencyKind !== null && TOWN_KINDS.has(agencyKind)) {
    const regulation = readTable2(t2[0], t2[1], def.table2).regulation;
    if (regulation && Object.values(regulation).some((v) => v !== 0)) {
      out.push(
        withNumbers(
          finding(
            'town-regulation',
            'warning',
            '乡镇、街道不具有规章制定权，表二“规章”一行却填有非零数值，请核对是否误填。',
            `规章：${Object.values(regulation).join(' / ')}`,
            { table: 'table2', row: 'regulation' },
          ),
          Object.values(regulation),
          'certain',
        ),
      );
    }
  }
  const t3 = region('requests') ?? (text.includes('本年新收') ? ([text, 0] as [string, number]) : null);
  if (t3) {
    const reading = readTable3(t3[0], t3[1], def.table3);
    table3 = reading.rows;
    const found = Object.keys(reading.rows).length;
    if (reading.missing.length > 0) {
      const labels = reading.missing.map((k) => def.table3.rows.find((r) => r.key === k)?.label ?? k);
      out.push(
        finding(
          'table-incomplete',
          'warning',
          found === 0 ? '未能从文本中读取表三的数据。' : `表三有${labels.length}行未能读取，相关勾稽关系未核对。`,
          labels.slice(0, 5).join('；'),
          { table: 'table3' },
        ),
      );
    }
    out.push(...checkTable3(reading.rows, def.table3));
  }
  const t4 = region('remedies');
  if (t4) {
    table4 = readTable4(t4[0], t4[1]);
    if (table4) out.push(...checkTable4(table4));
    else
      out.push(
        finding('table-incomplete', 'warning', '未能从文本中读取表四的15个数据。', def.table4.title, {
          table: 'table4',
        }),
      );
  }
  return { findings: out, table2, table3, table4 };
}

/** The prose the tables are compared with: 总体情况, or everything before the first table. */
export function proseRegion(norm: string, sections: readonly SectionMatch[]): { start: number; end: number } {
  const overview = sections.find((s) => s.key === 'overview')?.found;
  if (overview) return { start: 0, end: overview.contentEnd };
  const table = /第二十条第|本年新收政府信息公开申请数量|申请人情况/.exec(norm);
  return { start: 0, end: table ? table.index : norm.length };
}

/** The fee figure of a published 2021-format text: the one amount its 六、其他需要报告的事项 states. */
export function feeFigureOf(norm: string, sections: readonly SectionMatch[]): FeeFigure | null {
  const other = sections.find((s) => s.key === 'other')?.found;
  if (!other) return null;
  const amount = statedFee(norm, other.contentStart, other.contentEnd);
  return amount === null ? null : { amount, source: '第六部分“其他需要报告的事项”写明' };
}
