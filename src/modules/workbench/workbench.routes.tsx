// GET /admin — the 工作台, the first page after login (issue #11 point 1).
import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/policy.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { ROLE_LABELS } from '../account/index.ts';
import { listAgenciesByIds } from '../agency/index.ts';
import { calendarYearToImport } from '../calendar/index.ts';
import { findRootAgency } from '../agency/index.ts';
import { loadWorkbench } from './workbench.service.ts';
import { WorkbenchPage, type AgencyRow, type Link } from './workbench.views.tsx';

/** Rows of the county table per page. */
export const TABLE_PAGE_SIZE = 50;

export async function workbenchRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin', async (req, reply) => {
    const actor = actorOf(req);
    const cal = await app.deps.calendar.get();
    const wb = await loadWorkbench(app.db, cal, app.deps.clock.now(), actor);

    let table: { rows: AgencyRow[]; page: number; pages: number; withWork: number } | null = null;
    if (actor.scopeAgencyIds.size > 1) {
      // Agencies with work, most overdue first, then most work; only one page is named.
      const score = new Map<number, { overdue: number; total: number }>();
      for (const c of wb.counts)
        for (const [agencyId, n] of c.byAgency) {
          if (!n || !actor.scopeAgencyIds.has(agencyId)) continue;
          const s = score.get(agencyId) ?? { overdue: 0, total: 0 };
          if (c.queue.tone === 'overdue') s.overdue += n;
          s.total += n;
          score.set(agencyId, s);
        }
      const ordered = [...score.entries()].sort(
        ([ia, a], [ib, b]) => b.overdue - a.overdue || b.total - a.total || ia - ib,
      );
      const pages = Math.max(1, Math.ceil(ordered.length / TABLE_PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Number((req.query as { page?: string }).page) || 1));
      const ids = ordered.slice((page - 1) * TABLE_PAGE_SIZE, page * TABLE_PAGE_SIZE).map(([id]) => id);
      const named = new Map((await listAgenciesByIds(app.db, ids)).map((a) => [a.id, a]));
      table = {
        rows: ids.map((id) => ({ id, name: named.get(id)?.name ?? String(id), depth: named.get(id)?.depth ?? 0 })),
        page,
        pages,
        withWork: ordered.length,
      };
    }

    const links: Link[] = [];
    if (can(actor, 'agency.view'))
      links.push({ href: '/admin/agencies', label: '机构管理', note: '机构信息、公开指南、联系方式' });
    if (can(actor, 'user.view')) links.push({ href: '/admin/users', label: '账号管理', note: '工作人员账号和角色' });
    if (can(actor, 'calendar.manage'))
      links.push({ href: '/admin/calendar', label: '工作日历', note: '导入每年的节假日安排' });
    if (can(actor, 'settings.manage') && actor.agencyId === (await findRootAgency(app.db))?.id)
      links.push({
        href: '/admin/publications/interpretation-settings',
        label: '政策解读时限',
        note: '规范性文件发布后多少个工作日内须发布解读',
      });
    links.push({ href: '/admin/notifications', label: '消息', note: '系统发出的回执、告知书和提醒' });
    if (can(actor, 'audit.view')) links.push({ href: '/admin/audit', label: '审计日志', note: '所有操作记录' });

    return reply.page(
      <WorkbenchPage
        ctx={await req.pageContext(reply)}
        actor={actor}
        roleNames={actor.roles.map((r) => ROLE_LABELS[r]).join('、')}
        wb={wb}
        table={table}
        links={links}
        calendarYearToImport={can(actor, 'calendar.manage') ? calendarYearToImport(cal, wb.today) : null}
      />,
    );
  });
}
