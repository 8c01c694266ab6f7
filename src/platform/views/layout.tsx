// The two page shells: the public portal and the admin console.
import { randomBytes } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { jsxEscape, jsxTemplate } from 'preact/jsx-runtime';
import { can, type Action } from '../auth/policy.ts';
import { Csrf, Flash } from './components.tsx';
import type { DisplayPrefs, PageContext, SiteFooter } from './page-context.ts';
import {
  CareEntry,
  careHrefOf,
  DisplayTools,
  HeaderSearch,
  htmlClass,
  isPrintView,
  printHrefOf,
  SiteFooterBlock,
  SiteNav,
} from './portal-chrome.tsx';
import { prerendered, RenderedPage, renderPart } from './render.ts';

/** The site's icon (public/favicon.svg, served by http/basics.ts), linked from every page's head. */
export const ICON_PATH = '/assets/favicon.svg';

function Head({ title, ctx }: { title: string; ctx: PageContext }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} - ${ctx.siteName}`}</title>
      <link rel="stylesheet" href="/assets/site.css" />
      <link rel="icon" type="image/svg+xml" href={ICON_PATH} />
    </head>
  );
}

/** The read-aloud button of 关怀版 (client/read-aloud.ts); pages work without it. */
export const READ_ALOUD_SCRIPT = '/assets/read-aloud.js';

/** What a portal page's shell shows that changes from one request to the next (its holes). */
export interface ShellHoles {
  title: string;
  /** The page's path and query (the toolbar's return address). */
  url: string;
  careHref: string;
  printHref: string;
  flash: ComponentChildren;
  children: ComponentChildren;
}

export interface ShellKey {
  site: SiteFooter;
  siteName: string;
  prefs: DisplayPrefs;
  print: boolean;
  wide: boolean;
}

/**
 * The portal page's shell: everything around the page's own content, rendered whole (PortalLayout
 * fills in its template; test/foundation/portal-shell compares the two).
 */
export function PortalShell({ k, h }: { k: ShellKey; h: ShellHoles }) {
  return (
    <html lang="zh-CN" class={htmlClass(k.prefs, k.print)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${h.title} - ${k.siteName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" type="image/svg+xml" href={ICON_PATH} />
      </head>
      <body class="portal">
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-name">
              <a href="/">{k.siteName}</a>
              <span class="site-sub">政府信息公开</span>
            </p>
            <CareEntry care={k.prefs.care} href={h.careHref} />
            <HeaderSearch />
            <SiteNav rootSlug={k.site.rootSlug} />
          </div>
        </header>
        <DisplayTools prefs={k.prefs} url={h.url} printHref={h.printHref} />
        <main id="main" class={k.wide ? 'wrap wide' : 'wrap'} tabIndex={-1}>
          {h.flash}
          {h.children}
        </main>
        <SiteFooterBlock site={k.site} />
        {k.prefs.care ? <script type="module" src={READ_ALOUD_SCRIPT} /> : null}
      </body>
    </html>
  );
}

/**
 * The shell as a template: rendered once per site (one SiteFooter per data version, kept by the
 * request context), site name, display preferences, print view and width, with a random word
 * standing in each hole, and cut at those words. A request fills the holes (its title and address
 * escaped as preact escapes text and attribute values, its flash and content rendered) instead of
 * rendering the whole shell: the same bytes, a fraction of the work (docs/PERFORMANCE.md, "Render
 * cost: the page shell as a template").
 */
interface ShellTemplate {
  chunks: string[];
  holes: (keyof ShellHoles)[];
}

const HOLE = `gkhole${randomBytes(8).toString('hex')}`;
const HOLE_RE = new RegExp(`${HOLE}_([a-zA-Z]+)_`, 'g');
const shells = new WeakMap<SiteFooter, Map<string, ShellTemplate>>();

function shellTemplate(k: ShellKey): ShellTemplate {
  let bySite = shells.get(k.site);
  if (!bySite) {
    bySite = new Map();
    shells.set(k.site, bySite);
  }
  const key = `${k.siteName}\u0000${k.prefs.font}.${k.prefs.contrast}.${k.prefs.care}.${k.print}.${k.wide}`;
  let t = bySite.get(key);
  if (!t) {
    const hole = (name: keyof ShellHoles) => `${HOLE}_${name}_`;
    const html = renderPart(
      <PortalShell
        k={k}
        h={{
          title: hole('title'),
          url: hole('url'),
          careHref: hole('careHref'),
          printHref: hole('printHref'),
          flash: prerendered(hole('flash')),
          children: prerendered(hole('children')),
        }}
      />,
    );
    const parts = html.split(HOLE_RE);
    t = {
      chunks: parts.filter((_, i) => i % 2 === 0),
      holes: parts.filter((_, i) => i % 2 === 1) as (keyof ShellHoles)[],
    };
    bySite.set(key, t);
  }
  return t;
}

export function PortalLayout(props: { title: string; ctx: PageContext; children: ComponentChildren; wide?: boolean }) {
  const { ctx } = props;
  const t = shellOf(ctx, !!props.wide);
  const h: ShellHoles = {
    title: props.title,
    url: ctx.url,
    careHref: careHrefOf(ctx.prefs, ctx.url),
    printHref: printHrefOf(ctx.url),
    flash: <Flash text={ctx.flash} />,
    children: <>{props.children}</>,
  };
  // Text goes in escaped (jsxEscape: preact's escaping of text and attribute values), the flash
  // and the content as vnodes that preact renders.
  return jsxTemplate(
    t.chunks,
    ...t.holes.map((name) => (name === 'flash' || name === 'children' ? h[name] : jsxEscape(h[name] as string))),
  );
}

const shellOf = (ctx: PageContext, wide: boolean) =>
  shellTemplate({ site: ctx.site, siteName: ctx.siteName, prefs: ctx.prefs, print: isPrintView(ctx.url), wide });

/**
 * A portal page whose content is HTML already (the search page's, filled in from templates):
 * PortalLayout's document as text, the shell's chunks and holes concatenated here instead of
 * handed to preact as a template to walk — the same bytes as renderDocument(<PortalLayout …>
 * {prerendered(contentHtml)}</PortalLayout>) (test/foundation/portal-shell.test.tsx).
 */
export function portalPage(props: {
  title: string;
  ctx: PageContext;
  contentHtml: string;
  wide?: boolean;
}): RenderedPage {
  const { ctx } = props;
  const t = shellOf(ctx, !!props.wide);
  // Each hole's text once (the address is in the shell twice, the toolbar's return field).
  const values: Record<keyof ShellHoles, string> = {
    title: jsxEscape(props.title) as string,
    url: jsxEscape(ctx.url) as string,
    careHref: jsxEscape(careHrefOf(ctx.prefs, ctx.url)) as string,
    printHref: jsxEscape(printHrefOf(ctx.url)) as string,
    flash: ctx.flash ? renderPart(<Flash text={ctx.flash} />) : '',
    children: props.contentHtml,
  };
  let html = t.chunks[0] as string;
  for (let i = 0; i < t.holes.length; i += 1)
    html += values[t.holes[i] as keyof ShellHoles] + (t.chunks[i + 1] as string);
  return new RenderedPage(html);
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
    <html lang="zh-CN" class={htmlClass(ctx.prefs, isPrintView(ctx.url))}>
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
