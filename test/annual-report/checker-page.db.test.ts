// The admin checker page with several reports at once (#15 point 6): one multipart form with
// .txt, .html and .docx files (the Word file written here with the docx library, its tables as
// Word tables) and a pasted text; the answer is a summary table and each report's findings, each
// linking to its place in that report's text, highlighted with <mark id=…>.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { wordOf } from '../support/word.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
});
after(() => env.close());

const fixture = (name: string) => readFileSync(new URL(`../fixtures/reports/${name}`, import.meta.url));

const BOUNDARY = '----gk-checker-boundary';
function multipart(fields: [string, string][], files: { name: string; data: Buffer; type: string }[]): Buffer {
  const parts: Buffer[] = fields.map(([k, v]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

async function upload(a: Agent, fields: [string, string][], files: { name: string; data: Buffer; type: string }[]) {
  await a.get('/admin/annual-reports/checker');
  return env.app.inject({
    method: 'POST',
    url: '/admin/annual-reports/checker',
    payload: multipart([['_csrf', a.csrf], ...fields], files),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: a.cookieHeader() },
  });
}

/** The <section id="rN"> of the N-th report. */
function sectionOf(body: string, n: number): string {
  const start = body.indexOf(`<section id="r${n}"`);
  assert.ok(start >= 0, `report ${n} has its section`);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

describe('admin checker page: several reports at once', () => {
  test('the form takes several files (multiple, .txt/.html/.docx) without JavaScript', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const page = await a.get('/admin/annual-reports/checker');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /<input[^>]*name="files"[^>]*type="file"[^>]*multiple/);
    assert.match(page.body, /accept="\.txt,\.html,\.htm,\.docx/);
    assert.doesNotMatch(page.body, /<script/);
  });

  test('txt + html + docx + pasted text: summary table, findings linked to highlighted places', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const edited = fixture('edited-national2021-qingshi-town-2022.txt').toString('utf8');
    const res = await upload(
      a,
      [['text', fixture('clean-national2021-qingshi-town-2022.txt').toString('utf8')]],
      [
        { name: 'seed-lingxi-2013.txt', data: fixture('seed-lingxi-2013.txt'), type: 'text/plain' },
        {
          name: 'liutang-2024.html',
          data: fixture('clean-national2021-liutang-subdistrict-2024.html'),
          type: 'text/html',
        },
        {
          name: '青石镇2022年报.docx',
          data: await wordOf(edited),
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
      ],
    );
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    const body = res.body;
    assert.match(body, /共 4 份报告，2\s*份有错误/);
    // Summary: one row per report, in upload order, the pasted text last, each linking to its section.
    const rows = [
      ...body.matchAll(/<tr><th scope="row"><a href="#(r\d+)">([^<]+)<\/a><\/th>((?:<td>[^<]*<\/td>){5})<\/tr>/g),
    ].map((m) => [m[1], m[2], ...[...(m[3] ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1])]);
    assert.deepEqual(
      rows.map((r) => r.slice(0, 2)),
      [
        ['r1', 'seed-lingxi-2013.txt'],
        ['r2', 'liutang-2024.html'],
        ['r3', '青石镇2022年报.docx'],
        ['r4', '粘贴的文本'],
      ],
    );
    assert.deepEqual(rows[0]?.slice(2, 4), ['灵溪镇', '2013']);
    assert.deepEqual(rows[2]?.slice(2, 7), ['青石镇', '2022', '2021年格式', '2', '0']);
    assert.equal(rows[1]?.[5], '0');
    assert.equal(rows[3]?.[5], '0');

    // The seed: 135 ≠ 133 links to a <mark> holding the sentence with 135.
    const seed = sectionOf(body, 1);
    const total =
      /<li id="r1-f(\d+)" class="finding-error"><strong>错误<\/strong>（total-mismatch）[\s\S]*?<a href="#(r1-m\d+)">/.exec(
        seed,
      );
    assert.ok(total, seed.slice(0, 3000));
    const mark = new RegExp(`<mark id="${total[2]}">([^<]*)</mark><a class="mark-back" href="#r1-f(\\d+)">`).exec(seed);
    assert.ok(mark, `mark ${total[2]} exists`);
    assert.match(mark[1] ?? '', /135/);
    assert.match(seed, /foreign-agency-name/);

    // The Word file reads like its text: exactly the two prose findings, each with its mark.
    const word = sectionOf(body, 3);
    const codes = [
      ...word.matchAll(/<li id="r3-f\d+" class="finding-(?:error|warning)"><strong>[^<]+<\/strong>（([a-z-]+)）/g),
    ].map((m) => m[1]);
    assert.deepEqual(codes, ['prose-table-mismatch', 'prose-table-mismatch']);
    const links = [...word.matchAll(/<a href="#(r3-m\d+)">在原文中查看/g)].map((m) => m[1]);
    assert.equal(links.length, 2);
    for (const id of links) assert.match(word, new RegExp(`<mark id="${id}">`));
    assert.match(word, /<mark id="r3-m\d+">[^<]*9\s*件[^<]*<\/mark>/);

    // Clean reports: no error, their text shown without marks.
    assert.doesNotMatch(sectionOf(body, 2), /<mark/);
    assert.doesNotMatch(sectionOf(body, 4), /finding-error/);
  });

  test('two reports of one agency in one upload: 上年结转 against last year’s 结转下年度', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const y2022 = fixture('clean-national2021-qingshi-town-2022.txt')
      .toString('utf8')
      .replace('四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1', '四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2');
    const res = await upload(
      a,
      [],
      [
        { name: 'qingshi-2022.txt', data: Buffer.from(y2022), type: 'text/plain' },
        { name: 'qingshi-2023.txt', data: fixture('bad-table3-row-sum-qingshi-2023.txt'), type: 'text/plain' },
      ],
    );
    assert.equal(res.statusCode, 200);
    assert.match(sectionOf(res.body, 2), /carry-over-mismatch/);
  });

  test('Chinese 422s that keep the form: a file that is not a report, an agency name with several files, nothing sent', async () => {
    const a = new Agent(env.app);
    await a.login('lx.clerk');
    const pdf = await upload(
      a,
      [['year', '2022']],
      [{ name: 'report.pdf', data: Buffer.from('%PDF-1.4'), type: 'application/pdf' }],
    );
    assert.equal(pdf.statusCode, 422);
    assert.match(pdf.body, /“report.pdf”不是可检查的文件：请上传 \.txt、\.html、\.htm 或 \.docx 文件/);
    assert.match(pdf.body, /name="year"[^>]*value="2022"/);

    const fakeWord = await upload(a, [], [{ name: 'a.docx', data: Buffer.from('不是 Word'), type: 'text/plain' }]);
    assert.equal(fakeWord.statusCode, 422);
    assert.match(fakeWord.body, /“a.docx”不是 Word 文档/);

    const two = await upload(
      a,
      [['agencyName', '青石镇人民政府']],
      [
        { name: 'a.txt', data: fixture('seed-lingxi-2013.txt'), type: 'text/plain' },
        { name: 'b.txt', data: fixture('clean-national2021-qingshi-town-2022.txt'), type: 'text/plain' },
      ],
    );
    assert.equal(two.statusCode, 422);
    assert.match(two.body, /检查多份报告时请不要填写机构名称/);
    assert.ok(two.body.includes('青石镇人民政府'));

    const nothing = await upload(a, [['text', '   ']], []);
    assert.equal(nothing.statusCode, 422);
    assert.match(nothing.body, /请上传报告文件或粘贴报告文本/);
  });
});
