// Search result snippets (split from bigram.ts, #13 point 3): the text around the first hit, hits
// in <mark>, found with the tokenizer's own normalisation (normaliseWithMap), so a hit is
// highlighted exactly where the index and the substring re-check found it.
import { normaliseText, normaliseWithMap } from './bigram.ts';

export interface HighlightOptions {
  /** Characters of the original text shown, not counting the ellipses and the markup. */
  maxLength?: number;
}

export const DEFAULT_SNIPPET_LENGTH = 160;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string);
}

function display(chars: readonly string[], from: number, to: number): string {
  return escapeHtml(chars.slice(from, to).join('').replace(/\s+/gu, ' '));
}

/**
 * An HTML snippet of at most `maxLength` characters of `text` around the first hit of any term,
 * with every hit inside it wrapped in <mark> and everything else escaped. Without a hit the
 * snippet is the start of the text. "…" marks text cut at either end; runs of whitespace show as
 * one space.
 */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): string {
  const maxLength = Math.max(1, Math.floor(options.maxLength ?? DEFAULT_SNIPPET_LENGTH));
  const { text: normalised, origin, originEnd, chars } = normaliseWithMap(text, true);

  // Hits in original code-point positions, merged where they overlap or touch.
  const hits: Array<[number, number]> = [];
  for (const term of new Set(terms.map(normaliseText))) {
    if (term === '') continue;
    for (let at = normalised.indexOf(term); at !== -1; at = normalised.indexOf(term, at + 1)) {
      hits.push([origin[at] as number, originEnd[at + term.length - 1] as number]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last !== undefined && hit[0] <= last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push([hit[0], hit[1]]);
  }

  let start = 0;
  const first = merged[0];
  if (first !== undefined) {
    // Put the first hit about a quarter into the window, then pull the window back if it runs
    // past the end of the text.
    const hitLength = first[1] - first[0];
    const lead = Math.max(0, Math.floor((maxLength - hitLength) / 4));
    start = Math.max(0, Math.min(first[0] - lead, chars.length - maxLength));
  }
  const end = Math.min(chars.length, start + maxLength);

  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [hitStart, hitEnd] of merged) {
    const from = Math.max(hitStart, start);
    const to = Math.min(hitEnd, end);
    if (from >= to) continue;
    html += display(chars, at, from) + '<mark>' + display(chars, from, to) + '</mark>';
    at = to;
  }
  html += display(chars, at, end);
  if (end < chars.length) html += '…';
  return html;
}
