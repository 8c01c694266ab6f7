// Catalogue-first intake: before an application is filed, show the publications already
// disclosed proactively that match what the applicant describes (条例 第三十六条第（一）项 — the
// answer would only point to them). Uses the search module's index server-side, so the form
// works without JavaScript (a "查找已公开信息" button re-renders the form with the matches).
import type { Executor } from '../../platform/transaction.ts';
import { searchPublications } from '../search/index.ts';

export interface Suggestion {
  id: number;
  title: string;
  indexNumber: string | null;
  publishedOn: string | null;
}

const MAX_SUGGESTIONS = 5;

/** Phrases to search: the name first, then the description's longer segments (AND within each). */
function phrases(name: string, description: string, documentNumber: string): string[] {
  const out: string[] = [];
  if (documentNumber.trim()) out.push(documentNumber.trim());
  if (name.trim()) out.push(name.trim().slice(0, 40));
  const segments = description
    .split(/[\s，。、；;,.:：！？!?（）()“”"'《》]+/)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 2)
    .sort((a, b) => b.length - a.length)
    .slice(0, 4)
    .map((s) => s.slice(0, 20));
  for (const s of segments) if (!out.includes(s)) out.push(s);
  return out;
}

export async function findSuggestions(
  db: Executor,
  agencyId: number,
  x: { informationName: string; featureDescription: string; documentNumber: string },
): Promise<Suggestion[]> {
  const ids: number[] = [];
  for (const q of phrases(x.informationName, x.featureDescription, x.documentNumber)) {
    const r = await searchPublications(db, { q, agencyIds: [agencyId], pageSize: MAX_SUGGESTIONS });
    for (const id of r.ids) if (!ids.includes(id)) ids.push(id);
    if (ids.length >= MAX_SUGGESTIONS) break;
  }
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'title', 'indexNumber', 'publishedOn'])
    .where('id', 'in', ids.slice(0, MAX_SUGGESTIONS))
    .where('state', '=', 'published')
    .execute();
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Suggestion => r !== undefined);
}

export async function isPublishedPublication(db: Executor, agencyId: number, id: number): Promise<boolean> {
  const r = await db
    .selectFrom('publications')
    .select('id')
    .where('id', '=', id)
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .executeTakeFirst();
  return r !== undefined;
}

export async function recordSuggestionFollow(
  db: Executor,
  agencyId: number,
  publicationId: number,
  at: string,
): Promise<void> {
  await db.insertInto('infoRequestSuggestionFollows').values({ agencyId, publicationId, at }).execute();
}
