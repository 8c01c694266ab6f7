// Infrastructure plugins, registered first and in this order: cookies, form bodies, security
// headers, rate limiting (opt-in per route), CSRF checked on every unsafe method.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../errors.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import { checksCsrfAfterMultipart } from './multipart.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerSecurity(app: FastifyInstance, config: Config, database: Database): Promise<void> {
  await app.register(fastifyCookie, { secret: config.secret });
  await app.register(fastifyFormbody, { bodyLimit: 1_048_576 });
  // Helmet's headers depend on the configuration only: its middleware (the CSP directives parsed
  // into one header value, and so on) is built once here and run on each request as it arrives.
  // @fastify/helmet built it again for every request (docs/PERFORMANCE.md, "Render cost").
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  await app.register(fastifyRateLimit, {
    global: false,
    // Counted in the database, so that every web process shares one counter (#16 point 4).
    store: databaseRateLimitStore(database.db, config.secret),
    errorResponseBuilder: () => new AppError('rateLimited'),
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = req.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });
  // At preValidation the body is parsed (at onRequest every form token would be missing).
  app.addHook('preValidation', (req, reply, done) => {
    if (!UNSAFE.has(req.method)) return done();
    // Multipart forms are parsed in their own scope (after this hook), which checks the token
    // there before any handler runs (multipart.ts).
    if (checksCsrfAfterMultipart(req)) return done();
    app.csrfProtection(req, reply, done);
  });
}
