// Attachments through the admin routes on both engines: multipart upload with the CSRF token
// (refused without it), type checked by content, content-addressed storage, the Chinese file
// name in Content-Disposition, and no public download before release.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Agent } from '../support/agent.ts';
import { BUDGET_DRAFT, categoryIdOf, draftIdOf, postDraft } from '../support/publication-desk.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import { createTestEnv, ENGINE, type TestEnv } from '../support/test-app.ts';
import { multipartBody, type MultipartPart } from '../support/multipart.ts';

let env: TestEnv;
let lingxi: number;
let clerk: Agent;
let reviewer: Agent;
let signer: Agent;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A minimal ZIP (deflated entries) with a central directory. */
export function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = deflateRawSync(Buffer.from(content, 'utf8'));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(content), 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(content), 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function multipart(fields: [string, string][], file?: { name: string; data: Buffer }, fileFirst = false) {
  const fieldParts: MultipartPart[] = fields.map(([name, value]) => ({ name, value }));
  const fileParts: MultipartPart[] = file ? [{ name: 'file', file }] : [];
  return multipartBody(fileFirst ? [...fileParts, ...fieldParts] : [...fieldParts, ...fileParts]);
}

async function upload(
  a: Agent,
  id: number,
  file: { name: string; data: Buffer },
  opts: { token?: string | null; fileFirst?: boolean } = {},
) {
  await a.get(`/admin/publications/${id}`);
  const token = opts.token === undefined ? a.csrf : opts.token;
  const m = multipart(token === null ? [] : [['_csrf', token]], file, opts.fileFirst);
  return env.app.inject({
    method: 'POST',
    url: `/admin/publications/${id}/attachments`,
    payload: m.payload,
    headers: { 'content-type': m.contentType, cookie: a.cookieHeader() },
  });
}

let draftId: number;

const staff = new SignedInStaff([
  ['lx.clerk', 'lingxi', 'clerk'],
  ['lx.reviewer', 'lingxi', 'reviewer'],
  ['lx.signer', 'lingxi', 'signer'],
]);

before(async () => {
  env = await createTestEnv({ config: { attachmentMaxBytes: 2048 } });
  lingxi = env.county.agencyIds.lingxi!;
  await staff.open(env);
  [clerk, reviewer, signer] = ['lx.clerk', 'lx.reviewer', 'lx.signer'].map(staff.as) as [Agent, Agent, Agent];
  draftId = draftIdOf(
    await postDraft(env, clerk, lingxi, {
      ...BUDGET_DRAFT,
      categoryIds: [await categoryIdOf(env, lingxi, 'statutory.a20.7')],
    }),
  );
});
after(() => env.close());

const attachments = () =>
  env.database.db.selectFrom('attachments').selectAll().where('publicationId', '=', draftId).orderBy('id').execute();

describe('upload', () => {
  test('a multipart POST without the CSRF token is refused and stores nothing', async () => {
    const res = await upload(clerk, draftId, { name: '预算表.pdf', data: PDF }, { token: null });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /页面已过期|无法确认请求来源/);
    const wrong = await upload(clerk, draftId, { name: '预算表.pdf', data: PDF }, { token: 'not-the-token' });
    assert.equal(wrong.statusCode, 403);
    const fileFirst = await upload(clerk, draftId, { name: '预算表.pdf', data: PDF }, { fileFirst: true });
    assert.equal(fileFirst.statusCode, 403);
    assert.equal((await attachments()).length, 0);
  });

  test('a PDF with a Chinese name is stored by its SHA-256 and listed', async () => {
    const res = await upload(clerk, draftId, { name: '灵溪镇2025年预算表.pdf', data: PDF });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const [a] = await attachments();
    assert.ok(a);
    assert.equal(a.fileName, '灵溪镇2025年预算表.pdf');
    assert.equal(a.mime, 'application/pdf');
    assert.equal(a.size, PDF.length);
    assert.match(a.sha256, /^[0-9a-f]{64}$/);
    // Embedded: under DATA_DIR/files; PostgreSQL: in the database, for every web process (#16).
    if (ENGINE === 'embedded')
      assert.ok(existsSync(join(env.config.dataDir, 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256)));
    else
      assert.ok(
        await env.database.db
          .selectFrom('storedFiles')
          .select('sha256')
          .where('sha256', '=', a.sha256)
          .executeTakeFirst(),
      );
    const staff = await clerk.get(`/admin/publications/${draftId}/attachments/${a.id}`);
    assert.equal(staff.statusCode, 200);
    assert.equal(staff.headers['content-type'], 'application/pdf');
    assert.equal(
      staff.headers['content-disposition'],
      `attachment; filename="___2025____.pdf"; filename*=UTF-8''${encodeURIComponent('灵溪镇2025年预算表.pdf')}`,
    );
    assert.deepEqual(staff.rawPayload, PDF);
    // Not public before release.
    assert.equal((await env.app.inject({ method: 'GET', url: `/attachments/${a.id}` })).statusCode, 404);
  });

  test('a .pdf name with PNG content is refused with a Chinese message', async () => {
    const res = await upload(clerk, draftId, { name: '预算说明.pdf', data: PNG });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /扩展名表示PDF 文件，但内容实际是PNG 图片/);
    assert.equal((await attachments()).length, 1);
  });

  test('unknown types and files over the configured limit are refused', async () => {
    const exe = await upload(clerk, draftId, { name: 'setup.exe', data: Buffer.from('MZ\x90\x00') });
    assert.equal(exe.statusCode, 422);
    assert.match(exe.body, /不支持“setup.exe”的文件类型/);
    const big = await upload(clerk, draftId, {
      name: '大文件.pdf',
      data: Buffer.concat([PDF, Buffer.alloc(4096, 32)]),
    });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /文件“大文件.pdf”超过 2 KB/);
    assert.equal((await attachments()).length, 1);
  });

  test('a DOCX is recognised inside its ZIP and its text extracted', async () => {
    const docx = makeZip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>低保户名单说明</w:t></w:r></w:p></w:body></w:document>',
    });
    const res = await upload(clerk, draftId, { name: '说明.docx', data: docx });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const list = await attachments();
    assert.equal(list[1]?.mime, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(list[1]?.extractedText ?? '', /低保户名单说明/);
  });

  test('after release the file is public with its headers; a reviewer cannot change attachments', async () => {
    await clerk.get(`/admin/publications/${draftId}`);
    await clerk.post(`/admin/publications/${draftId}/submit`, {});
    const inReview = await upload(clerk, draftId, { name: '另一个.pdf', data: PDF });
    assert.equal(inReview.statusCode, 409);
    assert.match(inReview.body, /审查或签发中，不能修改附件/);
    await reviewer.get(`/admin/publications/${draftId}`);
    await reviewer.post(`/admin/publications/${draftId}/review`, { decision: 'pass', comment: '' });
    await signer.get(`/admin/publications/${draftId}`);
    await signer.post(`/admin/publications/${draftId}/sign-off`, { decision: 'approve', comment: '' });
    assert.equal((await upload(reviewer, draftId, { name: '另一个.pdf', data: PDF })).statusCode, 403);
    assert.equal((await upload(clerk, draftId, { name: '另一个.pdf', data: PDF })).statusCode, 403);
    assert.equal((await upload(signer, draftId, { name: '补充说明.pdf', data: PDF })).statusCode, 303);
    assert.equal((await attachments()).length, 3);
    const [a] = await attachments();
    const res = await env.app.inject({ method: 'GET', url: `/attachments/${a!.id}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(
      String(res.headers['content-disposition']),
      /^inline; filename="[^"]+"; filename\*=UTF-8''%E7%81%B5%E6%BA%AA%E9%95%87/,
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});
