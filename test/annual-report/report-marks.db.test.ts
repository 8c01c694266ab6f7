// The ※ marks of the annual report — figures not counted from records (entered by staff, or not
// recorded and counted as 0) — and their source notes: the Word and PDF documents carry them as
// the page does, in the console before publication and on the portal after it (the marks are kept
// with the published figures). Tables 二/三/四 are named by their section heading, which the
// national format also uses as the table's title: the page shows it once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { Agent } from '../support/agent.ts';
import { makeReport } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let id = 0;
let dir = '';
before(async () => {
  env = await createTestEnv({ now: '2026-01-15T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('county.admin', 'yongshun', ['admin']);
  id = (await makeReport(env, env.county.agencyIds.lingxi ?? 0, 2025, 'draft')).id;
  dir = mkdtempSync(join(tmpdir(), 'gk-report-marks-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await env.close();
});

const LICENSING_NOTE = '行政许可本年处理决定数量：镇便民服务中心许可台账';
const PENALTY_NOTE = '行政处罚本年处理决定数量：本系统尚无该项记录，工作人员未填报，按 0 计。';

/** The text of a DOCX's body, and its XML. */
function docxBody(payload: Buffer): { xml: string; text: string } {
  const xml = strFromU8(unzipSync(new Uint8Array(payload))['word/document.xml'] ?? new Uint8Array());
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text };
}

/** A ※ run raised as a superscript, right after the figure's run. */
const RAISED_MARK =
  /<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t xml:space="preserve">※<\/w:t><\/w:r>/g;

function assertDocxMarks(payload: Buffer, where: string) {
  const { xml, text } = docxBody(payload);
  // 行政许可 (staff), 行政处罚, 行政强制, 行政事业性收费 (not recorded): four ※ in table 二.
  assert.equal(xml.match(RAISED_MARK)?.length, 4, where);
  assert.match(text, /12※/, where);
  assert.match(text, /注：标有“※”的数据尚无系统记录，由工作人员填报：/, where);
  assert.ok(text.includes(LICENSING_NOTE), where);
  assert.ok(text.includes(PENALTY_NOTE), where);
}

function pdfText(payload: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, payload);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function assertPdfMarks(payload: Buffer, name: string) {
  const text = pdfText(payload, name);
  assert.equal(text.match(/※/g)?.length, 5, name); // four figures and the note's line
  assert.match(text, /12\s*※/, name);
  assert.match(text, /注：标有“※”的数据尚无系统记录，由工作人员填报：/, name);
  const joined = text.replace(/\s+/g, '');
  for (const note of [LICENSING_NOTE, PENALTY_NOTE]) assert.ok(joined.includes(note.replace(/\s+/g, '')), name);
}

describe('the ※ marks in the Word and PDF documents', () => {
  test('in the console: the documents of the report as computed carry the marks and notes of its page', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    const url = `/admin/annual-reports/${id}`;
    await clerk.get(url);
    const saved = await clerk.post(`${url}/figures`, {
      'v:table2.administrativeLicensing.decisions': '12',
      'n:table2.administrativeLicensing.decisions': '镇便民服务中心许可台账',
    });
    assert.equal(saved.statusCode, 303);
    const page = (await clerk.get(url)).body;
    assert.match(page, /<sup class="report-mark" title="镇便民服务中心许可台账">※<\/sup>/);
    assert.ok(page.includes(LICENSING_NOTE));

    const docx = await clerk.get(`${url}/export.docx`);
    assert.equal(docx.statusCode, 200);
    assertDocxMarks(docx.rawPayload, 'console docx');
    const pdf = await clerk.get(`${url}/export.pdf`);
    assert.equal(pdf.statusCode, 200);
    assertPdfMarks(pdf.rawPayload, 'console.pdf');
  });

  test('on the portal: the published report keeps its marks — page, Word and PDF', async () => {
    const clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/annual-reports/${id}`);
    assert.equal(
      (await clerk.post(`/admin/annual-reports/${id}/submit`, { overrideReason: '测试报送' })).statusCode,
      303,
    );
    const admin = new Agent(env.app);
    await admin.login('county.admin');
    await admin.get(`/admin/annual-reports/${id}`);
    const res = await admin.post(`/admin/annual-reports/${id}/review`, {
      decision: 'approve',
      comment: '',
      publishNow: '1',
      overrideReason: '测试发布',
    });
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(`/admin/annual-reports/${id}`)).body, /已于 2026-01-15 发布到/);

    const pub = new Agent(env.app);
    const page = (await pub.get('/agencies/lingxi/reports/2025')).body;
    assert.equal(page.match(/<sup class="report-mark"/g)?.length, 4);
    assert.ok(page.includes(LICENSING_NOTE));
    const docx = await pub.get('/agencies/lingxi/reports/2025/download.docx');
    assert.equal(docx.statusCode, 200);
    assertDocxMarks(docx.rawPayload, 'public docx');
    const pdf = await pub.get('/agencies/lingxi/reports/2025/download.pdf');
    assert.equal(pdf.statusCode, 200);
    assertPdfMarks(pdf.rawPayload, 'public.pdf');
  });

  test('the section headings name tables 二/三/四 once: no caption repeats them', async () => {
    const page = (await new Agent(env.app).get('/agencies/lingxi/reports/2025')).body;
    for (const [key, heading] of [
      ['proactive', '二、主动公开政府信息情况'],
      ['requests', '三、收到和处理政府信息公开申请情况'],
      ['remedies', '四、政府信息公开行政复议、行政诉讼情况'],
    ] as const) {
      assert.equal(page.split(`>${heading}<`).length - 1, 1, heading);
      assert.match(page, new RegExp(`<h2 id="report-${key}">${heading}</h2>`));
      assert.match(page, new RegExp(`<table class="report-table[^"]*" aria-labelledby="report-${key}">`));
    }
    assert.doesNotMatch(page, /<caption>[一二三四]、/);
  });
});
