// Where each finding is in the checked text (#15 point 6): the admin checker page shows the text of
// every report with the places its findings point at highlighted (<mark>) and numbered, so each
// finding can link to its place. A finding's place is the sentence around its offset (or its line
// when only the line is known); overlapping places are merged into one mark. Findings about the
// whole report (a missing section, the agency not found) have no place.
import type { Finding } from '../findings.ts';
import { sentenceAround } from '../plain-text.ts';

export interface MarkedText {
  /** The text in order; a piece with `mark` is highlighted and is mark number `mark` (1-based). */
  pieces: { text: string; mark?: number }[];
  /** For each finding, in the same order, the number of its mark, or null when it has no place. */
  markOf: (number | null)[];
}

/** A place is never longer than this around its offset (one-paragraph reports have long sentences). */
const BEFORE = 150;
const AFTER = 250;

function lineRange(text: string, line: number): [number, number] | null {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return null;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** Trims white space off both ends of [start, end). */
function trimmed(text: string, start: number, end: number): [number, number] | null {
  let a = start;
  let b = end;
  while (a < b && /\s/u.test(text[a] ?? '')) a++;
  while (b > a && /\s/u.test(text[b - 1] ?? '')) b--;
  return a < b ? [a, b] : null;
}

function placeOf(text: string, f: Finding): [number, number] | null {
  const offset = f.location?.offset;
  if (offset !== undefined && offset >= 0 && offset < text.length) {
    const s = sentenceAround(text, offset);
    const range = trimmed(text, Math.max(s.start, offset - BEFORE), Math.min(s.end, offset + AFTER));
    if (range) return range;
  }
  const line = f.location?.line;
  if (line !== undefined && line >= 1) {
    const r = lineRange(text, line);
    if (r) return trimmed(text, r[0], r[1]);
  }
  return null;
}

export function markFindings(text: string, findings: readonly Finding[]): MarkedText {
  const places = findings.map((f) => placeOf(text, f));
  // Merge overlapping places, in text order.
  const sorted = places
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: [number, number]; i: number } => x.p !== null)
    .sort((a, b) => a.p[0] - b.p[0] || a.p[1] - b.p[1]);
  const marks: { start: number; end: number; findings: number[] }[] = [];
  for (const { p, i } of sorted) {
    const last = marks[marks.length - 1];
    if (last && p[0] < last.end) {
      last.end = Math.max(last.end, p[1]);
      last.findings.push(i);
    } else marks.push({ start: p[0], end: p[1], findings: [i] });
  }
  const markOf: (number | null)[] = findings.map(() => null);
  const pieces: MarkedText['pieces'] = [];
  let at = 0;
  marks.forEach((m, k) => {
    if (m.start > at) pieces.push({ text: text.slice(at, m.start) });
    pieces.push({ text: text.slice(m.start, m.end), mark: k + 1 });
    for (const i of m.findings) markOf[i] = k + 1;
    at = m.end;
  });
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return { pieces, markOf };
}
