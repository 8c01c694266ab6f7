// A small part of a page (a search hit, a facet link) rendered by preact once, with a random word
// in each of its holes, and cut at those words: a request fills the holes by concatenation — text
// escaped as preact escapes text and attribute values (jsxEscape: `"`, `&`, `<`), HTML as it is —
// instead of rendering the part's vnodes again. The same bytes as rendering the part with the
// values (test/foundation/html-template.test.tsx); the portal shell does the same for the page
// around the content (layout.tsx). docs/ARCHITECTURE.md, "Parts filled in as templates".
import { randomBytes } from 'node:crypto';
import type { VNode } from 'preact';
import { jsxEscape } from 'preact/jsx-runtime';
import { prerendered, renderPart } from './render.ts';

/** A hole holds text (escaped when filled) or HTML (put in as it is: only HTML we rendered or escaped). */
export type HoleKind = 'text' | 'html';

/** What the part's render function gets for its holes: a word for text, a vnode for HTML. */
export type Holes<S extends Record<string, HoleKind>> = {
  readonly [K in keyof S]: S[K] extends 'html' ? VNode : string;
};

/** The values a filled template takes: text unescaped, HTML as rendered. */
export type Fill<S extends Record<string, HoleKind>> = { readonly [K in keyof S]: string };

/** The hole word: letters and digits only, so preact writes it as it is in text and in attributes. */
const WORD = `gktpl${randomBytes(8).toString('hex')}`;
const WORD_RE = new RegExp(`${WORD}h(\\d+)e`, 'g');

interface Cut {
  chunks: string[];
  /**
   * For each hole in the text, in order: the value's name, whether it is escaped, and whether it
   * is an attribute's whole value (preact writes an empty one as the bare name: `value`).
   */
  holes: { name: string; escape: boolean; attribute: boolean }[];
}

/**
 * `render` called once (on first use) with a hole word for each text hole and a placeholder vnode
 * for each HTML hole; the part's markup must not depend on the values but through the holes (a
 * branch is a template of its own). Returns the filler: the part's HTML with the values put in.
 */
export function htmlTemplate<S extends Record<string, HoleKind>>(
  spec: S,
  render: (h: Holes<S>) => VNode,
): (values: Fill<S>) => string {
  let cut: Cut | undefined;
  const make = (): Cut => {
    const names = Object.keys(spec);
    const holes: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const word = `${WORD}h${i}e`;
      holes[name] = spec[name] === 'html' ? prerendered(word) : word;
    });
    const parts = renderPart(render(holes as Holes<S>)).split(WORD_RE);
    const chunks = parts.filter((_, i) => i % 2 === 0);
    return {
      chunks,
      holes: parts
        .filter((_, i) => i % 2 === 1)
        .map((n, i) => {
          const name = names[Number(n)] as string;
          const attribute = (chunks[i] as string).endsWith('="') && (chunks[i + 1] as string).startsWith('"');
          return { name, escape: spec[name] === 'text', attribute };
        }),
    };
  };
  return (values) => {
    cut ??= make();
    const { chunks, holes } = cut;
    let html = chunks[0] as string;
    for (let i = 0; i < holes.length; i += 1) {
      const hole = holes[i] as Cut['holes'][number];
      const v = (values as Record<string, string>)[hole.name] as string;
      const after = chunks[i + 1] as string;
      if (v === '' && hole.attribute) html = html.slice(0, -2) + after.slice(1);
      else html += (hole.escape ? (jsxEscape(v) as string) : v) + after;
    }
    return html;
  };
}
