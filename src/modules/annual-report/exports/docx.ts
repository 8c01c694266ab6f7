// DOCX output (docx@9): the whole report — title, the system-written opening paragraph, the six
// sections — with tables 二/三/四 whose header cells are merged like the official layout, and the
// page's ※ marks with their source notes. Its title,
// heading and body paragraphs and its A4 page are the legacy2008 report's too (legacy-output).
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  formatAmount,
  openingParagraph,
  paragraphs,
  SOURCE_NOTES_INTRO,
  sourceNotes,
  type DocumentCells,
} from '../annual-report.document.tsx';
import { NATIONAL_2021_FORMAT, type NarrativeSectionKey } from '../format/national2021.ts';
import type { National2021ReportData } from '../report-data.ts';
import type { FeesResult } from '../queries/fees.query.ts';
import { reportGrids, rowsOf, type ReportGrid } from './grid.ts';

const FONT = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

function text(t: string, bold = false, size = 21): TextRun {
  return new TextRun({ text: t, bold, size, font: FONT });
}

/** The ※ after a figure not counted from records, raised as on the page. */
function mark(size: number): TextRun {
  return new TextRun({ text: '※', superScript: true, size, font: FONT });
}

/** The report's title line. */
export function titleParagraph(t: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [text(t, true, 32)] });
}

/** A section heading (一、总体情况 …). */
export function headingParagraph(t: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(t, true, 24)] });
}

/** A paragraph of the report's text, its first line indented by two characters. */
export function bodyParagraph(t: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 420 }, children: [text(t)] });
}

/** The report's DOCX: one A4 portrait section with the report's margins. */
export function reportDocx(title: string, body: readonly (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Gongkai',
    title,
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1080, right: 1080 },
          },
        },
        children: [...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function gridTable(grid: ReportGrid): Table {
  const size = grid.key === 'table3' ? 16 : 18;
  const rows = rowsOf(grid).map(
    (items) =>
      new TableRow({
        tableHeader: false,
        children: items.map(
          (it) =>
            new TableCell({
              children: [
                new Paragraph({
                  alignment: it.header && it.column === 0 ? AlignmentType.LEFT : AlignmentType.CENTER,
                  children: [text(it.text, it.header && it.row < 2, size), ...(it.mark ? [mark(size)] : [])],
                }),
              ],
              ...(it.colSpan > 1 ? { columnSpan: it.colSpan } : {}),
              ...(it.rowSpan > 1 ? { rowSpan: it.rowSpan } : {}),
              verticalAlign: VerticalAlign.CENTER,
            }),
        ),
      }),
  );
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

export async function buildDocx(
  data: National2021ReportData,
  fees: FeesResult,
  publishedWhere: string,
  cells?: DocumentCells,
): Promise<Buffer> {
  const grids = Object.fromEntries(reportGrids(data, cells).map((g) => [g.key, g]));
  const title = `${data.agency.name}${data.year}年政府信息公开工作年度报告`;
  const body: (Paragraph | Table)[] = [titleParagraph(title), bodyParagraph(openingParagraph(data, publishedWhere))];
  for (const s of NATIONAL_2021_FORMAT.sections) {
    body.push(headingParagraph(s.heading));
    if (s.content === 'narrative') {
      for (const p of paragraphs(data.narratives[s.key as NarrativeSectionKey])) body.push(bodyParagraph(p));
      if (s.key === 'other')
        body.push(
          bodyParagraph(
            `本年度收取政府信息公开信息处理费${formatAmount(fees.informationProcessing)}元（${fees.paidCount}件申请缴费）。`,
          ),
        );
    } else {
      const grid = grids[s.content];
      if (grid) body.push(gridTable(grid), new Paragraph({ children: [] }));
    }
  }
  // The source notes of the ※ figures, after the sections as on the page (ReportDocument).
  const notes = sourceNotes(cells);
  if (notes.length) body.push(bodyParagraph(SOURCE_NOTES_INTRO), ...notes.map((n) => bodyParagraph(n)));
  return reportDocx(title, body);
}
