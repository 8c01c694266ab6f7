// Uploads (issue #12 point 4): nothing of a multipart body is read before the sender is known to
// be allowed (the answer comes while the body is still on the wire), files over a route's limit
// come back as a Chinese 413 with the form's typed text kept, and staged files never outlive
// their request.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { application } from '../info-request/helpers.ts';
import { Agent } from '../support/agent.ts';
import { BUDGET_DRAFT, categoryIdOf, draftIdOf, postDraft } from '../support/publication-desk.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let port: number;
let publicationId: number;
let infoRequestId: number;

before(async () => {
  env = await createTestEnv();
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
  const lingxi = env.county.agencyIds.lingxi!;
  const clerk = await signedIn('lx.clerk', '/admin/publications/new');
  publicationId = draftIdOf(
    await postDraft(env, clerk, lingxi, {
      ...BUDGET_DRAFT,
      categoryIds: [await categoryIdOf(env, lingxi, 'statutory.a20.7')],
    }),
  );
  const applicant = new Agent(env.app);
  await applicant.get('/agencies/lingxi/apply/online');
  const applied = await applicant.post('/agencies/lingxi/apply/online', application());
  assert.equal(applied.statusCode, 303, applied.body.slice(0, 2000));
  const ir = await env.database.db
    .selectFrom('infoRequests')
    .select('id')
    .where('agencyId', '=', lingxi)
    .executeTakeFirstOrThrow();
  infoRequestId = ir.id;
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  port = (env.app.server.address() as net.AddressInfo).port;
});
after(() => env.close());

const DECLARED = 500 * 1024 * 1024;
const BOUNDARY = '----gkUploadBoundary';

/**
 * Starts a multipart POST that declares a 500 MB body, sends the CSRF field, a file header and
 * 64 KB of the file, then stops sending and waits for the answer: the status (and how much of the
 * body had been sent when it came).
 */
function startHugeUpload(path: string, cookie = '', csrf = 'x'): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let sent = 0;
    let answer = '';
    socket.setTimeout(20_000, () => {
      socket.destroy();
      reject(new Error(`no answer from ${path} while the body was unsent`));
    });
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (m) {
        socket.destroy();
        resolve({ status: Number(m[1]), sent });
      }
    });
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
          `Content-Length: ${DECLARED}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`,
      );
      const head = Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
          `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      );
      const body = Buffer.concat([head, Buffer.alloc(64 * 1024, 0x20)]);
      socket.write(body);
      sent = body.length;
    });
  });
}

async function signedIn(username: string, page: string) {
  const a = new Agent(env.app);
  await a.login(username);
  await a.get(page);
  return a;
}

const uploadPaths = () => [
  `/admin/publications/${publicationId}/attachments`,
  `/admin/info-requests/${infoRequestId}/reply`,
  '/admin/annual-reports/checker',
  '/admin/service-hall/items/import-file',
];

describe('before any byte of the body is read', () => {
  test('an anonymous upload to every upload route is answered 401 while the body is unsent', async () => {
    for (const path of uploadPaths()) {
      const r = await startHugeUpload(path);
      assert.equal(r.status, 401, path);
      assert.ok(r.sent < 100 * 1024, `${path}: answered after ${r.sent} bytes`);
    }
  });

  test('a signed-in user without the permission, or of another agency, gets 403 the same way', async () => {
    const reviewer = await signedIn('lx.reviewer', '/admin');
    const r = await startHugeUpload(
      `/admin/info-requests/${infoRequestId}/reply`,
      reviewer.cookieHeader(),
      reviewer.csrf,
    );
    assert.equal(r.status, 403);
    const other = await signedIn('gp.clerk', '/admin');
    for (const path of [
      `/admin/publications/${publicationId}/attachments`,
      `/admin/info-requests/${infoRequestId}/reply`,
    ]) {
      const o = await startHugeUpload(path, other.cookieHeader(), other.csrf);
      assert.ok(o.status === 403 || o.status === 404, `${path}: ${o.status}`);
    }
  });

  test('a route that takes no files answers 415, a body over the route limit 413 — both unread', async () => {
    const clerk = await signedIn('lx.clerk', '/admin');
    const notUpload = await startHugeUpload(
      `/admin/publications/${publicationId}/submit`,
      clerk.cookieHeader(),
      clerk.csrf,
    );
    assert.equal(notUpload.status, 415);
    const tooBig = await startHugeUpload('/admin/annual-reports/checker', clerk.cookieHeader(), clerk.csrf);
    assert.equal(tooBig.status, 413);
    assert.ok(tooBig.sent < 100 * 1024);
  });
});

function multipart(fields: [string, string][], file: { field: string; name: string; data: Buffer }) {
  const parts: Buffer[] = fields.map(([k, v]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        `Content-Type: text/plain\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}

const staged = () => {
  try {
    return readdirSync(join(env.config.dataDir, 'tmp', 'uploads'));
  } catch {
    return [];
  }
};

describe('a signed-in upload over the limit', () => {
  test('comes back as a Chinese 413 with the typed text kept, and leaves no staged file', async () => {
    const clerk = await signedIn('lx.clerk', '/admin/annual-reports/checker');
    const typed = '灵溪镇2024年政府信息公开工作年度报告（草稿）';
    const res = await env.app.inject({
      method: 'POST',
      url: '/admin/annual-reports/checker',
      payload: multipart(
        [
          ['_csrf', clerk.csrf],
          ['text', typed],
          ['year', '2024'],
          ['agencyName', '永顺县灵溪镇人民政府'],
        ],
        { field: 'file', name: '年报.txt', data: Buffer.alloc(5 * 1024 * 1024 + 10, 0x41) },
      ),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: clerk.cookieHeader() },
    });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /文件“年报.txt”超过 5 MB，未上传/);
    assert.ok(res.body.includes(typed), 'the pasted text is kept');
    assert.match(res.body, /name="year"[^>]*value="2024"|value="2024"[^>]*name="year"/);
    assert.ok(res.body.includes('永顺县灵溪镇人民政府'));
    assert.deepEqual(staged(), []);
  });

  test('a file within the limit is read from its staged copy, which is then removed', async () => {
    const clerk = await signedIn('lx.clerk', '/admin/annual-reports/checker');
    const res = await env.app.inject({
      method: 'POST',
      url: '/admin/annual-reports/checker',
      payload: multipart([['_csrf', clerk.csrf]], {
        field: 'file',
        name: '年报.txt',
        data: Buffer.from('\uFEFF永顺县灵溪镇2024年政府信息公开工作年度报告\n一、总体情况\n', 'utf8'),
      }),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: clerk.cookieHeader() },
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 1000));
    assert.match(res.body, /一、总体情况/);
    assert.deepEqual(staged(), []);
  });

  test('a file arriving with a wrong token is refused unread', async () => {
    const clerk = await signedIn('lx.clerk', '/admin/annual-reports/checker');
    const res = await env.app.inject({
      method: 'POST',
      url: '/admin/annual-reports/checker',
      payload: multipart([['_csrf', 'forged']], { field: 'file', name: 'a.txt', data: Buffer.alloc(1024, 0x41) }),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: clerk.cookieHeader() },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(staged(), []);
  });
});
