// Browser scripts, served from our own origin (no CDN; CSP `script-src 'self'`). A page works
// without them: each one only enhances a form that already works as HTML. The source is a
// TypeScript entry in the repository, bundled with its npm dependencies by esbuild (already
// installed as tsx's engine) into one ES module, in memory, on the first request; the result is
// kept for the life of the process and served with an ETag. Nothing is built at install time
// and nothing generated is committed.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

interface Bundle {
  code: string;
  etag: string;
}

/** Bundles `entry` (a file URL) into one minified ES module for current browsers. */
export async function bundleClientScript(entry: URL): Promise<Bundle> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari15.4', 'edge109'],
    minify: true,
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, etag: `"${createHash('sha256').update(code).digest('hex').slice(0, 16)}"` };
}

/** GET `path` answers the bundle of `entry` (built once, on first use). */
export function serveClientScript(app: FastifyInstance, path: string, entry: URL): void {
  let bundle: Promise<Bundle> | undefined;
  app.get(path, { schema: { hide: true } }, async (req, reply) => {
    bundle ??= bundleClientScript(entry).catch((err: unknown) => {
      bundle = undefined;
      throw err;
    });
    const { code, etag } = await bundle;
    reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(code);
  });
}
