// The admin pages of one publication, rendered for a GET or again after a refused form: the
// new-draft form, the detail page (preview, changes since a return, timeline, workflow steps
// allowed to this actor) and the edit/revise form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { onceToken } from '../../platform/http/public-submission.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { findAgencyById } from '../agency/index.ts';
import { listCategoriesByIds } from '../catalog/index.ts';
import { PublicationDetailPage, type TimelineEntry } from './publication.detail-views.tsx';
import { fileScans, highlightedBody, listFindings } from './privacy-guard.ts';
import { PrivacyPanel } from './privacy-views.tsx';
import { privacyActionFor } from './attachment.service.ts';
import type { PublicationInput } from './publication.input.ts';
import {
  categoryIdsOf,
  channelsOf,
  findPublicationById,
  latestSubmissions,
  listAttachments,
  type PublicationRow,
} from './publication.repository.ts';
import { ChangesSinceSubmission, PublicationPreview } from './publication.review-views.tsx';
import type { PublicationRouteContext } from './publication.route-context.ts';
import { CHANNEL_LABELS } from './publication.rules.ts';
import { eventsFrom, TRANSITIONS, type PublicationEvent } from './publication.states.ts';
import { PublicationFormPage } from './publication.form-views.tsx';
import { publicationDiff } from './revision-diff.ts';
import { findPendingRevision } from './publication.revision-repository.ts';
import { REVISION_STEPS } from './publication.revision-service.ts';
import { RevisionPanel } from './publication.revision-views.tsx';
import { interpretationDays, interpretationsOf, policyOptions } from './interpretation.repository.ts';
import { InterpretationPanel, policyOptionLabel } from './interpretation.views.tsx';
import { attributeReviewMonths, reviewsOf } from './disclosure.service.ts';
import { DisclosurePanel } from './disclosure.views.tsx';
import { todayInShanghai } from '../calendar/index.ts';
import { beijingMinute } from '../../platform/chinese-date.ts';

/** The banner after each step of the workflow says what happened (`?flash=` after the redirect). */
function workflowFlash(
  query: { flash?: string; images?: string; skipped?: string },
  pub: PublicationRow,
): string | null {
  switch (query.flash) {
    case 'submitted':
      return '已提交保密审查，等待审查。';
    case 'reviewPassed':
      return '保密审查已通过，等待签发。';
    case 'returned':
      return '已退回修改，退回意见已转给起草人。';
    case 'published':
      return pub.indexNumber ? `已发布，索引号 ${pub.indexNumber}。` : null;
    case 'withdrawn':
      return '已撤回，原网址将说明该信息已撤回。';
    case 'recorded':
      return '已签发。该文件不公开，已登记备查，到期后列入公开属性复核。';
    case 'revision-saved':
      return '修订稿已保存。网站上仍是现行版本；提交保密审查并签发后，修订版本才会发布。';
    case 'revision-submitted':
      return '修订稿已提交保密审查。';
    case 'revision-reviewed':
      return '修订稿保密审查已通过，等待签发。';
    case 'revision-returned':
      return '修订稿已退回修改。';
    case 'revision-released':
      return `修订版本已签发并发布（第 ${pub.revision} 版）。`;
    case 'revision-discarded':
      return '修订稿已撤销，网站上的现行版本不变。';
    case 'attribute-confirmed':
      return '已维持原公开属性，复核结果已记录。';
    case 'attribute-changed':
      return '公开属性已调整，复核结果已记录。';
    case 'attribute-opened':
      return '已调整为主动公开，转入保密审查；签发后在网站公开。';
    case 'docx': {
      const n = Number(query.images) || 0;
      const skipped = Number(query.skipped) || 0;
      return `已保存，正文已从 Word 文件导入${n ? `，${n} 张图片已作为附件保存并显示在正文中` : ''}${
        skipped ? `；${skipped} 张图片的格式网页无法显示，未导入，请另存为 PNG 或 JPEG 后作为附件上传` : ''
      }。请在下方预览中核对。`;
    }
    default:
      return null;
  }
}

export function publicationPages(c: PublicationRouteContext) {
  const { app, maxLabel, scopeAgencies, catOptions } = c;
  const policies = async (agencyId: number, selfId?: number) =>
    (await policyOptions(app.db, agencyId, selfId)).map((r) => ({ value: String(r.id), label: policyOptionLabel(r) }));

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    input: PublicationInput,
    errors?: Record<string, string>,
    status = errors ? 422 : 200,
    preview?: ComponentChildren,
  ) => {
    const agencies = await scopeAgencies(req, 'publication.draft');
    const agency = agencies.find((a) => a.id === agencyId);
    if (!agency) throw new AppError('forbidden');
    return reply.page(
      <PublicationFormPage
        ctx={await req.pageContext(reply)}
        mode="new"
        agencyId={agency.id}
        agencyName={agency.name}
        input={input}
        categories={await catOptions(agency.id)}
        policies={await policies(agency.id)}
        errors={errors}
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        maxLabel={maxLabel}
        preview={preview}
        once={onceToken(req)}
      />,
      status,
    );
  };

  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pub: PublicationRow,
    errors?: Record<string, string>,
    values?: Record<string, string>,
    status = errors ? 422 : 200,
  ) => {
    const actor = actorOf(req);
    const [agency, catIds, channels, attachments, submissions, events] = await Promise.all([
      findAgencyById(app.db, pub.agencyId),
      categoryIdsOf(app.db, pub.id),
      channelsOf(app.db, pub.id),
      listAttachments(app.db, pub.id),
      latestSubmissions(app.db, pub.id, 2),
      app.db
        .selectFrom('auditEvents')
        .select(['at', 'actorName', 'action', 'summary'])
        .where('entityType', '=', 'publication')
        .where('entityId', '=', String(pub.id))
        .orderBy('id')
        .execute(),
    ]);
    const cats = await listCategoriesByIds(app.db, catIds);
    const [findings, scans] = await Promise.all([listFindings(app.db, pub.id), fileScans(app.db, pub.id)]);
    const privacyAction = pub.state === 'withdrawn' || pub.state === 'recorded' ? null : privacyActionFor(pub.state);
    const canResolve = privacyAction !== null && can(actor, privacyAction, pub);
    const canOverride =
      (pub.state === 'submitted' && can(actor, 'publication.review', pub)) ||
      ((pub.state === 'reviewed' || pub.state === 'published') && can(actor, 'publication.signOff', pub));
    const allowed = new Set<PublicationEvent>(
      eventsFrom(pub.state).filter((e) => can(actor, TRANSITIONS[e].action, { agencyId: pub.agencyId })),
    );
    // A revision draft in the works: its own panel (edit, submit, review, 签发), not a second 修订.
    const pending = pub.state === 'published' ? await findPendingRevision(app.db, pub.id) : undefined;
    if (pending) allowed.delete('revise');
    const timeline: TimelineEntry[] = events.map((e) => {
      let note = '';
      try {
        const s = JSON.parse(e.summary) as { note?: string };
        note = s.note ?? '';
      } catch {
        note = '';
      }
      return { at: beijingMinute(e.at), actorName: e.actorName, action: e.action, note };
    });
    const canEditAttachments =
      (pub.state === 'draft' && can(actor, 'publication.draft', pub)) ||
      (pub.state === 'published' && can(actor, 'publication.signOff', pub));
    // After a return: in review, the submission before this one; on the draft, the one returned.
    const inReview = pub.state === 'submitted' || pub.state === 'reviewed';
    const previous = inReview ? submissions[1] : pub.state === 'draft' ? submissions[0] : undefined;
    const changes = previous
      ? {
          diff: publicationDiff(previous, pub),
          heading: inReview
            ? `退回后的修改（与 ${beijingMinute(previous.submittedAt)} 提交的版本相比）`
            : `退回后已做的修改（与 ${beijingMinute(previous.submittedAt)} 提交的版本相比）`,
        }
      : null;
    const ctx = await req.pageContext(reply);
    ctx.flash = workflowFlash(req.query as Record<string, string | undefined>, pub) ?? ctx.flash;
    const base = `/admin/publications/${pub.id}`;
    const policy = pub.interpretsId === null ? undefined : await findPublicationById(app.db, pub.interpretsId);
    const content = (
      <>
        <InterpretationPanel
          pub={pub}
          policy={policy}
          linked={pub.interpretationForm ? [] : await interpretationsOf(app.db, pub.id)}
          canDraft={can(actor, 'publication.draft', { agencyId: pub.agencyId })}
          days={await interpretationDays(app.db)}
        />
        <DisclosurePanel
          pub={pub}
          months={await attributeReviewMonths(app.db)}
          today={todayInShanghai(app.deps.clock.now())}
          reviews={await reviewsOf(app.db, pub.id)}
          canReview={can(actor, 'publication.review', pub)}
          csrf={ctx.csrfToken}
          errors={errors}
          values={values}
        />
        {changes ? <ChangesSinceSubmission diff={changes.diff} heading={changes.heading} /> : null}
        {pending ? (
          <RevisionPanel
            base={base}
            csrf={ctx.csrfToken}
            revision={pending.revision}
            state={pending.state}
            note={pending.note}
            savedAt={beijingMinute(pending.releasedAt)}
            diff={publicationDiff(pub, {
              title: pending.title ?? '',
              summary: pending.summary ?? '',
              body: pending.body ?? '',
            })}
            can={{
              edit: can(actor, REVISION_STEPS.submit.action, pub),
              review: can(actor, REVISION_STEPS.passReview.action, pub),
              signOff: can(actor, REVISION_STEPS.approve.action, pub),
            }}
            comment={values?.comment}
            error={errors?.comment}
          />
        ) : null}
        {findings.length || scans.length ? (
          <PrivacyPanel
            base={base}
            csrf={ctx.csrfToken}
            findings={findings}
            scans={scans}
            canResolve={canResolve}
            canOverride={canOverride}
            errors={errors}
            values={values}
          />
        ) : null}
        <PublicationPreview
          article={{ ...pub, body: await highlightedBody(app.db, pub.body, findings) }}
          categories={cats.map((c) => c.name)}
          channels={channels}
          attachments={attachments.map((a) => ({ id: a.id, title: a.title || a.fileName, size: a.size }))}
          attachmentHref={(id) => `${base}/attachments/${id}`}
          heading={
            pub.state === 'draft'
              ? '预览：公开后的样子'
              : pending
                ? '现行版本（网站上正在公开的全文）'
                : '全文（公开后的样子）'
          }
        />
      </>
    );
    return reply.page(
      <PublicationDetailPage
        ctx={ctx}
        content={content}
        pub={pub}
        agencyName={agency?.name ?? ''}
        categories={cats.map((c) => c.name)}
        channels={channels.map((c) => CHANNEL_LABELS[c])}
        attachments={attachments}
        timeline={timeline}
        allowed={allowed}
        canEditAttachments={canEditAttachments}
        maxLabel={maxLabel}
        errors={errors}
        values={values}
        publicUrl={pub.state === 'published' || pub.state === 'withdrawn' ? `/publications/${pub.id}` : null}
      />,
      status,
    );
  };

  const renderEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pub: PublicationRow,
    input: PublicationInput,
    errors?: Record<string, string>,
    note?: string,
    status = errors ? 422 : 200,
    preview?: ComponentChildren,
  ) => {
    const agency = await findAgencyById(app.db, pub.agencyId);
    return reply.page(
      <PublicationFormPage
        ctx={await req.pageContext(reply)}
        mode={pub.state === 'published' ? 'revise' : 'edit'}
        agencyId={pub.agencyId}
        agencyName={agency?.name ?? ''}
        publication={pub}
        input={input}
        categories={await catOptions(pub.agencyId)}
        policies={await policies(pub.agencyId, pub.id)}
        errors={errors}
        note={note}
        maxLabel={maxLabel}
        canAttach={pub.state === 'draft'}
        preview={preview}
      />,
      status,
    );
  };

  return { renderNew, renderDetail, renderEdit };
}
