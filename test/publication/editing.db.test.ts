// Editing as offices write (issue #11 point 4), through the admin routes on both engines: the
// 主题分类 chosen from the vocabulary, attachments with a public title (附件名称) of their own and
// added with the first save, a Word file (.docx, generated here) as the body.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import QRCode from 'qrcode';
import type { Agent } from '../support/agent.ts';
import { BUDGET_DRAFT, categoryIdOf } from '../support/publication-desk.ts';
import { SignedInStaff } from '../support/signed-in.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let clerk: Agent;
let reviewer: Agent;
let signer: Agent;
let categoryId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

const staff = new SignedInStaff([
  ['lx.clerk', 'lingxi', 'clerk'],
  ['lx.reviewer', 'lingxi', 'reviewer'],
  ['lx.signer', 'lingxi', 'signer'],
]);

before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi!;
  await staff.open(env);
  [clerk, reviewer, signer] = ['lx.clerk', 'lx.reviewer', 'lx.signer'].map(staff.as) as [Agent, Agent, Agent];
  categoryId = await categoryIdOf(env, lingxi, 'statutory.a20.7');
});
after(() => env.close());

const db = () => env.database.db;

function fields(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    agencyId: String(lingxi),
    ...BUDGET_DRAFT,
    summary: '',
    validity: 'valid',
    docKind: 'other',
    topic: '',
    categoryIds: [categoryId],
    channels: ['website'],
    ...extra,
  };
}

const idFrom = (location: unknown) => Number(/\/admin\/publications\/(\d+)/.exec(String(location))?.[1]);

async function release(id: number): Promise<void> {
  await clerk.get(`/admin/publications/${id}`);
  assert.equal((await clerk.post(`/admin/publications/${id}/submit`, {})).statusCode, 303);
  await reviewer.get(`/admin/publications/${id}`);
  assert.equal(
    (await reviewer.post(`/admin/publications/${id}/review`, { decision: 'pass', comment: '' })).statusCode,
    303,
  );
  await signer.get(`/admin/publications/${id}`);
  assert.equal(
    (await signer.post(`/admin/publications/${id}/sign-off`, { decision: 'approve', comment: '' })).statusCode,
    303,
  );
}

describe('主题分类 from the vocabulary', () => {
  test('the form offers the vocabulary as a select, not a text field', async () => {
    const page = await clerk.get('/admin/publications/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<select id="f-topic" name="topic"/);
    assert.match(page.body, /<optgroup label="综合政务">/);
    assert.match(page.body, /<option value="综合政务\\政务公开">/);
    assert.doesNotMatch(page.body, /<input[^>]+name="topic"/);
  });

  test('a term of the vocabulary is stored; a typed one is refused with a Chinese message', async () => {
    await clerk.get('/admin/publications/new');
    const bad = await clerk.post('/admin/publications', fields({ topic: '乡村振兴杂项' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请从列表中选择主题分类/);
    assert.match(bad.body, /value="灵溪镇2025年部门预算"/, 'the form keeps what was typed');
    const good = await clerk.post('/admin/publications', fields({ topic: '财政、金融、审计\\财政预决算' }));
    assert.equal(good.statusCode, 303, good.body.slice(0, 2000));
    const row = await db()
      .selectFrom('publications')
      .select('topic')
      .where('id', '=', idFrom(good.headers.location))
      .executeTakeFirstOrThrow();
    assert.equal(row.topic, '财政、金融、审计\\财政预决算');
  });

  test('a topic stored before the vocabulary stays selectable on edit; another typed one is refused', async () => {
    await clerk.get('/admin/publications/new');
    const res = await clerk.post('/admin/publications', fields());
    const id = idFrom(res.headers.location);
    await db().updateTable('publications').set({ topic: '政府信息公开' }).where('id', '=', id).execute();
    const edit = await clerk.get(`/admin/publications/${id}/edit`);
    assert.match(edit.body, /<option value="政府信息公开" selected>政府信息公开（原有值，不在主题词表中）/);
    const kept = await clerk.post(`/admin/publications/${id}`, fields({ topic: '政府信息公开', title: '改了标题' }));
    assert.equal(kept.statusCode, 303, kept.body.slice(0, 2000));
    const other = await clerk.post(`/admin/publications/${id}`, fields({ topic: '别的主题' }));
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /请从列表中选择主题分类/);
  });
});

describe('附件名称', () => {
  test('an attachment has a public title of its own; the download keeps the file name', async () => {
    await clerk.get('/admin/publications/new');
    const id = idFrom((await clerk.post('/admin/publications', fields())).headers.location);
    await clerk.get(`/admin/publications/${id}`);
    const up = await clerk.postMultipart(
      `/admin/publications/${id}/attachments`,
      { title: '灵溪镇2025年部门预算表' },
      { file: [{ name: 'ysb-2025-final.pdf', data: PDF }] },
    );
    assert.equal(up.statusCode, 303, up.body.slice(0, 2000));
    await clerk.get(`/admin/publications/${id}`);
    const untitled = await clerk.postMultipart(
      `/admin/publications/${id}/attachments`,
      { title: '' },
      { file: [{ name: '三公经费说明.pdf', data: Buffer.concat([PDF, Buffer.from('%2')]) }] },
    );
    assert.equal(untitled.statusCode, 303, untitled.body.slice(0, 2000));
    const rows = await db()
      .selectFrom('attachments')
      .select(['id', 'title', 'fileName'])
      .where('publicationId', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.title, r.fileName]),
      [
        ['灵溪镇2025年部门预算表', 'ysb-2025-final.pdf'],
        ['三公经费说明', '三公经费说明.pdf'],
      ],
    );
    const [first, second] = rows;

    // Renamed on the draft; an empty name is refused and the page keeps what was typed.
    const page = await clerk.get(`/admin/publications/${id}`);
    assert.match(page.body, /附件名称/);
    const empty = await clerk.post(`/admin/publications/${id}/attachments/${second!.id}/title`, { title: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写附件名称/);
    const renamed = await clerk.post(`/admin/publications/${id}/attachments/${second!.id}/title`, {
      title: '2025年“三公”经费预算说明',
    });
    assert.equal(renamed.statusCode, 303);

    await release(id);
    const article = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
    assert.equal(article.statusCode, 200);
    assert.match(article.body, new RegExp(`<a href="/attachments/${first!.id}">灵溪镇2025年部门预算表</a>`));
    assert.match(article.body, /2025年“三公”经费预算说明/);
    assert.doesNotMatch(article.body, /ysb-2025-final/);
    const download = await env.app.inject({ method: 'GET', url: `/attachments/${first!.id}` });
    assert.match(String(download.headers['content-disposition']), /ysb-2025-final\.pdf/);

    // After release only a signer changes the title; a clerk is refused.
    await clerk.get(`/admin/publications/${id}`);
    const byClerk = await clerk.post(`/admin/publications/${id}/attachments/${first!.id}/title`, { title: '别的' });
    assert.equal(byClerk.statusCode, 403);
  });
});

/** A Word file as offices write them: a heading, a list, a table and a picture. */
async function budgetDocx(): Promise<{ docx: Buffer; png: Buffer }> {
  const png = await QRCode.toBuffer('灵溪镇2025年部门预算');
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '一、预算编制说明', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [new TextRun({ text: '本预算', bold: true }), new TextRun('按照镇人大批准的方案编制。')],
          }),
          new Paragraph({ text: '一般公共预算收入', bullet: { level: 0 } }),
          new Paragraph({ text: '政府性基金预算收入', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [cell('支出项目'), cell('金额（万元）')] }),
              new TableRow({ children: [cell('基本支出'), cell('1280')] }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: png,
                transformation: { width: 120, height: 120 },
                altText: { name: '预算公开二维码', description: '预算公开二维码', title: '预算公开二维码' },
              }),
            ],
          }),
        ],
      },
    ],
  });
  return { docx: await Packer.toBuffer(doc), png };
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('a Word file as the body, attachments with the first save', () => {
  test('heading, list, table and image of a .docx reach the public page; the image is an attachment', async () => {
    const { docx, png } = await budgetDocx();
    await clerk.get('/admin/publications/new');
    const res = await clerk.postMultipart('/admin/publications', fields({ body: '' }), {
      docx: [{ name: '灵溪镇2025年部门预算.docx', data: docx, type: DOCX_TYPE }],
      attachments: [
        { name: '预算表.pdf', data: PDF, type: 'application/pdf' },
        { name: '绩效目标.pdf', data: Buffer.concat([PDF, Buffer.from('%3')]), type: 'application/pdf' },
      ],
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    assert.match(String(res.headers.location), /flash=docx&images=1/);
    const id = idFrom(res.headers.location);
    const saved = await clerk.get(String(res.headers.location));
    assert.match(saved.body, /正文已从 Word 文件导入，1 张图片已作为附件保存/);

    const atts = await db()
      .selectFrom('attachments')
      .select(['id', 'title', 'fileName', 'mime', 'size'])
      .where('publicationId', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      atts.map((a) => [a.title, a.mime]),
      [
        ['正文图片1', 'image/png'],
        ['预算表', 'application/pdf'],
        ['绩效目标', 'application/pdf'],
      ],
    );
    const image = atts[0]!;
    assert.equal(image.size, png.length);
    const row = await db().selectFrom('publications').select('body').where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.body, /<h2>一、预算编制说明<\/h2>/);
    assert.match(row.body, /<ul><li>一般公共预算收入<\/li><li>政府性基金预算收入<\/li><\/ul>/);
    assert.match(row.body, /<table>.*<td><p>基本支出<\/p><\/td>.*<\/table>/s);
    assert.match(row.body, new RegExp(`<img alt="预算公开二维码" src="/attachments/${image.id}" />`));
    assert.doesNotMatch(row.body, /docx-image|style=|class=/);

    // Before release the staff page shows the picture through the staff route.
    const staff = await clerk.get(`/admin/publications/${id}`);
    assert.match(staff.body, new RegExp(`src="/admin/publications/${id}/attachments/${image.id}"`));

    await release(id);
    const page = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2>一、预算编制说明<\/h2>/);
    assert.match(page.body, /<li>政府性基金预算收入<\/li>/);
    assert.match(page.body, /<table>.*金额（万元）.*1280.*<\/table>/s);
    assert.match(page.body, new RegExp(`<img alt="预算公开二维码" src="/attachments/${image.id}"`));
    // The picture is in the body, not listed again among the attachments; the PDFs are.
    assert.doesNotMatch(page.body, />正文图片1</);
    assert.match(page.body, />预算表<\/a>/);
    const img = await env.app.inject({ method: 'GET', url: `/attachments/${image.id}` });
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/png');
    assert.deepEqual(img.rawPayload, png);
  });

  test('a file that is not a .docx is refused with a Chinese message; the form keeps what was typed', async () => {
    await clerk.get('/admin/publications/new');
    const pdfAsDocx = await clerk.postMultipart('/admin/publications', fields({ body: '<p>原来的正文</p>' }), {
      docx: [{ name: '预算.docx', data: PDF }],
    });
    assert.equal(pdfAsDocx.statusCode, 422);
    assert.match(pdfAsDocx.body, /扩展名表示Word 文档（DOCX），但内容实际是PDF 文件/);
    assert.match(pdfAsDocx.body, /value="灵溪镇2025年部门预算"/);
    assert.match(pdfAsDocx.body, /&lt;p>原来的正文&lt;\/p>/);
    const legacyDoc = await clerk.postMultipart('/admin/publications', fields(), {
      docx: [{ name: '预算.pdf', data: PDF }],
    });
    assert.equal(legacyDoc.statusCode, 422);
    assert.match(legacyDoc.body, /不是 Word 文档（.docx）/);
  });

  test('when another field is wrong the typed body comes back and the Word file must be chosen again', async () => {
    const { docx } = await budgetDocx();
    await clerk.get('/admin/publications/new');
    const res = await clerk.postMultipart('/admin/publications', fields({ title: '', body: '我打的字' }), {
      docx: [{ name: '预算.docx', data: docx }],
      attachments: [{ name: '预算表.pdf', data: PDF }],
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /请填写标题|标题/);
    assert.match(res.body, /Word 文件尚未导入；改正后请重新选择该文件/);
    assert.match(res.body, />我打的字<\/textarea>/);
  });

  test('an attachment of an unknown type rolls the whole save back', async () => {
    const before = await db()
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await clerk.get('/admin/publications/new');
    const res = await clerk.postMultipart('/admin/publications', fields(), {
      attachments: [{ name: 'setup.exe', data: Buffer.from('MZ\x90\x00') }],
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /不支持“setup.exe”的文件类型/);
    const after = await db()
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});

describe('预览 before saving', () => {
  const count = async () =>
    Number(
      (
        await db()
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('the form shows the publication as the public will see it and saves nothing', async () => {
    const before = await count();
    await clerk.get('/admin/publications/new');
    const res = await clerk.post(
      '/admin/publications',
      fields({ body: '第一段，预算总额1280万元。\n\n第二段<脚本>', topic: '综合政务\\政务公开', preview: '1' }),
    );
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.match(res.body, /预览：公开后的样子（尚未保存）/);
    assert.match(res.body, /<caption>信息属性<\/caption>/);
    assert.match(res.body, /<h2 class="article-title">灵溪镇2025年部门预算<\/h2>/);
    assert.match(
      res.body,
      /<div class="article-body"><p>第一段，预算总额1280万元。<\/p><p>第二段&lt;脚本&gt;<\/p><\/div>/,
    );
    assert.match(res.body, /综合政务\\政务公开/);
    // The form is still there with what was typed.
    assert.match(res.body, /<textarea id="f-body"[^>]*>第一段，预算总额1280万元。\n\n第二段&lt;脚本>/);
    assert.equal(await count(), before);
  });

  test('a Word file is previewed with its table and picture, and saved only by 保存草稿', async () => {
    const { docx } = await budgetDocx();
    const before = await count();
    await clerk.get('/admin/publications/new');
    const res = await clerk.postMultipart('/admin/publications', fields({ body: '', preview: '1' }), {
      docx: [{ name: '预算.docx', data: docx, type: DOCX_TYPE }],
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.match(res.body, /<table>.*基本支出.*<\/table>/s);
    assert.match(res.body, /<img alt="预算公开二维码" src="data:image\/png;base64,/);
    assert.match(res.body, /预览不保存文件：保存时请重新选择 Word 文件/);
    assert.equal(await count(), before);
  });
});
