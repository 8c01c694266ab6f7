// The annual report's workflow routes: the stored check, submit (refused on errors unless an admin
// gives a reason), the supervising agency's review (return, approve, approve and publish) and publish.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { type AgencyRow } from '../agency/index.ts';
import { hasErrors, type Finding } from './checker/index.ts';
import { publishedWhere } from './annual-report.build.tsx';
import { findReportById, type AnnualReportRow } from './annual-report.repository.ts';
import {
  approveReport,
  publishReport,
  returnReport,
  storeCheck,
  submitReport,
  type PublicationPublisher,
} from './annual-report.workflow.ts';
import { checkReport, checkLegacyFor } from './annual-report.service.ts';
import { publishAsPublication } from './annual-report.publication.tsx';

import type { ReportRouteContext } from './annual-report.route-context.tsx';
import { isLegacy } from './annual-report.route-context.tsx';

export function registerWorkflowRoutes(app: FastifyInstance, rc: ReportRouteContext): void {
  const { today, siteName, load, canReview, act } = rc;
  app.post('/admin/annual-reports/:id/check', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.view');
    const { findings } = await findingsOf(report, agency);
    await inTransaction(app.db, (trx) => storeCheck(trx, req.auditContext(), report, findings));
    return reply.redirect(`/admin/annual-reports/${report.id}#check-title`, 303);
  });

  /** Publishes the report as a publication with an index number in the agency's 年报 category. */
  const publisher = async (req: FastifyRequest, agency: AgencyRow): Promise<PublicationPublisher> => {
    const cal = await app.deps.calendar.get();
    const where = publishedWhere(agency, await siteName());
    return (trx, c) =>
      publishAsPublication(trx, req.auditContext(), cal, {
        agency,
        data: c.data,
        fees: c.fees,
        cells: c.cells,
        publishedWhere: where,
        today: today(),
      });
  };

  /** The check of either format: the national identities, or the text checker on the legacy text. */
  const findingsOf = async (report: AnnualReportRow, agency: AgencyRow): Promise<{ findings: Finding[] }> =>
    isLegacy(report)
      ? checkLegacyFor(app.db, report, agency, publishedWhere(agency, await siteName()))
      : checkReport(app.db, report, agency, today());

  const overrideOf = (req: FastifyRequest, agency: AgencyRow) => ({
    allowed: can(actorOf(req), 'annualReport.override', { agencyId: agency.id }),
    reason: formValue(req.body, 'overrideReason').slice(0, 500),
  });

  app.post('/admin/annual-reports/:id/submit', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.submit');
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      const { findings } = await findingsOf(report, agency);
      // Refused for its errors: the findings are stored first, so the page shows what to correct
      // (the refused submission's own transaction is rolled back).
      if (hasErrors(findings) && !(override.allowed && override.reason.trim()))
        await inTransaction(app.db, (trx) => storeCheck(trx, req.auditContext(), report, findings));
      await inTransaction(app.db, (trx) => submitReport(trx, req.auditContext(), report, agency, findings, override));
    });
  });

  app.post('/admin/annual-reports/:id/review', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.review');
    if (!canReview(req, agency)) throw new AppError('forbidden', '年度报告由上级机关审核。');
    const decision = formValue(req.body, 'decision');
    const comment = formValue(req.body, 'comment').slice(0, 2000);
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      if (decision === 'return') {
        await inTransaction(app.db, (trx) => returnReport(trx, req.auditContext(), report, comment));
        return;
      }
      if (decision !== 'approve') throw new ValidationError({ decision: '请选择审核通过或退回修改。' });
      const publishNow =
        !isLegacy(report) &&
        formValue(req.body, 'publishNow') === '1' &&
        can(actorOf(req), 'annualReport.publish', { agencyId: agency.id });
      const checked = publishNow ? await checkReport(app.db, report, agency, today()) : null;
      // Prepared outside the transaction: on the embedded engine it holds the only connection.
      const asPublication = await publisher(req, agency);
      await inTransaction(app.db, async (trx) => {
        await approveReport(trx, req.auditContext(), report, comment);
        if (checked) {
          const approved = await findReportById(trx, report.id);
          if (approved)
            await publishReport(
              trx,
              req.auditContext(),
              approved,
              checked.computed,
              checked.findings,
              override,
              asPublication,
            );
        }
      });
    });
  });

  app.post('/admin/annual-reports/:id/publish', async (req, reply) => {
    const { report, agency } = await load(req, 'annualReport.publish');
    const override = overrideOf(req, agency);
    return act(req, reply, report, agency, async () => {
      if (isLegacy(report))
        throw new ValidationError({
          state:
            '旧版九部分结构的报告暂不能在平台直接发布，请导出 DOCX 或 PDF 后作为信息发布到“政府信息公开年报”栏目。',
        });
      const { computed, findings } = await checkReport(app.db, report, agency, today());
      const asPublication = await publisher(req, agency);
      await inTransaction(app.db, (trx) =>
        publishReport(trx, req.auditContext(), report, computed, findings, override, asPublication),
      );
    });
  });
}
