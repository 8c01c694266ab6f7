// The one 进度查询 page: 编号 + 查询码, what it finds, and where to get a lost code.
import { Breadcrumbs, Csrf, ErrorSummary, Field } from '../../platform/views/components.tsx';
import { PortalLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { Tracker } from '../../platform/tracking.ts';

export function TrackingPage(p: {
  ctx: PageContext;
  number: string;
  errors?: Record<string, string> | undefined;
  trackers: readonly Tracker[];
}) {
  const e = p.errors ?? {};
  return (
    <PortalLayout title="进度查询" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/', label: '首页' }, { label: '进度查询' }]} />
      <h1>进度查询</h1>
      <p>输入回执上的编号和查询码，即可查询办理进度和答复。可以查询：</p>
      <ul>
        {p.trackers.map((t) => (
          <li key={t.label}>
            {t.label}（编号如 {t.example}）
          </li>
        ))}
      </ul>
      <ErrorSummary errors={e} labels={{ number: '编号', code: '查询码' }} order={['number', 'code']} />
      <form method="post" action="/track" class="ir-form narrow" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Field
          name="number"
          label="编号"
          value={p.number}
          required
          error={e.number}
          maxLength={64}
          autocomplete="off"
          hint="申请编号、受理编号或办件编号，大小写均可。"
        />
        <Field name="code" label="查询码" value="" required error={e.code} maxLength={20} autocomplete="off" />
        <button type="submit" class="button">
          查询
        </button>
      </form>
      <p>
        忘记了政府信息公开申请的查询码？可以<a href="/apply/lost-code">找回查询码</a>
        ，新的查询码发送到申请时登记的电子邮箱或手机号码。其他事项请与受理机关联系。
      </p>
    </PortalLayout>
  );
}
