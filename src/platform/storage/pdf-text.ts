// Text of PDF attachments for the search index, through `pdftotext` (poppler-utils) when it is
// installed; without it PDFs are simply not searchable by their content. Called by
// publication/file-type.ts when an attachment is uploaded (with the DOCX/ODT extraction there) and
// by `gongkai search reindex` for PDFs stored before pdftotext was installed. In platform/ (it
// imports nothing of the app) so that both modules use it and publication does not import search.
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

export function pdfTextAvailable(): boolean {
  if (available === undefined) available = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
  return available;
}

/** The text of a PDF ('' when pdftotext is missing, fails, or the PDF has no text layer). */
export function extractPdfText(pdf: Buffer, maxChars = 200_000): string {
  if (!pdfTextAvailable()) return '';
  const r = spawnSync('pdftotext', ['-q', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (r.status !== 0 || !r.stdout) return '';
  return r.stdout
    .toString('utf8')
    .replace(/\f/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, maxChars);
}
