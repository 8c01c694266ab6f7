// The portal page's shell filled in as a template (src/platform/views/layout.tsx, PortalLayout) is
// byte for byte the shell rendered whole (PortalShell), whatever the title, address, display
// preferences, flash and content — text with characters preact escapes included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Flash } from '../../src/platform/views/components.tsx';
import { portalPage, PortalLayout, PortalShell } from '../../src/platform/views/layout.tsx';
import type { DisplayPrefs, PageContext, SiteFooter } from '../../src/platform/views/page-context.ts';
import { prerendered, renderDocument, renderDocumentBytes, renderPart } from '../../src/platform/views/render.ts';

const site = (over: Partial<SiteFooter> = {}): SiteFooter =>
  ({
    name: '',
    sponsor: '灵溪县人民政府 & “办公室” <主办>',
    code: '3303000001',
    icp: '浙ICP备00000000号',
    psb: '浙公网安备 33030002000001号',
    contactUrl: '/agencies/lingxi#office-title',
    errorReportUrl: 'https://example.org/jiucuo?a=1&b="2"',
    rootSlug: 'lingxi',
    ...over,
  }) as SiteFooter;

const URLS = [
  '/',
  '/publications/79',
  '/publications/79?print=1',
  '/agencies/lingxi/statutory?year=2025&sort=old',
  '/agencies/lingxi/statutory?year=2025&print=1&sort=old',
  '/search?q=%22%3C%26%E7%81%B5',
  '/search?q="<&>\'灵溪',
  '/a?print=10',
];
const TITLES = ['机构目录', '“引号” & <标签> "quote" \'apos\'', ''];
const FLASHES = [null, '已保存。', '<b>&"</b>'];
const CHILDREN: preact.ComponentChildren[] = [
  <p>正文 &amp; “内容”</p>,
  ['文本 <不是标签> & "', <span key="a">一</span>, null, false, 0],
  '只有文字 <x> & "',
  null,
];

/** Every site (with and without the footer's numbers), display preference, address and width, numbered. */
function* shells() {
  let i = 0;
  for (const s of [site(), site({ icp: '', psb: '', code: '', rootSlug: '' })])
    for (const font of ['normal', 'large', 'xlarge'] as const)
      for (const contrast of [false, true])
        for (const care of [false, true])
          for (const url of URLS)
            for (const wide of [false, true])
              yield { i: i++, s, prefs: { font, contrast, care } as DisplayPrefs, url, wide };
}
const SHELLS = 2 * 3 * 2 * 2 * URLS.length * 2;

test('the shell filled in as a template is the shell rendered whole', () => {
  let n = 0;
  for (const { i, s, prefs, url, wide } of shells()) {
    n += 1;
    const { care } = prefs;
    const title = TITLES[i % TITLES.length] as string;
    const flash = FLASHES[i % FLASHES.length] ?? null;
    const children = CHILDREN[i % CHILDREN.length];
    const siteName = i % 2 ? '灵溪县人民政府' : '县 & “政府” <网站>';
    const ctx: PageContext = { siteName, site: s, actor: null, csrfToken: '', prefs, url, flash };
    const fromTemplate = renderDocument(
      <PortalLayout title={title} ctx={ctx} wide={wide}>
        {children}
      </PortalLayout>,
    );
    const print = /[?&]print=1(&|$)/.test(url);
    const whole = renderDocument(
      <PortalShell
        k={{ site: s, siteName, prefs, print, wide }}
        h={{
          title,
          url,
          careHref: `/prefs?care=${care ? 'off' : 'on'}&return=${encodeURIComponent(url)}`,
          printHref: print ? url : url.includes('?') ? `${url}&print=1` : `${url}?print=1`,
          flash: <Flash text={flash} />,
          children,
        }}
      />,
    );
    assert.equal(fromTemplate, whole, `${url} ${title} ${JSON.stringify(prefs)} wide=${wide}`);
    // Twice: the second from the template kept for this site and key.
    assert.equal(
      renderDocument(
        <PortalLayout title={title} ctx={ctx} wide={wide}>
          {children}
        </PortalLayout>,
      ),
      whole,
    );
  }
  assert.equal(n, SHELLS);
});

test('a page made as text (portalPage) is the layout rendered by preact around the same content', () => {
  let n = 0;
  for (const { i, s, prefs, url, wide } of shells()) {
    n += 1;
    const title = TITLES[i % TITLES.length] as string;
    const flash = FLASHES[(i >> 1) % FLASHES.length] ?? null;
    const contentHtml = renderPart(<>{CHILDREN[i % CHILDREN.length]}</>);
    const siteName = i % 2 ? '灵溪县人民政府' : '县 & “政府” <网站>';
    const ctx: PageContext = {
      siteName,
      site: s,
      actor: null,
      csrfToken: '',
      prefs,
      url,
      flash,
    };
    const byPreact = renderDocument(
      <PortalLayout title={title} ctx={ctx} wide={wide}>
        {prerendered(contentHtml)}
      </PortalLayout>,
    );
    const page = portalPage({ title, ctx, contentHtml, ...(wide ? { wide } : {}) });
    assert.equal(renderDocument(page), byPreact, `${url} ${title} ${flash} wide=${wide}`);
    assert.ok(renderDocumentBytes(page).equals(Buffer.from(byPreact)));
  }
  assert.equal(n, SHELLS);
});

test('text in the holes that looks like a hole stays text', () => {
  const ctx: PageContext = {
    siteName: '县',
    site: site(),
    actor: null,
    csrfToken: '',
    prefs: { font: 'normal', contrast: false, care: false },
    url: '/x',
    flash: null,
  };
  const html = renderDocument(
    <PortalLayout title="gkhole0123456789abcdef_children_" ctx={ctx}>
      <p>gkhole0123456789abcdef_title_</p>
    </PortalLayout>,
  );
  assert.match(html, /<title>gkhole0123456789abcdef_children_ - 县<\/title>/);
  assert.match(html, /<p>gkhole0123456789abcdef_title_<\/p>/);
});
