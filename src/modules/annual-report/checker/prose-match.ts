// Shared pieces of the prose-against-tables checks (#15 point 4): the numeral pattern, the numbers a
// pattern finds in a region of the prose, and the finding that cites the sentence and the cell.

import { finding, withNumbers } from './findings.ts';
import type { Certainty, Finding } from './findings.ts';
import { excerpt, sentenceAround } from './plain-text.ts';
import type { Locator } from './plain-text.ts';
import { parseCount } from './text/extract.ts';

/** A count in Arabic or Chinese numerals (七, 十二, 一百三十五). */
export const NUM = '(\\d+|[零〇一二两三四五六七八九十百千]{1,6})';
/** An amount (3, 3.52) in Arabic numerals. */
export const AMOUNT = '(\\d+(?:\\.\\d+)?)';

export interface ProseNumber {
  value: number;
  /** Offset of the match in the checked text. */
  at: number;
  /** The whole match, for checks that look at its wording. */
  match: string;
  /** The capture after the number (a unit), when the pattern has one. */
  unit?: string;
}

/** The counts `pattern` (global, numeral in group 1) finds between `from` and `to` of the normalised text. */
export function proseNumbers(norm: string, from: number, to: number, pattern: RegExp): ProseNumber[] {
  const out: ProseNumber[] = [];
  for (const m of norm.slice(from, to).matchAll(pattern)) {
    const value = parseCount(m[1] ?? '');
    if (value !== null) out.push({ value, at: from + m.index, match: m[0], ...(m[2] ? { unit: m[2] } : {}) });
  }
  return out;
}

/** A number in a sentence that differs from the cell counting the same thing: the sentence, both numbers. */
export function mismatchFinding(
  text: string,
  at: number,
  message: string,
  numbers: number[],
  locate: Locator,
  certainty: Certainty = 'certain',
): Finding {
  const s = sentenceAround(text, at);
  return withNumbers(
    finding(
      'prose-table-mismatch',
      certainty === 'certain' ? 'error' : 'warning',
      message,
      excerpt(text, s.start, s.end, 0),
      locate(at),
    ),
    numbers,
    certainty,
  );
}
