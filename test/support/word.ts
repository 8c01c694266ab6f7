// A Word file (.docx) of a plain-text report, written with the docx library as a person would in
// Word: each line a paragraph, tab-separated lines as rows of Word tables (the checker's tests).
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';

export async function wordOf(text: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [];
  const flush = () => {
    if (rows.length) children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      rows.push(
        new TableRow({ children: line.split('\t').map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
      );
      continue;
    }
    flush();
    children.push(new Paragraph(line));
  }
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
