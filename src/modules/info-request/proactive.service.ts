// 依申请公开转主动公开 (issue #17 point 6, 条例 第四十四条). After a reply of 予以公开 / 部分公开 the
// system looks for the other answered applications to the same agency for the same information
// (rules/same-information.ts, the similarity the repeat flag uses); from the county's number of
// applicants (setting, default 2) it opens a suggestion, or adds the application to the suggestion
// those applications already have. An applicant's own suggestion (第四十四条 second sentence) is
// recorded by staff from the case page. Accepting drafts a publication in one step from the reply
// and the documents released with it — none of the applicants' personal data is copied (their
// names, numbers and addresses are taken out of the text, then the publication's personal-data
// guard scans it); dismissing needs a reason.
import { recordEvent, updateAudited, type AuditContext } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { maskPersonalNumbers } from '../../platform/privacy/detectors.ts';
import { findRow } from '../../platform/rows.ts';
import type { FileStore } from '../../platform/storage/file-store.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { createDraftWithFiles, draftInput, type DraftFile } from '../publication/index.ts';
import { readSetting } from '../settings/index.ts';
import type { InfoRequestRow } from './info-request.repository.ts';
import { todayOf } from './info-request.service.ts';
import type { ProactiveSuggestionsTable } from './info-request.tables.ts';
import { proactiveMachine } from './proactive.states.ts';
import {
  applicantKey,
  DEFAULT_PROACTIVE_APPLICANTS,
  isDisclosingOutcome,
  PROACTIVE_BASIS,
  severalApplicantsForSameInformation,
  type AnsweredRequest,
} from './rules/index.ts';
import type { Selectable } from 'kysely';

export type ProactiveSuggestionRow = Selectable<ProactiveSuggestionsTable>;

export const PROACTIVE_APPLICANTS_KEY = 'infoRequest.proactiveApplicants';

/** How many different applicants make "several" (第四十四条 多个申请人): the county's setting, default 2. */
export async function proactiveApplicants(db: Executor): Promise<number> {
  const v = await readSetting(db, 0, PROACTIVE_APPLICANTS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 2 ? v : DEFAULT_PROACTIVE_APPLICANTS;
}

const ANSWERED_COLUMNS = [
  'id',
  'agencyId',
  'idDocumentNumber',
  'applicantName',
  'phone',
  'informationName',
  'featureDescription',
  'documentNumber',
  'outcomeKey',
] as const;

function answered(r: {
  id: number;
  agencyId: number;
  idDocumentNumber: string;
  applicantName: string;
  phone: string;
  informationName: string;
  featureDescription: string;
  documentNumber: string;
  outcomeKey: string | null;
}): AnsweredRequest {
  return {
    id: r.id,
    agencyId: r.agencyId,
    applicant: applicantKey(r),
    outcomeKey: r.outcomeKey,
    informationName: r.informationName,
    featureDescription: r.featureDescription,
    documentNumber: r.documentNumber,
  };
}

/** The agency's applications answered 予以公开 / 部分公开, as the rule looks at them. */
async function disclosedOfAgency(db: Executor, agencyId: number): Promise<AnsweredRequest[]> {
  const rows = await db
    .selectFrom('infoRequests')
    .select([...ANSWERED_COLUMNS])
    .where('agencyId', '=', agencyId)
    .where('state', 'in', ['replied', 'archived'])
    .where('outcomeKey', 'in', ['disclosed', 'partlyDisclosed'])
    .execute();
  return rows.map(answered);
}

export function suggestionOfRequest(db: Executor, infoRequestId: number): Promise<ProactiveSuggestionRow | undefined> {
  return db
    .selectFrom('proactiveSuggestions as s')
    .innerJoin('proactiveSuggestionRequests as l', 'l.suggestionId', 's.id')
    .selectAll('s')
    .where('l.infoRequestId', '=', infoRequestId)
    .orderBy('s.id', 'desc')
    .executeTakeFirst();
}

async function link(trx: Trx, suggestionId: number, ids: readonly number[]): Promise<number[]> {
  const have = new Set(
    (
      await trx
        .selectFrom('proactiveSuggestionRequests')
        .select('infoRequestId')
        .where('suggestionId', '=', suggestionId)
        .execute()
    ).map((r) => r.infoRequestId),
  );
  const added = ids.filter((id) => !have.has(id));
  if (added.length)
    await trx
      .insertInto('proactiveSuggestionRequests')
      .values(added.map((infoRequestId) => ({ suggestionId, infoRequestId })))
      .execute();
  return added;
}

async function newSuggestion(
  trx: Trx,
  ctx: AuditContext,
  r: { agencyId: number; informationName: string },
  origin: 'detected' | 'applicant',
  ids: readonly number[],
  note: string,
  applicants: number,
): Promise<number> {
  const row = await trx
    .insertInto('proactiveSuggestions')
    .values({
      agencyId: r.agencyId,
      origin,
      state: 'open',
      informationName: r.informationName,
      applicantNote: note,
      publicationId: null,
      dismissReason: '',
      decidedBy: null,
      decidedAt: null,
      decidedOn: null,
      createdAt: ctx.at,
      createdOn: todayOf(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await link(trx, row.id, ids);
  await recordEvent(
    trx,
    ctx,
    origin === 'detected' ? 'proactiveSuggestion.detected' : 'proactiveSuggestion.applicantSuggested',
    { type: 'proactiveSuggestion', id: row.id, agencyId: r.agencyId },
    { after: { infoRequestIds: [...ids], applicants } },
  );
  return row.id;
}

/** After a reply: open a suggestion, or add the application to the one its information already has. */
export async function suggestAfterReply(trx: Trx, ctx: AuditContext, r: InfoRequestRow): Promise<void> {
  if (!isDisclosingOutcome(r.outcomeKey)) return;
  const found = severalApplicantsForSameInformation(
    answered(r),
    await disclosedOfAgency(trx, r.agencyId),
    await proactiveApplicants(trx),
  );
  const ids = found.requests.map((x) => x.id);
  for (const id of ids.slice(1)) {
    const existing = await suggestionOfRequest(trx, id);
    if (existing) {
      // The information has its suggestion (open, accepted or dismissed): the application joins it.
      await link(trx, existing.id, ids);
      return;
    }
  }
  if (!found.suggest) return;
  // Named as the first application named it.
  const first = [...found.requests].sort((a, b) => a.id - b.id)[0] ?? found.requests[0];
  const name = first?.informationName.trim() || first?.featureDescription.trim() || r.informationName;
  await newSuggestion(trx, ctx, { agencyId: r.agencyId, informationName: name }, 'detected', ids, '', found.applicants);
}

/** 第四十四条 second sentence: the applicant suggests it; staff record it on the answered case. */
export async function recordApplicantSuggestion(
  trx: Trx,
  ctx: AuditContext,
  r: InfoRequestRow,
  note: string,
): Promise<number> {
  const text = note.trim();
  if (!text) throw new ValidationError({ applicantNote: '请写明申请人的建议（方式、日期和内容）。' });
  if ([...text].length > 1000) throw new ValidationError({ applicantNote: '不能超过 1000 个字符。' });
  if (!['replied', 'archived'].includes(r.state) || !isDisclosingOutcome(r.outcomeKey))
    throw new ValidationError({
      applicantNote: '只有已答复“予以公开”或“部分公开”的申请，才能记录转为主动公开的建议。',
    });
  const existing = await suggestionOfRequest(trx, r.id);
  if (existing) {
    const joined = existing.applicantNote ? `${existing.applicantNote}\n${text}` : text;
    await updateAudited(trx, ctx, {
      table: 'proactiveSuggestions',
      id: existing.id,
      set: { applicantNote: joined.slice(0, 4000) },
      action: 'proactiveSuggestion.applicantSuggested',
      type: 'proactiveSuggestion',
      agencyId: existing.agencyId,
      summary: { after: { infoRequestId: r.id } },
    });
    return existing.id;
  }
  const found = severalApplicantsForSameInformation(answered(r), await disclosedOfAgency(trx, r.agencyId), 2);
  return newSuggestion(
    trx,
    ctx,
    { agencyId: r.agencyId, informationName: r.informationName.trim() || r.featureDescription.trim() },
    'applicant',
    found.requests.map((x) => x.id),
    text,
    found.applicants,
  );
}

export async function findSuggestion(db: Executor, id: number): Promise<ProactiveSuggestionRow | undefined> {
  return findRow(db, 'proactiveSuggestions', { id });
}

/** The applications of a suggestion, newest reply first. */
export function requestsOfSuggestion(db: Executor, suggestionId: number): Promise<InfoRequestRow[]> {
  return db
    .selectFrom('infoRequests as r')
    .innerJoin('proactiveSuggestionRequests as l', 'l.infoRequestId', 'r.id')
    .selectAll('r')
    .where('l.suggestionId', '=', suggestionId)
    .orderBy('r.repliedOn', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** A text with every applicant's own data taken out and every personal number masked. */
export function withoutApplicantData(
  text: string,
  applicants: readonly Pick<
    InfoRequestRow,
    'applicantName' | 'idDocumentNumber' | 'phone' | 'email' | 'postalAddress' | 'fax'
  >[],
): string {
  let out = text;
  for (const a of applicants)
    for (const v of [a.idDocumentNumber, a.phone, a.email, a.postalAddress, a.fax, a.applicantName]) {
      const s = v.trim();
      if ([...s].length >= 2) out = out.split(s).join('申请人');
    }
  return maskPersonalNumbers(out);
}

export interface AcceptDeps {
  cal: WorkCalendar;
  store: FileStore;
  agencyName: string;
}

/** One step: the draft publication from the reply and its documents; the suggestion is accepted. */
export async function acceptSuggestion(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  s: ProactiveSuggestionRow,
  categoryId: string,
  deps: AcceptDeps,
): Promise<number> {
  proactiveMachine.plan(actor, s, 'accept');
  if (!/^\d{1,10}$/.test(categoryId)) throw new ValidationError({ categoryId: '请选择目录分类。' });
  const requests = await requestsOfSuggestion(trx, s.id);
  const source = requests.find((r) => isDisclosingOutcome(r.outcomeKey) && r.replyText.trim());
  if (!source) throw new AppError('conflict', '没有可作为正文的答复内容，无法生成草稿。');
  const files: DraftFile[] = [];
  const seen = new Set<string>();
  for (const r of requests) {
    const atts = await trx
      .selectFrom('infoRequestAttachments')
      .selectAll()
      .where('infoRequestId', '=', r.id)
      .orderBy('id')
      .execute();
    for (const a of atts) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      const data = await deps.store.get(a.sha256);
      if (data) files.push({ fileName: withoutApplicantData(a.fileName, requests), data });
    }
  }
  const clean = (t: string) => withoutApplicantData(t, requests);
  const title = clean(s.informationName).slice(0, 200);
  const body = `${clean(source.replyText)}\n\n本信息经多个申请人依申请公开后，依据${PROACTIVE_BASIS}纳入主动公开范围。`;
  const today = todayOf(ctx);
  let publicationId: number;
  try {
    publicationId = await createDraftWithFiles(
      trx,
      ctx,
      actor,
      deps.cal,
      deps.store,
      s.agencyId,
      draftInput(
        {
          title,
          body,
          issuer: deps.agencyName.slice(0, 60),
          formedOn: today,
          documentNumber: clean(source.documentNumber).slice(0, 60),
        },
        [categoryId],
      ),
      files,
    );
  } catch (err) {
    if (err instanceof ValidationError) {
      const fields = err.fields ?? {};
      const message = Object.values(fields).join('');
      throw new ValidationError(fields.categoryIds ? { categoryId: fields.categoryIds } : { accept: message });
    }
    throw err;
  }
  await proactiveMachine.transition(trx, ctx, {
    subject: s,
    event: 'accept',
    summary: { after: { publicationId, attachments: files.length } },
  });
  await trx
    .updateTable('proactiveSuggestions')
    .set({ state: 'accepted', publicationId, decidedBy: actor.userId, decidedAt: ctx.at, decidedOn: today })
    .where('id', '=', s.id)
    .execute();
  return publicationId;
}

export async function dismissSuggestion(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  s: ProactiveSuggestionRow,
  reason: string,
): Promise<void> {
  const text = reason.trim();
  proactiveMachine.plan(actor, s, 'dismiss');
  if (!text) throw new ValidationError({ dismissReason: '请写明不转为主动公开的理由。' });
  if ([...text].length > 500) throw new ValidationError({ dismissReason: '理由不能超过 500 个字符。' });
  await proactiveMachine.transition(trx, ctx, { subject: s, event: 'dismiss', summary: { after: { reason: text } } });
  await trx
    .updateTable('proactiveSuggestions')
    .set({
      state: 'dismissed',
      dismissReason: text,
      decidedBy: actor.userId,
      decidedAt: ctx.at,
      decidedOn: todayOf(ctx),
    })
    .where('id', '=', s.id)
    .execute();
}
