// The revision draft of a released publication on its admin page: its state, the signer's note,
// what it changes against the live version (the diff a reviewer reads after a return,
// revision-diff.ts) and the steps this user may take on it.
import { Csrf, PostButton } from '../../platform/views/components.tsx';
import { DecisionForm } from './publication.detail-views.tsx';
import { ChangesSinceSubmission } from './publication.review-views.tsx';
import { REVISION_STATE_LABELS } from './publication.revision-service.ts';
import type { RevisionState } from './publication.tables.ts';
import type { PublicationDiff } from './revision-diff.ts';

export interface RevisionPanelProps {
  base: string;
  csrf: string;
  revision: number;
  state: RevisionState;
  note: string;
  savedAt: string;
  diff: PublicationDiff;
  can: { edit: boolean; review: boolean; signOff: boolean };
  comment?: string;
  error?: string;
}

export function RevisionPanel(p: RevisionPanelProps) {
  const base = `${p.base}/revision`;
  return (
    <section aria-labelledby="h-revision" class="pub-revision">
      <h2 id="h-revision">
        第 {p.revision} 版修订稿：{REVISION_STATE_LABELS[p.state]}
      </h2>
      <p>
        修订说明：{p.note}（{p.savedAt}{' '}
        保存）。网站上仍是现行版本，修订稿经保密审查、签发后才替换现行版本；索引号和首次发布日期不变。
      </p>
      <ChangesSinceSubmission diff={p.diff} heading="修订稿与现行版本相比" />
      {p.state === 'draft' && p.can.edit ? (
        <div class="actions">
          <a class="button secondary" href={`${p.base}/edit`}>
            编辑修订稿
          </a>
          <form method="post" action={`${base}/submit`} class="inline-form">
            <Csrf token={p.csrf} />
            <button type="submit">提交修订稿保密审查</button>
          </form>
          <PostButton action={`${base}/discard`} csrf={p.csrf} label="撤销修订稿" danger />
        </div>
      ) : null}
      {p.state === 'submitted' && p.can.review ? (
        <DecisionForm
          action={`${base}/review`}
          csrf={p.csrf}
          label="修订稿保密审查意见"
          hint="退回时必须填写，通过时可不填。"
          value={p.comment}
          error={p.error}
          decision="pass"
          button="审查通过"
        />
      ) : null}
      {p.state === 'reviewed' && p.can.signOff ? (
        <DecisionForm
          action={`${base}/sign-off`}
          csrf={p.csrf}
          label="修订稿签发意见"
          hint="退回时必须填写。签发后修订版本即替换网站上的现行版本。"
          value={p.comment}
          error={p.error}
          decision="approve"
          button="签发修订版本"
        />
      ) : null}
    </section>
  );
}
