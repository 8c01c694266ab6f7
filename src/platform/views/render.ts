import { randomBytes } from 'node:crypto';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';

/**
 * A page's document made as text already (layout.tsx portalPage): what renderToString gives for
 * the page's vnode. Only from code that escaped every value it put in, never from other text.
 */
export class RenderedPage {
  constructor(readonly html: string) {}
}

/** Renders a page to an HTML document. preact escapes every string it is given. */
export function renderDocument(page: VNode | RenderedPage): string {
  return '<!DOCTYPE html>' + (page instanceof RenderedPage ? page.html : renderToString(page));
}

/** Renders a part of a page to HTML once, to be put into pages with prerendered(). */
export function renderPart(vnode: VNode): string {
  return renderToString(vnode);
}

/**
 * HTML that renderPart() gave, put into a page as it is (no wrapper element, no escaping: preact
 * escaped it when it was rendered). Only ever for renderPart()'s output, never for other text.
 */
export function prerendered(html: string): VNode {
  return jsxTemplate([html]);
}

/** Where an EncodedPart goes in a page's text: unguessable, so no content can stand for it. */
const PART_MARK = `<!--gk-part-${randomBytes(8).toString('hex')}-`;
let parts = 0;
/** The parts alive, by their number (dropped when a part is collected). */
const live = new Map<number, WeakRef<EncodedPart>>();
const collected = new FinalizationRegistry<number>((n) => live.delete(n));

/**
 * A large part of pages (2,000 agency links: 110–220 KB) rendered once and kept as UTF-8 bytes.
 * A page with such a part in its text costs more to encode per request than to render: V8 joins
 * preact's pieces into one flat string of that size and Buffer.from encodes it again (2–3 ms for
 * 220 KB, docs/PERFORMANCE.md), so the page is rendered with a mark in the part's place and sent
 * as its own text encoded with the part's bytes put in at the mark (renderDocumentBytes).
 */
export class EncodedPart {
  readonly bytes: Buffer;
  readonly mark: string;
  /** `html` as text, or as its UTF-8 bytes already (an article's body as the database keeps it). */
  constructor(html: string | Buffer) {
    this.bytes = typeof html === 'string' ? Buffer.from(html) : html;
    parts += 1;
    this.mark = `${PART_MARK}${parts}-->`;
    live.set(parts, new WeakRef(this));
    collected.register(this, parts);
  }
}

/** renderPart() kept encoded. */
export function encodedPart(vnode: VNode): EncodedPart {
  return new EncodedPart(renderToString(vnode));
}

/** Where an EncodedPart goes in a page (the page holds the part until it is rendered). */
export function placeEncoded(part: EncodedPart): VNode {
  return jsxTemplate([part.mark]);
}

/** A scratch buffer a page's text is encoded into (a page is encoded and copied out at once). */
const SCRATCH = Buffer.allocUnsafe(1 << 18);

/**
 * `text` as UTF-8, the same bytes as Buffer.from(text) (a lone surrogate as U+FFFD). Buffer.from
 * measures the text's UTF-8 length in one pass and encodes it in a second: for a page of 16 KB of
 * Chinese and markup ~22 µs, most of it the two walks over the two-byte string. Encoded once into
 * the scratch buffer (room for three bytes a UTF-16 unit, the most one takes) and copied out, it
 * costs about half (docs/PERFORMANCE.md, "Render cost: the search page, what is left"). Longer
 * text takes Buffer.from.
 */
export function utf8(text: string): Buffer {
  if (text.length * 3 > SCRATCH.length) return Buffer.from(text);
  const n = SCRATCH.write(text, 0, 'utf8');
  const out = Buffer.allocUnsafe(n);
  SCRATCH.copy(out, 0, 0, n);
  return out;
}

/** renderDocument() as UTF-8 bytes, each EncodedPart the page places put in at its mark. */
export function renderDocumentBytes(page: VNode | RenderedPage): Buffer {
  const html = renderDocument(page);
  let i = html.indexOf(PART_MARK);
  if (i < 0) return utf8(html);
  const chunks: Buffer[] = [];
  let at = 0;
  for (; i >= 0; i = html.indexOf(PART_MARK, at)) {
    const end = html.indexOf('-->', i);
    const part = live.get(Number(html.slice(i + PART_MARK.length, end)))?.deref();
    // Only placeEncoded() writes the mark, and the page's vnode holds the part while it renders.
    if (!part) throw new Error('renderDocumentBytes: a placed part is gone');
    chunks.push(Buffer.from(html.slice(at, i)), part.bytes);
    at = end + 3;
  }
  chunks.push(Buffer.from(html.slice(at)));
  return Buffer.concat(chunks);
}
