// The admin screen of the retroactive personal-data scan (issue #18 point 4): start (or resume) a
// scan of the published items of the agencies in the actor's scope — it runs as the job
// privacy.scanPublished — see its progress, the table of open findings per agency (a county's admin
// sees the county's agencies) and each published item with findings, linked to its page, where the
// signer resolves them or withdraws the item for correction (the workflow's audited withdrawal).
import type { FastifyInstance } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { Breadcrumbs, TableScroll } from '../../platform/views/components.tsx';
import { listAgencies } from '../agency/index.ts';
import { latestRuns, openFindingsByAgency, publishedWithFindings, startOrResumeRun } from './privacy-retro.ts';

export function privacyAdminRoutes(app: FastifyInstance) {
  const scope = async (req: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(req);
    return (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actor, 'publication.view', { agencyId: a.id }),
    );
  };

  app.get('/admin/privacy', async (req, reply) => {
    authorize(req.actor, 'publication.view');
    const agencies = await scope(req);
    const ids = agencies.map((a) => a.id);
    const [table, items, runs] = await Promise.all([
      openFindingsByAgency(app.db, ids),
      publishedWithFindings(app.db, ids),
      latestRuns(app.db, 3),
    ]);
    const ctx = await req.pageContext(reply);
    return reply.page(
      <AdminLayout title="已发布信息个人信息扫描" ctx={ctx}>
        <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '已发布信息个人信息扫描' }]} />
        <h1>已发布信息个人信息扫描</h1>
        <p>扫描已发布信息的标题、概述、正文和附件（图片和扫描页由文字识别在后台处理）。中断后再次开始会接着扫描。</p>
        <form method="post" action="/admin/privacy/scan">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit">开始扫描</button>
        </form>
        {runs.length ? (
          <ul>
            {runs.map((r) => (
              <li key={r.id}>
                {r.startedAt.slice(0, 16).replace('T', ' ')} 开始：
                <progress max={Math.max(1, r.total)} value={r.done}>
                  {r.done}/{r.total}
                </progress>{' '}
                {r.done}/{r.total} 条{r.state === 'done' ? '，已完成' : '，进行中'}
              </li>
            ))}
          </ul>
        ) : null}
        <h2>各机关待处理的个人信息</h2>
        {table.length ? (
          <TableScroll label="各机关待处理的个人信息">
            <table>
              <thead>
                <tr>
                  <th scope="col">机关</th>
                  <th scope="col">信息条数</th>
                  <th scope="col">个人信息处数</th>
                </tr>
              </thead>
              <tbody>
                {table.map((r) => (
                  <tr key={r.agencyId}>
                    <th scope="row">{r.agencyName}</th>
                    <td>{r.publications}</td>
                    <td>{r.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p>未发现待处理的个人信息。</p>
        )}
        {items.length ? (
          <>
            <h2>含个人信息的已发布信息</h2>
            <p class="hint">打开信息逐条处理（遮盖、替换附件或说明理由），或由签发人撤回更正。</p>
            <ul>
              {items.map((p) => (
                <li key={p.id}>
                  <a href={`/admin/publications/${p.id}#privacy`}>{p.title}</a>（{p.agencyName}，{p.open} 处）
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </AdminLayout>,
    );
  });

  app.post('/admin/privacy/scan', async (req, reply) => {
    authorize(req.actor, 'publication.view');
    const actor = actorOf(req);
    // The actor's own agency and those below it (a county admin: the county).
    await startOrResumeRun(
      app.db,
      { agencyId: actor.agencyId, since: null },
      actor.userId,
      app.deps.clock.now().toISOString(),
    );
    return reply.redirect('/admin/privacy', 303);
  });
}
