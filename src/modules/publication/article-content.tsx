// A publication as the public reads it: the 信息属性 table, the title, the 内容概述, the body and
// the attachment list. One rendering for the public article page (portal) and for the staff who
// review and sign it before release (admin publication page), so what is approved is what is
// shown. The caller says where attachments are downloaded from (the public route after release,
// the staff route before) and what stands in for the index number and date not yet given.
import { EncodedPart, placeEncoded } from '../../platform/views/render.ts';
import { CHANNEL_LABELS, DOC_KIND_LABELS, VALIDITY_LABELS } from './publication.rules.ts';
import type { Channel, DocKind, Validity } from './publication.tables.ts';

export interface ArticleData {
  id: number;
  title: string;
  summary: string;
  /**
   * Sanitised on save (sanitize-html allow-list). The public page may have it as its UTF-8 bytes
   * (publicArticleBody): put into the page as they are, never decoded.
   */
  body: string | EncodedPart;
  issuer: string;
  formedOn: string;
  publishedOn: string | null;
  documentNumber: string;
  validity: Validity;
  topic: string;
  indexNumber: string | null;
  docKind: DocKind;
  keywords: string;
  effectiveOn: string | null;
  invalidOn: string | null;
  repealedOn: string | null;
}

export interface ArticleAttachment {
  id: number;
  /** 附件名称 shown to the public; the file name when none was given. */
  title: string;
  size: number;
  /** The type found from the content when stored; shown as PDF, Word, … next to the size. */
  mime?: string;
  fileName?: string;
}

const FILE_TYPES: [RegExp, string][] = [
  [/pdf/, 'PDF'],
  [/wordprocessingml|msword/, 'Word 文档'],
  [/spreadsheetml|ms-excel/, 'Excel 表格'],
  [/opendocument\.text/, 'ODT 文档'],
  [/opendocument\.spreadsheet/, 'ODS 表格'],
  [/zip/, 'ZIP 压缩包'],
  [/^image\/(png|jpeg|gif|webp)/, '图片'],
];

/** What a reader is about to download, in words: 「PDF」「Word 文档」…, else the file's extension. */
export function fileTypeLabel(mime: string | undefined, fileName: string | undefined): string {
  for (const [re, label] of FILE_TYPES) if (mime && re.test(mime)) return label;
  const ext = /\.([a-z0-9]{1,6})$/i.exec(fileName ?? '')?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

export interface ArticleContentProps {
  article: ArticleData;
  categories: string[];
  channels: string[];
  attachments: ArticleAttachment[];
  /** Where an attachment (and an image of the body) is downloaded from. */
  attachmentHref: (id: number) => string;
  /** The title's heading level: 1 on the public page, 2 inside a staff page. */
  titleLevel?: 1 | 2;
  /** Shown instead of the index number and the release date before release. */
  unreleased?: { indexNumber: string; publishedOn: string };
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function validityText(a: ArticleData): string {
  const label = VALIDITY_LABELS[a.validity];
  if (a.validity === 'invalid' && a.invalidOn) return `${label}（${a.invalidOn} 起）`;
  if (a.validity === 'repealed' && a.repealedOn) return `${label}（${a.repealedOn} 起）`;
  return label;
}

/**
 * Images of the body point at the public download route (/attachments/N), which answers only
 * once the publication is released; before that, staff read them through `href`.
 */
export function bodyWithImageLinks(body: string, href: (id: number) => string): string {
  return body.replace(/(<img\b[^>]*\bsrc=")\/attachments\/(\d+)"/g, (_m, head: string, id: string) => {
    return `${head}${href(Number(id))}"`;
  });
}

/** Ids of the attachments the body shows as images (a Word file's pictures): not listed again. */
export function bodyImageIds(body: string): Set<number> {
  return new Set([...body.matchAll(/<img\b[^>]*\bsrc="\/attachments\/(\d+)"/g)].map((m) => Number(m[1])));
}

/**
 * An article's body for the public page from its UTF-8 bytes: kept as bytes (EncodedPart) unless it
 * shows an image, whose link bodyWithImageLinks rewrites — then as text. Decoding the body and
 * encoding it again into the page cost more than the rest of its reads at 200,000 publications (a
 * 1,600-character body: ~17 µs to decode, ~5 µs to encode; docs/PERFORMANCE.md, "Render cost at
 * 200,000: …"). Without `<img` neither regular expression below can match, so the bytes are the
 * body the text would give.
 */
export function publicArticleBody(bytes: Buffer | string): string | EncodedPart {
  if (typeof bytes === 'string') return bytes;
  return bytes.includes('<img') ? bytes.toString('utf8') : new EncodedPart(bytes);
}

const NO_IMAGES: ReadonlySet<number> = new Set();

export function ArticleContent(p: ArticleContentProps) {
  const a = p.article;
  const Title = p.titleLevel === 2 ? 'h2' : 'h1';
  const inBody = typeof a.body === 'string' ? bodyImageIds(a.body) : NO_IMAGES;
  const listed = p.attachments.filter((f) => !inBody.has(f.id));
  return (
    <>
      <Title class="article-title">{a.title}</Title>
      <div class="table-scroll">
        <table class="article-meta">
          <caption>信息属性</caption>
          <tbody>
            <tr>
              <th scope="row">索引号</th>
              <td>{a.indexNumber ?? p.unreleased?.indexNumber}</td>
              <th scope="row">发布机构</th>
              <td>{a.issuer}</td>
            </tr>
            <tr>
              <th scope="row">成文日期</th>
              <td>{a.formedOn}</td>
              <th scope="row">发布日期</th>
              <td>{a.publishedOn ?? p.unreleased?.publishedOn}</td>
            </tr>
            <tr>
              <th scope="row">文号</th>
              <td>{a.documentNumber || '无'}</td>
              <th scope="row">有效性</th>
              <td>{validityText(a)}</td>
            </tr>
            <tr>
              <th scope="row">分类</th>
              <td>{p.categories.join('、') || '无'}</td>
              <th scope="row">主题</th>
              <td>{a.topic || '无'}</td>
            </tr>
            {a.docKind !== 'other' || p.channels.length ? (
              <tr>
                <th scope="row">文件类型</th>
                <td>{DOC_KIND_LABELS[a.docKind]}</td>
                <th scope="row">公开方式</th>
                <td>{p.channels.map((c) => CHANNEL_LABELS[c as Channel] ?? c).join('、') || '无'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {a.summary ? (
        <p class="article-summary">
          <strong>内容概述：</strong>
          {a.summary}
        </p>
      ) : null}
      {typeof a.body === 'string' ? (
        <div class="article-body" dangerouslySetInnerHTML={{ __html: bodyWithImageLinks(a.body, p.attachmentHref) }} />
      ) : (
        <div class="article-body">{placeEncoded(a.body)}</div>
      )}
      {listed.length ? (
        <section aria-labelledby={`att-title-${a.id}`}>
          <h2 id={`att-title-${a.id}`}>附件</h2>
          <ul>
            {listed.map((f) => (
              <li key={f.id}>
                <a href={p.attachmentHref(f.id)}>{f.title}</a>{' '}
                <span class="muted">
                  （{fileTypeLabel(f.mime, f.fileName)}，{fileSize(f.size)}）
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
