// The admin console's front page: who you are, what you may do, what waits for you.
import type { FastifyInstance } from 'fastify';
import { can } from '../platform/auth/policy.ts';
import { actorOf } from '../platform/http/admin-guard.ts';
import { AdminLayout } from '../platform/views/layout.tsx';
import { ROLE_LABELS } from './account/user.service.ts';

export async function adminHomeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin', async (req, reply) => {
    const actor = actorOf(req);
    const scope = [...actor.scopeAgencyIds];
    const pending = await app.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agencyId', 'in', scope)
      .where('status', 'in', ['pending', 'failed'])
      .executeTakeFirstOrThrow();
    const ctx = await req.pageContext(reply);
    return reply.page(
      <AdminLayout title="工作台" ctx={ctx}>
        <h1>工作台</h1>
        <p>
          {actor.displayName}，您好。您是{actor.agencyName}的{actor.roles.map((r) => ROLE_LABELS[r]).join('、')}
          {actor.scopeAgencyIds.size > 1 ? `，可管理本单位及下属共 ${actor.scopeAgencyIds.size} 个单位` : ''}。
        </p>
        <ul>
          {can(actor, 'agency.view') ? (
            <li>
              <a href="/admin/agencies">机构管理</a>：机构信息、公开指南、联系方式。
            </li>
          ) : null}
          {can(actor, 'user.view') ? (
            <li>
              <a href="/admin/users">账号管理</a>：工作人员账号和角色。
            </li>
          ) : null}
          {can(actor, 'calendar.manage') ? (
            <li>
              <a href="/admin/calendar">工作日历</a>：导入每年的节假日安排。
            </li>
          ) : null}
          <li>
            <a href="/admin/notifications">消息</a>：
            {pending.n > 0 ? `${pending.n} 条待发送或发送失败` : '没有待处理的消息'}。
          </li>
          {can(actor, 'audit.view') ? (
            <li>
              <a href="/admin/audit">审计日志</a>：所有操作记录。
            </li>
          ) : null}
        </ul>
      </AdminLayout>,
    );
  });
}
