// Routes every deployment needs: the stylesheet, the site's icon, reading preferences and the health check.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { formValue } from '../forms.ts';
import { parsePrefs, PREFS_COOKIE, serializePrefs } from './context.ts';
import { safeReturnPath } from './return-path.ts';
import { Type } from 'typebox';
import { form, OneOf, query } from './schema.ts';
import { serveClientScript } from './client-bundle.ts';
import { ICON_PATH, READ_ALOUD_SCRIPT } from '../views/layout.tsx';

const CSS = readFileSync(new URL('../../../public/site.css', import.meta.url), 'utf8');
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('hex').slice(0, 16)}"`;
const ICON = readFileSync(new URL('../../../public/favicon.svg', import.meta.url), 'utf8');
const ICON_ETAG = `"${createHash('sha256').update(ICON).digest('hex').slice(0, 16)}"`;

export async function basicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/assets/site.css', async (req, reply) => {
    reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });

  app.get(ICON_PATH, async (req, reply) => {
    reply.header('etag', ICON_ETAG).header('cache-control', 'public, max-age=86400');
    if (req.headers['if-none-match'] === ICON_ETAG) return reply.code(304).send();
    return reply.type('image/svg+xml; charset=utf-8').send(ICON);
  });
  // Browsers and feed readers ask for /favicon.ico whatever the page links: they are sent to the icon.
  app.get('/favicon.ico', async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').redirect(ICON_PATH, 301),
  );

  serveClientScript(app, READ_ALOUD_SCRIPT, new URL('../views/client/read-aloud.ts', import.meta.url));

  app.get('/healthz', async (_req, reply) => {
    await sql`select 1`.execute(app.db);
    return reply.send({ status: 'ok', database: app.deps.database.engine });
  });

  // The display toolbar and the header's 关怀版 link (layout.tsx) are GETs; POST is still accepted
  // from older pages. Either way the cookie is set and the reader goes back to a same-origin path.
  const setPrefs = async (req: FastifyRequest, reply: FastifyReply, fields: unknown) => {
    const prefs = parsePrefs(req.cookies[PREFS_COOKIE]);
    const font = formValue(fields, 'font');
    const contrast = formValue(fields, 'contrast');
    const care = formValue(fields, 'care');
    if (font === 'normal' || font === 'large' || font === 'xlarge') prefs.font = font;
    if (contrast === 'on') prefs.contrast = true;
    if (contrast === 'off') prefs.contrast = false;
    if (care === 'on') prefs.care = true;
    if (care === 'off') prefs.care = false;
    reply.setCookie(PREFS_COOKIE, serializePrefs(prefs), {
      path: '/',
      sameSite: 'lax',
      maxAge: 365 * 86400,
      httpOnly: true,
    });
    return reply.header('cache-control', 'no-store').redirect(safeReturnPath(formValue(fields, 'return'), '/'), 303);
  };
  // `return` is any text: safeReturnPath decides, and falls back to the home page.
  const prefs = {
    font: Type.Optional(OneOf('字号', ['normal', 'large', 'xlarge'])),
    contrast: Type.Optional(OneOf('高对比度', ['on', 'off'])),
    care: Type.Optional(OneOf('关怀版', ['on', 'off'])),
    return: Type.Optional(Type.String({ title: '返回地址', maxLength: 2_000 })),
  };
  app.get('/prefs', { schema: { querystring: query(prefs) } }, (req, reply) => setPrefs(req, reply, req.query));
  app.post('/prefs', { schema: { body: form(prefs) } }, (req, reply) => setPrefs(req, reply, req.body));
}
