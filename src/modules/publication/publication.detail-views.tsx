// The admin page of one publication: its state and dates, what changed after a return and the
// publication as the public will see it (publication.review-views.tsx), the workflow actions
// allowed to this user, the attachments (managed by the clerk on a draft, by a signer after
// release) and the timeline from the audit log.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors.ts';
import { ProvisionalMark } from '../calendar/index.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  Field,
  PostButton,
  Select,
  TableScroll,
  TextArea,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { DOC_KIND_LABELS, VALIDITY_LABELS } from './publication.rules.ts';
import { STATE_LABELS, type PublicationEvent } from './publication.states.ts';
import { VALIDITIES } from './publication.tables.ts';
import type { PublicationRow } from './publication.repository.ts';
import { AttachmentManager, type AttachmentView } from './publication.attachment-views.tsx';

export interface TimelineEntry {
  at: string;
  actorName: string;
  action: string;
  note: string;
}

const ACTION_LABELS: Record<string, string> = {
  'publication.created': '创建草稿',
  'publication.imported': '批量导入并发布',
  'publication.edited': '编辑草稿',
  'publication.submitted': '提交保密审查',
  'publication.reviewPassed': '保密审查通过',
  'publication.reviewReturned': '保密审查退回',
  'publication.signOffReturned': '签发退回',
  'publication.published': '签发并发布',
  'publication.revisionDrafted': '保存修订稿',
  'publication.revisionSubmitted': '提交修订稿保密审查',
  'publication.revisionReviewPassed': '修订稿保密审查通过',
  'publication.revisionReviewReturned': '修订稿保密审查退回',
  'publication.revisionSignOffReturned': '修订稿签发退回',
  'publication.revisionDiscarded': '撤销修订稿',
  'publication.revised': '签发并发布修订版本',
  'publication.validityChanged': '变更有效性',
  'publication.withdrawn': '撤回',
  'publication.attachmentAdded': '上传附件',
  'publication.attachmentRemoved': '删除附件',
  'publication.attachmentRenamed': '修改附件名称',
  'publication.attachmentReplaced': '替换附件',
  'publication.privacyMasked': '遮盖个人信息',
  'publication.privacyOverridden': '确认个人信息可以公开（附理由）',
  'publication.privacyWithdrawn': '因个人信息撤回更正',
  'publication.relatedSet': '设置相关信息',
  'publication.dueRecomputed': '重新计算发布期限',
  'publication.recorded': '签发（不公开，登记备查）',
  'publication.attributeReviewed': '复核公开属性',
  'publication.attributeOpened': '复核后调整为主动公开',
};

/** A row of the 基本信息 table. */
function Row(p: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{p.label}</th>
      <td>{p.children}</td>
    </tr>
  );
}

/** One workflow step's form: posted to `action` with the CSRF token. */
export function StepForm(p: { action: string; csrf: string; children: ComponentChildren }) {
  return (
    <form method="post" action={p.action} class="pub-action">
      <Csrf token={p.csrf} />
      {p.children}
    </form>
  );
}

/** 保密审查 or 签发: a comment, then the step's own decision or 退回修改 (the comment then required). */
export function DecisionForm(p: {
  action: string;
  csrf: string;
  label: string;
  hint: string;
  value: string | undefined;
  error: string | undefined;
  decision: string;
  button: string;
}) {
  return (
    <StepForm action={p.action} csrf={p.csrf}>
      <TextArea name="comment" label={p.label} value={p.value ?? ''} error={p.error} rows={3} hint={p.hint} />
      <div class="actions">
        <button type="submit" name="decision" value={p.decision}>
          {p.button}
        </button>
        <button type="submit" name="decision" value="return" class="button secondary">
          退回修改
        </button>
      </div>
    </StepForm>
  );
}

export function PublicationDetailPage(p: {
  ctx: PageContext;
  pub: PublicationRow;
  /** The publication as the public will see it, and what changed after a return. */
  content: ComponentChildren;
  agencyName: string;
  categories: string[];
  channels: string[];
  attachments: AttachmentView[];
  timeline: TimelineEntry[];
  allowed: Set<PublicationEvent>;
  canEditAttachments: boolean;
  maxLabel: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  publicUrl: string | null;
}) {
  const { pub, ctx } = p;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  const csrf = ctx.csrfToken;
  const base = `/admin/publications/${pub.id}`;
  return (
    <AdminLayout title={pub.title} ctx={ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/publications', label: '主动公开信息' },
          { label: pub.title },
        ]}
      />
      <h1>{pub.title}</h1>
      <ErrorSummary
        errors={e}
        labels={{
          comment: p.allowed.has('passReview') ? '保密审查意见' : p.allowed.has('approve') ? '签发意见' : '意见',
          reason: pub.state === 'recorded' ? '审核理由' : '撤回原因',
          file: '附件',
          title: '附件名称',
          validityOn: '日期',
          disclosureMode: '公开属性',
          reviewMode: '审核后的公开属性',
          reviewGround: '法定理由',
        }}
      />
      {pub.reviewComment && pub.state === 'draft' ? (
        <div class="pub-comment" role="note">
          <h2>退回意见</h2>
          <p class="prewrap">{pub.reviewComment}</p>
        </div>
      ) : null}
      <TableScroll label="基本信息">
        <table class="pub-meta">
          <tbody>
            <Row label="状态">
              {STATE_LABELS[pub.state]}
              {pub.isLate ? (
                <>
                  {' '}
                  <span class="badge pub-late">逾期发布</span>
                </>
              ) : null}
            </Row>
            <Row label="索引号">{pub.indexNumber ?? '（签发时生成）'}</Row>
            <Row label="发布机关">{p.agencyName}</Row>
            <Row label="发布机构">{pub.issuer}</Row>
            <Row label="成文日期">{pub.formedOn}</Row>
            <Row label="应发布日期">
              {pub.dueOn}（成文后 20 个工作日，条例第二十六条）
              {pub.dueProvisional && !pub.publishedOn ? (
                <ProvisionalMark years={[Number(pub.dueOn.slice(0, 4))]} />
              ) : null}
            </Row>
            <Row label="发布日期">{pub.publishedOn ?? '—'}</Row>
            <Row label="文号">{pub.documentNumber || '—'}</Row>
            <Row label="文件类型">
              {DOC_KIND_LABELS[pub.docKind]}
              {pub.issuedOn ? `（印发 ${pub.issuedOn}）` : ''}
            </Row>
            <Row label="有效性">
              {VALIDITY_LABELS[pub.validity]}
              {pub.invalidOn ? `（${pub.invalidOn} 失效）` : ''}
              {pub.repealedOn ? `（${pub.repealedOn} 废止）` : ''}
            </Row>
            <Row label="目录分类">{p.categories.join('；')}</Row>
            <Row label="主题分类">{pub.topic || '—'}</Row>
            <Row label="公开方式">{p.channels.join('、')}</Row>
            <Row label="版本">{pub.revision ? `第 ${pub.revision} 版` : '未发布'}</Row>
            {pub.state === 'withdrawn' ? <Row label="撤回原因">{pub.withdrawnReason}</Row> : null}
          </tbody>
        </table>
      </TableScroll>
      {p.publicUrl ? (
        <p>
          <a href={p.publicUrl}>查看公开页面</a>
        </p>
      ) : null}
      {p.content}

      <section aria-labelledby="h-actions">
        <h2 id="h-actions">办理</h2>
        <div class="actions">
          {p.allowed.has('edit') ? (
            <a class="button secondary" href={`${base}/edit`}>
              编辑草稿
            </a>
          ) : null}
          {p.allowed.has('revise') ? (
            <a class="button secondary" href={`${base}/edit`}>
              修订
            </a>
          ) : null}
          {p.allowed.has('submit') ? <PostButton action={`${base}/submit`} csrf={csrf} label="提交保密审查" /> : null}
        </div>
        {p.allowed.has('passReview') ? (
          <DecisionForm
            action={`${base}/review`}
            csrf={csrf}
            label="保密审查意见"
            hint="退回时必须填写，通过时可不填。"
            value={v.comment}
            error={e.comment}
            decision="pass"
            button="审查通过"
          />
        ) : null}
        {p.allowed.has('approve') ? (
          <DecisionForm
            action={`${base}/sign-off`}
            csrf={csrf}
            label="签发意见"
            hint={
              pub.disclosureMode === 'proactive'
                ? '退回时必须填写。签发后即对外公开并生成索引号。'
                : '退回时必须填写。本文件的公开属性为不公开，签发后登记备查，不在网站公开。'
            }
            value={v.comment}
            error={e.comment}
            decision="approve"
            button={pub.disclosureMode === 'proactive' ? '签发并发布' : '签发（不公开）'}
          />
        ) : null}
        {p.allowed.has('setValidity') ? (
          <StepForm action={`${base}/validity`} csrf={csrf}>
            <Select
              name="validity"
              label="有效性"
              value={v.validity ?? pub.validity}
              options={VALIDITIES.map((k) => ({ value: k, label: VALIDITY_LABELS[k] }))}
            />
            <Field {...f('validityOn', '失效或废止日期')} type="date" />
            <button type="submit" class="button secondary">
              变更有效性
            </button>
          </StepForm>
        ) : null}
        {p.allowed.has('withdraw') ? (
          <StepForm action={`${base}/withdraw`} csrf={csrf}>
            <TextArea
              {...f('reason', '撤回原因')}
              rows={2}
              required
              hint="撤回后信息从列表中消失，原网址显示已撤回及原因；索引号不再使用。"
            />
            <button type="submit" class="button danger">
              撤回
            </button>
          </StepForm>
        ) : null}
      </section>

      {p.canEditAttachments ? (
        <AttachmentManager
          base={base}
          csrf={csrf}
          attachments={p.attachments}
          canEditAttachments={p.canEditAttachments}
          maxLabel={p.maxLabel}
          errors={e}
          values={v}
        />
      ) : null}

      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">办理记录</h2>
        <ol class="pub-timeline">
          {p.timeline.map((t, i) => (
            <li key={i}>
              <time dateTime={t.at}>{t.at.replace('T', ' ').slice(0, 16)}</time> {t.actorName}：
              {ACTION_LABELS[t.action] ?? '其他操作'}
              {t.note ? <span class="prewrap">（{t.note}）</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </AdminLayout>
  );
}
