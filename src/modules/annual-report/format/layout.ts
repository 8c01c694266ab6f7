// Lays out merged header trees (RULES.md §3.3, §3.4): an internal node spans all its leaves; a
// leaf spans the remaining header levels, so a shallow branch (行政复议, 自然人, 总计) reaches down
// to the last header row. The same routine lays out the row-label block of table 三 transposed.

import type { GridCell, HeaderNode, SpanCell } from './types.ts';

export interface HeaderLayout {
  cells: SpanCell[];
  leafCount: number;
  depth: number;
  leaves: HeaderNode[];
}

function depthOf(node: HeaderNode): number {
  if (!node.children || node.children.length === 0) return 1;
  return 1 + Math.max(...node.children.map(depthOf));
}

export function layoutHeaderTree(nodes: readonly HeaderNode[]): HeaderLayout {
  const depth = Math.max(...nodes.map(depthOf));
  const cells: SpanCell[] = [];
  const leaves: HeaderNode[] = [];
  const visit = (node: HeaderNode, level: number, start: number): number => {
    const children = node.children ?? [];
    if (children.length === 0) {
      const leafCell: SpanCell = { label: node.label, start, span: 1, level, levelSpan: depth - level };
      if (node.key !== undefined) leafCell.key = node.key;
      cells.push(leafCell);
      leaves.push(node);
      return 1;
    }
    let span = 0;
    const placeholder: SpanCell = { label: node.label, start, span: 0, level, levelSpan: 1 };
    if (node.key !== undefined) placeholder.key = node.key;
    cells.push(placeholder);
    for (const child of children) span += visit(child, level + 1, start + span);
    placeholder.span = span;
    return span;
  };
  let start = 0;
  for (const node of nodes) start += visit(node, 0, start);
  return { cells, leafCount: start, depth, leaves };
}

/** Column header: `start` is the column, `level` the header row. */
export function columnHeaderCells(layout: HeaderLayout, columnOffset: number): GridCell[] {
  return layout.cells.map((c) =>
    withKey(
      {
        label: c.label,
        row: c.level,
        column: columnOffset + c.start,
        rowSpan: c.levelSpan,
        colSpan: c.span,
      },
      c.key,
    ),
  );
}

/** Row header: `start` is the data row, `level` the label column. */
export function rowHeaderCells(layout: HeaderLayout, rowOffset: number): GridCell[] {
  return layout.cells.map((c) =>
    withKey(
      {
        label: c.label,
        row: rowOffset + c.start,
        column: c.level,
        rowSpan: c.span,
        colSpan: c.levelSpan,
      },
      c.key,
    ),
  );
}

/** The labels of the enclosing cells of every leaf, outermost first, in leaf order. */
export function leafPaths(nodes: readonly HeaderNode[]): { leaf: HeaderNode; path: string[] }[] {
  const out: { leaf: HeaderNode; path: string[] }[] = [];
  const visit = (node: HeaderNode, path: string[]): void => {
    if (!node.children || node.children.length === 0) {
      out.push({ leaf: node, path });
      return;
    }
    for (const child of node.children) visit(child, [...path, node.label]);
  };
  for (const node of nodes) visit(node, []);
  return out;
}

function withKey(cell: GridCell, key: string | undefined): GridCell {
  return key === undefined ? cell : { ...cell, key };
}
