// The admin screen of the retroactive personal-data scan (issue #18 point 4): start (or resume) a
// scan of the published items of the agencies in the actor's scope — it runs as the job
// privacy.scanPublished — see its progress, the table of open findings per agency (a county's admin
// sees the county's agencies; each row leads to that agency's list) and each published item with
// findings, linked to its page, where they are resolved; or withdrawn for correction from here in
// one POST (privacy-withdraw.ts: the workflow's audited withdrawal, with the notice at the old address).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import { Breadcrumbs, TableScroll } from '../../platform/views/components.tsx';
import { listAgencies } from '../agency/index.ts';
import { latestRuns, openFindingsByAgency, publishedWithFindings, startOrResumeRun } from './privacy-retro.ts';
import { withdrawForCorrection } from './privacy-withdraw.ts';
import { findPublicationById } from './publication.repository.ts';
import { bookTitle } from '../../platform/book-title.ts';
import { beijingMinute } from '../../platform/chinese-date.ts';

/** A refused withdrawal shown at its item: the message and the item. */
interface WithdrawRefusal {
  pubId: number;
  message: string;
}

export function privacyAdminRoutes(app: FastifyInstance) {
  const scope = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    return (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actor, 'publication.view', { agencyId: a.id }),
    );
  };

  /** The screen; `?agency=N` narrows the list of items to one agency of the actor's scope. */
  async function renderScreen(req: FastifyRequest, reply: FastifyReply, refusal?: WithdrawRefusal) {
    authorize(req.actor, 'publication.view');
    const actor = actorOf(req);
    const agencies = await scope(req);
    const ids = agencies.map((a) => a.id);
    const query = req.query as { agency?: string; withdrawn?: string };
    const only = query.agency ? agencies.find((a) => a.id === parseId(query.agency ?? '')) : undefined;
    if (query.agency && !only) throw new AppError('notFound');
    const [table, items, runs] = await Promise.all([
      openFindingsByAgency(app.db, ids),
      publishedWithFindings(app.db, only ? [only.id] : ids),
      latestRuns(app.db, 3),
    ]);
    const ctx = await req.pageContext(reply);
    const withdrawnId = parseId(query.withdrawn ?? '');
    const withdrawn = withdrawnId ? await findPublicationById(app.db, withdrawnId) : undefined;
    if (withdrawn && withdrawn.state === 'withdrawn' && ids.includes(withdrawn.agencyId))
      ctx.flash = `已撤回${bookTitle(withdrawn.title)}。公众访问原网址将看到该信息已撤回的说明，列表和搜索中不再显示；请更正后重新起草发布。`;
    const title = only ? `${only.name}：已发布信息个人信息扫描` : '已发布信息个人信息扫描';
    return reply.page(
      <AdminLayout title={title} ctx={ctx}>
        <Breadcrumbs
          items={[
            { href: '/admin', label: '工作台' },
            ...(only
              ? [{ href: '/admin/privacy', label: '已发布信息个人信息扫描' }, { label: only.name }]
              : [{ label: '已发布信息个人信息扫描' }]),
          ]}
        />
        <h1>{title}</h1>
        <p>扫描已发布信息的标题、概述、正文和附件（图片和扫描页由文字识别在后台处理）。中断后再次开始会接着扫描。</p>
        <form method="post" action="/admin/privacy/scan">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit">开始扫描</button>
        </form>
        {runs.length ? (
          <ul>
            {runs.map((r) => (
              <li key={r.id}>
                {beijingMinute(r.startedAt)} 开始：
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
                    <th scope="row">
                      <a href={`/admin/privacy?agency=${r.agencyId}#items`}>{r.agencyName}</a>
                    </th>
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
            <h2 id="items">{only ? `${only.name}含个人信息的已发布信息` : '含个人信息的已发布信息'}</h2>
            <p class="hint">
              打开信息逐条处理（遮盖、替换附件或说明理由）；不能立即处理的，审查人、签发人或管理员可以撤回更正：撤回后信息从列表和搜索中消失，原网址显示撤回说明，撤回不能恢复，更正后需重新发布。
            </p>
            <ul class="privacy-items">
              {items.map((p) => {
                const error = refusal?.pubId === p.id ? refusal.message : undefined;
                return (
                  <li key={p.id} id={`item-${p.id}`}>
                    <a href={`/admin/publications/${p.id}#privacy`}>{p.title}</a>（{p.agencyName}，{p.open} 处）
                    {can(actor, 'publication.privacyWithdraw', { agencyId: p.agencyId }) ? (
                      <form
                        method="post"
                        action={`/admin/privacy/publications/${p.id}/withdraw`}
                        class="privacy-withdraw"
                      >
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <label class="check">
                          <input
                            type="checkbox"
                            name="confirm"
                            value="yes"
                            required
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `confirm-${p.id}-error` : undefined}
                          />
                          确认撤回{bookTitle(p.title)}
                        </label>
                        {error ? (
                          <p class="error" id={`confirm-${p.id}-error`} role="alert">
                            {error}
                          </p>
                        ) : null}
                        <button type="submit" class="button danger">
                          撤回更正
                        </button>
                      </form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </AdminLayout>,
      refusal ? 422 : 200,
    );
  }

  app.get('/admin/privacy', (req, reply) => renderScreen(req, reply));

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

  app.post('/admin/privacy/publications/:id/withdraw', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    if (!id) throw new AppError('notFound');
    const pub = await findPublicationById(app.db, id);
    if (!pub) throw new AppError('notFound');
    // The role on the item's agency before the form (403 for another agency's staff).
    authorize(req.actor, 'publication.privacyWithdraw', pub);
    const confirmed = formValue(req.body, 'confirm') === 'yes';
    try {
      await inTransaction(app.db, (trx) => withdrawForCorrection(trx, req.auditContext(), actorOf(req), id, confirmed));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderScreen(req, reply, { pubId: id, message: err.fields?.confirm ?? '请确认撤回。' });
    }
    return reply.redirect(`/admin/privacy?withdrawn=${id}`, 303);
  });
}
