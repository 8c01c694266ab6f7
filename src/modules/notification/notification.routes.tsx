import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { Breadcrumbs, TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { listNotifications } from './notification.service.ts';
import { beijingMinute } from '../../platform/chinese-date.ts';

const STATUS_LABELS: Record<string, string> = {
  stored: '站内留存',
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
};
const PAGE = 50;

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/notifications', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'notification.view');
    const query = req.query as Record<string, unknown>;
    const beforeId = parseId(query.before) ?? undefined;
    // The 工作台's "e-mail not delivered" queue is an admin's: only admins filter by it.
    const failedOnly = query.status === 'failed' && actor.roles.includes('admin');
    const wanted = parseId(query.agency);
    const agencyIds = wanted && actor.scopeAgencyIds.has(wanted) ? [wanted] : [...actor.scopeAgencyIds];
    const rows = await listNotifications(app.db, {
      agencyIds,
      userId: actor.userId,
      limit: PAGE,
      beforeId,
      failedOnly,
    });
    const more = (id: number | undefined) =>
      `/admin/notifications?${failedOnly ? 'status=failed&' : ''}${wanted ? `agency=${wanted}&` : ''}before=${id}`;
    const ctx = await req.pageContext(reply);
    return reply.page(
      <AdminLayout title="消息" ctx={ctx}>
        <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '消息' }]} />
        <h1>消息</h1>
        {failedOnly ? (
          <p>
            只显示没有发出去的邮件。收件地址有误时请更正后重新发送；邮件服务器不可用时请联系系统管理员。
            <a href="/admin/notifications">显示全部消息</a>
          </p>
        ) : null}
        <p>
          系统发给工作人员和公众的所有消息（回执、告知书、提醒）都保存在这里；配置了邮件服务器时同时以电子邮件发送。
        </p>
        {rows.length === 0 ? (
          <p>暂无消息。</p>
        ) : (
          <TableScroll label="消息列表">
            <table>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">收件人</th>
                  <th scope="col">主题</th>
                  <th scope="col">状态</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((n) => (
                  <tr key={n.id}>
                    <td>{beijingMinute(n.createdAt)}</td>
                    <td>
                      {n.recipientName}
                      {n.toAddress ? <span class="muted"> &lt;{n.toAddress}&gt;</span> : null}
                    </td>
                    <td>{n.subject}</td>
                    <td>
                      {STATUS_LABELS[n.status] ?? n.status}
                      {n.status === 'failed' || (n.status === 'pending' && n.lastError) ? (
                        <span class="muted">（{n.lastError}）</span>
                      ) : null}
                    </td>
                    <td>
                      <details>
                        <summary>查看</summary>
                        <pre class="pre-wrap">{n.body}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {rows.length === PAGE ? (
          <p>
            <a href={more(rows[rows.length - 1]?.id)}>更早的消息</a>
          </p>
        ) : null}
      </AdminLayout>,
    );
  });
}
