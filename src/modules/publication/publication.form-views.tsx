// Admin form of proactive disclosure: a new draft, a draft's edit and the revision of a released
// publication (with 预览, the Word import and attachments chosen with the save).
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  Select,
  TextArea,
} from '../../platform/views/components.tsx';
import { FileField } from '../../platform/views/file-field.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { PUBLICATION_FORM, type PublicationInput } from './publication.input.ts';
import { CHANNEL_LABELS, DOC_KIND_LABELS, VALIDITY_LABELS } from './publication.rules.ts';
import { CHANNELS, DOC_KINDS, VALIDITIES } from './publication.tables.ts';
import type { PublicationRow } from './publication.repository.ts';
import { topicGroups } from './topic-vocabulary.ts';
import { InterpretationFields } from './interpretation.views.tsx';
import { DISCLOSURE_FIELD_LABELS, DisclosureFields } from './disclosure.views.tsx';

type Option = { value: string; label: string };

/** 主题分类 from the vocabulary; a stored value outside it (imported, older) is offered as it is. */
function TopicSelect(p: { value: string; error?: string | undefined }) {
  const groups = topicGroups();
  const known = groups.some((g) => g.options.some((o) => o.value === p.value));
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      <label for="f-topic">主题分类</label>
      <p class="hint" id="h-topic">
        从主题词表中选择，如“综合政务\政务公开”；不确定时可选一级分类。
      </p>
      {p.error ? (
        <p class="error" id="e-topic">
          {p.error}
        </p>
      ) : null}
      <select
        id="f-topic"
        name="topic"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? 'h-topic e-topic' : 'h-topic'}
      >
        <option value="">（不选）</option>
        {p.value && !known ? (
          <option value={p.value} selected>
            {p.value}（原有值，不在主题词表中）
          </option>
        ) : null}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value} selected={o.value === p.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function CategoryChecks(p: { options: Option[]; checked: string[]; error?: string | undefined }) {
  return (
    <fieldset class={p.error ? 'field field-error' : 'field'} id="f-categoryIds">
      <legend>
        目录分类<span class="req">（必填，可多选）</span>
      </legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      <div class="pub-cats">
        {p.options.map((o) => (
          <label key={o.value} class="check">
            <input type="checkbox" name="categoryIds" value={o.value} checked={p.checked.includes(o.value)} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Where the body editor's script is served (publication.routes.tsx; built from client/body-editor.ts). */
export const PUBLICATION_EDITOR_SCRIPT = '/assets/publication-editor.js';
/** Upload progress for forms marked data-upload-progress (client/upload-progress.ts). */
export const UPLOAD_PROGRESS_SCRIPT = '/assets/upload-progress.js';

export function PublicationFormPage(p: {
  ctx: PageContext;
  mode: 'new' | 'edit' | 'revise';
  agencyName: string;
  agencyId: number;
  agencies?: Option[];
  publication?: PublicationRow;
  input: PublicationInput;
  categories: Option[];
  /** The agency's policies a 解读 may explain (interpretation.repository.ts). */
  policies: Option[];
  errors?: FieldErrors;
  note?: string;
  /** Largest file, for the hints. */
  maxLabel: string;
  /** Attachments may come with this save (a draft; a revision draft changes no files). */
  canAttach?: boolean;
  /** The publication as the public will see it, after 预览 (not saved). */
  preview?: ComponentChildren;
  /** A new publication's one-time form token (platform/public-submissions.ts): saved once. */
  once?: string;
}) {
  const e = p.errors ?? {};
  const v = p.input.values;
  const f = formFields(v, e);
  const canAttach = p.mode === 'new' || p.canAttach === true;
  const title =
    p.mode === 'new'
      ? '新建主动公开信息'
      : p.mode === 'revise'
        ? `修订：${p.publication?.title ?? ''}`
        : `编辑草稿：${p.publication?.title ?? ''}`;
  const labels = {
    ...Object.fromEntries(Object.entries(PUBLICATION_FORM).map(([k, f]) => [k, f.label])),
    categoryIds: '目录分类',
    channels: '公开方式',
    note: '修订说明',
    agencyId: '发布机关',
    docx: '导入 Word 文件',
    attachments: '附件',
    interpretationForm: '解读形式',
    interprets: '所解读的政策文件',
    mediaUrl: '音视频链接',
    ...DISCLOSURE_FIELD_LABELS,
  };
  const action = p.mode === 'new' ? '/admin/publications' : `/admin/publications/${p.publication?.id}`;
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/publications', label: '主动公开信息' },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {p.mode === 'revise' ? (
        <p class="flash">
          该信息已发布。修订保存为修订稿，经保密审查、签发后才替换网站上的现行版本；索引号（
          {p.publication?.indexNumber}）和首次发布日期不变。
        </p>
      ) : null}
      <ErrorSummary errors={e} labels={labels} />
      {p.preview ? (
        <div class="pub-form-preview" id="preview">
          {p.preview}
          <p>
            <a href="#f-title">返回修改</a>，或在表单末尾保存。
          </p>
        </div>
      ) : null}
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        novalidate
        class="pub-form"
        data-upload-progress
        data-body-editor
      >
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        {p.mode === 'new' && p.agencies ? (
          <Select
            name="agencyId"
            label="发布机关"
            value={String(p.agencyId)}
            options={p.agencies}
            required
            error={e.agencyId}
          />
        ) : (
          <p>发布机关：{p.agencyName}</p>
        )}
        <Field {...f('title', '标题')} required maxLength={200} />
        <TextArea {...f('summary', '内容概述')} rows={3} hint="目录中显示的内容概述；不填时取正文开头。" />
        <TextArea
          {...f('body', '正文')}
          required
          rows={16}
          hint="直接输入文字，段落之间空一行；也可使用标题、列表、表格、链接等 HTML 标记，保存时自动清除脚本、样式等不安全内容。"
        />
        <FileField
          name="docx"
          label="导入 Word 文件（.docx）"
          error={e.docx}
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        >
          选择 .docx 文件后保存，正文将替换为该文件的内容（标题、段落、列表、表格和图片；图片作为附件保存），Word
          中的字体、颜色等格式不保留。不超过 {p.maxLabel}。
        </FileField>
        <Field {...f('issuer', '发布机构')} required hint="本机关名称，或具体负责的内设机构。" />
        <Field
          {...f('formedOn', '成文日期')}
          type="date"
          required
          hint="信息形成或变更的日期。应自该日起 20 个工作日内公开（条例第二十六条）。"
        />
        <Field {...f('documentNumber', '文号')} hint="如：永政发〔2025〕3号；没有可不填。" />
        <Select
          {...f('docKind', '文件类型')}
          options={DOC_KINDS.map((k) => ({ value: k, label: DOC_KIND_LABELS[k] }))}
          required
          hint="规章和行政规范性文件计入年度报告表二。"
        />
        <Field {...f('issuedOn', '印发日期')} type="date" hint="规章、行政规范性文件必填。" />
        <Select
          {...f('validity', '有效性')}
          options={VALIDITIES.map((k) => ({ value: k, label: VALIDITY_LABELS[k] }))}
          required
        />
        <Field {...f('effectiveOn', '实施日期')} type="date" />
        <TopicSelect value={v.topic} error={e.topic} />
        <Field {...f('keywords', '关键词')} hint="多个关键词用空格分隔。" />
        <CategoryChecks options={p.categories} checked={p.input.categoryIds} error={e.categoryIds} />
        <fieldset class={e.channels ? 'field field-error' : 'field'} id="f-channels">
          <legend>
            公开方式<span class="req">（必填，可多选）</span>
          </legend>
          {e.channels ? <p class="error">{e.channels}</p> : null}
          {CHANNELS.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" name="channels" value={c} checked={p.input.channels.includes(c)} />{' '}
              {CHANNEL_LABELS[c]}
            </label>
          ))}
        </fieldset>
        {p.mode === 'revise' ? null : (
          <DisclosureFields value={p.input.disclosure ?? { mode: '', ground: '', note: '' }} errors={e} />
        )}
        <InterpretationFields
          value={p.input.interpretation ?? { form: '', interprets: '', mediaUrl: '' }}
          policies={p.policies}
          errors={e}
        />
        <TextArea {...f('related', '相关信息')} rows={3} hint="已发布的相关信息的索引号，每行一个。" />
        {canAttach ? (
          <FileField name="attachments" label="附件" error={e.attachments} multiple>
            可一次选择多个文件（PDF、DOCX、XLSX、XLS、ODT、图片、ZIP 或音视频 MP4、MP3，每个不超过 {p.maxLabel}
            ），随本次保存上传；附件名称默认取文件名，保存后可在信息页面修改。
          </FileField>
        ) : null}
        {p.mode === 'revise' ? (
          <Field
            name="note"
            label="修订说明"
            value={p.note ?? ''}
            required
            error={e.note}
            hint="如：更正第三条中的日期。"
          />
        ) : null}
        <div class="actions">
          <button type="submit">{p.mode === 'revise' ? '保存修订稿' : '保存草稿'}</button>
          <button type="submit" name="preview" value="1" class="button secondary">
            预览
          </button>
        </div>
      </form>
      {/* The rich-text editor over the body textarea (progressive enhancement; the form works without it). */}
      <script type="module" src={PUBLICATION_EDITOR_SCRIPT} />
      <script type="module" src={UPLOAD_PROGRESS_SCRIPT} />
    </AdminLayout>
  );
}
