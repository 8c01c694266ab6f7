// `npx gongkai search reindex`: fills in the text of PDF attachments that have none yet (through
// pdftotext, when installed) and rebuilds the whole index from the publication tables.
import type { Db } from '../../platform/transaction.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { extractPdfText, pdfTextAvailable } from '../../platform/storage/pdf-text.ts';
import { reindexAll } from './search.sync.ts';

export interface ReindexReport {
  documents: number;
  pdfTextsAdded: number;
  pdfToolMissing: boolean;
}

export async function reindex(
  db: Db,
  dataDir: string,
  progress: (done: number, total: number) => void,
): Promise<ReindexReport> {
  let pdfTextsAdded = 0;
  const pdfToolMissing = !pdfTextAvailable();
  if (!pdfToolMissing) {
    const store = fileStore(dataDir);
    const pdfs = await db
      .selectFrom('attachments')
      .select(['id', 'sha256'])
      .where('mime', '=', 'application/pdf')
      .where('extractedText', '=', '')
      .execute();
    for (const a of pdfs) {
      const data = await store.get(a.sha256);
      const text = data ? extractPdfText(data) : '';
      if (!text) continue;
      await db.updateTable('attachments').set({ extractedText: text }).where('id', '=', a.id).execute();
      pdfTextsAdded += 1;
    }
  }
  const documents = await reindexAll(db, progress);
  return { documents, pdfTextsAdded, pdfToolMissing };
}
