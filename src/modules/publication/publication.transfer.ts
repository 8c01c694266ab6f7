// Import and export of publications (CSV, XLSX, JSON Lines or JSON, the same shape both ways): the
// checks of one imported row (publication.bulk-import.ts writes the rows that pass) and the rows
// of an export.

import type { FieldErrors } from '../../platform/errors.ts';
import type { Executor } from '../../platform/transaction.ts';
import { isValidIsoDate } from '../calendar/index.ts';
import { listCategories, type CategoryRow } from '../catalog/index.ts';

import { checkInput, PUBLICATION_FORM, type CheckedInput, type PublicationInput } from './publication.input.ts';
import {
  CHANNEL_LABELS,
  DOC_KIND_LABELS,
  parseChannel,
  parseDocKind,
  parseValidity,
  VALIDITY_LABELS,
} from './publication.rules.ts';
import {
  categoryIdsOfMany,
  channelsOfMany,
  publicationsByIds,
  publishedIdsInReleaseOrder,
} from './publication.repository.ts';
import { LABELS, type TransferColumn, type NumberedRow } from './publication.transfer-file.ts';

const split = (v: string | undefined) =>
  (v ?? '')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Category by code, by name (when unique) or by path “法定主动公开内容/第二十条规定的内容/…”. */
export function categoryResolver(cats: CategoryRow[]) {
  const byId = new Map(cats.map((c) => [c.id, c]));
  const path = (c: CategoryRow): string =>
    c.parentId && byId.get(c.parentId) ? `${path(byId.get(c.parentId) as CategoryRow)}/${c.name}` : c.name;
  const known = new Map<string, number | string>();
  return (ref: string): number | string => {
    const hit = known.get(ref);
    if (hit !== undefined) return hit;
    const r = resolveRef(ref);
    known.set(ref, r);
    return r;
  };
  function resolveRef(ref: string): number | string {
    const code = cats.find((c) => c.code === ref);
    if (code) return code.id;
    const byPath = cats.filter((c) => path(c) === ref);
    if (byPath.length === 1) return (byPath[0] as CategoryRow).id;
    const named = cats.filter((c) => c.name === ref);
    if (named.length === 1) return (named[0] as CategoryRow).id;
    return named.length > 1 ? `分类“${ref}”有重名，请写完整路径（用“/”分隔）或分类代码` : `找不到分类“${ref}”`;
  }
}

/** A row that passed the checks: the form input it stands for and the columns the form lacks. */
export interface CheckedRow {
  row: number;
  input: PublicationInput;
  checked: CheckedInput;
  /** The 索引号 given in the file, '' when the release allocates one. */
  indexNumber: string;
  /** The 发布日期 given in the file, '' for the day of the import. */
  publishedOn: string;
}

/** One problem of a row: the column (its Chinese name, '' for the whole row) and what is wrong. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** The checks of one row that need no database beyond the agency's categories (`resolve`). */
export function checkRow(
  { row, values: v }: NumberedRow,
  resolve: (ref: string) => number | string,
  today: string,
): CheckedRow | RowProblem[] {
  const errors: FieldErrors = {};
  const categoryIds: string[] = [];
  for (const ref of split(v.categories)) {
    const r = resolve(ref);
    if (typeof r === 'number') categoryIds.push(String(r));
    else errors.categories = r;
  }
  const channels: string[] = [];
  for (const ch of split(v.channels ?? '网站')) {
    const c = parseChannel(ch);
    if (c) channels.push(c);
    else errors.channels = `公开方式“${ch}”无法识别（可用：${Object.values(CHANNEL_LABELS).join('、')}）`;
  }
  const validity = parseValidity(v.validity || '有效');
  const docKind = parseDocKind(v.docKind ?? '');
  const input: PublicationInput = {
    values: {
      title: v.title ?? '',
      summary: v.summary ?? '',
      body: v.body ?? '',
      issuer: v.issuer ?? '',
      formedOn: v.formedOn ?? '',
      documentNumber: v.documentNumber ?? '',
      validity: validity ?? `?${v.validity}`,
      effectiveOn: v.effectiveOn ?? '',
      topic: v.topic ?? '',
      keywords: v.keywords ?? '',
      docKind: docKind ?? `?${v.docKind}`,
      issuedOn: v.issuedOn ?? '',
      related: '',
    },
    categoryIds: errors.categories ? ['0'] : categoryIds,
    channels: errors.channels ? ['website'] : channels,
  };
  const result = checkInput(input);
  for (const [k, m] of Object.entries(result.errors)) if (!(k === 'categoryIds' && errors.categories)) errors[k] = m;
  if (validity === null)
    errors.validity = `有效性“${v.validity}”无法识别（可用：${Object.values(VALIDITY_LABELS).join('、')}）`;
  if (docKind === null)
    errors.docKind = `文件类型“${v.docKind}”无法识别（可用：${Object.values(DOC_KIND_LABELS).join('、')}）`;
  const publishedOn = (v.publishedOn ?? '').trim();
  if (publishedOn && !isValidIsoDate(publishedOn)) errors.publishedOn = '发布日期格式应为 2025-06-02';
  else if (publishedOn && v.formedOn && publishedOn < v.formedOn) errors.publishedOn = '发布日期不能早于成文日期';
  else if (publishedOn && publishedOn > today) errors.publishedOn = '发布日期不能晚于今天';
  const keys = Object.keys(errors);
  if (keys.length || !result.checked)
    return keys.map((k) => ({ row, column: columnLabel(k), message: errors[k] as string }));
  return { row, input, checked: result.checked, indexNumber: (v.indexNumber ?? '').trim(), publishedOn };
}

/** The Chinese name of a column or form field. */
export function columnLabel(k: string): string {
  return (
    (PUBLICATION_FORM as Record<string, { label: string }>)[k]?.label ??
    LABELS[k as TransferColumn] ??
    (k === 'categoryIds' ? '目录分类' : k)
  );
}

/** “第 N 行：列——问题” for the terminal. */
export function problemLine(p: RowProblem, unit: '行' | '条'): string {
  return `第 ${p.row} ${unit}：${p.column ? `${p.column}——` : ''}${p.message.replace(/。$/, '')}。`;
}

/** How many rows an export reads at a time: three statements a page, whatever the agency's size. */
export const EXPORT_PAGE = 500;

/**
 * The released publications of an agency as rows of the transfer shape, oldest release first, read
 * a page at a time (the rows, their categories and their channels: three statements a page), so an
 * export of a province's agency holds one page, not the agency, in memory. Only the ids in order
 * are read whole (~8 bytes a publication).
 */
export async function* exportRows(
  db: Executor,
  agencyId: number,
  page = EXPORT_PAGE,
): AsyncGenerator<Record<TransferColumn, string>> {
  const cats = await listCategories(db, agencyId);
  const code = new Map(cats.map((c) => [c.id, c.code]));
  const ids = await publishedIdsInReleaseOrder(db, agencyId);
  for (let at = 0; at < ids.length; at += page) {
    const chunk = ids.slice(at, at + page);
    const [rows, categories, channels] = await Promise.all([
      publicationsByIds(db, chunk),
      categoryIdsOfMany(db, chunk),
      channelsOfMany(db, chunk),
    ]);
    const byId = new Map(rows.map((p) => [p.id, p]));
    for (const id of chunk) {
      const p = byId.get(id);
      if (!p) continue; // deleted since the ids were read
      yield {
        indexNumber: p.indexNumber ?? '',
        title: p.title,
        summary: p.summary,
        body: p.body,
        issuer: p.issuer,
        formedOn: p.formedOn,
        publishedOn: p.publishedOn ?? '',
        documentNumber: p.documentNumber,
        docKind: DOC_KIND_LABELS[p.docKind],
        issuedOn: p.issuedOn ?? '',
        validity: VALIDITY_LABELS[p.validity],
        effectiveOn: p.effectiveOn ?? '',
        topic: p.topic,
        keywords: p.keywords,
        categories: (categories.get(id) ?? [])
          .map((c) => code.get(c) ?? '')
          .filter(Boolean)
          .join(';'),
        channels: (channels.get(id) ?? []).map((c) => CHANNEL_LABELS[c]).join(';'),
        importKey: p.importKey ?? '',
      };
    }
  }
}
