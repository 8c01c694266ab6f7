// A search hit's snippet (the search page, search.routes.tsx) from its summary, body and 文号,
// reading the body only as far as the snippet's window needs. At 200,000 publications a body is
// ~5 KB of UTF-8 of which the snippet shows ~160 characters near the start: decoding ten whole
// bodies into strings was ~160 µs of a ~2 ms request (docs/PERFORMANCE.md, "Render cost: the
// search page, the hits' body only up to the window"). The embedded engine gives the body as its
// bytes (publication/publication.public-repository.ts searchHitsByIds); PostgreSQL as a string,
// whose plain text is made the same way only up to the window.
import { highlight, highlightHead } from './highlight.ts';
import { HEAD_STOP, plainTextFromHtml, plainTextOfHead } from './text.ts';

export interface HitText {
  summary: string;
  /** Sanitised HTML, as a string or as its UTF-8 bytes. */
  body: string | Buffer;
  documentNumber: string;
}

/** The first cut tried: bytes (or UTF-16 units) of the body decoded before the window is looked for. */
const FIRST_CUT = 768;

/** Whitespace runs (line breaks between paragraphs, U+3000 too) as one space. */
const spaced = (text: string) => text.replace(/\s+/gu, ' ');

/** The summary as the body's opening would read: without its closing "…", whitespace runs as one space. */
const openingOf = (summary: string) => spaced(summary.replace(/…$/, '')).trim();

/**
 * highlight() of the hit's text: its 内容概述 (unless the body's plain text starts with it, whitespace
 * runs compared as one space — an automatic summary is the body's opening with its paragraphs joined
 * by spaces, sameOpening), the body's plain text and 文号, each on its own line (empty ones left
 * out). The 索引号 is not in it: the hit's line below the snippet shows it, highlighted there
 * (search.views.tsx). The body is read up to a cut just after a `>` with no `<!--`,
 * `<script` or `<style` before it (text.ts plainTextOfHead: its plain text is a prefix of the
 * whole's); the summary test and the window are decided from that prefix (highlight.ts
 * highlightHead) when they can be, else the cut is moved on (×4), up to the whole body. `firstCut`:
 * tests try small ones.
 */
export function hitSnippet(hit: HitText, terms: readonly string[], firstCut = FIRST_CUT): string {
  const body = hit.body;
  const size = body.length;
  const opening = openingOf(hit.summary);
  // The body decoded so far: its bytes [0, decodedTo), each piece ending just after a `>` (an ASCII
  // byte: the pieces decode to what the whole decodes to, even where the bytes are not UTF-8).
  let decoded = '';
  let decodedTo = 0;
  for (let at = Math.max(1, firstCut); at < size; at *= 4) {
    const gt = typeof body === 'string' ? body.indexOf('>', at) : body.indexOf(0x3e, at);
    if (gt === -1 || gt + 1 >= size) break;
    decoded += typeof body === 'string' ? body.slice(decodedTo, gt + 1) : body.toString('utf8', decodedTo, gt + 1);
    decodedTo = gt + 1;
    let head = decoded;
    const stop = head.search(HEAD_STOP);
    if (stop !== -1) head = head.slice(0, head.lastIndexOf('>', stop) + 1);
    const plain = head === '' ? null : plainTextOfHead(head);
    if (plain) {
      // The summary test (an empty body would be left out of the text: a non-empty prefix says it is
      // not). Whitespace runs as one space: that of a prefix is a prefix of the whole's.
      const text = spaced(plain);
      const shown =
        text.length >= opening.length ? !text.startsWith(opening) : opening.startsWith(text) ? undefined : true;
      if (shown !== undefined) {
        const html = highlightHead(shown ? `${hit.summary}\n${plain}` : plain, terms);
        if (html !== null) return html;
      }
    }
    // Every later cut holds what stopped this one.
    if (stop !== -1) break;
  }
  const rest = typeof body === 'string' ? body.slice(decodedTo) : body.toString('utf8', decodedTo);
  return wholeSnippet(hit, decoded + rest, terms);
}

/**
 * Whether the body's plain text begins with the summary. An automatic 内容概述 (publication
 * autoSummary) is the body's opening with its paragraph breaks as spaces, and a typed one is often
 * the body's first sentence: the hit then shows the body alone, not the same words twice (the
 * summary above, the body's opening under it).
 */
export function sameOpening(summary: string, bodyText: string): boolean {
  return spaced(bodyText).startsWith(openingOf(summary));
}

/** The snippet as the search page made it from the whole body. */
export function wholeSnippet(hit: Omit<HitText, 'body'>, bodyHtml: string, terms: readonly string[]): string {
  const body = plainTextFromHtml(bodyHtml);
  const summary = sameOpening(hit.summary, body) ? '' : hit.summary;
  const text = [summary, body, hit.documentNumber].filter(Boolean).join('\n');
  return highlight(text, terms);
}
