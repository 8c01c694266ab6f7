// The public catalogue on both engines: the index follows release, revision and withdrawal in
// the same transaction; lists with filters and keyset pages; the article page (metadata, QR,
// print view); a withdrawn publication's address; RSS, sitemap; the JSON API and its OpenAPI
// document; nothing unpublished or internal on any public page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../src/bootstrap.ts';
import { listCategories } from '../../src/modules/catalog/catalog.repository.ts';
import { emptyInput, type PublicationInput } from '../../src/modules/publication/publication.input.ts';
import {
  createDraft,
  review,
  setValidity,
  signOff,
  submit,
  withdraw,
} from '../../src/modules/publication/publication.service.ts';
import { revisionStep, saveRevisionDraft } from '../../src/modules/publication/publication.revision-service.ts';
import { addAttachment } from '../../src/modules/publication/attachment.service.ts';
import { fileStore } from '../../src/platform/storage/file-store.ts';
import { pdfTextAvailable } from '../../src/platform/storage/pdf-text.ts';
import { searchPublications } from '../../src/modules/search/search.service.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let lingxi: number;
let statutoryCats: { id: number; name: string; parentId: number | null }[];

before(async () => {
  env = await createTestEnv();
  lingxi = env.county.agencyIds.lingxi as number;
  statutoryCats = (await listCategories(env.database.db, lingxi, { activeOnly: true })).filter(
    (c) => c.columnKey === 'statutory' && c.parentId !== null,
  );
  assert.ok(statutoryCats.length >= 2, 'the default taxonomy has statutory categories');
});
after(() => env.close());

function input(
  over: Partial<PublicationInput['values']> & { categoryIds?: string[]; channels?: string[] },
): PublicationInput {
  const base = emptyInput('灵溪镇人民政府', '2025-05-20');
  const { categoryIds, channels, ...values } = over;
  return {
    values: { ...base.values, title: '测试信息', body: '<p>正文。</p>', ...values },
    categoryIds: categoryIds ?? [String(statutoryCats[0]?.id)],
    channels: channels ?? ['website'],
  };
}

async function draft(over: Parameters<typeof input>[0]): Promise<number> {
  const cal = await env.deps.calendar.get();
  return inTransaction(env.database.db, (trx) =>
    createDraft(trx, systemContext(env.clock), 'system', cal, lingxi, input(over)),
  );
}

async function publish(over: Parameters<typeof input>[0]): Promise<number> {
  const id = await draft(over);
  const ctx = systemContext(env.clock);
  await inTransaction(env.database.db, (trx) => submit(trx, ctx, 'system', id));
  await inTransaction(env.database.db, (trx) => review(trx, ctx, 'system', id, 'pass', ''));
  await inTransaction(env.database.db, (trx) => signOff(trx, ctx, 'system', id, 'approve', ''));
  return id;
}

const get = (url: string) => env.app.inject({ method: 'GET', url });
const found = async (q: string) => (await searchPublications(env.database.db, { q, pageSize: 50 })).ids;

describe('search index sync', () => {
  test('release indexes, revision re-indexes, withdrawal removes — drafts are never indexed', async () => {
    const draftId = await draft({ title: '草稿：鹭鸶湾水库移民安置', body: '<p>鹭鸶湾的草稿内容。</p>' });
    assert.deepEqual(await found('鹭鸶'), []);

    const id = await publish({
      title: '灵溪镇鹭鸶湾水库移民后期扶持公示',
      body: '<p>经核实，鹭鸶湾组共有移民<strong>四十二</strong>人。</p>',
      documentNumber: '灵政发〔2025〕7号',
    });
    assert.deepEqual(await found('鹭鸶'), [id]);
    assert.deepEqual(await found('四十二'), [id]);
    assert.deepEqual(await found('灵政发'), [id]);
    const row = await env.database.db
      .selectFrom('publications')
      .select('indexNumber')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(await found(row.indexNumber as string), [id], 'found by its index number');

    const cal = await env.deps.calendar.get();
    const sys = systemContext(env.clock);
    const fix = input({ title: '灵溪镇鹭鸶湾水库移民后期扶持公示', body: '<p>经复核，共有移民三十九人。</p>' });
    await inTransaction(env.database.db, (t) => saveRevisionDraft(t, sys, 'system', id, fix, '更正人数'));
    // A revision draft is not live: the index keeps the released text until its 签发.
    for (const step of ['submit', 'passReview', 'approve'] as const) {
      assert.deepEqual(await found('四十二'), [id]);
      await inTransaction(env.database.db, (t) => revisionStep(t, sys, 'system', cal, id, step, ''));
    }
    assert.deepEqual(await found('四十二'), []);
    assert.deepEqual(await found('三十九'), [id]);

    await inTransaction(env.database.db, (trx) =>
      setValidity(trx, systemContext(env.clock), 'system', id, 'invalid', '2025-06-01'),
    );
    assert.deepEqual((await searchPublications(env.database.db, { q: '三十九', validity: 'invalid' })).ids, [id]);

    // A failed transaction leaves the index as it was.
    await assert.rejects(
      inTransaction(env.database.db, async (trx) => {
        await withdraw(trx, systemContext(env.clock), 'system', id, '信息有误');
        throw new Error('rollback');
      }),
    );
    assert.deepEqual(await found('三十九'), [id]);

    await inTransaction(env.database.db, (trx) => withdraw(trx, systemContext(env.clock), 'system', id, '信息有误'));
    assert.deepEqual(await found('三十九'), []);
    assert.deepEqual(await found('鹭鸶'), []);
    assert.ok(draftId > 0);
  });
});

/** A one-page PDF with a text layer (Helvetica), enough for pdftotext. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('attachment text', { skip: pdfTextAvailable() ? false : 'pdftotext (poppler-utils) is not installed' }, () => {
  test('the text of a PDF attachment is searchable once the publication is released', async () => {
    const id = await draft({ title: '灵溪镇水库移民附件测试', body: '<p>详见附件。</p>' });
    await inTransaction(env.database.db, (trx) =>
      addAttachment(
        trx,
        systemContext(env.clock),
        'system',
        fileStore(env.config.dataDir),
        id,
        '移民名单.pdf',
        tinyPdf('Reservoir resettlement zq7xw appendix'),
      ),
    );
    assert.deepEqual(await found('zq7xw'), []);
    const ctx = systemContext(env.clock);
    await inTransaction(env.database.db, (trx) => submit(trx, ctx, 'system', id));
    await inTransaction(env.database.db, (trx) => review(trx, ctx, 'system', id, 'pass', ''));
    await inTransaction(env.database.db, (trx) => signOff(trx, ctx, 'system', id, 'approve', ''));
    assert.deepEqual(await found('zq7xw'), [id]);
    assert.deepEqual(await found('resettlement'), [id]);
    // Out of the way of the list counts below.
    await inTransaction(env.database.db, (trx) => withdraw(trx, ctx, 'system', id, '测试完毕'));
  });
});

describe('portal pages', () => {
  let ids: number[] = [];
  let withdrawnId = 0;
  let draftId = 0;

  before(async () => {
    ids = [];
    for (let i = 0; i < 23; i += 1) {
      env.clock.set(`2025-0${i < 12 ? 6 : 7}-${String(1 + (i % 12)).padStart(2, '0')}T02:00:00Z`);
      ids.push(
        await publish({
          title: `灵溪镇第${i + 1}批农村危房改造补助对象公示`,
          summary: `第${i + 1}批名单`,
          body: `<p>危房改造第${i + 1}批，共${i + 3}户。</p>`,
          categoryIds: [String(statutoryCats[i % 2 === 0 ? 0 : 1]?.id)],
          channels: i % 3 === 0 ? ['website', 'noticeBoard'] : ['website'],
          validity: i === 5 ? 'invalid' : 'valid',
        }),
      );
    }
    withdrawnId = await publish({ title: '灵溪镇撤回测试公示栗子坪', body: '<p>栗子坪内容</p>' });
    // Withdrawn at 01:30 on 12 July in Beijing (17:30 on the 11th in UTC).
    env.clock.set('2025-07-11T17:30:00Z');
    await inTransaction(env.database.db, (trx) =>
      withdraw(trx, systemContext(env.clock), 'system', withdrawnId, '内部原因：审核疏漏甲乙丙'),
    );
    draftId = await draft({ title: '尚未发布的草稿桃花溪', body: '<p>桃花溪草稿</p>' });
    await inTransaction(env.database.db, (trx) => submit(trx, systemContext(env.clock), 'system', draftId));
    await inTransaction(env.database.db, (trx) =>
      review(trx, systemContext(env.clock), 'system', draftId, 'return', '内部意见：请补充附件丁戊己'),
    );
  });

  test('the 专栏 landing lists the latest items of its columns and the home page the county-wide latest', async () => {
    const landing = await get('/agencies/lingxi');
    assert.equal(landing.statusCode, 200);
    assert.match(landing.body, /法定主动公开内容 · 最新/);
    assert.match(landing.body, /第23批农村危房改造补助对象公示/);
    assert.match(landing.body, /\/agencies\/lingxi\/rss\.xml/);
    const home = await get('/');
    assert.match(home.body, /最新公开信息/);
    assert.match(home.body, /第23批农村危房改造/);
  });

  test('a column list pages by number (20 + the rest) and filters by category, year, validity and channel', async () => {
    const first = await get('/agencies/lingxi/statutory');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /共 23 条/);
    assert.equal((first.body.match(/农村危房改造补助对象公示/g) ?? []).length, 20);
    const next = /href="([^"]*page=2)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next, 'a next-page link');
    const second = await get(next);
    assert.equal((second.body.match(/农村危房改造补助对象公示/g) ?? []).length, 3);
    assert.match(second.body, /第1批/);
    assert.doesNotMatch(second.body, /rel="next"/);

    const cat = await get(`/agencies/lingxi/statutory?category=${statutoryCats[1]?.id}`);
    assert.match(cat.body, /共 11 条/);
    assert.match(cat.body, new RegExp(`<h1>${statutoryCats[1]?.name}</h1>`));
    assert.match((await get('/agencies/lingxi/statutory?validity=invalid')).body, /共 1 条/);
    assert.match((await get('/agencies/lingxi/statutory?channel=noticeBoard')).body, /共 8 条/);
    assert.match((await get('/agencies/lingxi/statutory?year=2024')).body, /共 0 条/);
    const old = await get('/agencies/lingxi/statutory?sort=old');
    assert.ok(old.body.indexOf('第1批') < old.body.indexOf('第2批'));
    assert.equal((await get('/agencies/lingxi/statutory?category=999999')).statusCode, 404);
  });

  test('the article page shows the metadata table, body, QR code, print link and neighbours', async () => {
    const id = ids[4] as number;
    const pub = await env.database.db
      .selectFrom('publications')
      .select(['indexNumber', 'publishedOn'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const page = await get(`/publications/${id}`);
    assert.equal(page.statusCode, 200);
    for (const label of ['索引号', '发布机构', '成文日期', '发布日期', '文号', '有效性', '分类', '主题'])
      assert.match(page.body, new RegExp(`<th scope="row">${label}</th>`));
    assert.ok(page.body.includes(pub.indexNumber as string));
    assert.match(page.body, /危房改造第5批，共7户/);
    assert.match(page.body, new RegExp(`src="/publications/${id}/qr.svg"`));
    assert.match(page.body, /上一篇：<a href="\/publications\/\d+">/);
    assert.match(page.body, /\?print=1/);
    assert.match((await get(`/publications/${id}?print=1`)).body, /class="[^"]*print-view/);
    const qr = await get(`/publications/${id}/qr.svg`);
    assert.equal(qr.statusCode, 200);
    assert.match(qr.headers['content-type'] as string, /image\/svg\+xml/);
    assert.match(qr.body, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('a withdrawn publication leaves the lists and its address explains why it is gone', async () => {
    const page = await get(`/publications/${withdrawnId}`);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /该信息已撤回/);
    assert.match(page.body, /于 2025-07-12 撤回了/);
    assert.doesNotMatch(page.body, /审核疏漏甲乙丙/, 'the internal reason is not shown');
    for (const url of [
      '/agencies/lingxi',
      '/agencies/lingxi/statutory',
      '/',
      '/agencies/lingxi/rss.xml',
      '/api/v1/publications?agency=lingxi',
    ]) {
      assert.doesNotMatch((await get(url)).body, /栗子坪/, url);
    }
    assert.doesNotMatch((await get('/search?q=栗子坪')).body, /撤回测试公示/);
  });

  test('drafts and internal comments appear on no public page', async () => {
    assert.equal((await get(`/publications/${draftId}`)).statusCode, 404);
    const urls = [
      '/',
      '/agencies/lingxi',
      '/agencies/lingxi/statutory',
      '/agencies/lingxi/system',
      `/publications/${ids[0]}`,
      '/search?q=桃花溪',
      '/search?q=危房',
      '/agencies/lingxi/rss.xml',
      '/sitemap.xml',
      '/api/v1/publications?agency=lingxi',
      '/api/v1/publications?q=桃花溪',
    ];
    for (const url of urls) {
      const body = (await get(url)).body;
      // (the search page echoes the query 桃花溪 itself: look for the draft's title and body)
      assert.doesNotMatch(body, /尚未发布的草稿|桃花溪草稿/, url);
      assert.doesNotMatch(body, /丁戊己|reviewComment|dueOn|createdBy/, url);
    }
  });

  test('RSS per agency and per category, and the sitemap', async () => {
    const rss = await get('/agencies/lingxi/rss.xml');
    assert.equal(rss.statusCode, 200);
    assert.match(rss.headers['content-type'] as string, /application\/rss\+xml/);
    assert.match(rss.body, /^<\?xml[^>]*>\s*<rss version="2.0">/);
    assert.equal((rss.body.match(/<item>/g) ?? []).length, 23);
    const catRss = await get(`/agencies/lingxi/rss.xml?category=${statutoryCats[1]?.id}`);
    assert.equal((catRss.body.match(/<item>/g) ?? []).length, 11);
    const map = await get('/sitemap.xml');
    assert.match(map.body, /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    assert.ok(map.body.includes(`/publications/${ids[0]}</loc>`));
    assert.ok(!map.body.includes(`/publications/${withdrawnId}</loc>`));
    assert.ok(!map.body.includes(`/publications/${draftId}</loc>`));
  });

  test('the search page: facets, highlighted snippets, pages, within one agency', async () => {
    const page = await get('/search?q=危房改造');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /找到 23 条结果，第 1 \/ 3 页/);
    assert.match(page.body, /<mark>危房改造<\/mark>/);
    for (const facet of ['发布机构', '分类', '年份', '有效性'])
      assert.match(page.body, new RegExp(`<h2 id="facet-[a-z]+">${facet}</h2>`));
    assert.match((await get('/search?q=危房改造&validity=invalid')).body, /找到 1 条结果/);
    assert.match((await get('/search?q=危房改造&agency=shouche')).body, /找到 0 条结果/);
    assert.match((await get('/search?q=危房改造&page=3')).body, /第 3 \/ 3 页/);
    // Past the last page: the last page.
    const past = await get('/search?q=危房改造&validity=valid&page=7');
    assert.equal(past.statusCode, 302);
    assert.equal(past.headers.location, `/search?q=${encodeURIComponent('危房改造')}&validity=valid&page=3`);
    const pastOne = await get('/search?q=危房改造&validity=invalid&page=2');
    assert.equal(pastOne.statusCode, 302);
    assert.equal(pastOne.headers.location, `/search?q=${encodeURIComponent('危房改造')}&validity=invalid`);
    assert.match((await get('/search?q=没有这个词语&page=5')).body, /找到 0 条结果/);
    assert.match((await get('/search?q=，，')).body, /请输入要检索的词语/);
    // A short hit's snippet is its text and 文号; its 索引号 is on the line below, once — and marked
    // there when the search is by that number.
    const indexNumber = /<span>索引号 ([^<]+)<\/span>/.exec(page.body)?.[1] ?? '';
    assert.match(indexNumber, /\/2025-\d{5}$/);
    const snippets = [...page.body.matchAll(/<p class="hit-snippet">(.*?)<\/p>/g)].map((m) => m[1] as string);
    assert.equal(snippets.length, 10);
    for (const snippet of snippets) assert.doesNotMatch(snippet, /\/2025-\d{5}/, snippet);
    const byNumber = (await get(`/search?q=${encodeURIComponent(indexNumber)}`)).body;
    assert.match(byNumber, /找到 1 条结果/);
    assert.ok(byNumber.includes(`<span>索引号 <mark>${indexNumber}</mark></span>`), byNumber);
  });

  test('JSON API: list, search, one item by index number, and 404/410', async () => {
    const list = JSON.parse((await get('/api/v1/publications?agency=lingxi')).body);
    assert.equal(list.total, 23);
    assert.equal(list.page, 1);
    assert.equal(list.items.length, 20);
    const item = list.items[0];
    for (const key of ['indexNumber', 'title', 'agency', 'formedOn', 'publishedAt', 'categories'])
      assert.ok(key in item, key);
    assert.deepEqual(item.agency, { slug: 'lingxi', name: '永顺县灵溪镇人民政府' });
    assert.equal(JSON.parse((await get('/api/v1/publications?agency=lingxi&page=2')).body).items.length, 3);
    const searched = JSON.parse((await get(`/api/v1/publications?q=${encodeURIComponent('第7批')}`)).body);
    assert.equal(searched.total, 1);
    assert.equal(searched.totalIsLowerBound, false);
    assert.equal(JSON.parse((await get('/api/v1/publications?agency=lingxi&year=2024')).body).total, 0);
    const one = await get(`/api/v1/publications/${encodeURIComponent(item.indexNumber)}`);
    assert.equal(one.statusCode, 200);
    const detail = JSON.parse(one.body);
    assert.equal(detail.indexNumber, item.indexNumber);
    assert.match(detail.body, /危房改造/);
    assert.ok(!('reviewComment' in detail) && !('state' in detail));
    const gone = await env.database.db
      .selectFrom('publications')
      .select('indexNumber')
      .where('id', '=', withdrawnId)
      .executeTakeFirstOrThrow();
    assert.equal((await get(`/api/v1/publications/${encodeURIComponent(gone.indexNumber as string)}`)).statusCode, 410);
    assert.equal((await get('/api/v1/publications/none')).statusCode, 404);
    assert.equal((await get('/api/v1/publications?agency=nowhere')).statusCode, 404);
    assert.equal((await get('/api/v1/publications?year=abc')).statusCode, 400);
  });

  test('the OpenAPI document parses and has the API paths with their parameters', async () => {
    const res = await get('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = JSON.parse(res.body);
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/v1/agencies',
      '/api/v1/publications',
      '/api/v1/publications/{indexNumber}',
      '/api/v1/calendar/add-working-days',
    ]) {
      assert.ok(doc.paths[path]?.get, path);
    }
    const params = doc.paths['/api/v1/publications'].get.parameters.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(params, ['agency', 'category', 'page', 'q', 'year']);
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/admin')), 'no admin routes');
  });
});
