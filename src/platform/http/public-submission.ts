// The HTTP side of public forms that create something (see ../public-submissions.ts): the form's
// one-time token, accept-once with post/redirect/get, the limit that counts accepted submissions
// only (a refusal re-displays the form with everything typed and a Retry-After), and the receipt
// cookie that lets the writer's own browser see the query code on the receipt page after the
// redirect — the code never travels in a URL.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors.ts';
import {
  AlreadySubmitted,
  SubmissionLimited,
  acceptSubmission,
  newSubmissionToken,
  submissionTokenOf,
} from '../public-submissions.ts';
import { inTransaction, type Trx } from '../transaction.ts';

/** The token of the form being rendered: the one it carried (a form shown again with errors), or a new one. */
export function onceToken(req: FastifyRequest): string {
  return submissionTokenOf(req.body) ?? newSubmissionToken();
}

const RECEIPT_COOKIE = 'gk_receipt';
/** The browser's last accepted submission: when, a keyed digest of its form and where its receipt is. */
const LAST_COOKIE = 'gk_last';
const LAST_MS = 1_800_000;
/** Fields that are not what was written: the CSRF token, the one-time token, the honeypot. */
const NOT_CONTENT = new Set(['_csrf', '_once', 'website']);

/**
 * A keyed digest of what a form says, with the address it was sent to: the fields by name, values
 * trimmed, without the tokens. Two sends of the same words to the same form have the same digest.
 */
export function contentDigest(secret: string, url: string, body: unknown): string {
  const fields =
    body && typeof body === 'object'
      ? Object.entries(body as Record<string, unknown>)
          .filter(([k]) => !NOT_CONTENT.has(k))
          .map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => contentOf(x))] as const)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : [];
  return createHmac('sha256', secret)
    .update(JSON.stringify([url, fields]))
    .digest('base64url');
}

function contentOf(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (v && typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value ?? '').trim();
  if (v && typeof v === 'object' && 'filename' in v) return `file:${String((v as { filename: unknown }).filename)}`;
  return String(v ?? '');
}

export interface Accepted {
  /** Where the receipt is shown (the redirect target). */
  location: string;
  /** The number and the query code the receipt shows once (none when nothing new was issued). */
  receipt?: { receiptNumber: string; queryCode: string };
}

export interface AcceptOptions {
  scope: string;
  /** Stores the record in the given transaction; says where its receipt is. */
  create: (trx: Trx) => Promise<Accepted>;
  /** The form again, with everything typed and the sentence saying when to try again (status 429, from the catalogue). */
  refused: (message: string, status: number) => unknown;
  /** The form again with field errors found while storing (422). */
  invalid: (errors: Record<string, string>) => unknown;
}

export function publicSubmission(app: FastifyInstance) {
  const { config } = app.deps;
  const cookieOpts = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    signed: true,
    secure: config.secureCookies,
    maxAge: 1800,
  };
  /** This browser's last accepted submission, from its signed cookie. */
  const lastOf = (req: FastifyRequest): { at: number; digest: string; location: string } | null => {
    const raw = req.cookies[LAST_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return null;
    const [at, digest, ...rest] = un.value.split('|');
    const location = rest.join('|');
    return at && digest && location.startsWith('/') ? { at: Number(at), digest, location } : null;
  };
  return {
    /** The token of the form being rendered: the one it carried, or a new one. */
    tokenFor: onceToken,

    async accept(req: FastifyRequest, reply: FastifyReply, o: AcceptOptions) {
      // After Back the browser shows the form again with a new token and what was typed: the same
      // words sent again to the same form from the same browser (its signed cookie, 30 minutes)
      // go to the first receipt. Other words, or another browser, make a new submission.
      const now = app.deps.clock.now().getTime();
      const digest = contentDigest(config.secret, `${o.scope}|${req.url}`, req.body);
      const last = lastOf(req);
      if (last && last.digest === digest && now - last.at >= 0 && now - last.at < LAST_MS)
        return reply.redirect(last.location, 303);
      try {
        const made = await inTransaction(app.db, (trx) =>
          acceptSubmission(
            trx,
            {
              token: submissionTokenOf(req.body),
              scope: o.scope,
              ip: req.ip,
              secret: config.secret,
              now: app.deps.clock.now(),
              limitPerMinute: config.publicFormRateLimit,
            },
            async () => {
              const a = await o.create(trx);
              return { location: a.location, value: a };
            },
          ),
        );
        if (made.receipt)
          reply.setCookie(RECEIPT_COOKIE, `${made.receipt.receiptNumber}|${made.receipt.queryCode}`, cookieOpts);
        reply.setCookie(LAST_COOKIE, `${now}|${digest}|${made.location}`, cookieOpts);
        return reply.redirect(made.location, 303);
      } catch (err) {
        if (err instanceof AlreadySubmitted) return reply.redirect(err.location, 303);
        if (err instanceof SubmissionLimited) {
          reply.header('retry-after', String(err.retryAfterSeconds));
          return o.refused(err.message, err.status);
        }
        if (err instanceof ValidationError) return o.invalid(err.fields ?? {});
        throw err;
      }
    },

    /** The number and query code this browser was shown on submitting `number`, if any. */
    receiptShown(req: FastifyRequest, number: string): { number: string; queryCode: string } | null {
      const raw = req.cookies[RECEIPT_COOKIE];
      const un = raw ? req.unsignCookie(raw) : null;
      if (!un?.valid || !un.value) return null;
      const [n, code] = un.value.split('|');
      return n && code && n === number ? { number: n, queryCode: code } : null;
    },
  };
}

/**
 * Route options for a public POST that creates no record (a lookup by 编号 + 查询码, a rating, a
 * lost 查询码): `PUBLIC_FORM_RATE_LIMIT` requests per client per minute (@fastify/rate-limit, 429
 * 「操作过于频繁，请稍后再试。」). Forms that create something count accepted submissions instead.
 */
export function publicFormRateLimit(app: FastifyInstance) {
  return { config: { rateLimit: { max: app.deps.config.publicFormRateLimit, timeWindow: '1 minute' } } };
}

/**
 * A staff form that creates a record, once per form: a registration whose answer is the page itself,
 * showing the query code once (a paper application, a paper 更正申请), or a new 公示. `create` runs
 * once per form token, with no limit; the same form sent again — a refresh of that page, a second
 * click, two tabs — throws AlreadySubmitted with the location of the record made.
 */
export function registerOnce<T>(
  app: FastifyInstance,
  req: FastifyRequest,
  trx: Trx,
  scope: string,
  create: () => Promise<{ location: string; value: T }>,
): Promise<T> {
  return acceptSubmission(
    trx,
    {
      token: submissionTokenOf(req.body),
      scope,
      ip: req.ip,
      secret: app.deps.config.secret,
      now: app.deps.clock.now(),
      limitPerMinute: Number.POSITIVE_INFINITY,
    },
    create,
  );
}

/**
 * A staff form that creates a record, answered once per form (its `OnceField`): `create` runs in a
 * transaction of its own through registerOnce and the answer is `answer` (by default 303 to the
 * record made); the same form sent again — a double click, a refresh of the POST, two tabs, two at
 * once — creates nothing and is answered 303 to the record made the first time. Any other error
 * (a ValidationError: the form again with what was typed) goes to the caller.
 */
export async function createOnce<T>(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  create: (trx: Trx) => Promise<{ location: string; value: T }>,
  answer: (made: { location: string; value: T }) => unknown = (made) => reply.redirect(made.location, 303),
): Promise<unknown> {
  let made: { location: string; value: T };
  try {
    made = await inTransaction(app.db, (trx) =>
      registerOnce(app, req, trx, scope, async () => {
        const m = await create(trx);
        return { location: m.location, value: m };
      }),
    );
  } catch (err) {
    if (err instanceof AlreadySubmitted) return reply.redirect(err.location, 303);
    throw err;
  }
  return answer(made);
}
