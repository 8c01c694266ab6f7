// The personal-data guard on publications (issue #18; 条例 第十五条, 《个人信息保护法》): the
// title, summary, body and every attachment are scanned with the detectors of platform/privacy
// when an attachment is uploaded, when the draft is submitted and again before 保密审查通过 and
// 签发; what is found is stored masked with its place; release is refused while a finding is open.
// A finding is resolved by masking it in the text (one click), by replacing the attachment, or by
// a reviewer's override with a written reason — each audited. Scanned PDF pages and images are
// read by OCR in the background (job privacy.ocr, privacy-file-scan.ts); a file OCR cannot read is
// "not scanned", shown as such and never taken for clean.
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { TextSegment } from '../../platform/privacy/extract.ts';
import { htmlText, markHtml, cellAt } from '../../platform/privacy/html-text.ts';
import {
  applyMasks,
  detectPersonalData,
  maskPersonalData,
  PERSONAL_DATA_LABELS,
  type KnownPublicData,
  type PersonalDataFinding,
} from '../../platform/privacy/personal-data.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { FileScanState, FindingSource, FindingState, PrivacyFindingsTable } from './privacy.tables.ts';
import type { Selectable } from 'kysely';

export type FindingRow = Selectable<PrivacyFindingsTable>;

/** What every agency publishes about itself (office phone, fax, e-mail, credit code, address): never a finding. */
export async function knownPublicData(db: Executor): Promise<KnownPublicData> {
  const rows = await db
    .selectFrom('agencies')
    .select(['officePhone', 'officeFax', 'officeEmail', 'creditCode', 'officeAddress'])
    .execute();
  return {
    phones: rows.flatMap((r) => [r.officePhone, r.officeFax]).filter(Boolean),
    emails: rows.map((r) => r.officeEmail).filter(Boolean),
    creditCodes: rows.map((r) => r.creditCode).filter(Boolean),
    addresses: rows.map((r) => r.officeAddress).filter(Boolean),
  };
}

export interface Located extends PersonalDataFinding {
  page: number | null;
  cell: string;
  context: string;
}

/** A few characters around a finding, from the segment with every finding masked (masks keep the length). */
function contextOf(masked: string, f: PersonalDataFinding): string {
  return masked
    .slice(Math.max(0, f.start - 12), Math.min(masked.length, f.end + 12))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Findings of text segments, each with its page, cell and masked context. */
export function findInSegments(segments: TextSegment[], known: KnownPublicData): Located[] {
  const out: Located[] = [];
  for (const s of segments) {
    const found = detectPersonalData(s.text, known);
    const masked = applyMasks(s.text, found);
    for (const f of found)
      out.push({ ...f, page: s.page, cell: s.cellAt?.(f.start) || s.cell, context: contextOf(masked, f) });
  }
  return out;
}

const key = (f: { kind: string; masked: string; page: number | null; cell: string }) =>
  `${f.kind}|${f.masked}|${f.page ?? ''}|${f.cell}`;

/**
 * Stores what a scan of one source found: findings already stored (open, masked, overridden…) stay
 * as they are; new ones are added open; open ones no longer found become 'gone'. Returns the count
 * of open findings of the source.
 */
export async function reconcile(
  trx: Trx,
  pub: { id: number; agencyId: number },
  source: FindingSource,
  attachment: { id: number; name: string } | null,
  found: Located[],
  at: string,
): Promise<number> {
  let q = trx
    .selectFrom('privacyFindings')
    .selectAll()
    .where('publicationId', '=', pub.id)
    .where('source', '=', source);
  q = attachment ? q.where('attachmentId', '=', attachment.id) : q;
  const existing = await q.execute();
  const stillThere = new Set<number>();
  const byKey = new Map<string, FindingRow[]>();
  for (const e of existing) byKey.set(key(e), [...(byKey.get(key(e)) ?? []), e]);
  for (const f of found) {
    const same = byKey.get(key(f))?.find((e) => !stillThere.has(e.id) && e.state !== 'gone');
    if (same) {
      stillThere.add(same.id);
      continue;
    }
    await trx
      .insertInto('privacyFindings')
      .values(findingRow(pub, source, attachment, f, at))
      .execute();
  }
  const gone = existing.filter((e) => e.state === 'open' && !stillThere.has(e.id)).map((e) => e.id);
  if (gone.length)
    await trx.updateTable('privacyFindings').set({ state: 'gone', resolvedAt: at }).where('id', 'in', gone).execute();
  return found.length;
}

/** A new open finding as stored. */
function findingRow(
  pub: { id: number; agencyId: number },
  source: FindingSource,
  attachment: { id: number; name: string } | null,
  f: Located,
  at: string,
) {
  return {
    publicationId: pub.id,
    agencyId: pub.agencyId,
    source,
    attachmentId: attachment?.id ?? null,
    attachmentName: attachment?.name ?? '',
    page: f.page,
    cell: f.cell,
    kind: f.kind,
    masked: f.masked,
    context: f.context.slice(0, 200),
    confidence: f.confidence,
    state: 'open' as const,
    resolutionNote: '',
    resolvedBy: null,
    resolvedAt: null,
    foundAt: at,
  };
}

export type TextFieldSource = 'title' | 'summary' | 'body';

/** What the detectors find in the title, summary and body (pure; the body's visible text). */
export function textFieldFindings(
  pub: { title: string; summary: string; body: string },
  known: KnownPublicData,
): Array<[TextFieldSource, Located[]]> {
  const body = htmlText(pub.body);
  return [
    ['title', findInSegments([{ text: pub.title, page: null, cell: '' }], known)],
    ['summary', findInSegments([{ text: pub.summary, page: null, cell: '' }], known)],
    ['body', findInSegments([{ text: body.text, page: null, cell: '', cellAt: (o) => cellAt(body, o) }], known)],
  ];
}

/** Scans the title, summary and body of a publication as they are now. */
export async function scanTextFields(trx: Trx, pubId: number, at: string): Promise<void> {
  const pub = await trx
    .selectFrom('publications')
    .select(['id', 'agencyId', 'title', 'summary', 'body'])
    .where('id', '=', pubId)
    .executeTakeFirstOrThrow();
  for (const [source, found] of textFieldFindings(pub, await knownPublicData(trx)))
    await reconcile(trx, pub, source, null, found, at);
}

/**
 * Stores the findings of publications that have none stored yet (a bulk import's batch, with
 * textFieldFindings() of each): what scanTextFields() stores for each of them — every finding
 * open — in multi-row statements.
 */
export async function storeNewTextFindings(
  trx: Trx,
  items: ReadonlyArray<{ pub: { id: number; agencyId: number }; found: Array<[TextFieldSource, Located[]]> }>,
  at: string,
): Promise<void> {
  const rows = items.flatMap(({ pub, found }) =>
    found.flatMap(([source, fs]) => fs.map((f) => findingRow(pub, source, null, f, at))),
  );
  // 100 rows of 16 values per statement: below both engines' parameter limits.
  for (let i = 0; i < rows.length; i += 100)
    await trx
      .insertInto('privacyFindings')
      .values(rows.slice(i, i + 100))
      .execute();
}

export interface FileScanView {
  attachmentId: number;
  fileName: string;
  state: FileScanState | 'none';
  note: string;
  pagesTotal: number;
  pagesDone: number;
}

/** Each attachment of a publication with its scan state (for the progress on the publication page). */
export async function fileScans(db: Executor, pubId: number): Promise<FileScanView[]> {
  const rows = await db
    .selectFrom('attachments')
    .leftJoin('privacyFileScans', 'privacyFileScans.attachmentId', 'attachments.id')
    .select([
      'attachments.id',
      'attachments.fileName',
      'privacyFileScans.state',
      'privacyFileScans.note',
      'privacyFileScans.pagesTotal',
      'privacyFileScans.pagesDone',
    ])
    .where('attachments.publicationId', '=', pubId)
    .orderBy('attachments.sortOrder')
    .execute();
  return rows.map((r) => ({
    attachmentId: r.id,
    fileName: r.fileName,
    state: r.state ?? 'none',
    note: r.note ?? '',
    pagesTotal: r.pagesTotal ?? 0,
    pagesDone: r.pagesDone ?? 0,
  }));
}

/** A publication's findings, open first, of attachments that still exist. */
export async function listFindings(db: Executor, pubId: number, states?: FindingState[]): Promise<FindingRow[]> {
  let q = db
    .selectFrom('privacyFindings')
    .selectAll()
    .where('publicationId', '=', pubId)
    .where((eb) =>
      eb.or([
        eb('attachmentId', 'is', null),
        eb.exists(
          eb
            .selectFrom('attachments')
            .select('attachments.id')
            .whereRef('attachments.id', '=', 'privacyFindings.attachmentId'),
        ),
      ]),
    );
  if (states) q = q.where('state', 'in', states);
  return q
    .orderBy(sql`CASE WHEN state = 'open' THEN 0 ELSE 1 END`)
    .orderBy('id')
    .execute();
}

/**
 * Refuses 保密审查通过 and 签发 while a finding is open or a file still waits for OCR (409, the
 * message says how many and where to resolve them).
 */
export async function assertNoOpenFindings(trx: Executor, pubId: number): Promise<void> {
  const open = await listFindings(trx, pubId, ['open']);
  const queued = (await fileScans(trx, pubId)).filter((f) => f.state === 'queued');
  if (open.length === 0 && queued.length === 0) return;
  const parts: string[] = [];
  if (open.length) parts.push(`有 ${open.length} 处个人信息尚未处理（逐条遮盖、替换附件或填写理由确认可以公开）`);
  if (queued.length) parts.push(`${queued.length} 个附件的文字识别尚未完成`);
  throw new AppError('conflict', `不能发布：${parts.join('；')}。请在“个人信息检查”中处理后再操作。`);
}

/** A sentence naming a finding's place: 正文 / 附件“x.pdf”第 3 页 / 表1 第2行第3列. */
export function placeOf(f: Pick<FindingRow, 'source' | 'attachmentName' | 'page' | 'cell'>): string {
  const where =
    f.source === 'title'
      ? '标题'
      : f.source === 'summary'
        ? '内容概述'
        : f.source === 'body'
          ? '正文'
          : `附件“${f.attachmentName}”`;
  return [where, f.page ? `第 ${f.page} 页` : '', f.cell].filter(Boolean).join(' ');
}

export { PERSONAL_DATA_LABELS, maskPersonalData };

/** The body with each open finding of the body wrapped in <mark id="pd-N"> (for the review page). */
export async function highlightedBody(db: Executor, body: string, findings: FindingRow[]): Promise<string> {
  const open = findings.filter((f) => f.state === 'open' && f.source === 'body');
  if (!open.length) return body;
  const t = htmlText(body);
  const found = detectPersonalData(t.text, await knownPublicData(db));
  const used = new Set<number>();
  const ranges: Array<{ start: number; end: number; id: string }> = [];
  for (const f of open) {
    const hit = found.find((g, i) => !used.has(i) && g.kind === f.kind && g.masked === f.masked);
    if (!hit) continue;
    used.add(found.indexOf(hit));
    ranges.push({ start: hit.start, end: hit.end, id: `pd-${f.id}` });
  }
  return markHtml(body, t, ranges);
}
