// The personal-data guard's text scan over many published items (issue #18 point 5), and OCR per
// page. Run: `npm run bench:privacy-scan -- --items 200000 [--planted-every 100] [--ocr-pages 5]`.
//
// 1. Text scan: the generated corpus of the catalogue benchmark (bench/corpus.ts, ~1,500 characters
//    of body each), every Nth item with a resident ID number (valid check character), a mobile
//    number and a name planted in its body as a 低保 list is typed. Each item goes through what the
//    retroactive scan does to a publication's text fields (privacy-guard.ts scanTextFields →
//    findInSegments): the body's visible text (htmlText), then detectPersonalData and applyMasks on
//    the title, the summary and the body, with the agency's own office phone as known public data.
//    Items are generated in chunks outside the timed part; only the scan is timed. Recall: every
//    planted ID number and mobile found; and the count of clean items with any finding.
// 2. OCR: `--ocr-pages` scanned pages (text rendered to a picture, the picture alone in a PDF, as
//    the route tests make them), read by tesseract (chi_sim) through ocrSegments, seconds per page.
//
// The database part of the retroactive scan (reading items, storing findings) is not in this
// figure. A benchmark, never a timed test.
import { performance } from 'node:perf_hooks';
import { htmlText } from '../src/platform/privacy/html-text.ts';
import { applyMasks, detectPersonalData, type KnownPublicData } from '../src/platform/privacy/personal-data.ts';
import { residentIdCheckCharacter } from '../src/platform/privacy/detectors.ts';
import { ocrSegments, ocrUnavailableReason, pdfPages } from '../src/platform/privacy/extract.ts';
import { generatePublication, rng, type GeneratedPublication } from './corpus.ts';
import { numberArg, progressBar } from './support/fixtures.ts';
import { scannedPdf } from '../test/support/privacy-files.ts';

const ITEMS = numberArg('items', 200_000);
const EVERY = numberArg('planted-every', 100);
const OCR_PAGES = numberArg('ocr-pages', 5, 0);
const CHUNK = 10_000;
// The agencies' own contact data, as knownPublicData() reads it from their profiles: the corpus
// prints the county civil affairs bureau's office phone in its 公示 sentences.
const KNOWN: KnownPublicData = { phones: ['0743-5221234', '0743-4722315'], emails: ['ysxzf@example.gov.cn'] };

interface Item extends GeneratedPublication {
  planted?: { id: string; mobile: string };
}

function planted(n: number): { id: string; mobile: string } {
  const first17 = `433127${1950 + (n % 50)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return { id: first17 + residentIdCheckCharacter(first17), mobile: `139${String(n % 100_000_000).padStart(8, '0')}` };
}

function makeChunk(r: () => number, from: number, count: number): Item[] {
  const out: Item[] = [];
  for (let n = from; n < from + count; n += 1) {
    const p: Item = generatePublication(r, n);
    if (n % EVERY === 0) {
      p.planted = planted(n);
      p.bodyHtml += `<p>享受对象：张某某，身份证号${p.planted.id}，联系电话${p.planted.mobile}。</p>`;
    }
    out.push(p);
  }
  return out;
}

/** What the retroactive scan does to one item's text fields, in memory. */
function scanItem(p: Item): { kinds: Set<string>; texts: Set<string>; count: number } {
  const kinds = new Set<string>();
  const texts = new Set<string>();
  let count = 0;
  for (const text of [p.title, p.summary, htmlText(p.bodyHtml).text]) {
    const found = detectPersonalData(text, KNOWN);
    applyMasks(text, found);
    for (const f of found) {
      kinds.add(f.kind);
      texts.add(f.text.replace(/\D/gu, ''));
      count += 1;
    }
  }
  return { kinds, texts, count };
}

async function textScan(): Promise<void> {
  const r = rng(18);
  const bar = progressBar(Date.now(), 12);
  let scanMs = 0;
  let plantedItems = 0;
  let plantedFound = 0;
  let cleanFlagged = 0;
  const flaggedExamples: string[] = [];
  for (let from = 0; from < ITEMS; from += CHUNK) {
    const chunk = makeChunk(r, from, Math.min(CHUNK, ITEMS - from));
    const t0 = performance.now();
    const results = chunk.map(scanItem);
    scanMs += performance.now() - t0;
    chunk.forEach((p, i) => {
      const res = results[i] as ReturnType<typeof scanItem>;
      if (p.planted) {
        plantedItems += 1;
        if (res.texts.has(p.planted.id.replace(/\D/gu, '')) && res.texts.has(p.planted.mobile)) plantedFound += 1;
      } else if (res.count > 0) {
        cleanFlagged += 1;
        if (flaggedExamples.length < 5) flaggedExamples.push(`${p.title}: ${[...res.kinds].join(',')}`);
      }
    });
    bar('text scan', Math.min(from + CHUNK, ITEMS), ITEMS);
  }
  process.stderr.write('\n');
  console.log(`text scan: ${ITEMS} items (~1,500 characters of body each), scan only ${(scanMs / 1000).toFixed(1)} s`);
  console.log(`  ${Math.round(ITEMS / (scanMs / 1000))} items/s, ${(scanMs / ITEMS).toFixed(3)} ms per item`);
  console.log(
    `  planted items ${plantedItems}, both numbers found in ${plantedFound} (recall ${((100 * plantedFound) / Math.max(1, plantedItems)).toFixed(2)} %)`,
  );
  console.log(
    `  clean items with any finding: ${cleanFlagged}${flaggedExamples.length ? ` e.g. ${flaggedExamples.join('; ')}` : ''}`,
  );
}

async function ocr(): Promise<void> {
  if (OCR_PAGES === 0) return;
  const missing = ocrUnavailableReason();
  if (missing) {
    console.log(`OCR: not measured (${missing})`);
    return;
  }
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < OCR_PAGES; i += 1) {
    const p = planted(1_000 + i);
    const pdf = await scannedPdf([
      `永顺县灵溪镇${2025 - i}年农村低保对象名单`,
      `户主：张某某  身份证号：${p.id}`,
      `联系电话：${p.mobile}  保障人数：3人`,
    ]);
    const pages = pdfPages(pdf);
    const t0 = performance.now();
    const { segments } = await ocrSegments(pdf, pages ? pages.map((_, k) => k + 1) : [1]);
    times.push(performance.now() - t0);
    const text = segments.map((s) => s.text).join('\n');
    if (detectPersonalData(text).some((f) => f.text.replace(/\D/gu, '') === p.id.replace(/\D/gu, ''))) found += 1;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(
    `OCR: ${OCR_PAGES} scanned pages (150 dpi, tesseract chi_sim): median ${(median / 1000).toFixed(2)} s per page (min ${((times[0] as number) / 1000).toFixed(2)}, max ${((times.at(-1) as number) / 1000).toFixed(2)}); ID number read back on ${found} of ${OCR_PAGES}`,
  );
}

await textScan();
await ocr();
