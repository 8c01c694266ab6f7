// Files with personal data for the personal-data guard's tests (issue #18), made in the test: a
// .docx with a table of phone numbers (docx), an .xlsx with a bank card (exceljs), and a scanned
// PDF — text rendered to a PDF with the Noto CJK font (pdfmake), the page turned into a picture
// (pdftoppm), and the picture alone put into a new PDF, so that it has no text layer.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { findCjkFont } from '../../src/modules/annual-report/exports/pdf.ts';

export async function docxWithPhoneTable(rows: Array<[string, string]>): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('2025年度农机购置补贴对象名单'),
          new Table({ rows: [['姓名', '联系电话'], ...rows].map((r) => new TableRow({ children: r.map(cell) })) }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

export async function xlsxWithCells(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('补贴发放');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

async function pdf(content: unknown[]): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as PdfMake;
  const font = findCjkFont();
  const face: [string, string] | string = font.endsWith('.ttc') ? [font, 'NotoSansCJKsc-Regular'] : font;
  pdfmake.setFonts({ NotoSansCJK: { normal: face, bold: face, italics: face, bolditalics: face } });
  pdfmake.setUrlAccessPolicy(() => false);
  return Buffer.from(
    await pdfmake.createPdf({ content, defaultStyle: { font: 'NotoSansCJK', fontSize: 16 } }).getBuffer(),
  );
}

/** A PDF whose only page is a picture of `lines` (no text layer: pdftotext finds nothing). */
export async function scannedPdf(lines: string[]): Promise<Buffer> {
  const text = await pdf(lines.map((l) => ({ text: l, margin: [0, 0, 0, 12] })));
  const dir = mkdtempSync(join(tmpdir(), 'gk-scan-'));
  let png: Buffer;
  try {
    writeFileSync(join(dir, 'text.pdf'), text);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'text.pdf'), join(dir, 'page')]);
    png = readFileSync(join(dir, 'page.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return pdf([{ image: `data:image/png;base64,${png.toString('base64')}`, width: 515 }]);
}

/**
 * The .xls (Excel 97–2003) LibreOffice saves of an .xlsx, or why it cannot (soffice missing or
 * failing): the tests of .xls reading are then skipped with that reason.
 */
export function xlsFromXlsx(xlsx: Buffer): { xls: Buffer } | { skip: string } {
  if (spawnSync('soffice', ['--version'], { timeout: 30_000 }).status !== 0)
    return { skip: 'LibreOffice (soffice) 未安装（Debian: apt-get install libreoffice-calc）' };
  const dir = mkdtempSync(join(tmpdir(), 'gk-xls-test-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), xlsx);
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xls:MS Excel 97',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xlsx'),
      ],
      { timeout: 120_000 },
    );
    if (r.status !== 0) return { skip: `soffice 无法生成 .xls：${String(r.stderr).slice(0, 200)}` };
    return { xls: readFileSync(join(dir, 'out', 'in.xls')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why OCR tests cannot run here, or null. */
export function ocrMissing(): string | null {
  const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (r.error) return 'tesseract-ocr 未安装（Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim）';
  if (!`${r.stdout}${r.stderr}`.includes('chi_sim')) return 'tesseract-ocr-chi-sim 未安装';
  if (spawnSync('pdftoppm', ['-v']).error) return 'poppler-utils (pdftoppm) 未安装';
  return null;
}
