// `npm run bench:fts-options -- --docs 20000 [--variants a,b]`: the embedded engine's FTS5 index
// built over the bench corpus (bench/corpus.ts, the rows of `bench:import-file`, the rank keys an
// import gives them: 发布日期 at 02:00 UTC) in several shapes, each alone in a fresh file: bytes
// per document (dbstat, after 'optimize') and the CPU of the inserts. The shapes differ in what
// FTS5 stores per token and document (detail), the one-character prefix index, and the rowid
// (rank_key = published second × 2^24 + id, as today, or a dense ordinal in the same order).
// --keep DIR leaves the files there (variant names as file names).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentForNormalised } from '../src/modules/search/bigram.ts';
import { rankKeyOf } from '../src/modules/search/rank-key.ts';
import { searchableText } from '../src/modules/search/text.ts';
import { generatePublication, rng } from './corpus.ts';
import { numberArg, stringArg } from './support/fixtures.ts';

const docs = numberArg('docs', 20_000);
const TOKENIZER = `tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"`;

interface Variant {
  name: string;
  options: string;
  dense: boolean;
  /** key = published second × 2^slotBits + the document's ordinal among those of its second (by id). */
  slotBits?: number;
  /** FTS5 'automerge' (default 4: segments of one level merged when there are 4). */
  automerge?: number;
}
const VARIANTS: Variant[] = [
  { name: 'full+prefix1 rank_key (today)', options: `detail=full, prefix='1'`, dense: false },
  { name: 'full rank_key', options: `detail=full`, dense: false },
  { name: 'column rank_key', options: `detail=column`, dense: false },
  { name: 'none rank_key', options: `detail=none`, dense: false },
  { name: 'full+prefix1 dense', options: `detail=full, prefix='1'`, dense: true },
  { name: 'full dense', options: `detail=full`, dense: true },
  { name: 'column dense', options: `detail=column`, dense: true },
  { name: 'none dense', options: `detail=none`, dense: true },
  { name: 'full second×2^12+slot', options: `detail=full`, dense: false, slotBits: 12 },
  { name: 'full second×2^4+slot', options: `detail=full`, dense: false, slotBits: 4 },
  { name: 'full rank_key automerge=2', options: `detail=full`, dense: false, automerge: 2 },
  { name: 'full rank_key automerge=8', options: `detail=full`, dense: false, automerge: 8 },
];
const pick = stringArg('variants');
const chosen = pick ? VARIANTS.filter((_, i) => pick.split(',').includes(String(i))) : VARIANTS;

// The documents as an import makes them, in file order.
const r = rng(20261205);
const rows: Array<{ key: bigint; title: string; body: string; text: string }> = [];
for (let n = 0; n < docs; n++) {
  const g = generatePublication(r, n);
  const t = searchableText({
    title: g.title,
    summary: g.summary,
    bodyHtml: g.bodyHtml,
    documentNumber: g.documentNumber,
    indexNumber: `43312700-${g.formedOn.slice(0, 4)}-${String(n + 1).padStart(5, '0')}`,
    attachmentTexts: [],
  });
  rows.push({
    key: BigInt(rankKeyOf(`${g.formedOn}T02:00:00.000Z`, n + 1)),
    title: documentForNormalised(t.title),
    body: documentForNormalised(t.body),
    text: t.normalised,
  });
}
const order = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const dense = new Map(order.map((d, i) => [d.key, BigInt(i + 1)]));
// The ordinal of each document among the documents of its second (rank order is id order there).
const slotOf = new Map<bigint, bigint>();
let widest = 0;
for (let i = 0, run = 0; i < order.length; i++) {
  const d = order[i] as (typeof order)[number];
  const prev = order[i - 1];
  run = prev && prev.key >> 24n === d.key >> 24n ? run + 1 : 0;
  slotOf.set(d.key, BigInt(run));
  widest = Math.max(widest, run + 1);
}
console.log(`at most ${widest} documents in one second`);
const slotted = (key: bigint, bits: number) => ((key >> 24n) << BigInt(bits)) + (slotOf.get(key) as bigint);
const textBytes = rows.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
console.log(
  `${docs} documents; re-check text ${(textBytes / docs / 1024).toFixed(2)} KB a document (UTF-8, uncompressed)`,
);

const keep = stringArg('keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'gk-fts-'));
try {
  for (const v of chosen) {
    const db = new Database(join(dir, `${v.name.replace(/\W+/g, '_')}.db`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.exec(
      `CREATE VIRTUAL TABLE f USING fts5(title, body, content='', contentless_delete=1, ${v.options}, ${TOKENIZER})`,
    );
    db.exec(`INSERT INTO f (f, rank) VALUES ('hashsize', ${32 * 1024 * 1024})`);
    if (v.automerge !== undefined) db.exec(`INSERT INTO f (f, rank) VALUES ('automerge', ${v.automerge})`);
    const insert = db.prepare('INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)');
    const cpu0 = process.cpuUsage();
    // Batches of 1,000 in file order, each sorted by rowid (as writeMany does).
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows
        .slice(i, i + 1000)
        .map((d) => ({
          id: v.dense ? (dense.get(d.key) as bigint) : v.slotBits !== undefined ? slotted(d.key, v.slotBits) : d.key,
          d,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      db.transaction(() => {
        for (const { id, d } of batch) insert.run(id, d.title, d.body);
      })();
    }
    const cpu = process.cpuUsage(cpu0);
    const unmerged = size(db);
    const opt0 = process.cpuUsage();
    db.exec(`INSERT INTO f (f) VALUES ('optimize')`);
    const opt = process.cpuUsage(opt0);
    const merged = size(db);
    console.log(
      `${v.name.padEnd(32)} insert CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${((cpu.user + cpu.system) / 1e3 / docs).toFixed(2)} ms a doc); ` +
        `${(unmerged / docs / 1024).toFixed(2)} KB a doc, ${(merged / docs / 1024).toFixed(2)} KB after optimize ` +
        `(${((opt.user + opt.system) / 1e6).toFixed(1)} s of CPU)`,
    );
    db.close();
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

function size(db: Database.Database): number {
  db.exec('VACUUM');
  const r = db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'f%'`).get() as { n: number };
  return r.n;
}
