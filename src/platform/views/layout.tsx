// The two page shells: the public portal and the admin console.
import type { ComponentChildren } from 'preact';
import { can, type Action } from '../auth/policy.ts';
import { Csrf, Flash } from './components.tsx';
import type { PageContext, SiteFooter } from './page-context.ts';
import { portalLinks } from './portal-links.ts';
import { prerendered, renderPart } from './render.ts';

function htmlClass(ctx: PageContext): string {
  const c = [`font-${ctx.prefs.font}`];
  if (ctx.prefs.contrast) c.push('contrast');
  if (ctx.prefs.care) c.push('care');
  if (/[?&]print=1(&|$)/.test(ctx.url)) c.push('print-view');
  return c.join(' ');
}

function Head({ title, ctx }: { title: string; ctx: PageContext }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} - ${ctx.siteName}`}</title>
      <link rel="stylesheet" href="/assets/site.css" />
    </head>
  );
}

/**
 * Font size, high contrast and print: a GET form and a link, so they work without JavaScript.
 * GET, not POST: the choice only sets the reader's own display cookie (nothing to forge), and a
 * page without a POST form carries no per-visitor token, so the public page cache can share it.
 */
function DisplayToolbar({ ctx }: { ctx: PageContext }) {
  const sizes = [
    ['normal', '标准字号'],
    ['large', '大字号'],
    ['xlarge', '特大字号'],
  ] as const;
  // On the print view itself the link stays where it is (a second print=1 is refused with 400).
  const printHref = /[?&]print=1(&|$)/.test(ctx.url)
    ? ctx.url
    : ctx.url.includes('?')
      ? `${ctx.url}&print=1`
      : `${ctx.url}?print=1`;
  return (
    <form method="get" action="/prefs" class="toolbar" aria-label="阅读辅助">
      <input type="hidden" name="return" value={ctx.url} />
      <span class="toolbar-label">字号：</span>
      {sizes.map(([v, label]) => (
        <button key={v} type="submit" name="font" value={v} aria-pressed={ctx.prefs.font === v ? 'true' : 'false'}>
          {label}
        </button>
      ))}
      <button
        type="submit"
        name="contrast"
        value={ctx.prefs.contrast ? 'off' : 'on'}
        aria-pressed={ctx.prefs.contrast ? 'true' : 'false'}
      >
        高对比度
      </button>
      <a href={printHref} class="toolbar-link">
        打印版
      </a>
    </form>
  );
}

/**
 * On a wide screen the toolbar is shown as it is; on a phone it folds into one control, a
 * <details> that opens without JavaScript. A closed <details> cannot be opened by CSS, so the
 * toolbar is rendered twice and CSS shows one of them (the other is display:none, so neither
 * screen readers nor the keyboard meet it twice).
 */
function DisplayTools({ ctx }: { ctx: PageContext }) {
  // The same toolbar twice: rendered once.
  const toolbar = renderPart(<DisplayToolbar ctx={ctx} />);
  return (
    <div class="wrap display-tools">
      <div class="display-wide">{prerendered(toolbar)}</div>
      <details class="display-narrow">
        <summary>字号与显示</summary>
        {prerendered(toolbar)}
      </details>
    </div>
  );
}

/** The read-aloud button of 关怀版 (client/read-aloud.ts); pages work without it. */
export const READ_ALOUD_SCRIPT = '/assets/read-aloud.js';

/**
 * The header's 关怀版 entry (工信部《互联网网站适老化通用设计规范》): a plain link that sets the
 * display cookie through /prefs and comes back to this page, so it works without JavaScript. In
 * 关怀版 the script adds a 语音朗读 button beside it where the browser can speak.
 */
function CareEntry({ ctx }: { ctx: PageContext }) {
  const href = `/prefs?care=${ctx.prefs.care ? 'off' : 'on'}&return=${encodeURIComponent(ctx.url)}`;
  return (
    <div class="care-entry" id="care-entry">
      <a href={href} class="care-toggle">
        {ctx.prefs.care ? '退出关怀版' : '关怀版'}
      </a>
    </div>
  );
}

function HeaderSearch() {
  return (
    <form method="get" action="/search" class="header-search" role="search" aria-label="全站检索">
      <label for="site-q" class="visually-hidden">
        检索公开信息
      </label>
      <input id="site-q" type="search" name="q" placeholder="检索公开信息" />
      <button type="submit">检索</button>
    </form>
  );
}

function SiteFooterBlock({ site: s }: { site: SiteFooter }) {
  const external = (href: string) => /^https?:/.test(href);
  return (
    <footer class="site-footer">
      <div class="wrap">
        <ul class="footer-links">
          <li>
            <a href={s.contactUrl}>联系我们</a>
          </li>
          <li>
            <a href="/site-map">网站地图</a>
          </li>
          <li>
            <a href={s.errorReportUrl} rel={external(s.errorReportUrl) ? 'noopener' : undefined}>
              我为政府网站找错
            </a>
          </li>
          <li>
            <a href="/admin">工作人员登录</a>
          </li>
        </ul>
        <p>主办单位：{s.sponsor}</p>
        {s.code || s.icp || s.psb ? (
          <p class="site-ids">
            {s.code ? <span>网站标识码：{s.code}</span> : null}
            {s.icp ? (
              <span>
                <a href="https://beian.miit.gov.cn/" rel="noopener">
                  {s.icp}
                </a>
              </span>
            ) : null}
            {s.psb ? (
              <span>
                <a
                  href={`https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${s.psb.replace(/\D/g, '')}`}
                  rel="noopener"
                >
                  {s.psb}
                </a>
              </span>
            ) : null}
          </p>
        ) : null}
        <p>本站无商业广告 · 政府信息公开依据《中华人民共和国政府信息公开条例》（国务院令第711号）</p>
      </div>
    </footer>
  );
}

function SiteNav({ rootSlug }: { rootSlug: string }) {
  const links = portalLinks(rootSlug);
  return (
    <nav aria-label="主导航" class="site-nav">
      <ul>
        <li>
          <a href="/">首页</a>
        </li>
        <li>
          <a href={links.directory}>政务公开</a>
        </li>
        <li>
          <a href={links.serviceGuide}>政务服务</a>
        </li>
        <li>
          <a href={links.mailbox}>互动交流</a>
        </li>
        <li>
          <a href={links.infoRequests}>依申请公开</a>
        </li>
        <li>
          <a href={links.track}>进度查询</a>
        </li>
      </ul>
    </nav>
  );
}

/**
 * The portal's chrome that depends on the site alone (the header's search and navigation, the
 * footer), rendered once per SiteFooter: the request context keeps one per data version
 * (platform/http/context.ts), so these are rendered again only when public data changes.
 */
const siteChrome = new WeakMap<SiteFooter, { nav: string; footer: string }>();

function chromeOf(site: SiteFooter): { nav: string; footer: string } {
  let c = siteChrome.get(site);
  if (!c) {
    c = {
      nav: renderPart(
        <>
          <HeaderSearch />
          <SiteNav rootSlug={site.rootSlug} />
        </>,
      ),
      footer: renderPart(<SiteFooterBlock site={site} />),
    };
    siteChrome.set(site, c);
  }
  return c;
}

export function PortalLayout(props: { title: string; ctx: PageContext; children: ComponentChildren; wide?: boolean }) {
  const { ctx } = props;
  const chrome = chromeOf(ctx.site);
  return (
    <html lang="zh-CN" class={htmlClass(ctx)}>
      <Head title={props.title} ctx={ctx} />
      <body class="portal">
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-name">
              <a href="/">{ctx.siteName}</a>
              <span class="site-sub">政府信息公开</span>
            </p>
            <CareEntry ctx={ctx} />
            {prerendered(chrome.nav)}
          </div>
        </header>
        <DisplayTools ctx={ctx} />
        <main id="main" class={props.wide ? 'wrap wide' : 'wrap'} tabIndex={-1}>
          <Flash text={ctx.flash} />
          {props.children}
        </main>
        {prerendered(chrome.footer)}
        {ctx.prefs.care ? <script type="module" src={READ_ALOUD_SCRIPT} /> : null}
      </body>
    </html>
  );
}

const ADMIN_NAV: { href: string; label: string; action: Action }[] = [
  { href: '/admin', label: '工作台', action: 'admin.enter' },
  { href: '/admin/publications', label: '主动公开', action: 'publication.view' },
  { href: '/admin/agencies', label: '机构管理', action: 'agency.view' },
  { href: '/admin/users', label: '账号管理', action: 'user.view' },
  { href: '/admin/calendar', label: '工作日历', action: 'calendar.manage' },
  { href: '/admin/info-requests', label: '依申请公开', action: 'infoRequest.view' },
  { href: '/admin/record-amendments', label: '更正申请', action: 'infoRequest.view' },
  { href: '/admin/comment-periods', label: '意见征集', action: 'commentPeriod.view' },
  { href: '/admin/meetings', label: '会议公开', action: 'meeting.view' },
  { href: '/admin/service-hall', label: '政务服务', action: 'serviceCase.view' },
  { href: '/admin/interaction', label: '咨询投诉', action: 'interaction.view' },
  { href: '/admin/notices', label: '公示', action: 'notice.view' },
  { href: '/admin/supervision', label: '监督评议', action: 'supervision.view' },
  { href: '/admin/staff', label: '工作人员', action: 'staff.view' },
  { href: '/admin/annual-reports', label: '年度报告', action: 'annualReport.view' },
  { href: '/admin/notifications', label: '消息', action: 'notification.view' },
  { href: '/admin/audit', label: '审计日志', action: 'audit.view' },
];

export function AdminLayout(props: { title: string; ctx: PageContext; children: ComponentChildren }) {
  const { ctx } = props;
  const actor = ctx.actor;
  return (
    <html lang="zh-CN" class={htmlClass(ctx)}>
      <Head title={props.title} ctx={ctx} />
      <body class="admin">
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header admin-header">
          <div class="wrap">
            <p class="site-name">
              <a href="/admin">{ctx.siteName}</a>
              <span class="site-sub">政务公开管理平台</span>
            </p>
            {actor ? (
              <div class="whoami">
                <span>
                  {actor.agencyName} · {actor.displayName}
                </span>
                <a href="/">查看门户</a>
                <a href="/admin/password">修改密码</a>
                <form method="post" action="/admin/logout" class="inline-form">
                  <Csrf token={ctx.csrfToken} />
                  <button type="submit" class="link-button">
                    退出
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        {actor && !actor.mustChangePassword ? (
          <nav aria-label="管理导航" class="admin-nav">
            <ul class="wrap">
              {ADMIN_NAV.filter((n) => can(actor, n.action)).map((n) => (
                <li key={n.href}>
                  <a href={n.href} aria-current={ctx.url === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" class="wrap" tabIndex={-1}>
          <Flash text={ctx.flash} />
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function ErrorPage(props: {
  ctx: PageContext;
  status: number;
  title: string;
  message: string;
  admin?: boolean;
}) {
  const body = (
    <section class="error-page">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={props.admin ? '/admin' : '/'}>返回首页</a>
      </p>
    </section>
  );
  return props.admin ? (
    <AdminLayout title={props.title} ctx={props.ctx}>
      {body}
    </AdminLayout>
  ) : (
    <PortalLayout title={props.title} ctx={props.ctx}>
      {body}
    </PortalLayout>
  );
}
