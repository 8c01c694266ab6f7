// 管理附件 on a publication's admin page: each attachment with its public name to change and a
// delete button, and the upload form (with progress when JavaScript runs). Managed by the clerk
// on a draft, by a signer after release.
import type { FieldErrors } from '../../platform/errors.ts';
import { Csrf, Field, PostButton } from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { UPLOAD_PROGRESS_SCRIPT } from './publication.form-views.tsx';

export interface AttachmentView {
  id: number;
  fileName: string;
  /** 附件名称 shown to the public. */
  title: string;
  size: number;
  mime: string;
}

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentManager(p: {
  /** The publication's admin address, /admin/publications/:id. */
  base: string;
  csrf: string;
  attachments: AttachmentView[];
  canEditAttachments: boolean;
  maxLabel: string;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { base, csrf } = p;
  const e = p.errors;
  const v = p.values;
  const f = formFields(v, e);
  return (
    <section aria-labelledby="h-attachments">
      <h2 id="h-attachments">管理附件</h2>
      {p.attachments.length ? (
        <ul class="pub-attachments">
          {p.attachments.map((a) => {
            const key = `title-${a.id}`;
            return (
              <li key={a.id}>
                <p>
                  <strong>{a.title || a.fileName}</strong>{' '}
                  <span class="muted">
                    （文件：<a href={`${base}/attachments/${a.id}`}>{a.fileName}</a>，{formatSize(a.size)}）
                  </span>
                </p>
                <form method="post" action={`${base}/attachments/${a.id}/title`} class="inline-form pub-rename">
                  <Csrf token={csrf} />
                  <label for={`f-${key}`}>附件名称</label>{' '}
                  <input
                    id={`f-${key}`}
                    name="title"
                    value={v[key] ?? a.title}
                    maxLength={200}
                    aria-invalid={e[key] ? 'true' : undefined}
                    aria-describedby={e[key] ? `e-${key}` : undefined}
                  />{' '}
                  <button type="submit" class="button secondary">
                    修改名称
                  </button>
                  {e[key] ? (
                    <p class="error" id={`e-${key}`}>
                      {e[key]}
                    </p>
                  ) : null}
                </form>{' '}
                <PostButton
                  action={`${base}/attachments/${a.id}/delete`}
                  csrf={csrf}
                  label={`删除“${a.title || a.fileName}”`}
                />
              </li>
            );
          })}
        </ul>
      ) : (
        <p>暂无附件。</p>
      )}
      {p.canEditAttachments ? (
        <form
          method="post"
          action={`${base}/attachments`}
          enctype="multipart/form-data"
          class="pub-action"
          data-upload-progress
        >
          <Csrf token={csrf} />
          <FileField name="file" label="上传附件" error={e.file} required>
            PDF、DOCX、XLSX、XLS、ODT、图片、ZIP 或音视频（MP4、MP3），不超过 {p.maxLabel}。文件类型按内容检查。
          </FileField>
          <Field
            {...f('title', '附件名称')}
            maxLength={200}
            hint="公众看到的名称，如“2025年部门预算表”；不填时使用文件名。"
          />
          <button type="submit" class="button secondary">
            上传
          </button>
        </form>
      ) : null}
      {p.canEditAttachments ? <script type="module" src={UPLOAD_PROGRESS_SCRIPT} /> : null}
    </section>
  );
}
