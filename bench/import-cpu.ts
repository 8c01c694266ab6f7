// `npm run bench:import-cpu -- --file rows.csv [--rows N]`: the CPU of each pure per-row step of
// `gongkai import publications` (no database): reading the CSV, checkRow + contentColumns, the
// personal-data detectors, the search text and each engine's index tokens. Prints ms of CPU a row
// (the collector's work on a step's garbage falls partly in later steps).
import { openTransferRows } from '../src/modules/publication/publication.transfer-stream.ts';
import { checkRow } from '../src/modules/publication/publication.transfer.ts';
import { contentColumns } from '../src/modules/publication/publication.content.ts';
import { textFieldFindings } from '../src/modules/publication/privacy-guard.ts';
import { searchableText } from '../src/modules/search/text.ts';
import { documentForNormalised, indexTokensOfNormalised } from '../src/modules/search/bigram.ts';
import { gramLexemesOfNormalised } from '../src/modules/search/grams.ts';
import type { NumberedRow } from '../src/modules/publication/publication.transfer-file.ts';
import { numberArg, stringArg } from './support/fixtures.ts';

const file = stringArg('file') ?? '/tmp/bl/r5k.csv';
const limit = numberArg('rows', 5000);

function step<T>(name: string, n: number, fn: () => T): T {
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  console.log(`${name.padEnd(34)} ${(ms / n).toFixed(3)} ms a row  (${ms.toFixed(0)} ms)`);
  return out;
}

const rows: NumberedRow[] = [];
const c0 = process.cpuUsage();
for await (const r of openTransferRows(file).rows) {
  rows.push(r);
  if (rows.length >= limit) break;
}
const cr = process.cpuUsage(c0);
console.log(`${'read CSV'.padEnd(34)} ${((cr.user + cr.system) / 1000 / rows.length).toFixed(3)} ms a row`);
const n = rows.length;
const resolve = () => 1;
const checked = step('checkRow + contentColumns', n, () =>
  rows.map((r) => {
    const c = checkRow(r, resolve, '2026-12-06');
    if (Array.isArray(c)) throw new Error(JSON.stringify(c));
    return { ...contentColumns(c.checked), indexNumber: `jyj-2025-${r.row}` };
  }),
);
step('textFieldFindings', n, () => checked.map((c) => textFieldFindings(c, {})));
const texts = step('searchableText', n, () =>
  checked.map((c) => searchableText({ ...c, bodyHtml: c.body, attachmentTexts: [] })),
);
step('FTS5 documents (SQLite)', n, () =>
  texts.map((t) => [documentForNormalised(t.title), documentForNormalised(t.body)]),
);
step('vectors (PostgreSQL)', n, () =>
  texts.map((t) => {
    const title = [...new Set(indexTokensOfNormalised(t.title))];
    const tokens = [...new Set([...title, ...indexTokensOfNormalised(t.body)])];
    return [tokens.join(' '), title.join(' '), gramLexemesOfNormalised([t.title, t.body]).lexemes.join(' ')];
  }),
);
