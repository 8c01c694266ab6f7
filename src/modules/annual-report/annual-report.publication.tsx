// Publishing an approved report as a publication (proactive disclosure) in the agency's 年报
// category: the report's HTML (tables with merged headers survive the body allow-list) goes
// through the publication module's own workflow as the system, and gets an index number.
// Where the agency has no 年报 category, the report stays on its own public page only.
import { renderToString } from 'preact-render-to-string';
import type { Trx } from '../../platform/transaction.ts';
import type { AgencyRow } from '../agency/index.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { findCategoryByCode } from '../catalog/index.ts';
import { createDraft, draftInput, review, signOff, submit } from '../publication/index.ts';
import { ReportDocument, type DocumentCells } from './annual-report.document.tsx';
import { markedCells } from './annual-report.compute.ts';
import type { FeesResult } from './queries/fees.query.ts';
import type { National2021ReportData } from './report-data.ts';

export async function publishAsPublication(
  trx: Trx,
  ctx: AuditContext,
  cal: WorkCalendar,
  p: {
    agency: AgencyRow;
    data: National2021ReportData;
    fees: FeesResult;
    cells: DocumentCells;
    publishedWhere: string;
    today: string;
  },
): Promise<{ publicationId: number; indexNumber: string | null } | null> {
  const category = await findCategoryByCode(trx, p.agency.id, 'reports');
  if (!category) return null;
  const title = `${p.agency.name}${p.data.year}年政府信息公开工作年度报告`;
  const body =
    renderToString(
      <ReportDocument data={p.data} fees={p.fees} publishedWhere={p.publishedWhere} cells={markedCells(p.cells)} />,
    ) + `<p><a href="/agencies/${p.agency.slug}/reports/${p.data.year}">查看本报告的网页版（含历年数据对比）</a></p>`;
  const id = await createDraft(
    trx,
    ctx,
    'system',
    cal,
    p.agency.id,
    draftInput(
      {
        title,
        summary: `${p.agency.name}${p.data.year}年度政府信息公开工作情况：总体情况、主动公开、依申请公开、行政复议和行政诉讼、存在的问题及改进、其他事项。`,
        body,
        issuer: p.agency.name,
        formedOn: p.today,
        topic: '综合政务\\政务公开',
        keywords: '政府信息公开 年度报告',
      },
      [String(category.id)],
    ),
  );
  await submit(trx, ctx, 'system', id);
  await review(trx, ctx, 'system', id, 'pass', '年度报告已经上级机关审核');
  const indexNumber = await signOff(trx, ctx, 'system', id, 'approve', '年度报告发布');
  return { publicationId: id, indexNumber };
}
