// Rows of a generated publications import file (`gongkai import publications`), shared by the
// bulk-import tests: every column present, blank where the test does not care.
import type { TransferColumn } from '../../src/modules/publication/publication.transfer-file.ts';
import type { Executor } from '../../src/platform/transaction.ts';

/**
 * Row i: the title and body carry `tag` and i (every title different, so a search finds one by a
 * bigram); 成文日期 cycles through five months, so rows arrive out of date order within a batch.
 */
export function importRow(
  i: number,
  tag: string,
  words: { subject: string; detail: string; numbered?: boolean },
): Record<TransferColumn, string> {
  return {
    indexNumber: '',
    title: `${tag}第${i}号${words.subject}测试公告`,
    summary: '',
    body: `<p>${tag}${words.subject}正文第${i}段，${words.detail}发放情况。</p>`,
    issuer: '永顺县人民政府',
    formedOn: `2025-0${1 + (i % 5)}-1${i % 10}`,
    publishedOn: '',
    documentNumber: words.numbered && i % 2 ? `永政发〔2025〕${i}号` : '',
    docKind: '',
    issuedOn: '',
    validity: '有效',
    effectiveOn: '',
    topic: '',
    keywords: '',
    categories: 'statutory.a20.1',
    channels: '网站',
    importKey: '',
  };
}

/** How many publications there are (of one agency when given). */
export async function countPublications(db: Executor, agencyId?: number): Promise<number> {
  let q = db.selectFrom('publications').select((eb) => eb.fn.countAll<number>().as('n'));
  if (agencyId !== undefined) q = q.where('agencyId', '=', agencyId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
