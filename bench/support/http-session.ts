// A signed-in staff session against a benchmark's server: keep-alive connections (up to
// `maxSockets` at once), the cookies the server sets kept and sent back, and the login form
// posted with its CSRF token, as a browser does.
import { Agent, request } from 'node:http';

export interface HttpSession {
  send(path: string, body?: string): Promise<{ status: number; body: string }>;
  close(): void;
}

export async function signIn(
  base: string,
  username: string,
  password: string,
  maxSockets: number,
): Promise<HttpSession> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const keepCookies = (lines: string[] | undefined) => {
    for (const line of lines ?? []) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const send = (path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${base}${path}`,
        {
          method: body === undefined ? 'GET' : 'POST',
          agent,
          headers: {
            cookie: cookieHeader(),
            ...(body === undefined
              ? {}
              : {
                  'content-type': 'application/x-www-form-urlencoded',
                  'content-length': String(Buffer.byteLength(body)),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            keepCookies(res.headers['set-cookie']);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const loginPage = await send('/admin/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)?.[1] ?? '';
  const login = await send('/admin/login', new URLSearchParams({ username, password, _csrf: csrf }).toString());
  if (login.status !== 303) throw new Error(`login answered ${login.status}`);
  return { send, close: () => agent.destroy() };
}
