// Small text helpers for reading Chinese report prose. Normalisation maps full-width ASCII forms
// (，：；（）０–９ …) to ASCII one character for one character, so an offset found in the
// normalised text points at the same place in the original and evidence can quote the original.

import type { FindingLocation } from './findings.ts';

/** Full-width forms U+FF01–U+FF5E → ASCII, ideographic space → space, CR → LF. Length-preserving. */
export function normaliseWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else if (ch === '\r') out += '\n';
    else out += ch;
  }
  return out;
}

/** A one-line excerpt of the original text around [start, end). */
export function excerpt(text: string, start: number, end: number, pad = 12): string {
  const from = Math.max(0, start - pad);
  const to = Math.min(text.length, end + pad);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/** The ranges of 《…》 book titles: names and years inside cited titles are not the report's own. */
export function bookTitleRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /《[^《》]*(?:《[^《》]*》[^《》]*)*》/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

export function inRanges(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([a, b]) => offset >= a && offset < b);
}

/** The sentence (between 。！？; or line breaks) containing the offset. */
export function sentenceAround(text: string, offset: number): { start: number; end: number; text: string } {
  const stops = /[。！？!?;\n]/;
  let start = offset;
  while (start > 0 && !stops.test(text[start - 1] ?? '')) start--;
  let end = offset;
  while (end < text.length && !stops.test(text[end] ?? '')) end++;
  if (end < text.length) end++;
  return { start, end, text: text.slice(start, end) };
}

/** Maps an offset in a checked text to a location; callers without lines return undefined. */
export type Locator = (offset: number) => FindingLocation | undefined;

export function lineLocator(text: string): Locator {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, offset };
  };
}

export function fixedLocator(location: FindingLocation | undefined): Locator {
  return () => location;
}
