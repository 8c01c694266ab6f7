// A county-wide whole number that a county admin sets on its own page — the 政策解读 time limit,
// the 公开属性 review interval, the 意见征集 minimum period: one page (the number, what it
// governs, its range) and one form handler (range checked with a Chinese message and the typed
// value kept, the setting written and audited with its value before and after, post/redirect/get
// with the saved message). Written once here instead of once per setting.
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { recordEvent } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction, type Executor } from '../../platform/transaction.ts';
import { Breadcrumbs, Csrf, ErrorSummary, Field } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findRootAgency } from '../agency/index.ts';
import { writeSetting } from './settings.store.ts';

export interface NumberSetting {
  /** The page's address (GET shows it, POST saves). */
  path: string;
  /** The settings key, stored for the whole county (agency 0). */
  key: string;
  /** The value in force (the stored one, else the default). */
  read: (db: Executor) => Promise<number>;
  min: number;
  max: number;
  /** The unit in the range message: 工作日, 月, 日. */
  unit: string;
  /** The audit action written when it changes; before and after are keyed by the field's name. */
  auditAction: string;
  field: { name: string; label: string; hint: string };
  title: string;
  /** The breadcrumb between 工作台 and this page. */
  parent: { href: string; label: string };
  /** What the number governs, shown above the form. */
  explanation: ComponentChildren;
}

/** The whole number typed, when it is within the range; else the message to show. */
export function parseWholeNumber(typed: string, s: Pick<NumberSetting, 'min' | 'max' | 'unit'>): number | string {
  const v = typed.trim();
  const n = Number(v);
  if (!/^\d{1,6}$/.test(v) || n < s.min || n > s.max) return `应为 ${s.min} 到 ${s.max} 之间的整数（${s.unit}）。`;
  return n;
}

function NumberSettingPage(p: { s: NumberSetting; ctx: PageContext; value: string; error?: string | undefined }) {
  const { s } = p;
  const name = s.field.name;
  return (
    <AdminLayout title={s.title} ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, s.parent, { label: s.title }]} />
      <h1>{s.title}</h1>
      <ErrorSummary errors={p.error ? { [name]: p.error } : {}} labels={{ [name]: s.field.label }} />
      <p>{s.explanation}</p>
      <form method="post" action={s.path} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Field
          name={name}
          label={s.field.label}
          value={p.value}
          required
          error={p.error}
          inputmode="numeric"
          hint={s.field.hint}
        />
        <div class="actions">
          <button type="submit">保存</button>
        </div>
      </form>
    </AdminLayout>
  );
}

/** The setting's page and form handler; only those who may manage the county's settings reach them. */
export function registerNumberSetting(app: FastifyInstance, s: NumberSetting): void {
  const rootOf = async (req: Parameters<typeof actorOf>[0]) => {
    const root = await findRootAgency(app.db);
    if (!root) throw new AppError('notFound');
    authorize(actorOf(req), 'settings.manage', { agencyId: root.id });
    return root;
  };

  app.get(s.path, async (req, reply) => {
    await rootOf(req);
    return reply.page(
      <NumberSettingPage s={s} ctx={await req.pageContext(reply)} value={String(await s.read(app.db))} />,
    );
  });

  app.post(s.path, async (req, reply) => {
    const root = await rootOf(req);
    const typed = formValue(req.body, s.field.name);
    const value = parseWholeNumber(typed, s);
    if (typeof value === 'string')
      return reply.page(
        <NumberSettingPage s={s} ctx={await req.pageContext(reply)} value={typed} error={value} />,
        422,
      );
    await inTransaction(app.db, async (trx) => {
      const ctx = req.auditContext();
      const before = await s.read(trx);
      await writeSetting(trx, 0, s.key, value, ctx.at);
      await recordEvent(
        trx,
        ctx,
        s.auditAction,
        { type: 'agency', id: root.id, agencyId: root.id },
        { before: { [s.field.name]: before }, after: { [s.field.name]: value } },
      );
    });
    return reply.redirect(`${s.path}?flash=saved`, 303);
  });
}
