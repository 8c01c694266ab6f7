// The pages of one agency on the portal: its 政府信息公开专栏 landing page with the four statutory
// columns (国办公开办函〔2019〕61号) plus 依申请公开, the shell other modules' agency pages sit in,
// the office contact block, the 指南 (条例 第十二条) and the empty or 依申请公开 column pages.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { placeEncoded, type EncodedPart } from '../../platform/views/render.ts';
import type { AgencyRow } from '../agency/index.ts';
import type { ListedItem } from '../publication/index.ts';
import { PublicationList } from './catalog.views.tsx';
import { COLUMNS, type ColumnKey } from './portal.views.tsx';

/**
 * An agency's 专栏 landing page: the layout around its body, which depends on public data alone and
 * is rendered once per data version (AgencyLandingBody, kept encoded by the route).
 */
export function AgencyLandingPage(p: { ctx: PageContext; agency: AgencyRow; body: EncodedPart }) {
  return (
    <PortalLayout title={`${p.agency.name}政府信息公开专栏`} ctx={p.ctx}>
      {placeEncoded(p.body)}
    </PortalLayout>
  );
}

/** What the landing page shows inside the layout: nothing in it depends on the request. */
export function AgencyLandingBody(p: { agency: AgencyRow; latest?: preact.ComponentChildren }) {
  const a = p.agency;
  return (
    <>
      <Breadcrumbs
        items={[{ href: '/', label: '首页' }, { href: '/agencies', label: '机构目录' }, { label: a.name }]}
      />
      <h1>{a.name} · 政府信息公开</h1>
      <ul class="columns">
        {COLUMNS.map((c) => (
          <li key={c.key}>
            <a href={`/agencies/${a.slug}/${c.key}`}>
              {c.title}
              <span>{c.hint}</span>
            </a>
          </li>
        ))}
      </ul>
      {p.latest}
      <h2>公开目录与更正</h2>
      <ul>
        <li>
          <a href={`/agencies/${a.slug}/standard-catalogue`}>基层政务公开标准目录</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/amend`}>更正个人政府信息记录申请（条例第四十一条）</a>
        </li>
      </ul>
      <h2>政务服务</h2>
      <ul>
        <li>
          <a href={`/agencies/${a.slug}/service-hall`}>政务服务事项与办事指南</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/service-hall/stats`}>办件公开（按月统计）</a>
        </li>
        <li>
          <a href="/track">办件进度查询</a>
        </li>
      </ul>
      <h2>互动交流</h2>
      <ul>
        <li>
          <a href={`/agencies/${a.slug}/mailbox`}>领导信箱</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/letters`}>留言选登</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/inquiry`}>网上咨询</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/complaint`}>投诉举报</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/notices`}>公示公告</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/comment-periods`}>意见征集</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/meetings`}>会议公开</a>
        </li>
        <li>
          <a href={`/agencies/${a.slug}/bulletins`}>督查通报</a>
        </li>
        <li>
          <a href="/track">来信、咨询、投诉办理进度查询</a>
        </li>
      </ul>
      <OfficeContact agency={a} />
    </>
  );
}

export function OfficeContact({ agency: a }: { agency: AgencyRow }) {
  return (
    <section aria-labelledby="office-title">
      <h2 id="office-title">政府信息公开工作机构</h2>
      <dl class="meta">
        <dt>名称</dt>
        <dd>{a.officeName}</dd>
        <dt>办公地址</dt>
        <dd>{a.officeAddress}</dd>
        <dt>邮政编码</dt>
        <dd>{a.officePostcode}</dd>
        <dt>联系电话</dt>
        <dd>{a.officePhone}</dd>
        <dt>传真</dt>
        <dd>{a.officeFax || '无'}</dd>
        <dt>电子邮箱</dt>
        <dd>{a.officeEmail}</dd>
        <dt>办公时间</dt>
        <dd>{a.officeHours}</dd>
      </dl>
    </section>
  );
}

/** A page inside an agency's 专栏: breadcrumbs back to the agency, one heading. Shared by every module's public pages. */
export function AgencyPageShell(p: {
  ctx: PageContext;
  agency: Pick<AgencyRow, 'name' | 'slug'>;
  title: string;
  children: preact.ComponentChildren;
}) {
  return (
    <PortalLayout title={`${p.title} - ${p.agency.name}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${p.agency.slug}`, label: p.agency.name },
          { label: p.title },
        ]}
      />
      <h1>{p.title}</h1>
      {p.children}
    </PortalLayout>
  );
}

export function GuidePage(p: { ctx: PageContext; agency: AgencyRow; documents: readonly ListedItem[] }) {
  const a = p.agency;
  const paragraphs = a.guideText
    .split(/\n{2,}/)
    .map((t) => t.trim())
    .filter(Boolean);
  return (
    <AgencyPageShell ctx={p.ctx} agency={a} title="政府信息公开指南">
      <p>
        为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，编制
        {a.name}政府信息公开指南。
      </p>
      {paragraphs.length ? paragraphs.map((t, i) => <p key={i}>{t}</p>) : null}
      {p.documents.length ? (
        <section aria-labelledby="guide-documents">
          <h2 id="guide-documents">本机关发布的指南文件</h2>
          <PublicationList items={p.documents} />
        </section>
      ) : null}
      <h2>一、主动公开</h2>
      <p>
        本机关主动公开的政府信息按“政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报”编排，可在本专栏检索、查阅、下载。属于主动公开范围的政府信息，自该信息形成或者变更之日起
        20 个工作日内予以公开（《条例》第二十六条）。
      </p>
      <h2>二、依申请公开</h2>
      <p>
        公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条）。申请应当采用书面形式（包括数据电文形式）；书面形式确有困难的，可以口头提出，由本机关代为填写申请（《条例》第二十九条）。本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起
        20 个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过 20
        个工作日（《条例》第三十三条）。
      </p>
      <OfficeContact agency={a} />
      <h2>三、监督和救济</h2>
      <p>
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
      </p>
    </AgencyPageShell>
  );
}

const EMPTY_TEXT: Record<Exclude<ColumnKey, 'guide' | 'apply'>, string> = {
  system:
    '本栏目将发布本机关的政府信息公开工作制度（主动公开、依申请公开、保密审查、发布协调、年度报告等）。目前暂无已发布的制度文件。',
  statutory: '本栏目将按《条例》第二十条、第二十一条规定的类别发布法定主动公开内容。目前暂无已发布的信息。',
  reports: '本栏目将发布本机关历年政府信息公开工作年度报告。目前暂无已发布的年度报告。',
};

export function EmptyColumnPage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  column: 'system' | 'statutory' | 'reports';
  title: string;
}) {
  return (
    <AgencyPageShell ctx={p.ctx} agency={p.agency} title={p.title}>
      <p>{EMPTY_TEXT[p.column]}</p>
    </AgencyPageShell>
  );
}

export function InfoRequestColumnPage(p: { ctx: PageContext; agency: AgencyRow }) {
  const a = p.agency;
  return (
    <AgencyPageShell ctx={p.ctx} agency={a} title="依申请公开">
      <p class="ir-apply-online">
        <a class="button" href={`/agencies/${a.slug}/apply/online`}>
          在线提交申请
        </a>{' '}
        <a href="/track">查询申请办理进度</a>
      </p>
      <p>向{a.name}申请政府信息公开，请提交书面申请，写明：</p>
      <ol>
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述；</li>
        <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
      </ol>
      <p class="muted">以上为《条例》第二十九条规定的申请内容。</p>
      <h2>提交方式与收到申请之日</h2>
      <ul>
        <li>当面提交：以提交之日为收到申请之日。</li>
        <li>
          以邮寄方式提交：以本机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，本机关于收到申请的当日与申请人确认，确认之日为收到申请之日。
        </li>
        <li>通过互联网渠道或者传真提交：以双方确认之日为收到申请之日。</li>
      </ul>
      <p class="muted">依据《条例》第三十一条。</p>
      <OfficeContact agency={a} />
    </AgencyPageShell>
  );
}
