// PDF output (pdfmake 0.3) with the Noto CJK fonts of Debian's fonts-noto-cjk. The fonts come as a
// .ttc collection: pdfmake (through pdfkit) opens it with the face's PostScript name. Where the
// fonts are missing, a clear Chinese message names the package to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
import { reportGrids, type ReportGrid } from './grid.ts';
import { AppError } from '../../../platform/errors.ts';

/** A 400 (catalogue: badRequest) naming the package to install. */
export class MissingFontError extends AppError {
  constructor() {
    super(
      'badRequest',
      '未找到中文字体 Noto Sans CJK SC，无法生成 PDF。请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk），或设置环境变量 GK_CJK_FONT 指向 NotoSansCJK-Regular.ttc。',
    );
  }
}

const FACE = 'NotoSansCJKsc-Regular';

/** The font file: GK_CJK_FONT, else what fontconfig returns for Noto Sans CJK SC. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.GK_CJK_FONT;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new MissingFontError();
  }
  let file = '';
  try {
    file = execFileSync('fc-match', ['-f', '%{file}', 'Noto Sans CJK SC'], { encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    file = '';
  }
  if (!file || !/NotoSansCJK|NotoSerifCJK/i.test(file) || !existsSync(file)) {
    const fallback = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    if (existsSync(fallback)) return fallback;
    throw new MissingFontError();
  }
  return file;
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

function pdfTable(grid: ReportGrid) {
  const body: Record<string, unknown>[][] = Array.from({ length: grid.rowCount }, () =>
    Array.from({ length: grid.columnCount }, () => ({})),
  );
  for (const it of grid.items) {
    const row = body[it.row];
    if (!row) continue;
    row[it.column] = {
      // A figure not counted from records carries its ※ raised, as on the page.
      text: it.mark ? [it.text, { text: '※', sup: true }] : it.text,
      alignment: it.header && it.column === 0 ? 'left' : 'center',
      bold: it.header && it.row < 2,
      ...(it.rowSpan > 1 ? { rowSpan: it.rowSpan } : {}),
      ...(it.colSpan > 1 ? { colSpan: it.colSpan } : {}),
    };
  }
  const widths =
    grid.key === 'table3'
      ? [40, 40, 95, ...Array.from({ length: grid.columnCount - 3 }, () => '*')]
      : Array.from({ length: grid.columnCount }, () => '*');
  return { table: { headerRows: 0, widths, body }, fontSize: grid.key === 'table2' ? 9 : 7, margin: [0, 4, 0, 10] };
}

export async function buildPdf(
  data: National2021ReportData,
  fees: FeesResult,
  publishedWhere: string,
  cells?: DocumentCells,
  fontFile = findCjkFont(),
): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as PdfMake;
  const face: [string, string] = [fontFile, FACE];
  pdfmake.setFonts({ NotoSansCJK: { normal: face, bold: face, italics: face, bolditalics: face } });
  pdfmake.setLocalAccessPolicy((p) => p === fontFile);
  pdfmake.setUrlAccessPolicy(() => false);
  const grids = Object.fromEntries(reportGrids(data, cells).map((g) => [g.key, g]));
  const content: unknown[] = [
    {
      text: `${data.agency.name}${data.year}年政府信息公开工作年度报告`,
      fontSize: 16,
      alignment: 'center',
      margin: [0, 0, 0, 12],
    },
    { text: openingParagraph(data, publishedWhere), margin: [0, 0, 0, 8] },
  ];
  for (const s of NATIONAL_2021_FORMAT.sections) {
    content.push({ text: s.heading, fontSize: 12, margin: [0, 8, 0, 4] });
    if (s.content === 'narrative') {
      for (const p of paragraphs(data.narratives[s.key as NarrativeSectionKey]))
        content.push({ text: p, margin: [0, 0, 0, 4] });
      if (s.key === 'other')
        content.push({
          text: `本年度收取政府信息公开信息处理费${formatAmount(fees.informationProcessing)}元（${fees.paidCount}件申请缴费）。`,
        });
    } else {
      const grid = grids[s.content];
      if (grid) content.push(pdfTable(grid));
    }
  }
  // The source notes of the ※ figures, after the sections as on the page (ReportDocument).
  const notes = sourceNotes(cells);
  if (notes.length) content.push({ text: SOURCE_NOTES_INTRO, margin: [0, 8, 0, 4] }, { ul: notes });
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    content,
    defaultStyle: { font: 'NotoSansCJK', fontSize: 10.5, lineHeight: 1.3 },
    info: { title: `${data.agency.name}${data.year}年政府信息公开工作年度报告`, creator: 'Gongkai' },
  });
  return doc.getBuffer();
}
