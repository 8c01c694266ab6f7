// Outputs of a legacy2008 report (HTML, JSON, DOCX, PDF). The nine-part narrative has no tables,
// so there is no XLSX: the command line refuses it with a message.
import type { Paragraph as DocxParagraph } from 'docx';
import { createRequire } from 'node:module';
import { renderToString } from 'preact-render-to-string';
import { paragraphs } from './annual-report.document.tsx';
import { findCjkFont } from './exports/pdf.ts';
import { legacyTitle, type Legacy2008ReportData } from './annual-report.legacy.ts';

export const LEGACY_XLSX_REFUSED =
  '旧版九部分结构（legacy2008）的年度报告全部是文字，没有统计表，不能导出为 XLSX；请改用 .html、.docx、.pdf 或 .json。';

/** The report body as semantic HTML (headings and paragraphs). */
export function LegacyReportDocument({ data, headingLevel = 2 }: { data: Legacy2008ReportData; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <article class="annual-report legacy-report">
      {data.opening ? <p>{data.opening}</p> : <p class="flash">{data.openingProblem}</p>}
      {data.sections.map((s) => (
        <section key={s.key} aria-labelledby={`legacy-${s.key}`}>
          <H id={`legacy-${s.key}`}>{s.heading}</H>
          {paragraphs(s.text).length ? paragraphs(s.text).map((p) => <p>{p}</p>) : <p>（尚未填写）</p>}
        </section>
      ))}
    </article>
  );
}

const CSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;max-width:60rem;margin:2rem auto;line-height:1.8;color:#111}
p{text-indent:2em}@media print{@page{size:A4;margin:18mm 15mm}body{margin:0;font-size:11pt}}`;

export function legacyHtml(data: Legacy2008ReportData): Buffer {
  const title = legacyTitle(data);
  const body = renderToString(
    <main>
      <h1>{title}</h1>
      <LegacyReportDocument data={data} />
    </main>,
  );
  return Buffer.from(
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${CSS}</style></head><body>${body}</body></html>\n`,
  );
}

/** Stable JSON: the sections' text and the numbers they were written from. */
export function legacyJson(data: Legacy2008ReportData, extra: { slug: string; state: string }): Buffer {
  const doc = {
    schema: 'gongkai.annualReport.legacy2008/1',
    format: data.format,
    agency: { ...data.agency, slug: extra.slug },
    year: data.year,
    state: extra.state,
    contact: data.contact,
    opening: data.opening,
    sections: data.sections,
    figures: data.figures,
  };
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
}

export async function legacyDocx(data: Legacy2008ReportData): Promise<Buffer> {
  // Loaded on first use: docx is a large library that most processes never need (startup time).
  const { bodyParagraph, headingParagraph, reportDocx, titleParagraph } = await import('./exports/docx.ts');
  const body: DocxParagraph[] = [
    titleParagraph(legacyTitle(data)),
    bodyParagraph(data.opening || data.openingProblem || ''),
  ];
  for (const s of data.sections) {
    body.push(headingParagraph(s.heading));
    for (const p of paragraphs(s.text)) body.push(bodyParagraph(p));
  }
  return reportDocx(legacyTitle(data), body);
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

export async function legacyPdf(data: Legacy2008ReportData, fontFile = findCjkFont()): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as PdfMake;
  const face: [string, string] = [fontFile, 'NotoSansCJKsc-Regular'];
  pdfmake.setFonts({ NotoSansCJK: { normal: face, bold: face, italics: face, bolditalics: face } });
  pdfmake.setLocalAccessPolicy((p) => p === fontFile);
  pdfmake.setUrlAccessPolicy(() => false);
  const content: unknown[] = [
    { text: legacyTitle(data), fontSize: 16, alignment: 'center', margin: [0, 0, 0, 12] },
    { text: data.opening || data.openingProblem || '', margin: [0, 0, 0, 8] },
  ];
  for (const s of data.sections) {
    content.push({ text: s.heading, fontSize: 12, margin: [0, 8, 0, 4] });
    for (const p of paragraphs(s.text)) content.push({ text: p, margin: [0, 0, 0, 4] });
  }
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    content,
    defaultStyle: { font: 'NotoSansCJK', fontSize: 10.5, lineHeight: 1.3 },
    info: { title: legacyTitle(data), creator: 'Gongkai' },
  });
  return doc.getBuffer();
}
