// Online 补正 (issue #14 point 6, 条例 第三十条) through the routes, on both engines: the applicant
// answers a 补正告知书 from the tracking page (corrected description + files checked by content,
// size limited, one-time token), the clerk sees it on the case page and the 工作台 queue, asks
// again (a new 补正告知书 with the same items) and then accepts the second answer (the answer
// period restarts from the confirmed receipt). Another town's clerk and a wrong query code get
// nowhere; nothing the applicant sent shows on a public page but the applicant's own form.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeDeadline } from '../../src/modules/info-request/rules/index.ts';
import { Agent } from '../support/agent.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';
import { application, assertNoPrivateData } from './helpers.ts';
import { auditEvents } from '../support/audit.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const CORRECTED = '灵溪镇2025年溪州大道（猛洞河桥至汽车站段）维修工程的项目预算表，联系电话13912345678';
const SECOND = '灵溪镇2025年溪州大道维修工程预算表及其招标控制价，文号灵政发〔2025〕12号';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ now: '2025-06-02T02:00:00Z' });
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  await env.user('gp.clerk', 'gaoping', ['clerk']);
});
after(() => env.close());

describe('online 补正', () => {
  let number = '';
  let code = '';
  let id = 0;
  let citizen: Agent;
  let clerk: Agent;
  const track = () => `/apply/track/${number}`;
  const counts = async () => ({
    corrections: Number(
      (
        await env.database.db
          .selectFrom('infoRequestCorrections')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    files: Number(
      (
        await env.database.db
          .selectFrom('infoRequestCorrectionFiles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const row = () =>
    env.database.db.selectFrom('infoRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    citizen = new Agent(env.app);
    await citizen.get('/agencies/lingxi/apply/online');
    const res = await citizen.post('/agencies/lingxi/apply/online', application());
    const receipt = await citizen.get(res.headers.location as string);
    const m = /(LINGXI-2025-\d{4})<\/dd>\s*<dt>查询码<\/dt>\s*<dd class="ir-code">([A-Z0-9]{8})/.exec(receipt.body);
    assert.ok(m);
    [number, code] = [m[1] as string, m[2] as string];
    id = (
      await env.database.db
        .selectFrom('infoRequests')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
    clerk = new Agent(env.app);
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    assert.equal(
      (await clerk.post(`/admin/info-requests/${id}/confirm`, { confirmedOn: '2025-06-02' })).statusCode,
      303,
    );
    await clerk.get(`/admin/info-requests/${id}`);
    const asked = await clerk.post(`/admin/info-requests/${id}/correction`, {
      items: '请写明道路的名称和路段。',
      noticeSentOn: '2025-06-02',
      correctionDueOn: '2025-06-20',
    });
    assert.equal(asked.statusCode, 303);
  });

  test('the 补正告知书 says how to answer online: the 进度查询 address', async () => {
    const letter = await env.database.db
      .selectFrom('infoRequestLetters')
      .select(['dataJson', 'templateVersion'])
      .where('infoRequestId', '=', id)
      .where('kind', '=', 'correction')
      .executeTakeFirstOrThrow();
    assert.equal(letter.templateVersion, 'correction.v2');
    assert.match(letter.dataJson, /进度查询.*\/track）.*查询码.*在线提交补正/);
  });

  test('a wrong query code opens nothing; without the tracking cookie the form cannot be sent', async () => {
    const stranger = new Agent(env.app);
    await stranger.get('/track');
    const wrong = await stranger.post('/track', { number, code: 'AAAAAAAA' });
    assert.equal(wrong.statusCode, 422);
    const post = await stranger.postMultipart(`${track()}/correction`, { text: CORRECTED, _once: 'x'.repeat(24) });
    assert.equal(post.statusCode, 403);
    assert.equal((await counts()).corrections, 0);
  });

  test('the tracking page offers the form; a file whose content is not its type is refused and the text kept', async () => {
    citizen = new Agent(env.app);
    await citizen.get('/track');
    const ok = await citizen.post('/track', { number, code });
    assert.equal(ok.statusCode, 303);
    const page = await citizen.get(track());
    assert.match(page.body, /在线补正/);
    assert.match(page.body, /请写明道路的名称和路段。/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const once = citizen.once;
    assert.ok(once);
    const bad = await citizen.postMultipart(
      `${track()}/correction`,
      { _once: once, text: CORRECTED },
      { files: [{ name: '预算.pdf', data: PNG }] },
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /扩展名表示PDF 文件，但内容实际是PNG 图片/);
    assert.ok(bad.body.includes('溪州大道（猛洞河桥至汽车站段）'), 'the typed text is kept');
    const exe = await citizen.postMultipart(
      `${track()}/correction`,
      { _once: once, text: CORRECTED },
      { files: [{ name: 'setup.exe', data: Buffer.from('MZ\x90\x00') }] },
    );
    assert.equal(exe.statusCode, 422);
    assert.match(exe.body, /不支持“setup.exe”的文件类型/);
    const empty = await citizen.postMultipart(`${track()}/correction`, { _once: once, text: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写补正后的申请内容/);
    assert.deepEqual(await counts(), { corrections: 0, files: 0 });
  });

  test('too many files and a file over the limit are refused with the form', async () => {
    await citizen.get(track());
    const six = await citizen.postMultipart(
      `${track()}/correction`,
      { _once: citizen.once, text: CORRECTED },
      { files: Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.pdf`, data: PDF })) },
    );
    assert.equal(six.statusCode, 422);
    assert.match(six.body, /最多上传5个文件/);
    const big = await citizen.postMultipart(
      `${track()}/correction`,
      { _once: citizen.once, text: CORRECTED },
      { files: [{ name: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) }] },
    );
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /超过 10 MB/);
    assert.ok(big.body.includes('溪州大道（猛洞河桥至汽车站段）'));
    assert.deepEqual(await counts(), { corrections: 0, files: 0 });
  });

  test('the answer is stored once: a resubmission of the same form creates nothing new', async () => {
    await citizen.get(track());
    const once = citizen.once;
    const fields = { _once: once, text: CORRECTED };
    const files = { files: [{ name: '路段示意图.pdf', data: PDF }] };
    const first = await citizen.postMultipart(`${track()}/correction`, fields, files);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `${track()}?flash=corrected`);
    const again = await citizen.postMultipart(`${track()}/correction`, fields, files);
    assert.equal(again.statusCode, 303, 'the same form again');
    assert.equal(again.headers.location, first.headers.location);
    assert.deepEqual(await counts(), { corrections: 1, files: 1 });
    const page = await citizen.get(first.headers.location as string);
    assert.match(page.body, /补正材料已提交/);
    assert.match(page.body, /本机关正在审查/);
    assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/, 'no second form while the first waits');
    assertNoPrivateData('tracking page', page.body, [CORRECTED, '13912345678']);
    // A new form (another token) while the first waits is refused too.
    const other = await citizen.postMultipart(`${track()}/correction`, { _once: 'y'.repeat(24), text: SECOND });
    assert.equal(other.statusCode, 422);
    assert.equal((await counts()).corrections, 1);
    assert.equal((await row()).state, 'awaitingCorrection');
  });

  test('the clerk sees it on the 工作台 and the case page; another town and a reviewer get 403', async () => {
    const bench = await clerk.get('/admin');
    assert.match(bench.body, /申请人已在线补正、待审查的申请/);
    const list = await clerk.get('/admin/info-requests?view=corrections');
    assert.ok(list.body.includes(number));
    const waiting = await clerk.get('/admin/info-requests?view=applicant');
    assert.ok(!waiting.body.includes(number), 'no longer counted as waiting for the applicant');
    const page = await clerk.get(`/admin/info-requests/${id}`);
    assert.ok(page.body.includes('溪州大道（猛洞河桥至汽车站段）'));
    assert.match(page.body, /路段示意图.pdf/);
    assert.doesNotMatch(page.body, /登记补正后的申请/, 'the paper form gives way to the online answer');
    const c = await env.database.db.selectFrom('infoRequestCorrections').selectAll().executeTakeFirstOrThrow();
    const f = await env.database.db.selectFrom('infoRequestCorrectionFiles').selectAll().executeTakeFirstOrThrow();
    const file = await clerk.get(`/admin/info-requests/${id}/corrections/${c.id}/files/${f.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.rawPayload.toString('latin1'), PDF.toString('latin1'));

    const other = new Agent(env.app);
    await other.login('gp.clerk');
    await other.get('/admin');
    assert.equal((await other.get(`/admin/info-requests/${id}/corrections/${c.id}/files/${f.id}`)).statusCode, 403);
    const otherAccept = await other.post(`/admin/info-requests/${id}/corrections/${c.id}/accept`, {
      acceptedOn: '2025-06-02',
    });
    assert.equal(otherAccept.statusCode, 403);
    const reviewer = new Agent(env.app);
    await reviewer.login('lx.reviewer');
    await reviewer.get('/admin');
    const rAgain = await reviewer.post(`/admin/info-requests/${id}/corrections/${c.id}/ask-again`, {
      againNote: 'x',
      againDueOn: '2025-06-30',
    });
    assert.equal(rAgain.statusCode, 403);
    // Closing as abandoned is refused while an answer waits.
    const close = await clerk.post(`/admin/info-requests/${id}/close-correction`, {});
    assert.equal(close.statusCode, 422);
    assert.equal((await row()).state, 'awaitingCorrection');
  });

  test('asking again issues a new 补正告知书 with the same items and a new period; the form returns', async () => {
    const c = await env.database.db.selectFrom('infoRequestCorrections').selectAll().executeTakeFirstOrThrow();
    await clerk.get(`/admin/info-requests/${id}`);
    const bad = await clerk.post(`/admin/info-requests/${id}/corrections/${c.id}/ask-again`, {
      againNote: '',
      againDueOn: '2025-06-01',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请写明补正材料还缺少什么/);
    assert.match(bad.body, /新的补正期限应晚于今天/);
    const res = await clerk.post(`/admin/info-requests/${id}/corrections/${c.id}/ask-again`, {
      againNote: '未写明所需的是预算表还是决算表',
      againDueOn: '2025-06-25',
    });
    assert.equal(res.statusCode, 303);
    const r = await row();
    assert.equal(r.state, 'awaitingCorrection');
    assert.equal(r.correctionDueOn, '2025-06-25');
    assert.equal(r.correctionNoticeSentOn, '2025-06-02', 'the first notice date stays (7 working days)');
    const letters = await env.database.db
      .selectFrom('infoRequestLetters')
      .select('dataJson')
      .where('infoRequestId', '=', id)
      .where('kind', '=', 'correction')
      .orderBy('id')
      .execute();
    assert.equal(letters.length, 2);
    assert.match(letters[1]?.dataJson ?? '', /仍未补正到位：未写明所需的是预算表还是决算表/);
    assert.match(letters[1]?.dataJson ?? '', /请写明道路的名称和路段。/);
    const audit = await env.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'infoRequest.correction%')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'infoRequest.correctionAskedAgain',
      'infoRequest.correctionRequested',
      'infoRequest.correctionSubmitted',
    ]);
    const page = await citizen.get(track());
    assert.match(page.body, /仍需补正，已再次发出补正告知书，请于2025-06-25前补正/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.doesNotMatch(
      page.body,
      /未写明所需的是预算表还是决算表/,
      'the staff note is in the letter, not the timeline',
    );
  });

  test('accepting the second answer restarts the clock from the confirmed receipt (第三十条)', async () => {
    env.clock.set('2025-06-09T02:00:00Z');
    await citizen.get(track());
    const sent = await citizen.postMultipart(`${track()}/correction`, { _once: citizen.once, text: SECOND });
    assert.equal(sent.statusCode, 303);
    const c = await env.database.db
      .selectFrom('infoRequestCorrections')
      .selectAll()
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    env.clock.set('2025-06-10T02:00:00Z');
    await clerk.login('lx.clerk');
    await clerk.get(`/admin/info-requests/${id}`);
    const early = await clerk.post(`/admin/info-requests/${id}/corrections/${c.id}/accept`, {
      acceptedOn: '2025-05-30',
    });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /不能早于申请人在线提交之日/);
    assert.match(early.body, /id="f-acceptedOn"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-acceptedOn"/);
    const ok = await clerk.post(`/admin/info-requests/${id}/corrections/${c.id}/accept`, { acceptedOn: '2025-06-10' });
    assert.equal(ok.statusCode, 303);
    const r = await row();
    assert.equal(r.state, 'processing');
    assert.equal(r.correctedReceivedOn, '2025-06-10');
    assert.equal(r.correctedText, SECOND);
    const cal = await env.deps.calendar.get();
    const settings = { pauseWhileFeePending: false };
    const expected = computeDeadline(cal, { receivedOn: '2025-06-10', settings }).dueOn;
    assert.equal(r.dueOn, expected, '20 working days from the corrected application');
    assert.notEqual(r.dueOn, computeDeadline(cal, { receivedOn: '2025-06-02', settings }).dueOn);
    const stored = await env.database.db
      .selectFrom('infoRequestCorrections')
      .select('state')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.state, 'accepted');
    const audit = await auditEvents(env, { action: ['infoRequest.corrected', 'infoRequest.correctionAccepted'] });
    assert.equal(audit.length, 2);
    const again = await clerk.post(`/admin/info-requests/${id}/corrections/${c.id}/accept`, {
      acceptedOn: '2025-06-02',
    });
    assert.equal(again.statusCode, 422, 'a decided answer is not decided twice');
    const page = await citizen.get(track());
    assert.match(page.body, /收到您补正后的申请，答复期限自该日起重新计算/);
    assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/);
    assertNoPrivateData('tracking page', page.body, [CORRECTED, SECOND]);
    // After the case moved on, the old form answers with the page and stores nothing.
    const late = await citizen.postMultipart(`${track()}/correction`, { _once: 'z'.repeat(24), text: SECOND });
    assert.equal(late.statusCode, 409);
    assert.equal((await counts()).corrections, 2);
  });

  test('public pages never show what the applicant sent', async () => {
    const visitor = new Agent(env.app);
    for (const url of ['/', '/track', track(), `/agencies/lingxi/apply`, '/agencies/lingxi']) {
      const res = await visitor.get(url);
      assertNoPrivateData(url, res.body, [CORRECTED, SECOND, '路段示意图']);
    }
  });
});
