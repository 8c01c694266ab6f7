// The report as an HTML document (portal page, admin preview, `report build --out x.html`):
// semantic tables whose merged headers come from the format's layout data, the system-written
// opening paragraph (agency name, period, contact — never typed by staff) and the narratives.
// Rendering only: the numbers arrive computed (annual-report.compute.ts).
import type { ComponentChildren } from 'preact';
import {
  NATIONAL_2021_FORMAT,
  NATIONAL_2021_TABLE2,
  TABLE3_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
  type NarrativeSectionKey,
} from './format/national2021.ts';
import type { GridCell } from './format/types.ts';
import type { National2021ReportData } from './report-data.ts';
import type { CellProvenance } from './queries/types.ts';
import type { FeesResult } from './queries/fees.query.ts';

export interface DocumentCells {
  table2?: Record<string, CellProvenance>;
  table3?: Record<string, CellProvenance>;
  table4?: Record<string, CellProvenance>;
}

export interface ReportDocumentProps {
  data: National2021ReportData;
  fees: FeesResult;
  /** Where the report is published (column name on the portal). */
  publishedWhere: string;
  cells?: DocumentCells;
  /** Show drill-down links (admin console only). */
  drillDown?: boolean;
  /** Appendix of a roll-up: per-agency main figures. */
  breakdown?: readonly BreakdownRow[];
  headingLevel?: 2 | 3;
}

export interface BreakdownRow {
  agencyName: string;
  newlyReceived: number;
  carriedOver: number;
  concluded: number;
  carriedForward: number;
  normativeIssued: number;
  reconsiderations: number;
  lawsuits: number;
}

/** The opening paragraph written by the system from the agency's record. */
export function openingParagraph(data: National2021ReportData, publishedWhere: string): string {
  const c = data.contact;
  return (
    `本报告由${data.agency.name}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。` +
    `本报告所列数据的统计期限自${data.year}年1月1日起至${data.year}年12月31日止。本报告电子版可在${publishedWhere}查阅和下载。` +
    `如对本报告有疑问，请与${c.office ?? ''}联系（地址：${c.address ?? ''}；邮编：${c.postcode ?? ''}；电话：${c.phone ?? ''}；电子邮箱：${c.email ?? ''}）。`
  );
}

export function paragraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function Num({
  value,
  cell,
  drillDown,
}: {
  value: number;
  cell: CellProvenance | undefined;
  drillDown: boolean | undefined;
}) {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  const mark =
    cell && cell.source !== 'records' ? (
      <sup class="report-mark" title={cell.note}>
        ※
      </sup>
    ) : null;
  if (drillDown && cell?.source === 'records' && cell.href && value !== 0) {
    return (
      <>
        <a href={cell.href}>{text}</a>
        {mark}
      </>
    );
  }
  return (
    <>
      {text}
      {mark}
    </>
  );
}

function headerScope(c: GridCell): 'col' | 'colgroup' {
  return c.colSpan > 1 ? 'colgroup' : 'col';
}

function span(n: number): number | undefined {
  return n > 1 ? n : undefined;
}

/** One of the report's tables: the year's figures, where each came from, and whether to link the counts. */
interface TableProps {
  data: National2021ReportData;
  cells?: Record<string, CellProvenance>;
  drillDown?: boolean;
  /** The id of the section heading naming the table (its title is the heading: no caption repeats it). */
  labelledBy: string;
}

/**
 * The column headings of table 三 or 四 in the national format's rows and spans; the cell carrying
 * table 三's corner note is a plain cell, not a heading.
 */
function ColumnHead({
  def,
}: {
  def: { headerRowCount: number; headerCells: readonly GridCell[]; cornerNote?: string };
}) {
  const headerRows = Array.from({ length: def.headerRowCount }, (_, r) =>
    def.headerCells.filter((c) => c.row === r).sort((a, b) => a.column - b.column),
  );
  return (
    <thead>
      {headerRows.map((row, r) => (
        <tr key={r}>
          {row.map((c) =>
            c.label === def.cornerNote ? (
              <td key="corner" rowSpan={span(c.rowSpan)} colSpan={span(c.colSpan)} class="report-corner">
                {c.label}
              </td>
            ) : (
              <th
                key={`${c.row}-${c.column}`}
                scope={headerScope(c)}
                rowSpan={span(c.rowSpan)}
                colSpan={span(c.colSpan)}
              >
                {c.label}
              </th>
            ),
          )}
        </tr>
      ))}
    </thead>
  );
}

export function Table2({ data, cells, drillDown, labelledBy }: TableProps) {
  const def = NATIONAL_2021_FORMAT.table2;
  const width = Math.max(...def.subTables.map((s) => s.headerLabels.length));
  return (
    <table class="report-table" aria-labelledby={labelledBy}>
      {def.subTables.map((st) => (
        <tbody key={st.key}>
          <tr>
            <th scope="colgroup" colSpan={width} class="report-subcaption">
              {st.caption}
            </th>
          </tr>
          <tr>
            {st.headerLabels.map((l, i) => (
              <th
                key={l}
                scope="col"
                colSpan={i === st.headerLabels.length - 1 ? span(width - st.headerLabels.length + 1) : undefined}
              >
                {l}
              </th>
            ))}
          </tr>
          {st.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {st.columns.map((col, i) => {
                const v = (data.table2 as unknown as Record<string, Record<string, number>>)[row.key]?.[col.key] ?? 0;
                return (
                  <td
                    key={col.key}
                    colSpan={i === st.columns.length - 1 ? span(width - st.headerLabels.length + 1) : undefined}
                  >
                    <Num value={v} cell={cells?.[`${row.key}.${col.key}`]} drillDown={drillDown} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

export function Table3({ data, cells, drillDown, labelledBy }: TableProps) {
  const def = NATIONAL_2021_FORMAT.table3;
  return (
    <table class="report-table report-table3" aria-labelledby={labelledBy}>
      <ColumnHead def={def} />
      <tbody>
        {def.rows.map((row, i) => {
          const labels = def.rowLabelCells
            .filter((c) => c.row === def.headerRowCount + i)
            .sort((a, b) => a.column - b.column);
          return (
            <tr key={row.key}>
              {labels.map((c) => (
                <th
                  key={`${c.row}-${c.column}`}
                  scope={c.rowSpan > 1 ? 'rowgroup' : 'row'}
                  rowSpan={span(c.rowSpan)}
                  colSpan={span(c.colSpan)}
                >
                  {c.label}
                </th>
              ))}
              {TABLE3_COLUMN_KEYS.map((k) => (
                <td key={k}>
                  <Num
                    value={data.table3[row.key as keyof typeof data.table3][k]}
                    cell={cells?.[`${row.key}.${k}`]}
                    drillDown={drillDown}
                  />
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Table4({ data, cells, drillDown, labelledBy }: TableProps) {
  const def = NATIONAL_2021_FORMAT.table4;
  return (
    <table class="report-table" aria-labelledby={labelledBy}>
      <ColumnHead def={def} />
      <tbody>
        <tr>
          {TABLE4_GROUP_KEYS.flatMap((g) =>
            TABLE4_OUTCOME_KEYS.map((o) => (
              <td key={`${g}.${o}`}>
                <Num value={data.table4[g][o]} cell={cells?.[`${g}.${o}`]} drillDown={drillDown} />
              </td>
            )),
          )}
        </tr>
      </tbody>
    </table>
  );
}

function Wide({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Source notes of the cells not counted from records (only table 二 has such cells), each naming its
 * row and column: a bare 「执法台账」 did not say which ※ figure it explained. */
export function sourceNotes(cells: DocumentCells | undefined): string[] {
  const out: string[] = [];
  for (const sub of NATIONAL_2021_TABLE2.subTables)
    for (const row of sub.rows)
      for (const col of sub.columns) {
        const c = cells?.table2?.[`${row.key}.${col.key}`];
        if (c && c.source !== 'records') out.push(`${row.label}${col.label}：${c.note}`);
      }
  return out;
}

/** The line before the source notes, on the page and in the Word and PDF documents. */
export const SOURCE_NOTES_INTRO = '注：标有“※”的数据尚无系统记录，由工作人员填报：';

/**
 * A section heading's id: tables 二/三/四 are named by their section's heading (二、主动公开政府信息情况
 * …, which is also the table's title in the national format), not by a caption repeating it.
 */
const sectionId = (key: string) => `report-${key}`;

export function ReportDocument(p: ReportDocumentProps) {
  const { data } = p;
  const H = p.headingLevel === 3 ? 'h3' : 'h2';
  const narrative = (k: NarrativeSectionKey) => paragraphs(data.narratives[k]).map((t, i) => <p key={i}>{t}</p>);
  const notes = sourceNotes(p.cells);
  return (
    <article class="annual-report">
      <p>{openingParagraph(data, p.publishedWhere)}</p>
      {NATIONAL_2021_FORMAT.sections.map((s) => (
        <section key={s.key}>
          <H id={sectionId(s.key)}>{s.heading}</H>
          {s.content === 'narrative' ? narrative(s.key as NarrativeSectionKey) : null}
          {s.key === 'other' ? (
            <p>
              本年度收取政府信息公开信息处理费{formatAmount(p.fees.informationProcessing)}元（{p.fees.paidCount}
              件申请缴费）。
            </p>
          ) : null}
          {s.content === 'table2' ? (
            <Wide label={s.heading}>
              <Table2 data={data} cells={p.cells?.table2} drillDown={p.drillDown} labelledBy={sectionId(s.key)} />
            </Wide>
          ) : null}
          {s.content === 'table3' ? (
            <Wide label={s.heading}>
              <Table3 data={data} cells={p.cells?.table3} drillDown={p.drillDown} labelledBy={sectionId(s.key)} />
            </Wide>
          ) : null}
          {s.content === 'table4' ? (
            <Wide label={s.heading}>
              <Table4 data={data} cells={p.cells?.table4} drillDown={p.drillDown} labelledBy={sectionId(s.key)} />
            </Wide>
          ) : null}
        </section>
      ))}
      {notes.length ? (
        <aside class="report-notes" aria-label="数据来源说明">
          <p>{SOURCE_NOTES_INTRO}</p>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </aside>
      ) : null}
      {p.breakdown?.length ? <Breakdown rows={p.breakdown} /> : null}
    </article>
  );
}

export function formatAmount(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export const BREAKDOWN_COLUMNS: readonly [keyof BreakdownRow, string][] = [
  ['agencyName', '机构'],
  ['newlyReceived', '本年新收申请'],
  ['carriedOver', '上年结转'],
  ['concluded', '本年办结'],
  ['carriedForward', '结转下年度'],
  ['normativeIssued', '制发规范性文件'],
  ['reconsiderations', '行政复议'],
  ['lawsuits', '行政诉讼'],
];

export function Breakdown({ rows }: { rows: readonly BreakdownRow[] }) {
  return (
    <section>
      <h2>附表：分机构情况</h2>
      <Wide label="附表：分机构情况">
        <table class="report-table">
          <caption>汇总范围内各机构主要数据</caption>
          <thead>
            <tr>
              {BREAKDOWN_COLUMNS.map(([k, l]) => (
                <th key={k} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyName}>
                <th scope="row">{r.agencyName}</th>
                {BREAKDOWN_COLUMNS.slice(1).map(([k]) => (
                  <td key={k}>{r[k]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Wide>
    </section>
  );
}
