// `npm run bench:import-file -- --rows N --out FILE.csv|FILE.jsonl`: writes N publications of the
// bench corpus (bench/corpus.ts, ~1,500 characters each) as a transfer file for
// `gongkai import publications`, streamed (flat memory at any N). Each row carries a 导入标识
// (bench-N): titles, 文号 and dates of the generated corpus repeat, so the key made of them
// (publication.bulk-import.ts) would take different rows for one. 发布日期 is the 成文日期; the
// categories are 第二十条 items every agency has.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { toSafeCsv } from '../src/platform/spreadsheet/formula-injection.ts';
import { generatePublication, rng } from './corpus.ts';
import { numberArg, stringArg } from './support/fixtures.ts';

const rows = numberArg('rows', 200_000);
const out = stringArg('out') ?? `bench-import-${rows}.csv`;
const jsonl = extname(out).toLowerCase() === '.jsonl';
const columns = [
  'importKey',
  'title',
  'summary',
  'body',
  'issuer',
  'formedOn',
  'publishedOn',
  'documentNumber',
  'categories',
  'channels',
];

export async function writeImportFile(path: string, count: number, asJsonLines: boolean): Promise<void> {
  const r = rng(20261205);
  const file = createWriteStream(path);
  if (!asJsonLines) file.write(toSafeCsv([columns]));
  let chunk = '';
  for (let n = 0; n < count; n++) {
    const g = generatePublication(r, n);
    const values = [
      `bench-${n + 1}`,
      g.title,
      g.summary,
      g.bodyHtml,
      '永顺县人民政府',
      g.formedOn,
      g.formedOn,
      g.documentNumber,
      `statutory.a20.${1 + (n % 10)}`,
      '网站',
    ];
    chunk += asJsonLines
      ? `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, values[i]])))}\n`
      : toSafeCsv([values]).slice(1);
    if (chunk.length > 1 << 20 || n === count - 1) {
      if (!file.write(chunk)) await once(file, 'drain');
      chunk = '';
    }
  }
  await new Promise<void>((done) => file.end(done));
}

if (process.argv[1]?.endsWith('import-file.ts')) {
  await writeImportFile(out, rows, jsonl);
  console.log(`${out}: ${rows} rows`);
}
