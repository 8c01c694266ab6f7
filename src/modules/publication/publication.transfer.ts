// Import and export of publications (CSV, XLSX or JSON, the same shape both ways). An import checks
// every row first and reports the problems by row number; only a file without problems is
// written, in one transaction, each row released through the workflow so it gets its index
// number (a given, unused index number is kept), due date, revision and audit trail.

import type { FieldErrors } from '../../platform/errors.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { inTransaction, type Db, type Executor } from '../../platform/transaction.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { isValidIsoDate, type WorkCalendar } from '../calendar/index.ts';
import { listCategories, type CategoryRow } from '../catalog/index.ts';

import { checkInput, PUBLICATION_FORM, type PublicationInput } from './publication.input.ts';
import {
  CHANNEL_LABELS,
  DOC_KIND_LABELS,
  parseChannel,
  parseDocKind,
  parseValidity,
  VALIDITY_LABELS,
} from './publication.rules.ts';
import {
  categoryIdsOf,
  channelsOf,
  findPublicationById,
  indexNumberTaken,
  updatePublication,
} from './publication.repository.ts';
import { createDraft, review, signOff, submit } from './publication.service.ts';
import { LABELS, type TransferColumn, type NumberedRow } from './publication.transfer-file.ts';

const split = (v: string | undefined) =>
  (v ?? '')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Category by code, by name (when unique) or by path “法定主动公开内容/第二十条规定的内容/…”. */
function categoryResolver(cats: CategoryRow[]) {
  const byId = new Map(cats.map((c) => [c.id, c]));
  const path = (c: CategoryRow): string =>
    c.parentId && byId.get(c.parentId) ? `${path(byId.get(c.parentId) as CategoryRow)}/${c.name}` : c.name;
  return (ref: string): number | string => {
    const code = cats.find((c) => c.code === ref);
    if (code) return code.id;
    const byPath = cats.filter((c) => path(c) === ref);
    if (byPath.length === 1) return (byPath[0] as CategoryRow).id;
    const named = cats.filter((c) => c.name === ref);
    if (named.length === 1) return (named[0] as CategoryRow).id;
    return named.length > 1 ? `分类“${ref}”有重名，请写完整路径（用“/”分隔）或分类代码` : `找不到分类“${ref}”`;
  };
}

interface CheckedRow {
  row: number;
  input: PublicationInput;
  indexNumber: string;
  publishedOn: string;
}

/** Checks every row; returns the problems as “第 N 行：…” lines (empty when the file is good). */
export async function checkRows(
  db: Executor,
  agencyId: number,
  rows: NumberedRow[],
  unit: '行' | '条',
  today: string,
): Promise<{ checked: CheckedRow[]; problems: string[] }> {
  const resolve = categoryResolver(await listCategories(db, agencyId, { activeOnly: true }));
  const problems: string[] = [];
  const checked: CheckedRow[] = [];
  const seenIndex = new Set<string>();
  if (!rows.length) problems.push('文件中没有信息。');
  for (const { row, values: v } of rows) {
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
    const indexNumber = (v.indexNumber ?? '').trim();
    if (indexNumber) {
      if (seenIndex.has(indexNumber)) errors.indexNumber = `索引号 ${indexNumber} 在文件中重复`;
      else if (await indexNumberTaken(db, indexNumber)) errors.indexNumber = `索引号 ${indexNumber} 已被使用`;
      seenIndex.add(indexNumber);
    }
    const keys = Object.keys(errors);
    if (keys.length) {
      const label = (k: string) =>
        (PUBLICATION_FORM as Record<string, { label: string }>)[k]?.label ??
        LABELS[k as TransferColumn] ??
        (k === 'categoryIds' ? '目录分类' : k);
      problems.push(
        `第 ${row} ${unit}：${keys.map((k) => `${label(k)}——${(errors[k] as string).replace(/。$/, '')}`).join('；')}。`,
      );
    } else checked.push({ row, input, indexNumber, publishedOn });
  }
  return { checked, problems };
}

export interface ImportProgress {
  (done: number, total: number): void;
}

/** Imports a checked file in one transaction; nothing is written when any row fails. */
export async function importPublications(
  db: Db,
  ctx: AuditContext,
  cal: WorkCalendar,
  agencyId: number,
  rows: NumberedRow[],
  unit: '行' | '条',
  progress: ImportProgress = () => {},
): Promise<{ imported: number; problems: string[] }> {
  const today = ctx.at.slice(0, 10);
  const { checked, problems } = await checkRows(db, agencyId, rows, unit, today);
  if (problems.length) return { imported: 0, problems };
  let done = 0;
  try {
    await inTransaction(db, async (trx) => {
      for (const r of checked) {
        const at = r.publishedOn ? { ...ctx, at: `${r.publishedOn}T02:00:00.000Z` } : ctx;
        try {
          const id = await createDraft(trx, at, 'system', cal, agencyId, r.input);
          if (r.indexNumber) await updatePublication(trx, id, { indexNumber: r.indexNumber });
          await submit(trx, at, 'system', id);
          await review(trx, at, 'system', id, 'pass', '批量导入');
          await signOff(trx, at, 'system', id, 'approve', '批量导入');
        } catch (err) {
          if (err instanceof AppError)
            throw new ValidationError({
              row: `第 ${r.row} ${unit}：${Object.values(err.fields ?? {}).join('；') || err.message}`,
            });
          throw err;
        }
        progress(++done, checked.length);
      }
    });
  } catch (err) {
    if (err instanceof ValidationError) return { imported: 0, problems: Object.values(err.fields ?? {}) };
    throw err;
  }
  return { imported: done, problems: [] };
}

/** The released publications of an agency as rows of the transfer shape. */
export async function exportRows(db: Executor, agencyId: number): Promise<Record<TransferColumn, string>[]> {
  const cats = await listCategories(db, agencyId);
  const code = new Map(cats.map((c) => [c.id, c.code]));
  const ids = await db
    .selectFrom('publications')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('publishedAt')
    .orderBy('id')
    .execute();
  const out: Record<TransferColumn, string>[] = [];
  for (const { id } of ids) {
    const p = await findPublicationById(db, id);
    if (!p) continue;
    out.push({
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
      categories: (await categoryIdsOf(db, id))
        .map((c) => code.get(c) ?? '')
        .filter(Boolean)
        .join(';'),
      channels: (await channelsOf(db, id)).map((c) => CHANNEL_LABELS[c]).join(';'),
    });
  }
  return out;
}
