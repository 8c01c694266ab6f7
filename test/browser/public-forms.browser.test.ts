// Public forms that never lose or double input, in Chromium (issue #14 point 4): a refreshed
// 领导信箱 receipt and the same form sent again create no second letter (counted in the database);
// six corrections of a refused form within a minute do not count against the limit, so the
// corrected one is accepted; a real over-limit refusal re-displays the form with everything typed
// and says when to try again (429, Retry-After).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoAxeViolations,
  BrowserSuite,
  field,
  runAxe,
  type RunningServer,
  SKIP_WITHOUT_CHROMIUM,
} from '../support/browser.ts';

async function lettersTitled(server: RunningServer, topic: string): Promise<number> {
  const row = await server.deps.database.db
    .selectFrom('interactionCases')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('topic', '=', topic)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function fillWriter(page: Page, topic: string, body: string): Promise<void> {
  await field(page, '标题').fill(topic);
  await field(page, '内容').fill(body);
  await field(page, '姓名').fill('彭秀英');
  await field(page, '联系电话').fill('13677778888');
}

describe('public forms in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 240_000 }, () => {
  let server: RunningServer;
  // The production default: 5 accepted submissions per client and minute (PUBLIC_FORM_RATE_LIMIT).
  const suite = new BrowserSuite({ bypassCSP: true }, undefined, { publicFormRateLimit: 5 });

  before(async () => {
    server = await suite.open();
  });
  after(() => suite.close());

  test('a refreshed mailbox receipt and the same form sent again create no second letter', async () => {
    const topic = '司城村路灯损坏';
    const page = await suite.newPage();
    await page.goto('/agencies/lingxi/mailbox');
    await fillWriter(page, topic, '司城村村委会门前的三盏路灯损坏已有两周，请安排维修。');
    // What the browser would send again on a resubmission: the same fields and one-time token.
    const sent = await page.evaluate(() => {
      const form = document.querySelector('main form[method="post"]') as HTMLFormElement;
      const out: Record<string, string> = {};
      new FormData(form).forEach((v, k) => {
        out[k] = String(v);
      });
      return out;
    });
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForSelector('#receipt-number');
    const receiptUrl = page.url();
    const number = (await page.locator('#receipt-number').textContent())!.trim();
    assert.equal(await lettersTitled(server, topic), 1);

    await page.reload();
    assert.equal(page.url(), receiptUrl);
    assert.equal((await page.locator('#receipt-number').textContent())!.trim(), number);
    assert.equal(await lettersTitled(server, topic), 1, 'a refresh files nothing');

    const again = await page.request.post('/agencies/lingxi/mailbox', { form: sent });
    assert.equal(again.status(), 200);
    assert.equal(new URL(again.url()).pathname, new URL(receiptUrl).pathname, 'the first receipt is shown');
    assert.equal(await lettersTitled(server, topic), 1, 'the same form sent again files nothing');
  });

  test('six corrections are accepted; a real over-limit refusal keeps the text and says when to retry', async () => {
    const page = await suite.newPage();
    await page.goto('/agencies/lingxi/complaint');
    const topic = '灵溪镇政务公开栏信息未更新';
    const body = '镇政府门口的政务公开栏三个月没有更新，去年的低保名单还贴着。';
    await field(page, '标题').fill(topic);
    for (let i = 0; i < 6; i++) {
      // 内容 and the contact fields are missing: a 422 re-display, which the limit does not count.
      const res = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('button', { name: '提交' }).click();
      assert.equal((await res).status(), 422);
      assert.equal(await field(page, '标题').inputValue(), topic, 'the typed title is kept');
    }
    await fillWriter(page, topic, body);
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForSelector('#receipt-number');
    assert.equal(await lettersTitled(server, topic), 1, 'the sixth correction is accepted');

    // Four more accepted complaints reach the limit (PUBLIC_FORM_RATE_LIMIT, 5 a minute)…
    for (let i = 2; i <= 5; i++) {
      await page.goto('/agencies/lingxi/complaint');
      await fillWriter(page, `${topic}（第${i}次）`, body);
      await page.getByRole('button', { name: '提交' }).click();
      await page.waitForSelector('#receipt-number');
    }
    // …and the next one is refused with everything typed still in the form.
    await page.goto('/agencies/lingxi/complaint');
    const over = `${topic}（第6次）`;
    const longBody = `${body}另外，公开栏的玻璃也碎了，请一并处理。`;
    await fillWriter(page, over, longBody);
    const res = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: '提交' }).click();
    const refused = await res;
    assert.equal(refused.status(), 429);
    assert.ok(Number(refused.headers()['retry-after']) >= 1, 'Retry-After says when');
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /提交过于频繁，请在 \d+ 秒后再点击提交。您填写的内容已保留在下面。/);
    assert.equal(await field(page, '标题').inputValue(), over);
    assert.equal(await field(page, '内容').inputValue(), longBody);
    assert.equal(await field(page, '联系电话').inputValue(), '13677778888');
    assert.equal(await lettersTitled(server, over), 0);
    assertNoAxeViolations(await runAxe(page), 'the refused form');
  });
});
