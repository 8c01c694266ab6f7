// Spreadsheets uploaded to a draft (issue #18 point 2), both engines. A large .xlsx is parsed and
// scanned before the upload's transaction opens, and every planted number is still found with its
// cell, through the attachment upload and through the attachments sent with the edit form; a file
// refused by type is still reported on the form. An .xls (Excel 97–2003, made in the test by
// LibreOffice from an .xlsx) has its cells scanned too; without soffice that test is skipped with
// the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { passesLuhn } from '../../src/platform/privacy/detectors.ts';
import { Agent } from '../support/agent.ts';
import { multipartBody } from '../support/multipart.ts';
import { docxWithPhoneTable, xlsFromXlsx, xlsxWithCells } from '../support/privacy-files.ts';
import { publicationFields } from '../support/publication-desk.ts';
import { strFromU8, unzipSync } from 'fflate';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let clerk: Agent;
let pubId = 0;
const db = () => env.database.db;

const ROWS = 6000;
/** The draft: a 补贴发放明细 whose list is attached (the rest of the form as publicationFields fills it). */
const SHEET = { title: '灵溪镇2025年耕地地力保护补贴发放明细', body: '<p>见附件。</p>' };
/** Every 500th row carries a bank card, every 750th a mobile number; the rest are clean. */
const card = (r: number) => {
  const head = `62220212${String(r).padStart(10, '0')}`;
  return head + '0123456789'.split('').find((d) => passesLuhn(head + d));
};
const mobile = (r: number) => `139${String(r).padStart(8, '0')}`;

async function largeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发放明细');
  ws.addRow(['序号', '户主', '村组', '补贴金额（元）', '银行卡号', '联系电话', '备注']);
  for (let r = 1; r <= ROWS; r++)
    ws.addRow([
      r,
      `户主${r}`,
      `灵溪镇第${(r % 12) + 1}村民小组`,
      `${(1000 + (r % 500)).toFixed(2)}`,
      r % 500 === 0 ? card(r) : '已发放',
      r % 750 === 0 ? mobile(r) : '',
      `2025年度第${(r % 4) + 1}季度`,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  const lingxi = env.county.agencyIds.lingxi!;
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  clerk = new Agent(env.app);
  await clerk.login('lx.clerk');
  await clerk.get('/admin/publications/new');
  const res = await clerk.post('/admin/publications', {
    agencyId: String(lingxi),
    ...(await publicationFields(env, lingxi, SHEET)),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  pubId = Number(/\/admin\/publications\/(\d+)/.exec(res.headers.location as string)?.[1]);
});
after(() => env.close());

async function post(url: string, parts: Parameters<typeof multipartBody>[0]) {
  await clerk.get(`/admin/publications/${pubId}`);
  const m = multipartBody([{ name: '_csrf', value: clerk.csrf }, ...parts]);
  return env.app.inject({
    method: 'POST',
    url,
    payload: m.payload,
    headers: { 'content-type': m.contentType, cookie: clerk.cookieHeader() },
  });
}

const findingsOf = async (fileName: string) =>
  db()
    .selectFrom('privacyFindings')
    .innerJoin('attachments', 'attachments.id', 'privacyFindings.attachmentId')
    .select(['privacyFindings.kind', 'privacyFindings.masked', 'privacyFindings.cell', 'privacyFindings.state'])
    .where('privacyFindings.publicationId', '=', pubId)
    .where('attachments.fileName', '=', fileName)
    .orderBy('privacyFindings.id')
    .execute();

const expected = () => {
  const out: string[] = [];
  for (let r = 1; r <= ROWS; r++) {
    if (r % 500 === 0) out.push(`bankCard 发放明细!E${r + 1}`);
    if (r % 750 === 0) out.push(`mobile 发放明细!F${r + 1}`);
  }
  return out.sort();
};

test('a 6,000-row .xlsx uploaded as an attachment: every planted card and phone is found in its cell', async () => {
  const xlsx = await largeXlsx();
  assert.ok(xlsx.length > 150_000, `the file is large (${xlsx.length} bytes)`);
  const r = await post(`/admin/publications/${pubId}/attachments`, [
    { name: 'file', file: { name: '发放明细.xlsx', data: xlsx } },
  ]);
  assert.equal(r.statusCode, 303, r.body.slice(0, 1500));
  const f = await findingsOf('发放明细.xlsx');
  assert.deepEqual(f.map((x) => `${x.kind} ${x.cell}`).sort(), expected());
  assert.ok(f.every((x) => x.state === 'open'));
  assert.ok(f.some((x) => x.masked === `6222***********${card(500).slice(-4)}`));
  const scan = await db()
    .selectFrom('privacyFileScans')
    .innerJoin('attachments', 'attachments.id', 'privacyFileScans.attachmentId')
    .select(['privacyFileScans.state'])
    .where('attachments.fileName', '=', '发放明细.xlsx')
    .executeTakeFirstOrThrow();
  assert.equal(scan.state, 'done');
});

test('the same file sent with the edit form is scanned too; a file of a refused type is reported on the form', async () => {
  const xlsx = await largeXlsx();
  const page = await clerk.get(`/admin/publications/${pubId}/edit`);
  assert.equal(page.statusCode, 200);
  const fields = await publicationFields(env, env.county.agencyIds.lingxi!, SHEET);
  const cat = /name="categoryIds" value="(\d+)"[^>]*checked/u.exec(page.body)?.[1];
  assert.ok(cat, 'the draft has its category checked on the form');
  assert.deepEqual(fields.categoryIds, [cat], 'the form posts the category the draft has');
  const parts = Object.entries(fields).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })),
  );
  const refused = await post(`/admin/publications/${pubId}`, [
    ...parts,
    { name: 'attachments', file: { name: '名单.exe', data: Buffer.from('MZ\u0090\u0000not a document') } },
  ]);
  assert.equal(refused.statusCode, 422, refused.body.slice(0, 800));
  assert.match(refused.body, /请重新选择附件/);
  const ok = await post(`/admin/publications/${pubId}`, [
    ...parts,
    { name: 'attachments', file: { name: '发放明细（表单上传）.xlsx', data: xlsx } },
  ]);
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
  const f = await findingsOf('发放明细（表单上传）.xlsx');
  assert.deepEqual(f.map((x) => `${x.kind} ${x.cell}`).sort(), expected());
});

const XLS_CARD = card(4242);
const xls = xlsFromXlsx(
  await xlsxWithCells([
    ['户主', '银行卡号', '联系电话', '金额（元）'],
    ['赵六', XLS_CARD, '13974310077', '1,280.00'],
    ['钱七', '已发放', '', '960.00'],
  ]),
);

test(
  'an .xls (Excel 97-2003) has every cell scanned: the card, the phone and the name beside them are found in their cells',
  { skip: 'skip' in xls ? xls.skip : false },
  async () => {
    assert.ok('xls' in xls);
    const r = await post(`/admin/publications/${pubId}/attachments`, [
      { name: 'file', file: { name: '发放明细（旧版）.xls', data: xls.xls } },
    ]);
    assert.equal(r.statusCode, 303, r.body.slice(0, 1500));
    const f = await findingsOf('发放明细（旧版）.xls');
    assert.deepEqual(f.map((x) => `${x.kind} ${x.masked} ${x.cell}`).sort(), [
      `bankCard 6222***********${XLS_CARD.slice(-4)} 补贴发放!B2`,
      'mobile 139****0077 补贴发放!C2',
      'name 赵* 补贴发放!A2',
    ]);
    const att = await db()
      .selectFrom('attachments')
      .select(['mime', 'id'])
      .where('fileName', '=', '发放明细（旧版）.xls')
      .executeTakeFirstOrThrow();
    assert.equal(att.mime, 'application/vnd.ms-excel');
    const scan = await db()
      .selectFrom('privacyFileScans')
      .select('state')
      .where('attachmentId', '=', att.id)
      .executeTakeFirstOrThrow();
    assert.equal(scan.state, 'done');
  },
);

test('生成遮盖副本: a .docx with a phone table is replaced by the platform’s masked copy; its findings close', async () => {
  const docx = await docxWithPhoneTable([
    ['李四', '13812340000'],
    ['王五', '139 7431 0012'],
  ]);
  const up = await post(`/admin/publications/${pubId}/attachments`, [
    { name: 'file', file: { name: '联系表.docx', data: docx } },
  ]);
  assert.equal(up.statusCode, 303, up.body.slice(0, 800));
  const att = await db()
    .selectFrom('attachments')
    .select('id')
    .where('fileName', '=', '联系表.docx')
    .executeTakeFirstOrThrow();
  const open = await db()
    .selectFrom('privacyFindings')
    .select(['kind', 'state'])
    .where('attachmentId', '=', att.id)
    .where('state', '=', 'open')
    .execute();
  assert.ok(open.some((f) => f.kind === 'mobile'));
  const page = await clerk.get(`/admin/publications/${pubId}`);
  assert.match(page.body, /生成遮盖副本并替换“联系表.docx”/u);
  const r = await clerk.post(`/admin/publications/${pubId}/attachments/${att.id}/redact`, {});
  assert.equal(r.statusCode, 303, r.body.slice(0, 800));
  const rows = await db().selectFrom('privacyFindings').select(['state']).where('attachmentId', '=', att.id).execute();
  assert.ok(rows.length > 0);
  assert.ok(
    rows.every((f) => f.state !== 'open'),
    JSON.stringify(rows),
  );
  const renamed = await db()
    .selectFrom('attachments')
    .select('fileName')
    .where('id', '=', att.id)
    .executeTakeFirstOrThrow();
  assert.equal(renamed.fileName, '联系表（已遮盖）.docx');
  const file = await clerk.get(`/admin/publications/${pubId}/attachments/${att.id}`);
  assert.equal(file.statusCode, 200);
  const xml = strFromU8(unzipSync(new Uint8Array(file.rawPayload))['word/document.xml']!);
  assert.ok(xml.includes('138****0000'), xml.slice(0, 400));
  assert.ok(!xml.includes('13812340000'));
  assert.ok(!xml.replace(/<[^>]+>/gu, '').includes('7431 0012'));
  const audit = await db()
    .selectFrom('auditEvents')
    .select('action')
    .where('entityType', '=', 'publication')
    .where('entityId', '=', String(pubId))
    .execute();
  assert.ok(audit.some((a) => a.action === 'publication.attachmentReplaced'));
});
