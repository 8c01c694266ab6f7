// The portal shell's parts (platform/views/layout.tsx puts them together): the display toolbar,
// the 关怀版 entry, the header's search and navigation and the footer.
import type { DisplayPrefs, SiteFooter } from './page-context.ts';
import { portalLinks } from './portal-links.ts';
import { prerendered, renderPart } from './render.ts';

export function htmlClass(prefs: DisplayPrefs, print: boolean): string {
  const c = [`font-${prefs.font}`];
  if (prefs.contrast) c.push('contrast');
  if (prefs.care) c.push('care');
  if (print) c.push('print-view');
  return c.join(' ');
}

/**
 * Font size, high contrast and print: a GET form and a link, so they work without JavaScript.
 * GET, not POST: the choice only sets the reader's own display cookie (nothing to forge), and a
 * page without a POST form carries no per-visitor token, so the public page cache can share it.
 */
function DisplayToolbar({ prefs, url, printHref }: { prefs: DisplayPrefs; url: string; printHref: string }) {
  const sizes = [
    ['normal', '标准字号'],
    ['large', '大字号'],
    ['xlarge', '特大字号'],
  ] as const;
  return (
    <form method="get" action="/prefs" class="toolbar" aria-label="阅读辅助">
      <input type="hidden" name="return" value={url} />
      <span class="toolbar-label">字号：</span>
      {sizes.map(([v, label]) => (
        <button key={v} type="submit" name="font" value={v} aria-pressed={prefs.font === v ? 'true' : 'false'}>
          {label}
        </button>
      ))}
      <button
        type="submit"
        name="contrast"
        value={prefs.contrast ? 'off' : 'on'}
        aria-pressed={prefs.contrast ? 'true' : 'false'}
      >
        高对比度
      </button>
      <a href={printHref} class="toolbar-link">
        打印版
      </a>
    </form>
  );
}

/** The print view's address: on the print view itself the link stays where it is (a second print=1 is refused with 400). */
export function printHrefOf(url: string): string {
  return isPrintView(url) ? url : url.includes('?') ? `${url}&print=1` : `${url}?print=1`;
}

export function isPrintView(url: string): boolean {
  return /[?&]print=1(&|$)/.test(url);
}

/**
 * On a wide screen the toolbar is shown as it is; on a phone it folds into one control, a
 * <details> that opens without JavaScript. A closed <details> cannot be opened by CSS, so the
 * toolbar is rendered twice and CSS shows one of them (the other is display:none, so neither
 * screen readers nor the keyboard meet it twice).
 */
export function DisplayTools(p: { prefs: DisplayPrefs; url: string; printHref: string }) {
  // The same toolbar twice: rendered once.
  const toolbar = renderPart(<DisplayToolbar {...p} />);
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

/**
 * The header's 关怀版 entry (工信部《互联网网站适老化通用设计规范》): a plain link that sets the
 * display cookie through /prefs and comes back to this page, so it works without JavaScript. In
 * 关怀版 the script adds a 语音朗读 button beside it where the browser can speak.
 */
export function CareEntry({ care, href }: { care: boolean; href: string }) {
  return (
    <div class="care-entry" id="care-entry">
      <a href={href} class="care-toggle">
        {care ? '退出关怀版' : '关怀版'}
      </a>
    </div>
  );
}

export function careHrefOf(prefs: DisplayPrefs, url: string): string {
  return `/prefs?care=${prefs.care ? 'off' : 'on'}&return=${encodeURIComponent(url)}`;
}

export function HeaderSearch() {
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

export function SiteFooterBlock({ site: s }: { site: SiteFooter }) {
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

export function SiteNav({ rootSlug }: { rootSlug: string }) {
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
