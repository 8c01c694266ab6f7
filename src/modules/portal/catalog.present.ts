// The public presenter of a publication (JSON API, RSS): published fields only — never the review
// comment, the creator, the due date or any draft state.
import type { PublicItem } from '../publication/index.ts';

export interface PublicAgencyRef {
  id: number;
  slug: string;
  name: string;
}

export interface PublicCategoryRef {
  id: number;
  code: string;
  name: string;
}

export function presentPublication(
  p: PublicItem,
  agency: PublicAgencyRef | undefined,
  categories: readonly PublicCategoryRef[],
  baseUrl: string,
) {
  return {
    id: p.id,
    indexNumber: p.indexNumber ?? '',
    title: p.title,
    summary: p.summary,
    agency: agency ? { slug: agency.slug, name: agency.name } : null,
    issuer: p.issuer,
    formedOn: p.formedOn,
    publishedAt: p.publishedAt ?? '',
    publishedOn: p.publishedOn ?? '',
    documentNumber: p.documentNumber,
    validity: p.validity,
    topic: p.topic,
    docKind: p.docKind,
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
    url: `${baseUrl}/publications/${p.id}`,
  };
}

export type PresentedPublication = ReturnType<typeof presentPublication>;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);

export function rssDocument(
  channel: { title: string; link: string; description: string },
  items: readonly PresentedPublication[],
): string {
  const entries = items.map(
    (i) =>
      `<item><title>${xmlEscape(i.title)}</title><link>${xmlEscape(i.url)}</link><guid isPermaLink="true">${xmlEscape(i.url)}</guid>` +
      `<pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><description>${xmlEscape(i.summary)}</description>` +
      `${i.categories.map((c) => `<category>${xmlEscape(c.name)}</category>`).join('')}</item>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xmlEscape(channel.title)}</title>` +
    `<link>${xmlEscape(channel.link)}</link><description>${xmlEscape(channel.description)}</description><language>zh-cn</language>` +
    `${entries.join('')}</channel></rss>\n`
  );
}
