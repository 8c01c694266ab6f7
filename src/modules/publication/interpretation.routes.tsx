// The 政策解读 setting (issue #17 point 1): how many working days a released 规范性文件 may wait
// for its 解读 before the 工作台 lists it (0 = 同步, the same day). One value for the county,
// changed by an admin of the top agency; the change is audited.
import type { FastifyInstance } from 'fastify';
import { recordEvent } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { Breadcrumbs, Csrf, ErrorSummary, Field } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findRootAgency } from '../agency/index.ts';
import { writeSetting } from '../settings/index.ts';
import { interpretationDays } from './interpretation.repository.ts';
import { INTERPRETATION_DAYS_KEY } from './publication.rules.ts';

const PATH = '/admin/publications/interpretation-settings';

function SettingsPage(p: { ctx: PageContext; value: string; errors?: Record<string, string> | undefined }) {
  return (
    <AdminLayout title="政策解读时限" ctx={p.ctx}>
      <Breadcrumbs
        items={[
          { href: '/admin', label: '工作台' },
          { href: '/admin/publications', label: '主动公开信息' },
          { label: '政策解读时限' },
        ]}
      />
      <h1>政策解读时限</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={{ days: '工作日数' }} />
      <p>
        行政规范性文件发布后超过这一时限仍没有已发布的政策解读的，列入各机关工作台的“已发布但仍缺少政策解读的规范性文件”。0
        表示解读与文件同步发布（当天）。
      </p>
      <form method="post" action={PATH} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Field
          name="days"
          label="工作日数"
          value={p.value}
          required
          error={p.errors?.days}
          inputmode="numeric"
          hint="0 到 60 之间的整数；默认 0（同步）。"
        />
        <div class="actions">
          <button type="submit">保存</button>
        </div>
      </form>
    </AdminLayout>
  );
}

export function parseInterpretationDays(value: string): number {
  const v = value.trim();
  if (!/^\d{1,2}$/.test(v) || Number(v) > 60)
    throw new ValidationError({ days: '应为 0 到 60 之间的整数（工作日）。' });
  return Number(v);
}

export function interpretationSettingRoutes(app: FastifyInstance): void {
  const guard = async (actor: ReturnType<typeof actorOf>) => {
    const root = await findRootAgency(app.db);
    if (!root) throw new AppError('notFound');
    authorize(actor, 'settings.manage', { agencyId: root.id });
    return root;
  };

  app.get(PATH, async (req, reply) => {
    await guard(actorOf(req));
    return reply.page(
      <SettingsPage ctx={await req.pageContext(reply)} value={String(await interpretationDays(app.db))} />,
    );
  });

  app.post(PATH, async (req, reply) => {
    const root = await guard(actorOf(req));
    const typed = formValue(req.body, 'days');
    try {
      const days = parseInterpretationDays(typed);
      await inTransaction(app.db, async (trx) => {
        const before = await interpretationDays(trx);
        const ctx = req.auditContext();
        await writeSetting(trx, 0, INTERPRETATION_DAYS_KEY, days, ctx.at);
        await recordEvent(
          trx,
          ctx,
          'publication.interpretationDaysChanged',
          { type: 'agency', id: root.id, agencyId: root.id },
          { before: { days: before }, after: { days } },
        );
      });
      return reply.redirect(`${PATH}?notice=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(<SettingsPage ctx={await req.pageContext(reply)} value={typed} errors={err.fields} />, 422);
    }
  });
}
