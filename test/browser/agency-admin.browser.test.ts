// 新建机构 on a phone (375 px, #16): the kinds above the county are offered, a kind that cannot sit
// under the chosen parent is refused with the reason in the error summary and at the field, the
// form keeps what was typed, and nothing scrolls sideways; then the same form with the right kind
// creates the agency.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { assertNoAxeViolations, BrowserSuite, field, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const PASSWORD = 'Yongshun-2025-agency';

describe('新建机构 at 375 px in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const suite = new BrowserSuite();

  before(async () => {
    await suite.open();
    await suite.addStaff('yongshun', [['county.admin', 'admin']], PASSWORD);
  });

  after(() => suite.close());

  const noSideways = async (page: Page, where: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${where}: scrollWidth ${width} > 375`);
  };

  test('a prefecture under the county is refused with the reason; a town is created', async () => {
    const page = await suite.signedIn('county.admin', PASSWORD, { viewport: { width: 375, height: 812 } });
    await page.goto('/admin/agencies/new');
    assert.equal(await page.locator('h1').textContent(), '新建机构');
    const kinds = await field(page, '机构类型').locator('option').allTextContents();
    for (const k of [
      '省级人民政府',
      '设区的市级人民政府',
      '县级人民政府',
      '镇人民政府',
      '乡人民政府',
      '街道办事处',
      '政府部门',
    ])
      assert.ok(kinds.includes(k), k);
    await noSideways(page, '/admin/agencies/new');

    await field(page, '上级机构').selectOption({ label: '永顺县人民政府' });
    await field(page, '机构全称').fill('永顺县万坪镇人民政府');
    await field(page, '简称').fill('万坪镇');
    await field(page, '机构类型').selectOption({ label: '设区的市级人民政府' });
    await field(page, '统一社会信用代码').fill(makeCreditCode('11433127MB0099002'));
    await field(page, '网址标识').fill('wanping');
    await field(page, '工作机构名称').fill('万坪镇党政综合办公室');
    await field(page, '办公地址').fill('永顺县万坪镇万坪街1号');
    await field(page, '邮政编码').fill('416700');
    await field(page, '联系电话').fill('0743-5231235');
    await field(page, '电子邮箱').fill('wanping_gk@yongshun.gov.example');
    await page.getByRole('button', { name: '创建机构' }).click();
    await page.waitForLoadState('load');

    const summary = page.locator('.error-summary');
    assert.ok(await summary.isVisible(), 'the error summary is shown');
    assert.match(
      await summary.innerText(),
      /设区的市级人民政府不能设在县级人民政府之下，只能设在省级人民政府之下或作为最上级机构。/,
    );
    assert.equal(await field(page, '机构全称').inputValue(), '永顺县万坪镇人民政府');
    assert.equal(await field(page, '网址标识').inputValue(), 'wanping');
    assert.equal(await field(page, '机构类型').inputValue(), 'prefectureGovernment');
    assert.equal(await field(page, '机构类型').getAttribute('aria-invalid'), 'true');
    await noSideways(page, 'the refused form');
    assertNoAxeViolations(await runAxe(page), 'the refused 新建机构 form');

    await field(page, '机构类型').selectOption({ label: '镇人民政府' });
    await page.getByRole('button', { name: '创建机构' }).click();
    await page.waitForLoadState('load');
    assert.equal(await summary.count(), 0, await page.locator('body').innerText());
    assert.match(page.url(), /\/admin\/agencies\/\d+\?flash=created$/);
    assert.equal(await page.locator('h1').textContent(), '永顺县万坪镇人民政府');
  });
});
