// The portal's shell and home page (issue #14 point 1): a search box in every public page's
// header, the home page's task entries (政务公开 with the towns, 政务服务, 互动交流, 依申请公开,
// 进度查询), staff login in the footer only, the footer's site identifiers from configuration and
// the display toolbar folded into one <details> control for phones.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { systemContext } from '../../src/bootstrap.ts';
import { seedDemoPublications } from '../../src/modules/demo/index.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let configured: TestEnv;
before(async () => {
  env = await createTestEnv();
  await seedDemoPublications(env.database.db, systemContext(env.clock), await env.deps.calendar.get());
  configured = await createTestEnv({
    config: {
      site: {
        sponsor: '永顺县人民政府办公室',
        code: '4331270001',
        icp: '湘ICP备12345678号',
        psb: '湘公网安备 43312702000001号',
        contactUrl: '/agencies/yongshun/guide',
        errorReportUrl: 'https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?websitecode=4331270001',
      },
    },
  });
});
after(async () => {
  await env.close();
  await configured.close();
});

const section = (html: string, open: string, close: string) => {
  const start = html.indexOf(open);
  assert.ok(start >= 0, `${open} not found`);
  return html.slice(start, html.indexOf(close, start));
};

describe('home page and header', () => {
  test('the home page leads with search, then one entry per task, then the latest items', async () => {
    const res = await env.app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    const main = section(res.body, '<main', '</main>');
    const order = ['id="home-q"', '政务公开', '政务服务', '互动交流', '依申请公开', '进度查询', '最新公开信息'].map(
      (t) => main.indexOf(t),
    );
    assert.ok(
      order.every((i, k) => i >= 0 && (k === 0 || i > (order[k - 1] as number))),
      `order ${order.join(',')}`,
    );
    for (const href of [
      '/agencies',
      '/agencies/yongshun/service-hall',
      '/agencies/yongshun/mailbox',
      '/agencies/yongshun/inquiry',
      '/agencies/yongshun/complaint',
      '/agencies/yongshun/letters',
      '/agencies/yongshun/apply',
      '/agencies/yongshun/apply/online',
      '/agencies/yongshun/guide',
      '/track',
    ])
      assert.ok(main.includes(`href="${href}"`), href);
    // The towns are first-class: each has its own link in the 政务公开 entry.
    const open = section(main, 'id="entry-open"', '</section>');
    for (const town of ['灵溪镇', '首车镇', '高坪乡']) assert.match(open, new RegExp(`>${town}</a>`));
    // Every entry leads somewhere that answers.
    for (const href of ['/agencies/yongshun/apply', '/agencies/yongshun/mailbox', '/agencies/yongshun/service-hall']) {
      assert.equal((await env.app.inject({ url: href })).statusCode, 200, href);
    }
  });

  test('every public page has the header search; staff login is in the footer, not the navigation', async () => {
    const article = await env.database.db
      .selectFrom('publications')
      .select('id')
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    for (const url of ['/', '/agencies', '/agencies/lingxi/statutory', `/publications/${article.id}`, '/site-map']) {
      const res = await env.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      const header = section(res.body, '<header', '</header>');
      assert.match(header, /<form method="get" action="\/search" class="header-search" role="search"/, url);
      assert.match(header, /<input id="site-q" type="search" name="q"/, url);
      assert.doesNotMatch(header, /href="\/admin"/, url);
      assert.match(section(res.body, '<footer', '</footer>'), /<a href="\/admin">工作人员登录<\/a>/, url);
      // One control on phones: the toolbar inside a <details>, and once more for wide screens.
      assert.match(
        res.body,
        /<details class="display-narrow"><summary>字号与显示<\/summary><form method="get" action="\/prefs"/,
      );
    }
    const search = await env.app.inject({ url: '/search?q=%E4%BD%8E%E4%BF%9D' });
    assert.equal(search.statusCode, 200);
  });

  test('the footer: defaults from the top agency, no identifier that is not configured', async () => {
    const footer = section((await env.app.inject({ url: '/' })).body, '<footer', '</footer>');
    assert.match(footer, /主办单位：永顺县人民政府/);
    assert.match(footer, /<a href="\/agencies\/yongshun#office-title">联系我们<\/a>/);
    assert.match(footer, /<a href="\/site-map">网站地图<\/a>/);
    assert.match(footer, /<a href="\/agencies\/yongshun\/mailbox">我为政府网站找错<\/a>/);
    assert.doesNotMatch(footer, /网站标识码|ICP备|公网安备/);
    const map = await env.app.inject({ url: '/site-map' });
    assert.equal(map.statusCode, 200);
    assert.match(map.body, /<h1>网站地图<\/h1>/);
    assert.match(map.body, /href="\/agencies\/lingxi"/);
  });

  test('the footer: configured identifiers, with the two filing numbers linked to their registries', async () => {
    const footer = section((await configured.app.inject({ url: '/agencies' })).body, '<footer', '</footer>');
    assert.match(footer, /主办单位：永顺县人民政府办公室/);
    assert.match(footer, /网站标识码：4331270001/);
    assert.match(footer, /<a href="https:\/\/beian.miit.gov.cn\/" rel="noopener">湘ICP备12345678号<\/a>/);
    assert.match(footer, /recordcode=43312702000001" rel="noopener">湘公网安备 43312702000001号<\/a>/);
    assert.match(footer, /<a href="\/agencies\/yongshun\/guide">联系我们<\/a>/);
    assert.match(
      footer,
      /href="https:\/\/zfwzzc.www.gov.cn\/[^"]*websitecode=4331270001" rel="noopener">我为政府网站找错/,
    );
  });

  test('the configuration refuses a link that is neither a path of this site nor http(s)', () => {
    assert.throws(
      () => loadConfig({ SITE_ERROR_REPORT_URL: 'javascript:alert(1)' }, { secret: 'x' }),
      /SITE_ERROR_REPORT_URL/,
    );
    assert.throws(() => loadConfig({ SITE_CONTACT_URL: '//evil.example' }, { secret: 'x' }), /SITE_CONTACT_URL/);
    const ok = loadConfig({ SITE_CODE: '4331270001', SITE_CONTACT_URL: '/agencies/yongshun' }, { secret: 'x' });
    assert.equal(ok.site.code, '4331270001');
    assert.equal(ok.site.contactUrl, '/agencies/yongshun');
  });
});
