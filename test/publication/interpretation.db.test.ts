// 政策解读 (issue #17 point 1) through the admin and public routes, on both engines: a 解读 is a
// publication of one of five forms linked to a policy of its agency (field errors otherwise, with
// what was typed kept); 音视频 needs a recording (attachment or link) before it is submitted; the
// sign-off page of a 规范性文件 without a 解读 warns; once released, the 工作台 lists it until its
// 解读 is released, after the working days of the setting (0 = same day; an admin of the county
// changes it, audited); the policy page shows its 解读 and the 解读 page its policy; the annual
// report's 总体情况 counts 解读 by form, each count opening its records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { draftIdOf, postDraft, PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';
import { auditEvent } from '../support/audit.ts';
import { openReport, overviewRows } from '../support/report-overview.ts';

let env: TestEnv;
let lingxi: number;
let gaoping: number;
const desk = new PublicationDesk('lingxi', 'lx', [
  ['gp.clerk', 'gaoping', 'clerk'],
  ['county.admin', 'yongshun', 'admin'],
  ['lx.admin', 'lingxi', 'admin'],
]);

before(async () => {
  // Monday 2025-06-02: the working days below are counted on the 2025 calendar.
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
  lingxi = desk.agencyId;
  gaoping = env.county.agencyIds.gaoping!;
});
after(() => env.close());

/** `release`: submitted, passed and signed off by 灵溪镇's staff, asserting each step and the state. */
const { as, at, act, pub, release } = desk;

/** The draft form posted by `user` for `agencyId`: 示例信息 of 2025-05-30, `fields` changing it. */
const draftAs = (user: string, agencyId: number, fields: Record<string, string | string[]>) =>
  postDraft(env, as(user), agencyId, {
    title: '示例信息',
    body: '<p>正文。</p>',
    issuer: '党政综合办公室',
    formedOn: '2025-05-30',
    ...fields,
  });

const draft = async (fields: Record<string, string | string[]>) => draftIdOf(await draftAs('lx.clerk', lingxi, fields));

/** The count of a queue on the user's 工作台 (absent: the queue is not theirs). */
async function queueCount(user: string, key: string): Promise<number | undefined> {
  const html = (await as(user).get('/admin')).body;
  const m = new RegExp(`data-queue="${key.replace('.', '\\.')}">.*?<span class="wb-count">(\\d+)</span>`, 's').exec(
    html,
  );
  if (m) return Number(m[1]);
  // An empty queue of the user's is named in the 「没有待办」 line.
  return /<p class="wb-empty">[^]*?已发布但仍缺少政策解读的规范性文件/.test(html) ? 0 : undefined;
}

const POLICY = {
  title: '灵溪镇农村人居环境整治管理办法',
  docKind: 'normativeDocument',
  issuedOn: '2025-05-30',
  documentNumber: '灵政发〔2025〕4号',
};

describe('政策解读', () => {
  let policy = 0;
  let interpretation = 0;

  test('a 规范性文件 without a 解读 warns at sign-off and, released, is listed on the 工作台 the same day', async () => {
    policy = await draft(POLICY);
    assert.equal((await act('lx.clerk', policy, 'submit')).statusCode, 303);
    assert.equal((await act('lx.reviewer', policy, 'review', { decision: 'pass', comment: '' })).statusCode, 303);
    const signOffPage = await as('lx.signer').get(`/admin/publications/${policy}`);
    assert.match(signOffPage.body, /该行政规范性文件还没有政策解读。签发发布时将缺少解读：解读应与文件同步发布/);
    assert.equal(await queueCount('lx.signer', 'publication.noInterpretation'), 0);
    assert.equal((await act('lx.signer', policy, 'sign-off', { decision: 'approve', comment: '' })).statusCode, 303);
    const after = await as('lx.signer').get(`/admin/publications/${policy}`);
    assert.match(after.body, /该行政规范性文件已发布，但还没有已发布的政策解读/);
    // The setting's default is 0 working days (同步): listed from the day of release.
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 1);
    assert.equal(await queueCount('lx.signer', 'publication.noInterpretation'), 1);
    const list = await as('lx.clerk').get('/admin/publications?queue=noInterpretation');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(POLICY.title));
    // Another agency's clerk does not see 灵溪镇's policy.
    assert.equal(await queueCount('gp.clerk', 'publication.noInterpretation'), 0);
  });

  test('the setting: county admins only, 0–60 working days, audited; the queue follows it', async () => {
    assert.equal((await as('lx.admin').get('/admin/publications/interpretation-settings')).statusCode, 403);
    const a = as('county.admin');
    assert.match((await a.get('/admin/publications/interpretation-settings')).body, /value="0"/);
    const bad = await a.post('/admin/publications/interpretation-settings', { days: '九十' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /应为 0 到 60 之间的整数（工作日）/);
    assert.match(bad.body, /value="九十"/);
    const ok = await a.post('/admin/publications/interpretation-settings', { days: '3' });
    assert.equal(ok.statusCode, 303);
    // The saved message (the redirect once named it `notice=saved`, which no page reads).
    const saved = await a.follow(ok);
    assert.match(saved.body, /已保存/);
    assert.match(saved.body, /value="3"/);
    const ev = await auditEvent(env, { action: 'publication.interpretationDaysChanged' });
    assert.match(ev.summary, /"days":3/);
    // Released on Monday 2 June: within 3 working days it is not listed yet …
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 0);
    await at('2025-06-04T09:00:00Z');
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 0);
    // … from Thursday 5 June (2 June + 3 working days) it is.
    await at('2025-06-05T02:00:00Z');
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 1);
    const list = await as('lx.clerk').get('/admin/publications?queue=noInterpretation');
    assert.ok(list.body.includes(POLICY.title));
  });

  test('the 解读 fields are checked: a form, a policy of the same agency, a recording for 音视频', async () => {
    const noPolicy = await draftAs('lx.clerk', lingxi, { title: '解读一', interpretationForm: 'text', interprets: '' });
    assert.equal(noPolicy.statusCode, 422);
    assert.match(noPolicy.body, /请选择该解读所解读的政策文件/);
    assert.match(noPolicy.body, /value="解读一"/);
    const badForm = await draftAs('lx.clerk', lingxi, { interpretationForm: 'poster', interprets: String(policy) });
    assert.equal(badForm.statusCode, 422);
    assert.match(badForm.body, /解读形式不正确/);
    const noForm = await draftAs('lx.clerk', lingxi, { interpretationForm: '', interprets: String(policy) });
    assert.equal(noForm.statusCode, 422);
    assert.match(noForm.body, /关联了政策文件的解读须选择解读形式/);
    const badLink = await draftAs('lx.clerk', lingxi, {
      interpretationForm: 'media',
      interprets: String(policy),
      mediaUrl: 'javascript:alert(1)',
    });
    assert.equal(badLink.statusCode, 422);
    assert.match(badLink.body, /请填写以 http:\/\/ 或 https:\/\/ 开头的完整网址/);
    // 高坪乡's clerk cannot link 灵溪镇's policy.
    const other = await draftAs('gp.clerk', gaoping, { interpretationForm: 'text', interprets: String(policy) });
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /所选政策文件不是本机关的政策文件/);
    // 音视频 without attachment or link: saved as a draft, refused at submission.
    const media = await draft({ title: '音视频解读', interpretationForm: 'media', interprets: String(policy) });
    const refused = await act('lx.clerk', media, 'submit');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /音视频解读须上传音视频附件（MP4、MP3）或填写音视频链接后再提交/);
    assert.equal((await pub(media)).state, 'draft');
  });

  test('the policy page offers a prefilled 解读; released, both pages link each other and the queue empties', async () => {
    const start = await as('lx.clerk').get(`/admin/publications/new?agency=${lingxi}&interprets=${policy}`);
    assert.match(start.body, new RegExp(`<option value="${policy}" selected>`));
    interpretation = await draft({
      title: '《灵溪镇农村人居环境整治管理办法》政策解读',
      interpretationForm: 'text',
      interprets: String(policy),
    });
    const p = await pub(interpretation);
    assert.equal(p.interpretationForm, 'text');
    assert.equal(p.interpretsId, policy);
    // Drafted, not released: the policy is still listed, its page names the draft.
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 1);
    assert.match(
      (await as('lx.signer').get(`/admin/publications/${policy}`)).body,
      /管理办法》政策解读<\/a>（文字解读，草稿）/,
    );
    // Nothing of the draft on the public policy page.
    const before = await env.app.inject({ method: 'GET', url: `/publications/${policy}` });
    assert.ok(!before.body.includes('政策解读》政策解读'));
    await release(interpretation);
    assert.equal(await queueCount('lx.clerk', 'publication.noInterpretation'), 0);
    const policyPage = await env.app.inject({ method: 'GET', url: `/publications/${policy}` });
    assert.match(policyPage.body, /<h2 id="interp-title">政策解读<\/h2>/);
    assert.ok(policyPage.body.includes(`<a href="/publications/${interpretation}">`));
    const page = await env.app.inject({ method: 'GET', url: `/publications/${interpretation}` });
    assert.match(page.body, /解读的政策文件/);
    assert.match(page.body, /解读形式：文字解读/);
    assert.ok(page.body.includes(`<a href="/publications/${policy}">${POLICY.title}</a>`));
    // A publication that has a 解读 cannot itself become one.
    const edit = await as('lx.signer').get(`/admin/publications/${policy}/edit`);
    assert.equal(edit.statusCode, 200);
  });

  test('a 音视频 解读 with a link is released and its page links the recording', async () => {
    const id = await draft({
      title: '灵溪镇人居环境整治政策视频解读',
      interpretationForm: 'media',
      interprets: String(policy),
      mediaUrl: 'https://video.example.cn/lingxi/2025-06.mp4',
    });
    await release(id);
    const page = await env.app.inject({ method: 'GET', url: `/publications/${id}` });
    assert.ok(page.body.includes('href="https://video.example.cn/lingxi/2025-06.mp4"'));
  });

  test('the annual report counts 解读 by form in 总体情况, each count a drill-down to its records', async () => {
    await at('2026-01-15T02:00:00Z');
    const a = as('lx.clerk');
    const { url, body: page } = await openReport(a, lingxi);
    assert.ok(
      page.includes('发布政策解读2篇，其中文字解读1篇、音视频解读1篇。'),
      /<textarea id="f-overview"[^]*?<\/textarea>/.exec(page)?.[0],
    );
    const row = overviewRows(page, '政策解读');
    const total = row('合计（篇）');
    assert.equal(total?.[2], '2');
    assert.equal(row('文字解读（篇）')?.[2], '1');
    assert.equal(row('音视频解读（篇）')?.[2], '1');
    assert.ok(row('专家解读（篇）') && !row('专家解读（篇）')?.[2]);
    const drill = await a.get((row('文字解读（篇）')?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.equal(drill.statusCode, 200);
    assert.ok(drill.body.includes('《灵溪镇农村人居环境整治管理办法》政策解读'));
    assert.ok(!drill.body.includes('政策视频解读'));
    assert.match(drill.body, /共 1 条记录/);
    const all = await a.get((total?.[1] ?? '').replace(/&amp;/g, '&'));
    assert.match(all.body, /共 2 条记录/);
    const unknown = await a.get(`${url}/cell?cell=overview.interpretations.poster`);
    assert.equal(unknown.statusCode, 404);
  });
});
