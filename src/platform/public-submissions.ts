// Public forms that create something (an application, a letter, an inquiry, a complaint, an
// objection, a service-hall application) share two rules, kept here once:
// - A form is accepted once. Each rendered form carries a one-time token (`_once`); the first
//   accepted POST with it records where its receipt is, in the same transaction as the record.
//   A second POST with the same token (a refresh, a double click, the back button) creates
//   nothing and is sent to the first receipt. Two identical POSTs at the same moment meet on the
//   token's primary key: on PostgreSQL the second INSERT waits for the first to commit and then
//   does nothing; on SQLite write transactions run one at a time. The staff's registration of a
//   paper application uses the token too (a refresh of the page with its query code), with no limit,
//   as does a new 公示 (two identical drafts from one form sent twice).
// - The limit counts only accepted submissions of one kind of form, per client address (kept as
//   a keyed hash, never the address), over the last minute: a form sent back with errors, a catalogue search on the
//   application form and a refused attempt cost nothing. The count is a query over this table,
//   so it holds across web processes. On SQLite it is exact; on PostgreSQL (READ COMMITTED) two
//   submissions at the very same moment may both pass the last free place.
import { createHmac, randomBytes } from 'node:crypto';
import type { Executor, Trx } from './transaction.ts';
import { AppError } from './errors.ts';
import { formValue } from './forms.ts';

export interface PublicSubmissionsTable {
  token: string;
  scope: string;
  clientKey: string;
  location: string | null;
  createdAt: string;
}

export interface PublicSubmissionTables {
  publicSubmissions: PublicSubmissionsTable;
}

/** Name of the hidden field that carries a form's one-time token. */
export const ONCE_FIELD = '_once';
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const WINDOW_MS = 60_000;

export function newSubmissionToken(): string {
  return randomBytes(18).toString('base64url');
}

/** The token the form carried, or a new one (a form rendered again keeps its token). */
export function submissionTokenOf(body: unknown): string | null {
  const t = formValue(body, ONCE_FIELD);
  return TOKEN.test(t) ? t : null;
}

/** True when the field that people never see (`website`) was filled in: a bot; nothing is stored. */
export function isHoneypotFilled(body: unknown): boolean {
  return formValue(body, 'website').trim() !== '';
}

/** Every public form answers a filled honeypot alike: 400, nothing stored, nothing said about why. */
export function refuseHoneypot(body: unknown): void {
  if (isHoneypotFilled(body)) throw new AppError('badRequest', '提交未成功，请刷新页面后重新填写。');
}

/** This form was accepted before: its receipt is at `location`. */
export class AlreadySubmitted extends Error {
  constructor(readonly location: string) {
    super('already submitted');
  }
}

/** Too many accepted submissions from this client in the last minute. */
export class SubmissionLimited extends AppError {
  /** `message` is the sentence shown above the form, which keeps everything typed. */
  constructor(readonly retryAfterSeconds: number) {
    super('rateLimited', `提交过于频繁，请在 ${retryAfterSeconds} 秒后再点击提交。您填写的内容已保留在下面。`);
    this.name = 'SubmissionLimited';
  }
}

export interface SubmissionContext {
  /** The form's one-time token, or null (a client that sent none: accepted, not deduplicated). */
  token: string | null;
  /** What kind of form, e.g. `interaction.letter` (for the record only). */
  scope: string;
  /** The client's address and the key its hash is made with (the app secret). */
  ip: string;
  secret: string;
  now: Date;
  /** Accepted submissions allowed per client per minute. */
  limitPerMinute: number;
}

/** The client and the kind of form, as a keyed hash (the address itself is never stored). */
export function clientKey(ip: string, scope: string, secret: string): string {
  return createHmac('sha256', secret).update(`public-submission:${scope}:${ip}`).digest('hex').slice(0, 32);
}

/**
 * Runs `create` (which stores the record and says where its receipt is) as the one accepted
 * submission of this form, inside the caller's transaction. Throws AlreadySubmitted when the
 * token was accepted before, SubmissionLimited when the client is over its limit.
 */
export async function acceptSubmission<T>(
  trx: Trx,
  s: SubmissionContext,
  create: () => Promise<{ location: string; value: T }>,
): Promise<T> {
  if (s.token) {
    const earlier = await receiptOf(trx, s.token);
    if (earlier) throw new AlreadySubmitted(earlier);
  }
  const key = clientKey(s.ip, s.scope, s.secret);
  const since = new Date(s.now.getTime() - WINDOW_MS).toISOString();
  const recent = await trx
    .selectFrom('publicSubmissions')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('createdAt').as('oldest')])
    .where('clientKey', '=', key)
    .where('createdAt', '>', since)
    .executeTakeFirst();
  if (Number(recent?.n ?? 0) >= s.limitPerMinute) {
    const oldest = recent?.oldest ? Date.parse(String(recent.oldest)) : s.now.getTime();
    throw new SubmissionLimited(Math.max(1, Math.ceil((oldest + WINDOW_MS - s.now.getTime()) / 1000)));
  }
  const token = s.token ?? newSubmissionToken();
  const claimed = await trx
    .insertInto('publicSubmissions')
    .values({ token, scope: s.scope, clientKey: key, location: null, createdAt: s.now.toISOString() })
    .onConflict((oc) => oc.column('token').doNothing())
    .returning('token')
    .executeTakeFirst();
  if (!claimed) {
    // The same form was accepted by a transaction that committed while this one waited.
    const earlier = await receiptOf(trx, token);
    throw new AlreadySubmitted(earlier ?? '/');
  }
  const { location, value } = await create();
  await trx.updateTable('publicSubmissions').set({ location }).where('token', '=', token).execute();
  return value;
}

async function receiptOf(db: Executor, token: string): Promise<string | null> {
  const row = await db.selectFrom('publicSubmissions').select('location').where('token', '=', token).executeTakeFirst();
  return row?.location ?? null;
}

/** Forgets tokens older than a day (a form kept open longer gets a new token when sent again). */
export async function prunePublicSubmissions(db: Executor, now: Date): Promise<void> {
  const before = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom('publicSubmissions').where('createdAt', '<', before).execute();
}
