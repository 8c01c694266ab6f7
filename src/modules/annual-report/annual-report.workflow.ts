// The annual report's workflow with the supervising agency (RULES.md §3; GLOSSARY "annualReport"):
// the stored check, submit (a clerk's submission refused on errors, an admin's override with a written
// reason, audited), return, approve and publish as a 年报 publication. Each step is a transition of
// annual-report.states.ts that writes its audit event.
import { beijingDate } from '../../platform/chinese-date.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Trx } from '../../platform/transaction.ts';
import { listActiveStaffWithRoles } from '../account/index.ts';
import { ancestorsOf, supervisingAgency, type AgencyRow } from '../agency/index.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { notifyStaff } from './annual-report.notify.ts';
import { hasErrors, type Finding } from './checker/index.ts';
import { markedCells, type ComputedReport } from './annual-report.compute.ts';
import { findReportForStep, insertComment, updateReport, type AnnualReportRow } from './annual-report.repository.ts';
import { annualReportMachine, type AnnualReportTransition } from './annual-report.states.ts';
import { reportYearEnded } from './deadlines.ts';

export async function storeCheck(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  findings: readonly Finding[],
): Promise<void> {
  await updateReport(trx, report.id, { checkResults: JSON.stringify(findings), checkedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'annualReport.check',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    {
      after: {
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      },
    },
  );
}

/**
 * The report as it is now, its row held until the commit (platform/rows.ts lockRow): a step is
 * decided on the row, not on the copy its request read before the transaction — two county admins
 * approving or publishing one report at the same moment act one after the other, and the second
 * is refused on the state the first left (on PostgreSQL both had approved it, and both published).
 */
async function current(trx: Trx, report: AnnualReportRow): Promise<AnnualReportRow> {
  return (await findReportForStep(trx, report.id)) ?? report;
}

/** Decides a step before anything is written (a refusal is a 422 on the state). */
function transition(report: AnnualReportRow, t: AnnualReportTransition) {
  return annualReportMachine.plan(undefined, report, t).to;
}

/**
 * Errors of the consistency check block submitting and publishing unless an admin gives a
 * reason to override; the override is recorded as a comment and in the audit log.
 */
async function guardFindings(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
  step: string,
): Promise<string> {
  await storeCheck(trx, ctx, report, findings);
  if (!hasErrors(findings)) return '';
  const reason = override.reason.trim();
  if (!override.allowed || !reason) {
    throw new ValidationError({
      check: `一致性检查发现 ${findings.filter((f) => f.severity === 'error').length} 个错误，请修改后再${step}${override.allowed ? '，或填写理由强制' + step : ''}。`,
    });
  }
  await insertComment(trx, {
    reportId: report.id,
    authorUserId: ctx.actorUserId,
    authorName: ctx.actorName,
    kind: 'override',
    body: reason,
    createdAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'annualReport.override',
    { type: 'annualReport', id: report.id, agencyId: report.agencyId },
    { note: reason, after: { step, errors: findings.filter((f) => f.severity === 'error').map((f) => f.code) } },
  );
  return reason;
}

export async function submitReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  agency: AgencyRow,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
): Promise<void> {
  report = await current(trx, report);
  const to = transition(report, 'submit');
  const reason = await guardFindings(trx, ctx, report, findings, override, '报送');
  await updateReport(trx, report.id, {
    state: to,
    submittedAt: ctx.at,
    updatedAt: ctx.at,
    ...(reason ? { overrideReason: reason } : {}),
  });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'submit',
    summary: { before: { state: report.state }, after: { state: to } },
  });
  // To the 主管部门 the report is submitted to (条例 第四十九条): the government above, past a
  // department's own department (agency.rules.ts supervisingAgency).
  const supervisor = agency.parentId === null ? null : supervisingAgency(await ancestorsOf(trx, agency.path));
  if (supervisor) {
    const admins = await listActiveStaffWithRoles(trx, supervisor.id, ['admin']);
    await notifyStaff(
      trx,
      supervisor.id,
      admins,
      {
        subject: `${agency.name}报送了${report.year}年政府信息公开工作年度报告`,
        body: `${agency.name}已报送${report.year}年度政府信息公开工作年度报告，请登录管理平台审核：/admin/annual-reports/${report.id}`,
        relatedType: 'annualReport',
        relatedId: report.id,
      },
      ctx.at,
    );
  }
}

export async function returnReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  comment: string,
): Promise<void> {
  report = await current(trx, report);
  const to = transition(report, 'return');
  if (!comment.trim()) throw new ValidationError({ comment: '退回时请填写修改意见。' });
  await insertComment(trx, {
    reportId: report.id,
    authorUserId: ctx.actorUserId,
    authorName: ctx.actorName,
    kind: 'return',
    body: comment.trim(),
    createdAt: ctx.at,
  });
  await updateReport(trx, report.id, { state: to, updatedAt: ctx.at });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'return',
    summary: { before: { state: report.state }, after: { state: to }, note: comment.trim() },
  });
}

export async function approveReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  comment: string,
): Promise<void> {
  report = await current(trx, report);
  const to = transition(report, 'approve');
  if (comment.trim())
    await insertComment(trx, {
      reportId: report.id,
      authorUserId: ctx.actorUserId,
      authorName: ctx.actorName,
      kind: 'approve',
      body: comment.trim(),
      createdAt: ctx.at,
    });
  await updateReport(trx, report.id, { state: to, approvedAt: ctx.at, updatedAt: ctx.at });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'approve',
    summary: { before: { state: report.state }, after: { state: to } },
  });
}

/** Publishes the approved report: the computed data are frozen, so the public page never changes afterwards. */
/** Where the report goes as a publication (annual-report.publication.tsx); null = its own page only. */
export type PublicationPublisher = (
  trx: Trx,
  data: ComputedReport,
) => Promise<{ publicationId: number; indexNumber: string | null } | null>;

export async function publishReport(
  trx: Trx,
  ctx: AuditContext,
  report: AnnualReportRow,
  computed: ComputedReport,
  findings: readonly Finding[],
  override: { allowed: boolean; reason: string },
  asPublication?: PublicationPublisher,
): Promise<void> {
  report = await current(trx, report);
  const to = transition(report, 'publish');
  // Not even an override: the year's figures are not whole before it ends.
  if (!reportYearEnded(report.year, beijingDate(ctx.at)))
    throw new ValidationError({
      check: `${report.year}年度尚未结束：年度报告公布的是上一年度的情况（条例第四十九条），${report.year}年度的报告自${report.year + 1}年1月1日起才能发布。`,
    });
  const reason = await guardFindings(trx, ctx, report, findings, override, '发布');
  // The ※ cells and their notes are kept with the figures: the published page and its Word and
  // PDF show which figures were entered by staff (annual-report.build.tsx loadReport).
  const frozen = {
    ...computed.data,
    fees: computed.fees,
    agencyIds: computed.agencyIds,
    cells: markedCells(computed.cells),
  };
  const pub = asPublication ? await asPublication(trx, computed) : null;
  await updateReport(trx, report.id, {
    state: to,
    publishedAt: ctx.at,
    publishedData: JSON.stringify(frozen),
    updatedAt: ctx.at,
    publicationId: pub?.publicationId ?? null,
    ...(reason ? { overrideReason: reason } : {}),
  });
  await annualReportMachine.transition(trx, ctx, {
    subject: report,
    event: 'publish',
    summary: {
      before: { state: report.state },
      after: { state: to, publicationId: pub?.publicationId ?? null, indexNumber: pub?.indexNumber ?? null },
    },
  });
}
