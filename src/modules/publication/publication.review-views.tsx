// What a reviewer and a signer read before they decide (issue #11): the publication as the public
// will see it (the portal's own rendering, article-content.tsx) and, after a return, what changed
// since the submission that was returned (revision-diff.ts). The clerk sees the same on a draft:
// it is the preview before submitting.
import { ArticleContent, type ArticleAttachment, type ArticleData } from './article-content.tsx';
import { elide, type FieldDiff, type PublicationDiff } from './revision-diff.ts';

export function PublicationPreview(p: {
  article: ArticleData;
  categories: string[];
  channels: string[];
  attachments: ArticleAttachment[];
  attachmentHref: (id: number) => string;
  heading: string;
}) {
  return (
    <section aria-labelledby="h-preview" class="pub-preview">
      <h2 id="h-preview" class="pub-preview-heading">
        {p.heading}
      </h2>
      <article class="article pub-preview-article">
        <ArticleContent
          article={p.article}
          categories={p.categories}
          channels={p.channels}
          attachments={p.attachments}
          attachmentHref={p.attachmentHref}
          titleLevel={2}
          unreleased={{ indexNumber: '（签发时生成）', publishedOn: '（签发时）' }}
        />
      </article>
    </section>
  );
}

function DiffText({ diff, elideLong }: { diff: FieldDiff; elideLong?: boolean }) {
  if (!diff.changed) return <span class="muted">未修改</span>;
  const parts = elideLong ? elide(diff.parts) : diff.parts;
  return (
    <span class="prewrap">
      {parts.map((part, i) =>
        part.kind === 'elided' ? (
          <span key={i} class="diff-elided">
            {' '}
            …（未修改 {part.count} 字）…{' '}
          </span>
        ) : part.kind === 'added' ? (
          <ins key={i}>
            <span class="visually-hidden">［新增：</span>
            {part.text}
            <span class="visually-hidden">］</span>
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            <span class="visually-hidden">［删除：</span>
            {part.text}
            <span class="visually-hidden">］</span>
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

export function ChangesSinceSubmission(p: { diff: PublicationDiff; heading: string }) {
  return (
    <section aria-labelledby="h-diff" class="pub-diff">
      <h2 id="h-diff">{p.heading}</h2>
      {p.diff.changed ? (
        <>
          <p class="hint">
            新增的文字<ins>加下划线</ins>，删除的文字<del>加删除线</del>；正文中未修改的长段落只显示前后几个字。
          </p>
          <dl class="pub-diff-fields">
            <dt>标题</dt>
            <dd>
              <DiffText diff={p.diff.title} />
            </dd>
            <dt>内容概述</dt>
            <dd>
              <DiffText diff={p.diff.summary} />
            </dd>
            <dt>正文</dt>
            <dd>
              <DiffText diff={p.diff.body} elideLong />
            </dd>
          </dl>
        </>
      ) : (
        <p>标题、内容概述和正文的文字均未修改。</p>
      )}
    </section>
  );
}
