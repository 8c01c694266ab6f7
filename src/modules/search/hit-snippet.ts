// A search hit's snippet (the search page, search.routes.tsx) from its summary, body, 文号 and 索引号,
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
  indexNumber: string | null;
}

/** The first cut tried: bytes (or UTF-16 units) of the body decoded before the window is looked for. */
const FIRST_CUT = 768;

/**
 * highlight() of the hit's text: its 内容概述 (unless the body's plain text starts with it — an
 * automatic summary is the body's opening), the body's plain text, 文号 and 索引号, each on its own
 * line (empty ones left out). The body is read up to a cut just after a `>` with no `<!--`,
 * `<script` or `<style` before it (text.ts plainTextOfHead: its plain text is a prefix of the
 * whole's); the summary test and the window are decided from that prefix (highlight.ts
 * highlightHead) when they can be, else the cut is moved on (×4), up to the whole body. `firstCut`:
 * tests try small ones.
 */
export function hitSnippet(hit: HitText, terms: readonly string[], firstCut = FIRST_CUT): string {
  const body = hit.body;
  const size = body.length;
  const opening = hit.summary.replace(/…$/, '');
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
      // The summary test (an empty body would be left out of the text: a non-empty prefix says it is not).
      const shown =
        plain.length >= opening.length ? !plain.startsWith(opening) : opening.startsWith(plain) ? undefined : true;
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

/** The snippet as the search page made it from the whole body. */
export function wholeSnippet(hit: Omit<HitText, 'body'>, bodyHtml: string, terms: readonly string[]): string {
  const body = plainTextFromHtml(bodyHtml);
  // An automatic 内容概述 is the body's opening: quoting both would show the same words twice.
  const summary = body.startsWith(hit.summary.replace(/…$/, '')) ? '' : hit.summary;
  const text = [summary, body, hit.documentNumber, hit.indexNumber ?? ''].filter(Boolean).join('\n');
  return highlight(text, terms);
}
