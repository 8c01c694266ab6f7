import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page to an HTML document. preact escapes every string it is given. */
export function renderDocument(vnode: VNode): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}
