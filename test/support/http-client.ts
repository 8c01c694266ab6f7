// A cookie-keeping browser stand-in over real HTTP (node:http), for tests that drive a listening
// server — in this process or a child process — with real sockets and real concurrency. Like
// Agent (app.inject), it reads the CSRF token from the last page and sends it with forms. An
// https:// base (nginx in front, test/deploy) is verified against the certificate given as `ca`.
import { request, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TEST_PASSWORD } from './test-app.ts';

export interface HttpResponse {
  status: number;
  location: string;
  body: string;
  /** The body as received (a downloaded file). */
  bytes: Buffer;
  headers: IncomingMessage['headers'];
}

export class HttpClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly base: string,
    private readonly tls: { ca?: Buffer } = {},
  ) {}

  private store(setCookies: string[], body: string): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m?.[1]) this.csrf = m[1];
  }

  /**
   * One request on a connection of its own (no keep-alive): a reused idle socket that the server
   * closes at the same moment would fail the request with ECONNRESET, a race of the client's
   * connection pool and not of the server under test.
   */
  private async send(path: string, init: { method: string; body?: Buffer; headers?: Record<string, string> }) {
    const url = new URL(path, this.base);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : request)(
        url,
        {
          method: init.method,
          agent: false,
          ...(this.tls.ca ? { ca: this.tls.ca } : {}),
          headers: {
            ...init.headers,
            cookie: this.cookieHeader(),
            ...(init.body ? { 'content-length': String(init.body.length) } : {}),
          },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(init.body);
    });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const body = bytes.toString('utf8');
    this.store(res.headers['set-cookie'] ?? [], body);
    return {
      status: res.statusCode ?? 0,
      location: String(res.headers.location ?? ''),
      body,
      bytes,
      headers: res.headers,
    };
  }

  /** A client of another address (another process of the same site) sharing this one's cookies. */
  at(base: string): HttpClient {
    const other = new HttpClient(base, this.tls);
    other.cookies = this.cookies;
    other.csrf = this.csrf;
    return other;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(path: string): Promise<HttpResponse> {
    return this.send(path, { method: 'GET' });
  }

  /** Posts a urlencoded form with the CSRF token of the last page (a list: the field repeated). */
  post(path: string, fields: Record<string, string | string[]>): Promise<HttpResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    body.append('_csrf', this.csrf);
    return this.send(path, {
      method: 'POST',
      body: Buffer.from(body.toString()),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Posts a multipart form: the CSRF token first (the upload scopes require it before any file). */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { name: string; fileName: string; type: string; content: Buffer }[],
  ): Promise<HttpResponse> {
    const form = new FormData();
    form.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.name, new Blob([new Uint8Array(f.content)], { type: f.type }), f.fileName);
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
  }

  async login(username: string, password = TEST_PASSWORD): Promise<HttpResponse> {
    await this.get('/admin/login');
    return this.post('/admin/login', { username, password });
  }
}

/** Runs `count` tasks with at most `width` of them in flight at once; results in task order. */
export async function runConcurrently<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, count) }, async () => {
    for (let i = next++; i < count; i = next++) out[i] = await task(i);
  });
  await Promise.all(lanes);
  return out;
}
