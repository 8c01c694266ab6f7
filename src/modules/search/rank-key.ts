// The search order as one integer (issue #3: search must stop after the first hits instead of
// ranking every hit). rank_key sorts exactly like (published_at to the second, publication id):
//
//   rank_key = floor(epoch seconds of published_at) × 2^24 + (publication id mod 2^24)
//
// Monotone: a later second always wins (the id part is < 2^24); within one second the larger id
// wins. Unique for every id below 2^24 (16.7 million publications): two rows with equal keys
// would need the same second and the same id. The unique index (on SQLite the table's rowid)
// checks it anyway. The FTS5 rowid is rank_key, so that `ORDER BY rowid DESC LIMIT n` walks the
// index newest first and stops after n hits.
//
// The key needs up to 55 bits: more than a JavaScript number holds exactly. It is computed with
// BigInt, passed to SQL as a decimal string (CAST(… AS BIGINT)) and never read back into
// JavaScript; SQL compares and joins it.

export const RANK_ID_BITS = 24n;

/** The rank key of a publication as a decimal string. */
export function rankKeyOf(publishedAt: string, id: number): string {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms)) throw new Error(`rankKeyOf: not a timestamp: ${publishedAt}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`rankKeyOf: not a publication id: ${id}`);
  const seconds = BigInt(Math.floor(ms / 1000));
  return ((seconds << RANK_ID_BITS) + (BigInt(id) % (1n << RANK_ID_BITS))).toString();
}
