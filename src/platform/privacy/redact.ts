// The platform's own redacted copy of an attachment (issue #18 point 3, 生成遮盖副本): every
// personal datum the detectors find is replaced by its mask (same length: 138****0000) in
// - .docx: the text runs (<w:t>) of word/document.xml, headers and footers, a paragraph at a time,
//   so a number split over several runs is still found; the rest of the file is left as it was;
// - .xlsx: every text or number cell through exceljs (a masked number becomes text).
// Text PDFs are not offered: no maintained npm library removes text from a PDF's content streams
// (drawing a box over it leaves the text selectable), so a PDF is replaced by the uploader.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { applyMasks, detectPersonalData, type KnownPublicData } from './personal-data.ts';

const decode = (s: string) =>
  s
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/giu, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/gu, '&');
const encode = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** One WordprocessingML part with its paragraphs' personal data masked; the count of masks. */
export function redactWordXml(xml: string, known: KnownPublicData): { xml: string; masked: number } {
  let masked = 0;
  const out = xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/gu, (para) => {
    const runs: Array<{ start: number; end: number; text: string }> = [];
    let text = '';
    para.replace(/(<w:t(?:\s[^>]*)?>)([\s\S]*?)(<\/w:t>)/gu, (m, _o: string, inner: string, _c: string, at: number) => {
      const t = decode(inner);
      runs.push({ start: text.length, end: text.length + t.length, text: t });
      text += t;
      void at;
      return m;
    });
    const found = detectPersonalData(text, known);
    if (!found.length) return para;
    masked += found.length;
    const maskedText = applyMasks(text, found);
    let i = 0;
    return para.replace(
      /(<w:t(?:\s[^>]*)?>)([\s\S]*?)(<\/w:t>)/gu,
      (_m, open: string, _inner: string, close: string) => {
        const r = runs[i++]!;
        return `${open}${encode(maskedText.slice(r.start, r.end))}${close}`;
      },
    );
  });
  return { xml: out, masked };
}

/** A .docx with its personal data masked in the body, headers and footers, or null when unreadable. */
export function redactDocx(buf: Buffer, known: KnownPublicData): { file: Buffer; masked: number } | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(buf));
  } catch {
    return null;
  }
  if (!files['word/document.xml']) return null;
  let masked = 0;
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/u.test(name)) {
      const r = redactWordXml(strFromU8(data), known);
      masked += r.masked;
      out[name] = strToU8(r.xml);
    } else out[name] = data;
  }
  return { file: Buffer.from(zipSync(out, { level: 6 })), masked };
}

/** An .xlsx with the personal data of every text or number cell masked, or null when unreadable. */
export async function redactXlsx(
  buf: Buffer,
  known: KnownPublicData,
): Promise<{ file: Buffer; masked: number } | null> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  let masked = 0;
  wb.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        const rich = v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : null;
        const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : rich;
        if (text === null) return;
        const found = detectPersonalData(text, known);
        if (!found.length) return;
        masked += found.length;
        cell.value = applyMasks(text, found);
      }),
    ),
  );
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), masked };
}

/** The kinds the platform can make a redacted copy of. */
export const REDACTABLE_KINDS = ['docx', 'xlsx'] as const;
