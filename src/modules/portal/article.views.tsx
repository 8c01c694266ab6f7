// The article page of a publication: the metadata table (索引号, 发布机构, 成文日期, 发布日期, 文号,
// 有效性, 分类, 主题), the body, attachments, related items, previous/next, the revision dates, a
// print view (?print=1) and a QR code of the page's address; and the notice shown at the address of
// a withdrawn publication.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AgencyRow } from '../agency/index.ts';
import {
  ArticleContent,
  PublicInterpretations,
  type ArticleAttachment,
  type ArticleData,
} from '../publication/index.ts';
import { articleHref } from './catalog.views.tsx';
import { bookTitle } from '../../platform/book-title.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export interface ArticleExtras {
  categories: { id: number; name: string }[];
  channels: string[];
  attachments: ArticleAttachment[];
  related: { id: number; title: string; publishedOn: string | null }[];
  newer?: { id: number; title: string } | undefined;
  older?: { id: number; title: string } | undefined;
  revisions: { revision: number; releasedAt: string; note: string }[];
  /** 政策解读: the released policy a 解读 explains, or a policy's released 解读. */
  policy?: { id: number; title: string } | undefined;
  /** 会议公开 (#17 point 5): the meetings whose published decisions produced this publication. */
  meetings?: { href: string; title: string; meetingOn: string; topic: string }[] | undefined;
  interpretations: { id: number; title: string; interpretationForm: string; publishedOn: string | null }[];
}

export function ArticlePage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  article: ArticleData & { interpretationForm: string; mediaUrl: string };
  extras: ArticleExtras;
}) {
  const a = p.article;
  const x = p.extras;
  return (
    <PortalLayout title={a.title} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${p.agency.slug}`, label: p.agency.name },
          { label: a.title },
        ]}
      />
      <article class="article">
        <ArticleContent
          article={a}
          categories={x.categories.map((c) => c.name)}
          channels={x.channels}
          attachments={x.attachments}
          attachmentHref={(id) => `/attachments/${id}`}
        />
        {x.revisions.length > 1 ? (
          <section aria-labelledby="rev-title">
            <h2 id="rev-title">修订记录</h2>
            <ul>
              {x.revisions.map((r) => (
                <li key={r.revision}>
                  第 {r.revision} 版：{beijingDate(r.releasedAt)} {r.note}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      <PublicInterpretations
        form={a.interpretationForm}
        mediaUrl={a.mediaUrl}
        policy={x.policy}
        interpretations={x.interpretations}
      />
      {x.meetings?.length ? (
        <section aria-labelledby="meeting-title" class="no-print">
          <h2 id="meeting-title">来源会议</h2>
          <ul>
            {x.meetings.map((m) => (
              <li key={m.href}>
                <a href={m.href}>{m.title}</a>{' '}
                <span class="muted">
                  {m.meetingOn} · 议题：{m.topic}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {x.related.length ? (
        <section aria-labelledby="rel-title" class="no-print">
          <h2 id="rel-title">相关信息</h2>
          <ul>
            {x.related.map((r) => (
              <li key={r.id}>
                <a href={articleHref(r.id)}>{r.title}</a> <span class="muted">{r.publishedOn}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label="上一篇和下一篇" class="prev-next no-print">
        <p>上一篇：{x.newer ? <a href={articleHref(x.newer.id)}>{x.newer.title}</a> : '没有了'}</p>
        <p>下一篇：{x.older ? <a href={articleHref(x.older.id)}>{x.older.title}</a> : '没有了'}</p>
      </nav>
      <aside class="qr" aria-label="在手机上打开本页">
        <img src={`${articleHref(a.id)}/qr.svg`} alt="本页地址的二维码" width={132} height={132} />
        <p class="muted">用手机扫描二维码打开本页</p>
      </aside>
      <p class="no-print">
        <a href={`${articleHref(a.id)}?print=1`}>打印本页</a>
      </p>
    </PortalLayout>
  );
}

export function WithdrawnPage(p: {
  ctx: PageContext;
  agency: AgencyRow;
  title: string;
  indexNumber: string | null;
  withdrawnOn: string;
}) {
  return (
    <PortalLayout title={`已撤回：${p.title}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: `/agencies/${p.agency.slug}`, label: p.agency.name },
          { label: '已撤回的信息' },
        ]}
      />
      <h1>该信息已撤回</h1>
      <p>
        {p.agency.name}于 {p.withdrawnOn} 撤回了{bookTitle(p.title)}
        {p.indexNumber ? `（索引号 ${p.indexNumber}）` : ''}
        ，该信息不再公开。
      </p>
      <p>
        如需获取相关信息，可查阅<a href={`/agencies/${p.agency.slug}`}>{p.agency.name}政府信息公开专栏</a>，或依法
        <a href={`/agencies/${p.agency.slug}/apply`}>申请政府信息公开</a>。
      </p>
    </PortalLayout>
  );
}
