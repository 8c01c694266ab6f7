// What a bulk import leaves in search_fts, and how it is tidied before a user's write meets it
// (issue #16 point 3). During an import search_fts merges 64 segments of a level at once
// (search-index.sqlite.ts, bulk()), so level 0 may hold up to 63 segments of ~1,000 documents
// each. With FTS5's defaults back (automerge 4, crisismerge 16) the next write of any connection
// that adds a segment to such a level 0 merges the whole level inside its own transaction (its
// 'crisis merge': 6–16 s for 63 segments of the bench corpus) — a clerk's release. So an import
// that stops early merges level 0 itself before it returns, and a process that starts finds the
// settings of an import killed with -9 and does the same (settleInterruptedImport).
import { sql } from 'kysely';
import type { Executor } from '../../platform/transaction.ts';

/** One level of an FTS5 index's structure: its segments (ids and leaf pages) and the merge under way. */
export interface FtsLevel {
  /** Input segments of an incremental merge under way (0: none). */
  merging: number;
  segments: { id: number; leaves: number }[];
}

/** FTS5's 'usermerge' default: the fewest segments of a level its 'merge' command merges. */
const USERMERGE = 4;

/** Pages a 'merge' step writes at most (one statement, its own transaction). */
export const MERGE_PAGES = 2000;

/** SQLite's varint (as FTS5 writes it): 7 bits a byte, high bit set when another byte follows; the 9th byte whole. */
function varint(b: Uint8Array, at: number): [value: number, next: number] {
  let v = 0;
  for (let k = 0; k < 8; k += 1) {
    const c = b[at + k] as number;
    v = v * 128 + (c & 0x7f);
    if (!(c & 0x80)) return [v, at + k + 1];
  }
  return [v * 256 + (b[at + 8] as number), at + 9];
}

/**
 * The levels of an FTS5 index from its structure record (the `%_data` row with id 10; SQLite's
 * fts5StructureDecode): a 4-byte cookie, the optional version-2 marker FF 00 00 01, the number of
 * levels, of segments and the write counter, then for each level the inputs of its merge under way
 * and its segments (id, first and last leaf page; version 2 adds five numbers a segment).
 */
export function decodeStructure(record: Uint8Array): FtsLevel[] {
  let at = 4;
  const v2 = record[4] === 0xff && record[5] === 0 && record[6] === 0 && record[7] === 1;
  if (v2) at += 4;
  const [nLevel, afterLevels] = varint(record, at);
  at = afterLevels;
  [, at] = varint(record, at); // segments in all
  [, at] = varint(record, at); // write counter
  const levels: FtsLevel[] = [];
  for (let l = 0; l < nLevel; l += 1) {
    let merging: number, n: number;
    [merging, at] = varint(record, at);
    [n, at] = varint(record, at);
    const segments: FtsLevel['segments'] = [];
    for (let s = 0; s < n; s += 1) {
      let id: number, first: number, last: number;
      [id, at] = varint(record, at);
      [first, at] = varint(record, at);
      [last, at] = varint(record, at);
      if (v2) for (let k = 0; k < 5; k += 1) [, at] = varint(record, at);
      segments.push({ id, leaves: last - first + 1 });
    }
    levels.push({ merging, segments });
  }
  return levels;
}

/** The levels of search_fts now. */
export async function ftsLevels(executor: Executor): Promise<FtsLevel[]> {
  const { rows } = await sql<{ block: Uint8Array }>`SELECT block FROM search_fts_data WHERE id = 10`.execute(executor);
  return rows[0] ? decodeStructure(rows[0].block) : [];
}

/**
 * The level FTS5's 'merge' command works on next (fts5IndexMerge with 'usermerge' 4): the first
 * level with a merge under way, unless a level below it has more segments; else the level with
 * the most segments (the lowest of equals) if it has at least 4; -1 when there is none.
 */
export function levelMergedNext(levels: readonly FtsLevel[]): number {
  let best = 0;
  let nBest = 0;
  for (let l = 0; l < levels.length; l += 1) {
    const level = levels[l] as FtsLevel;
    if (level.merging) {
      if (level.merging > nBest) {
        best = l;
        nBest = USERMERGE;
      }
      break;
    }
    if (level.segments.length > nBest) {
      nBest = level.segments.length;
      best = l;
    }
  }
  return nBest < USERMERGE ? -1 : best;
}

/**
 * Merges level 0 of search_fts into one segment of level 1, in 'merge' steps of MERGE_PAGES pages
 * (each its own transaction), and no more: at most level 0's own leaf pages and one step besides
 * are written (the output of a merge is no larger than its inputs; what is left of the last step
 * goes on to the next level's merge, as FTS5's own merges would in later writes). Does nothing
 * when level 0 has fewer than 4 segments, or when the 'merge' command would work on another level
 * first (one with more segments than level 0, left only by stopped imports of well over a
 * million rows that were never run to their end). Returns the levels as they were before.
 */
export async function mergeLevelZero(executor: Executor): Promise<FtsLevel[]> {
  const before = await ftsLevels(executor);
  if (levelMergedNext(before) !== 0) return before;
  let budget = (before[0] as FtsLevel).segments.reduce((n, s) => n + s.leaves, 0) + MERGE_PAGES;
  for (let levels = before; levelMergedNext(levels) === 0 && budget > 0; levels = await ftsLevels(executor)) {
    const pages = Math.min(MERGE_PAGES, budget);
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ${sql.lit(pages)})`.execute(executor);
    budget -= pages;
  }
  return before;
}
