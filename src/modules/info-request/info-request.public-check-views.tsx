// Public pages of 依申请公开 around the form: 「核对信息」 (everything typed, read back before it is
// submitted) and the printable receipt after it. Split from info-request.public-views.tsx (the form)
// at the submission.
import { Fragment } from 'preact';
import { Breadcrumbs, Csrf, PublicFormGuards } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { InfoRequestFormValues } from './intake.service.ts';
import { APPLICANT_KINDS, deliveryWayLabels, idDocumentTypeLabels, requestedFormLabels } from './rules/index.ts';
import { FORM_LABELS, FORM_ORDER, type PublicAgencyRef } from './info-request.public-views.tsx';

/** 「核对信息」: everything typed, read back before it is submitted; the values ride along hidden. */
export function InfoRequestReviewPage(p: {
  ctx: PageContext;
  agency: PublicAgencyRef;
  values: InfoRequestFormValues;
  shownIds: number[];
  once: string;
}) {
  const v = p.values;
  const base = `/agencies/${p.agency.slug}`;
  const label = (labels: Readonly<Record<string, string>>, key: string) => labels[key] ?? key;
  const kind = APPLICANT_KINDS.find((k) => k.key === v.applicantKind);
  const rows: [string, string][] = [
    ['受理机关', p.agency.name],
    [FORM_LABELS.informationName as string, v.informationName],
    [FORM_LABELS.documentNumber as string, v.documentNumber],
    [FORM_LABELS.featureDescription as string, v.featureDescription],
    [FORM_LABELS.applicantKind as string, kind ? kind.label : v.applicantKind],
    [FORM_LABELS.name as string, v.name],
    [FORM_LABELS.idDocumentType as string, label(idDocumentTypeLabels, v.idDocumentType)],
    [FORM_LABELS.idDocumentNumber as string, v.idDocumentNumber],
    [FORM_LABELS.phone as string, v.phone],
    [FORM_LABELS.email as string, v.email],
    [FORM_LABELS.postalAddress as string, v.postalAddress],
    [FORM_LABELS.postcode as string, v.postcode],
    [FORM_LABELS.fax as string, v.fax],
    [FORM_LABELS.requestedForm as string, label(requestedFormLabels, v.requestedForm)],
    [FORM_LABELS.deliveryWay as string, label(deliveryWayLabels, v.deliveryWay)],
  ];
  return (
    <PortalLayout title={`核对信息 - 在线申请政府信息公开 - ${p.agency.name}`} ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/', label: '首页' },
          { href: base, label: p.agency.name },
          { href: `${base}/apply`, label: '依申请公开' },
          { label: '核对信息' },
        ]}
      />
      <h1>核对信息</h1>
      <p>申请还没有提交。请核对下列内容，无误后点击“确认提交”；需要修改的，点击“返回修改”。</p>
      <dl class="ir-dl ir-review">
        {rows.map(([k, val]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{val || '（未填写）'}</dd>
          </Fragment>
        ))}
      </dl>
      <form method="post" action={`${base}/apply/online`} class="ir-form">
        <Csrf token={p.ctx.csrfToken} />
        <PublicFormGuards once={p.once} />
        <input type="hidden" name="shownIds" value={p.shownIds.join(',')} />
        {FORM_ORDER.map((k) => (
          <input key={k} type="hidden" name={k} value={v[k]} />
        ))}
        <p class="ir-actions">
          <button type="submit" name="action" value="submit" class="button">
            确认提交
          </button>{' '}
          <button type="submit" name="action" value="edit" class="button secondary">
            返回修改
          </button>
        </p>
      </form>
    </PortalLayout>
  );
}

export function ReceiptPage(p: {
  ctx: PageContext;
  agency: PublicAgencyRef;
  number: string;
  queryCode: string | null;
  submittedOn: string;
  summary: string;
}) {
  return (
    <PortalLayout title="申请提交回执" ctx={p.ctx}>
      <h1>政府信息公开申请已提交</h1>
      <section class="ir-receipt" aria-labelledby="ir-receipt-title">
        <h2 id="ir-receipt-title">提交回执</h2>
        <dl class="ir-dl">
          <dt>受理机关</dt>
          <dd>{p.agency.name}</dd>
          <dt>申请编号</dt>
          <dd class="ir-code">{p.number}</dd>
          {p.queryCode ? (
            <>
              <dt>查询码</dt>
              <dd class="ir-code">{p.queryCode}</dd>
            </>
          ) : null}
          <dt>提交日期</dt>
          <dd>{p.submittedOn}</dd>
          <dt>申请内容</dt>
          <dd>{p.summary}</dd>
        </dl>
        {p.queryCode ? (
          <p class="ir-warning">
            查询码只显示这一次，请记下或打印本页。凭申请编号和查询码可以查询办理进度、查看和下载答复。
          </p>
        ) : (
          <p>为保护您的信息，查询码只在提交后显示一次。</p>
        )}
        <p>
          通过互联网提交的申请，以本机关与您双方确认之日为收到申请之日（《条例》第三十一条第（三）项）。本机关确认后，将自收到申请之日起20个工作日内答复。
        </p>
      </section>
      <p class="ir-actions no-print">
        <a href={`/apply/receipt/${encodeURIComponent(p.number)}?print=1`} class="button">
          打印回执
        </a>{' '}
        <a href="/track" class="button secondary">
          查询办理进度
        </a>{' '}
        <a href={`/agencies/${p.agency.slug}`}>返回{p.agency.name}</a>
      </p>
    </PortalLayout>
  );
}
