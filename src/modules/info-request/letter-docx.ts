// DOCX rendering of a stored letter (docx@9). Reads only LetterData, never the case, so a letter
// renders the same on every download. East-Asian font names are set explicitly (STACK.md).
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { letterAsWritten, type LetterData } from './info-request.letters.ts';

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

function run(text: string, opts: { bold?: boolean; hei?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, bold: opts.bold ?? false, font: opts.hei ? HEI : SONG, size: opts.size ?? 28 });
}

function body(text: string): Paragraph {
  return new Paragraph({ children: [run(text)], indent: { firstLine: 560 }, spacing: { line: 460 } });
}

export async function letterToDocx(stored: LetterData): Promise<Buffer> {
  const d = letterAsWritten(stored);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(d.agencyName, { hei: true, size: 32 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(d.title, { hei: true, bold: true, size: 36 })],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`申请编号：${d.reference}`, { size: 24 })] }),
    new Paragraph({ children: [run(`${d.addressee}：`)], spacing: { before: 200 } }),
    ...d.paragraphs.map(body),
  ];
  if (d.fields.length) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: d.fields.map(
          ([label, value]) =>
            new TableRow({
              children: [
                new TableCell({
                  width: { size: 30, type: WidthType.PERCENTAGE },
                  children: [new Paragraph({ children: [run(label, { size: 24 })] })],
                }),
                new TableCell({
                  width: { size: 70, type: WidthType.PERCENTAGE },
                  children: [new Paragraph({ children: [run(value, { size: 24 })] })],
                }),
              ],
            }),
        ),
      }),
    );
  }
  if (d.remedy) children.push(body(d.remedy));
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [run(d.agencyName)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(d.issuedOn)] }),
    new Paragraph({
      spacing: { before: 300 },
      children: [run(`（${d.officeName}；${d.officeContact}）`, { size: 21 })],
    }),
  );
  const doc = new Document({ creator: d.agencyName, title: d.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
