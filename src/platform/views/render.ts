import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';

/** Renders a page to an HTML document. preact escapes every string it is given. */
export function renderDocument(vnode: VNode): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
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
