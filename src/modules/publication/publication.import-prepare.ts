// The pure per-row work of a bulk import (publication.bulk-import.ts), done on worker threads
// (platform/thread-pool.ts) for batch N+1 while the main thread writes batch N, or in the main
// thread where there is no pool: the row's checks (checkRow), its import key, the columns to
// store (contentColumns: the body through the HTML allow-list), the personal-data detectors, and
// what the publication-event listeners prepare ahead (search.prepare.ts: the re-check text and
// the index tokens without the 索引号). Nothing here reads the database or writes: the main
// thread alone writes, in batch order.
import { createHash } from 'node:crypto';
import type { Engine } from '../../db/database.ts';
import type { KnownPublicData } from '../../platform/privacy/personal-data.ts';
import type { PublicationText } from '../../platform/publication-events.ts';
import type { CategoryRow } from '../catalog/index.ts';
import { contentColumns } from './publication.content.ts';
import type { CheckedInput } from './publication.input.ts';
import { textFieldFindings, type Located, type TextFieldSource } from './privacy-guard.ts';
import type { NumberedRow, TransferRow } from './publication.transfer-file.ts';
import { categoryResolver, checkRow, type RowProblem } from './publication.transfer.ts';

/** The import key of a row known by its 索引号 (importKeyOf). */
export const INDEX_KEY = '索引号:';

/**
 * The identity of a row of an imported file, stored as publications.import_key (unique per
 * agency): the file's 导入标识 (importKey) column as written when it has one; else `索引号:` and
 * its 索引号; else `#` and a hash of 标题 + 文号 + 成文日期 — two rows that agree on all three are
 * taken for the same publication. An export writes the stored key into 导入标识, so that
 * importing the export again finds every row already in.
 */
export function importKeyOf(v: TransferRow): string {
  const explicit = (v.importKey ?? '').trim();
  if (explicit) return explicit.slice(0, 200);
  const index = (v.indexNumber ?? '').trim();
  if (index) return `${INDEX_KEY}${index}`;
  const h = createHash('sha256')
    .update(`${(v.title ?? '').trim()}\u0000${(v.documentNumber ?? '').trim()}\u0000${(v.formedOn ?? '').trim()}`)
    .digest('hex');
  return `#${h.slice(0, 32)}`;
}

/** What every row of an import is checked and prepared against (sent once to each worker). */
export interface PrepareContext {
  /** The agency's active categories (categoryResolver). */
  categories: CategoryRow[];
  known: KnownPublicData;
  /** 'YYYY-MM-DD' in Shanghai: 发布日期 may not be later. */
  today: string;
  engine: Engine;
  /** The listeners' `prepare` modules (platform/publication-events.ts), in the order given. */
  preparers: string[];
}

/** A row that passed the checks, ready to be written (but for its due date and 索引号). */
export interface PreparedRow {
  row: number;
  key: string;
  formedOn: string;
  /** The 索引号 given in the file ('' when the release allocates one). */
  indexNumber: string;
  /** The 发布日期 given in the file ('' for the day of the import). */
  publishedOn: string;
  links: Pick<CheckedInput, 'categoryIds' | 'channels'>;
  /** Absent when the row was only checked (its key was in already when the batch was sent). */
  full?: {
    cols: ReturnType<typeof contentColumns>;
    findings: Array<[TextFieldSource, Located[]]>;
    /** For each of PrepareContext.preparers, what its `prepare` gave. */
    prepared: unknown[];
  };
}

export type PreparedResult = PreparedRow | { row: number; problems: RowProblem[] };

/** A row sent to a worker, and whether only its checks are wanted (its key is in already). */
export interface RowToPrepare {
  row: NumberedRow;
  checkOnly: boolean;
}

type Prepare = (text: PublicationText, engine: Engine) => unknown;

/** The preparation of one row, given the listeners' `prepare` functions (none: the main thread). */
export function rowPreparer(c: PrepareContext, prepares: readonly Prepare[]) {
  const resolve = categoryResolver(c.categories);
  return (r: NumberedRow, checkOnly = false): PreparedResult => {
    if (r.problem) return { row: r.row, problems: [{ row: r.row, column: '', message: r.problem }] };
    const checked = checkRow(r, resolve, c.today);
    if (Array.isArray(checked)) return { row: r.row, problems: checked };
    const base = {
      row: r.row,
      key: importKeyOf(r.values),
      formedOn: checked.checked.formedOn,
      indexNumber: checked.indexNumber,
      publishedOn: checked.publishedOn,
      links: { categoryIds: checked.checked.categoryIds, channels: checked.checked.channels },
    };
    if (checkOnly) return base;
    const cols = contentColumns(checked.checked);
    return {
      ...base,
      full: {
        cols,
        findings: textFieldFindings(cols, c.known),
        prepared: prepares.map((p) => p(cols, c.engine)),
      },
    };
  };
}

/**
 * A worker's task (platform/thread-pool.ts): loads the listeners' `prepare` modules, then
 * prepares each row it is sent. A row whose preparation throws fails its batch, its row number
 * in the message.
 */
export async function createTask(c: PrepareContext, load: (url: string) => Promise<Record<string, unknown>>) {
  const prepares = await Promise.all(c.preparers.map(async (url) => (await load(url)).prepare as Prepare));
  const prepare = rowPreparer(c, prepares);
  return ({ row, checkOnly }: RowToPrepare): PreparedResult => {
    try {
      return prepare(row, checkOnly);
    } catch (err) {
      throw new Error(`第 ${row.row} 行：${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };
}
