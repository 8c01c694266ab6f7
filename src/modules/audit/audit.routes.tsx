// The audit log in the admin console: filter by agency, action, entity, actor and date; an
// admin sees the events of the agencies in scope, a county admin all of them.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { Breadcrumbs, Field, Select, TableScroll } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { listAgencies } from '../agency/index.ts';
import { isValidIsoDate, addCalendarDays } from '../calendar/index.ts';
import { listAuditActions, listAuditEvents } from './audit.repository.ts';
import { auditActionName, auditActorLabel, auditEntityLabel } from './audit.names.ts';
import { beijingSecond } from '../../platform/chinese-date.ts';

const PAGE = 50;

/** An action's Chinese name; an unknown code is shown after 其他操作, so nothing is hidden. */
const ActionName = ({ action }: { action: string }) => {
  const name = auditActionName(action);
  return name !== null ? (
    <>{name}</>
  ) : (
    <>
      其他操作 <code>{action}</code>
    </>
  );
};

/** A Shanghai calendar date as the UTC instant its day starts. */
const shanghaiDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/audit', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'audit.view');
    const q = req.query as Record<string, string | undefined>;
    const agencyId = parseId(q.agency) ?? undefined;
    if (agencyId) authorize(actor, 'audit.view', { agencyId });
    const from = q.from && isValidIsoDate(q.from) ? q.from : '';
    const to = q.to && isValidIsoDate(q.to) ? q.to : '';
    const action = q.action?.slice(0, 60) || undefined;
    const actorName = q.actor?.trim().slice(0, 40) || undefined;
    const rows = await listAuditEvents(app.db, {
      agencyIds: [...actor.scopeAgencyIds],
      agencyId,
      action,
      actor: actorName,
      from: from ? shanghaiDayStart(from) : undefined,
      to: to ? shanghaiDayStart(addCalendarDays(to, 1)) : undefined,
      beforeId: parseId(q.before) ?? undefined,
      limit: PAGE,
    });
    const agencies = (await listAgencies(app.db)).filter((a) => actor.scopeAgencyIds.has(a.id));
    const actions = await listAuditActions(app.db);
    const ctx = await req.pageContext(reply);
    const keep = new URLSearchParams(
      Object.entries({ agency: q.agency ?? '', action: action ?? '', actor: actorName ?? '', from, to }).filter(
        ([, v]) => v,
      ),
    );
    return reply.page(
      <AdminLayout title="审计日志" ctx={ctx}>
        <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '审计日志' }]} />
        <h1>审计日志</h1>
        <p>
          每一项改变数据的操作都在同一事务中记入本日志。日志只能追加，每条记录带有前一条的哈希；可用{' '}
          <code>npx gongkai audit verify</code> 校验。
        </p>
        <form method="get" action="/admin/audit" class="filters">
          <Select
            name="agency"
            label="单位"
            value={q.agency ?? ''}
            emptyLabel="全部"
            options={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          />
          <Select
            name="action"
            label="操作"
            value={action ?? ''}
            emptyLabel="全部"
            options={actions.map((a) => ({ value: a, label: auditActionName(a) ?? `其他操作 ${a}` }))}
          />
          <Field name="actor" label="操作人（用户名）" value={actorName ?? ''} />
          <Field name="from" label="起始日期" type="date" value={from} />
          <Field name="to" label="截止日期" type="date" value={to} />
          <button type="submit">筛选</button>
        </form>
        <TableScroll label="审计日志">
          <table>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">单位</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">摘要</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{beijingSecond(r.at)}</td>
                  <td>{auditActorLabel(r.actorName)}</td>
                  <td>{r.agencyName ?? '—'}</td>
                  <td>
                    <ActionName action={r.action} />
                  </td>
                  <td>
                    {auditEntityLabel(r.entityType)} #{r.entityId}
                  </td>
                  <td>
                    <code class="pre-wrap">{r.summary === '{}' ? '' : r.summary}</code>
                  </td>
                  <td>{r.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {rows.length === 0 ? <p>没有符合条件的记录。</p> : null}
        {rows.length === PAGE ? (
          <p>
            <a href={`/admin/audit?${keep.toString()}${keep.toString() ? '&' : ''}before=${rows[rows.length - 1]?.id}`}>
              更早的记录
            </a>
          </p>
        ) : null}
      </AdminLayout>,
    );
  });
}
