// What a publication's form becomes before it is stored: the release due date (条例 第二十六条),
// the input checked against the database (categories of the agency, related items released,
// 主题分类 from the vocabulary), the body sanitised, the summary derived when none is typed,
// and the category/channel/related links.
import { ValidationError, type FieldErrors } from '../../platform/errors.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { CalendarYearNotConfirmedError, withProvisionalFallback, type WorkCalendar } from '../calendar/index.ts';
import { listCategoriesByIds } from '../catalog/index.ts';
import { checkInput, type CheckedInput, type PublicationInput } from './publication.input.ts';
import {
  categoryIdsOf,
  channelsOf,
  findPublicationById,
  findPublicationByIndexNumber,
  setCategories,
  setChannels,
  relatedIdsOf,
  setRelated,
  type PublicationRow,
} from './publication.repository.ts';
import { releaseDueOn } from './publication.rules.ts';
import { interpretationsOf } from './interpretation.repository.ts';
import type { By } from './publication.service.ts';
import { bodyText, sanitizeBody, textToHtml } from './sanitize.ts';
import { isVocabularyTopic } from './topic-vocabulary.ts';

/**
 * The 20-working-day release date (条例 第二十六条). Drafting is never refused because next
 * year's holidays are not imported: the date is then provisional (calendar/provisional.ts) and
 * recomputed when the year is imported. Only a year before 2025 that is not in the calendar
 * (nothing can be assumed there) is still a field error.
 */
export function dueOn(cal: WorkCalendar, formedOn: string): { dueOn: string; dueProvisional: number } {
  try {
    const r = withProvisionalFallback(cal, (c) => releaseDueOn(c, formedOn));
    return { dueOn: r.value, dueProvisional: r.provisional ? 1 : 0 };
  } catch (err) {
    if (err instanceof CalendarYearNotConfirmedError) throw new ValidationError({ formedOn: err.message });
    throw err;
  }
}

/**
 * Validates the input against the database: categories of this agency, related items released.
 * Staff choose the 主题分类 from the vocabulary (topic-vocabulary.ts); a value stored before
 * (imported, or older than the vocabulary) may stay as it is. Imports ('system') keep their text.
 */
export async function resolveInput(
  trx: Trx,
  by: By,
  agencyId: number,
  input: PublicationInput,
  self?: { id: number; topic: string },
): Promise<{ checked: CheckedInput; relatedIds: number[] }> {
  const selfId = self?.id;
  const { checked, errors } = checkInput(input);
  const fieldErrors: FieldErrors = { ...errors };
  const relatedIds: number[] = [];
  const topic = input.values.topic;
  if (by !== 'system' && !errors.topic && topic && topic !== self?.topic && !isVocabularyTopic(topic))
    fieldErrors.topic = '请从列表中选择主题分类。';
  if (checked) {
    const cats = await listCategoriesByIds(trx, checked.categoryIds);
    if (cats.length !== checked.categoryIds.length || cats.some((c) => c.agencyId !== agencyId))
      fieldErrors.categoryIds = '所选目录分类不属于本机关，请重新选择。';
    const missing: string[] = [];
    for (const n of checked.relatedIndexNumbers) {
      const r = await findPublicationByIndexNumber(trx, n);
      if (!r || r.state !== 'published' || r.id === selfId) missing.push(n);
      else relatedIds.push(r.id);
    }
    if (missing.length) fieldErrors.related = `找不到以下已发布信息的索引号：${missing.join('、')}。`;
    if (checked.interpretsId !== null) {
      const policy = await findPublicationById(trx, checked.interpretsId);
      if (
        !policy ||
        policy.agencyId !== agencyId ||
        policy.id === selfId ||
        policy.interpretationForm !== '' ||
        policy.state === 'withdrawn'
      )
        fieldErrors.interprets = '所选政策文件不是本机关的政策文件，或已撤回、本身就是解读，请重新选择。';
      else if (selfId !== undefined && (await interpretationsOf(trx, selfId)).length)
        fieldErrors.interpretationForm = '已有解读关联到本信息，它本身不能再作为解读。';
    }
  }
  if (!checked || Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  return { checked, relatedIds };
}

/** The 内容概述 used when none is typed: the start of the body's text. */
export function autoSummary(body: string): string {
  return [...bodyText(body).replace(/\s+/g, ' ')].slice(0, 120).join('');
}

/** The body as it will be stored: plain text (no tags) becomes paragraphs, HTML is sanitised. */
export function storedBody(typed: string): string {
  return sanitizeBody(/<[a-z][^>]*>/i.test(typed) ? typed : textToHtml(typed));
}

/**
 * The columns to store. A summary equal to the automatic one of the previous body was not typed
 * by anyone: it is derived again, so text removed from the body (e.g. after a confidentiality
 * review) cannot survive in the summary.
 */
export function contentColumns(c: CheckedInput, previousBody?: string) {
  // Plain text (no tags) becomes paragraphs; HTML goes through the allow-list.
  const body = storedBody(c.body);
  const typed = previousBody !== undefined && c.summary === autoSummary(previousBody) ? '' : c.summary;
  const summary = typed || autoSummary(body);
  return {
    title: c.title,
    summary,
    body,
    issuer: c.issuer,
    formedOn: c.formedOn,
    documentNumber: c.documentNumber,
    validity: c.validity,
    effectiveOn: c.effectiveOn,
    topic: c.topic,
    keywords: c.keywords,
    docKind: c.docKind,
    issuedOn: c.issuedOn,
    interpretationForm: c.interpretationForm,
    interpretsId: c.interpretsId,
    mediaUrl: c.mediaUrl,
    ...(c.disclosure
      ? {
          disclosureMode: c.disclosure.mode,
          disclosureGround: c.disclosure.ground,
          disclosureNote: c.disclosure.note,
        }
      : {}),
  };
}

export async function saveLinks(trx: Trx, id: number, c: CheckedInput, relatedIds: number[]): Promise<void> {
  await setCategories(trx, id, c.categoryIds);
  await setChannels(trx, id, c.channels);
  await setRelated(trx, id, relatedIds);
}

/** Form values of an existing publication. */
export async function inputOf(trx: Executor, pub: PublicationRow): Promise<PublicationInput> {
  const related = await relatedIdsOf(trx, pub.id);
  const relatedNumbers: string[] = [];
  for (const rid of related) {
    const r = await findPublicationById(trx, rid);
    if (r?.indexNumber) relatedNumbers.push(r.indexNumber);
  }
  return {
    values: {
      title: pub.title,
      summary: pub.summary,
      body: pub.body,
      issuer: pub.issuer,
      formedOn: pub.formedOn,
      documentNumber: pub.documentNumber,
      validity: pub.validity,
      effectiveOn: pub.effectiveOn ?? '',
      topic: pub.topic,
      keywords: pub.keywords,
      docKind: pub.docKind,
      issuedOn: pub.issuedOn ?? '',
      related: relatedNumbers.join('\n'),
    },
    disclosure: { mode: pub.disclosureMode, ground: pub.disclosureGround, note: pub.disclosureNote },
    interpretation: {
      form: pub.interpretationForm,
      interprets: pub.interpretsId === null ? '' : String(pub.interpretsId),
      mediaUrl: pub.mediaUrl,
    },
    categoryIds: (await categoryIdsOf(trx, pub.id)).map(String),
    channels: await channelsOf(trx, pub.id),
  };
}
