// 机构管理 over a province's tree on a phone (375 px, #16): a province's admin sees the province and
// its prefectures, each with what is below it; opens a prefecture's level and a county's by
// keyboard, goes back up by the breadcrumbs, finds a town by name through the search box, and
// creates a town from the county's level with the county already chosen as its parent. Every page
// passes axe and nothing scrolls sideways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemContext } from '../../src/bootstrap.ts';
import { createAgency, type AgencyInput } from '../../src/modules/agency/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { assertNoAxeViolations, BrowserSuite, field, runAxe, SKIP_WITHOUT_CHROMIUM } from '../support/browser.ts';

const PASSWORD = 'Hunan-2025-agency-tree';

describe('机构管理 over a province at 375 px in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 180_000 }, () => {
  const suite = new BrowserSuite();
  const ids: Record<string, number> = {};

  before(async () => {
    const server = await suite.open();
    // A province's tree beside the demo county (its own top): the province, two prefectures, a
    // county with a department and two towns.
    let seq = 0;
    const make = async (slug: string, kind: string, name: string, parent?: string) => {
      seq += 1;
      const input: AgencyInput = {
        name,
        shortName: name.slice(0, 4),
        kind,
        creditCode: makeCreditCode(`1143000000${String(seq).padStart(7, '0')}`),
        slug,
        officeName: `${name.slice(0, 4)}政务公开办公室`,
        officeAddress: `人民路${seq}号`,
        officePostcode: '410000',
        officePhone: '0731-8221000',
        officeFax: '',
        officeEmail: `${slug}@example.gov.cn`,
        officeHours: '工作日 上午8:00—12:00，下午14:30—17:30',
        indexPattern: '{creditCode}/{YYYY}-{seq:5}',
        guideText: '',
        sortOrder: String(seq),
      };
      ids[slug] = await inTransaction(server.deps.database.db, (trx) =>
        createAgency(trx, systemContext(server.deps.clock), input, parent ? ids[parent]! : null),
      );
    };
    await make('hunan', 'provinceGovernment', '湖南省人民政府');
    await make('hn-jyt', 'department', '湖南省教育厅', 'hunan');
    await make('xiangxi', 'prefectureGovernment', '湘西土家族苗族自治州人民政府', 'hunan');
    await make('changsha', 'prefectureGovernment', '长沙市人民政府', 'hunan');
    await make('xx-fgw', 'department', '湘西州发展和改革委员会', 'xiangxi');
    await make('luxi', 'countyGovernment', '泸溪县人民政府', 'xiangxi');
    await make('luxi-mzj', 'department', '泸溪县民政局', 'luxi');
    await make('wuxi', 'town', '泸溪县武溪镇人民政府', 'luxi');
    await make('pushi', 'town', '泸溪县浦市镇人民政府', 'luxi');
    await suite.addStaff('hunan', [['province.admin', 'admin']], PASSWORD);
  });

  after(() => suite.close());

  const check = async (page: Page, where: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${where}: scrollWidth ${width} > 375`);
    assertNoAxeViolations(await runAxe(page), where);
  };
  const main = (page: Page) => page.locator('main');

  test('levels, breadcrumbs and the search by keyboard; a town created from its county’s level', async () => {
    const page = await suite.signedIn('province.admin', PASSWORD, { viewport: { width: 375, height: 812 } });
    await page.goto('/admin/agencies');
    assert.equal(await page.locator('h2#level-h').textContent(), '湖南省人民政府及所属机构');
    const top = await main(page).innerText();
    assert.match(top, /湘西土家族苗族自治州人民政府/);
    assert.match(top, /县级人民政府 1 个，乡镇（街道）2 个，政府部门 2 个/);
    assert.doesNotMatch(top, /泸溪县/);
    await check(page, 'the province’s level');

    // Open the prefecture's level, then the county's, from the keyboard.
    await page.getByRole('link', { name: /^下属机构 5 个\s*：湘西土家族苗族自治州人民政府$/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/admin/agencies?at=${ids.xiangxi}`);
    const crumbs = page.getByRole('navigation', { name: '当前位置' });
    assert.equal(await crumbs.locator('[aria-current="page"]').textContent(), '湘西土家族苗族自治州人民政府');
    await check(page, 'the prefecture’s level');
    await page.getByRole('link', { name: /^下属机构 3 个\s*：泸溪县人民政府$/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/admin/agencies?at=${ids.luxi}`);
    assert.match(await main(page).innerText(), /泸溪县武溪镇人民政府[\s\S]*泸溪县浦市镇人民政府/);
    await check(page, 'the county’s level');

    // Up by the breadcrumbs.
    await crumbs.getByRole('link', { name: '湘西土家族苗族自治州人民政府' }).click();
    await page.waitForURL(`**/admin/agencies?at=${ids.xiangxi}`);
    await crumbs.getByRole('link', { name: '机构管理' }).click();
    await page.waitForURL('**/admin/agencies');

    // The search box: typed, submitted with Enter (a GET form).
    await field(page, '按名称查找机构').fill('浦市');
    await field(page, '按名称查找机构').press('Enter');
    await page.waitForURL(/\/admin\/agencies\?q=/);
    assert.equal(await page.locator('h2#found-h').textContent(), '名称含“浦市”的机构：1 个');
    assert.match(await main(page).innerText(), /湖南省人民政府 › 湘西土家族苗族自治州人民政府 › 泸溪县人民政府/);
    assert.equal(await field(page, '按名称查找机构').inputValue(), '浦市');
    await check(page, 'the search results');
    await page.getByRole('link', { name: /^在机构树中查看\s*：泸溪县浦市镇人民政府$/ }).click();
    await page.waitForURL(`**/admin/agencies?at=${ids.luxi}`);

    // 新建机构 at the county's level: the county is the parent already chosen.
    await page.getByRole('link', { name: '新建机构' }).click();
    await page.waitForURL(`**/admin/agencies/new?parent=${ids.luxi}`);
    assert.equal(await field(page, '上级机构').inputValue(), String(ids.luxi));
    const offered = await field(page, '上级机构').locator('option').allTextContents();
    assert.deepEqual(
      offered.map((o) => o.trim()),
      ['泸溪县人民政府', '泸溪县民政局', '泸溪县武溪镇人民政府', '泸溪县浦市镇人民政府'],
    );
    await check(page, '新建机构 at the county’s level');
    await field(page, '机构全称').fill('泸溪县洗溪镇人民政府');
    await field(page, '简称').fill('洗溪镇');
    await field(page, '机构类型').selectOption({ label: '镇人民政府' });
    await field(page, '统一社会信用代码').fill(makeCreditCode('11433122MB0099003'));
    await field(page, '网址标识').fill('xixi');
    await field(page, '工作机构名称').fill('洗溪镇党政综合办公室');
    await field(page, '办公地址').fill('泸溪县洗溪镇1号');
    await field(page, '邮政编码').fill('416100');
    await field(page, '联系电话').fill('0743-4221000');
    await field(page, '电子邮箱').fill('xixi_gk@luxi.gov.example');
    await page.getByRole('button', { name: '创建机构' }).click();
    await page.waitForURL(/\/admin\/agencies\/\d+\?flash=created$/);
    assert.equal(await page.locator('h1').textContent(), '泸溪县洗溪镇人民政府');
    await page.goto(`/admin/agencies?at=${ids.xiangxi}`);
    assert.ok(await page.getByRole('link', { name: /^下属机构 4 个\s*：泸溪县人民政府$/ }).isVisible());
  });
});
