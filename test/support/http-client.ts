// A cookie-keeping browser stand-in over real HTTP (fetch), for tests that drive a listening
// server — in this process or a child process — with real sockets and real concurrency. Like
// Agent (app.inject), it reads the CSRF token from the last page and sends it with forms.
import { TEST_PASSWORD } from './test-app.ts';

export interface HttpResponse {
  status: number;
  location: string;
  body: string;
}

export class HttpClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly base: string) {}

  private store(res: Response, body: string): void {
    for (const line of res.headers.getSetCookie()) {
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

  private async send(path: string, init: RequestInit): Promise<HttpResponse> {
    const res = await fetch(new URL(path, this.base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    const body = await res.text();
    this.store(res, body);
    return { status: res.status, location: res.headers.get('location') ?? '', body };
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(path: string): Promise<HttpResponse> {
    return this.send(path, { method: 'GET' });
  }

  /** Posts a urlencoded form with the CSRF token of the last page. */
  post(path: string, fields: Record<string, string>): Promise<HttpResponse> {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrf });
    return this.send(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Posts a multipart form: the CSRF token first (the upload scopes require it before any file). */
  postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { name: string; fileName: string; type: string; content: Buffer }[],
  ): Promise<HttpResponse> {
    const form = new FormData();
    form.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.name, new Blob([new Uint8Array(f.content)], { type: f.type }), f.fileName);
    return this.send(path, { method: 'POST', body: form });
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
