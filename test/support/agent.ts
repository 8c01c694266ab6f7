// A cookie-keeping client over app.inject(): it reads the CSRF token from the last page it
// fetched and sends it with forms, as a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './test-app.ts';
import { multipartBody, type MultipartPart } from './multipart.ts';

export class Agent {
  private cookies = new Map<string, string>();
  csrf = '';
  /** The one-time token of the form on the last page fetched (sent back with it, as a browser does). */
  once = '';

  /** `ip`: the client address the app sees (default: light-my-request's 127.0.0.1). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: { ip?: string } = {},
  ) {}

  private store(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
    this.once = /name="_once" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
      ...(this.opts.ip ? { remoteAddress: this.opts.ip } : {}),
    });
    this.store(res);
    return res;
  }

  /** Posts a urlencoded form; the CSRF token from the last page is added unless `csrf: false`. */
  async post(url: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean | string } = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    if (opts.csrf !== false) body.set('_csrf', typeof opts.csrf === 'string' ? opts.csrf : this.csrf);
    if (this.once && !body.has('_once')) body.set('_once', this.once);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      ...(this.opts.ip ? { remoteAddress: this.opts.ip } : {}),
    });
    this.store(res);
    return res;
  }

  /**
   * Posts a multipart form as a browser does: the CSRF token first, then the fields in order,
   * then the files (`files`: field name → one or more { name, data }).
   */
  async postMultipart(
    url: string,
    fields: Record<string, string | string[]>,
    files: Record<string, { name: string; data: Buffer; type?: string }[]> = {},
    opts: { csrf?: boolean | string } = {},
  ) {
    const parts: MultipartPart[] = [];
    if (opts.csrf !== false)
      parts.push({ name: '_csrf', value: typeof opts.csrf === 'string' ? opts.csrf : this.csrf });
    for (const [name, v] of Object.entries(fields))
      for (const value of Array.isArray(v) ? v : [v]) parts.push({ name, value });
    for (const [name, list] of Object.entries(files)) for (const file of list) parts.push({ name, file });
    const { payload, contentType } = multipartBody(parts);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, cookie: this.cookieHeader() },
    });
    this.store(res);
    return res;
  }

  /** Follows a redirect (303 after a POST) with a GET, as a browser does; other answers as they are. */
  async follow(res: LightMyRequestResponse) {
    const to = res.headers.location;
    return res.statusCode >= 300 && res.statusCode < 400 && typeof to === 'string' ? this.get(to) : res;
  }

  async login(username: string, password = TEST_PASSWORD) {
    await this.get('/admin/login');
    return this.post('/admin/login', { username, password });
  }
}
