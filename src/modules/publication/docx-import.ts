// A Word file (.docx) as the body of a publication (issue #11 point 4a). mammoth turns the
// document's structure — headings, paragraphs, lists, tables, bold/italic, links — into clean HTML
// and drops Word's formatting; the images come out as files, which are stored as attachments
// (content-addressed) and referenced from the body as /attachments/N. The HTML then goes through
// the same allow-list as any body (sanitize.ts) when the publication is saved.
import { ValidationError } from '../../platform/errors.ts';
import { checkUpload, sniffFileKind } from './file-type.ts';

/** Word's heading styles one level down: h1 is the page's own title. */
const STYLE_MAP = [
  "p[style-name='Title'] => h2:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='heading 4'] => h5:fresh",
  "p[style-name='标题'] => h2:fresh",
  "p[style-name='标题 1'] => h2:fresh",
  "p[style-name='标题 2'] => h3:fresh",
  "p[style-name='标题 3'] => h4:fresh",
  "p[style-name='标题 4'] => h5:fresh",
];

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface DocxImage {
  /** The placeholder in `html` that becomes the attachment's URL. */
  placeholder: string;
  fileName: string;
  data: Buffer;
}

export interface ConvertedDocx {
  /** Body HTML with `placeholder` image sources (not yet sanitised). */
  html: string;
  images: DocxImage[];
  /** What could not be kept, in Chinese, for the clerk. */
  warnings: string[];
}

/** Placeholders are relative URLs, so they survive the sanitiser until they are replaced. */
const placeholderOf = (i: number) => `/attachments/docx-image-${i}`;

export async function convertDocx(fileName: string, data: Buffer, field = 'docx'): Promise<ConvertedDocx> {
  checkUpload(fileName, data, field);
  if (sniffFileKind(data) !== 'docx' || !/\.docx$/i.test(fileName))
    throw new ValidationError({
      [field]: `“${fileName}”不是 Word 文档（.docx）。旧版 .doc 文件请在 Word 中另存为 .docx。`,
    });
  const images: DocxImage[] = [];
  const warnings: string[] = [];
  let seen = 0;
  let result;
  // Loaded on first use (startup time): mammoth and its zip reader are only needed here.
  const { default: mammoth } = await import('mammoth');
  try {
    result = await mammoth.convertToHtml(
      { buffer: data },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          seen += 1;
          const ext = IMAGE_EXTENSIONS[image.contentType];
          if (!ext) {
            warnings.push(
              `第 ${seen} 张图片的格式（${image.contentType}）网页无法显示，未导入；请在 Word 中另存为 PNG 或 JPEG 后作为附件上传。`,
            );
            return { src: '' };
          }
          const placeholder = placeholderOf(images.length);
          images.push({
            placeholder,
            fileName: `正文图片${images.length + 1}.${ext}`,
            data: await image.readAsBuffer(),
          });
          return { src: placeholder };
        }),
      },
    );
  } catch {
    throw new ValidationError({
      [field]: `无法读取“${fileName}”，文件可能已损坏。请在 Word 中打开并重新保存后再上传。`,
    });
  }
  // mammoth leaves an <img> without a usable source where an image could not be kept.
  const html = result.value.replace(/<img\b[^>]*\bsrc=""[^>]*>/g, '');
  if (!html.replace(/<[^>]+>/g, '').trim() && !images.length)
    throw new ValidationError({ [field]: `“${fileName}”中没有正文内容。` });
  return { html, images, warnings };
}

/** The body with each image placeholder replaced by its stored attachment's URL. */
export function withImageUrls(html: string, ids: Map<string, number>): string {
  return html.replace(/\/attachments\/docx-image-\d+/g, (p) => {
    const id = ids.get(p);
    return id === undefined ? '' : `/attachments/${id}`;
  });
}
