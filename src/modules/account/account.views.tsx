import { Csrf, ErrorSummary, Field, FormMessage } from '../../platform/views/components.tsx';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { PASSWORD_RULE_TEXT } from './password.ts';

export function LoginPage(p: {
  ctx: PageContext;
  username: string;
  next: string;
  message?: string;
  errors?: FieldErrors;
}) {
  return (
    <AdminLayout title="工作人员登录" ctx={p.ctx}>
      <h1>工作人员登录</h1>
      <FormMessage message={p.message} />
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="post" action="/admin/login" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="username"
          label="用户名"
          value={p.username}
          required
          autocomplete="username"
          error={p.errors?.username}
        />
        <Field
          name="password"
          label="密码"
          type="password"
          required
          autocomplete="current-password"
          error={p.errors?.password}
        />
        <button type="submit">登录</button>
      </form>
      <p class="muted">忘记密码请联系本单位管理员重置。连续多次输入错误后，须等待一段时间才能再试。</p>
    </AdminLayout>
  );
}

export function ChangePasswordPage(p: { ctx: PageContext; forced: boolean; errors?: FieldErrors }) {
  return (
    <AdminLayout title="修改密码" ctx={p.ctx}>
      <h1>修改密码</h1>
      {p.forced ? (
        <p class="flash" role="status">
          这是您首次使用一次性密码登录，请先设置新密码。
        </p>
      ) : null}
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="post" action="/admin/password" novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <Field
          name="current"
          label="当前密码"
          type="password"
          required
          autocomplete="current-password"
          error={p.errors?.current}
        />
        <Field
          name="password"
          label="新密码"
          type="password"
          required
          autocomplete="new-password"
          hint={PASSWORD_RULE_TEXT}
          error={p.errors?.password}
        />
        <Field
          name="confirm"
          label="再次输入新密码"
          type="password"
          required
          autocomplete="new-password"
          error={p.errors?.confirm}
        />
        <button type="submit">保存新密码</button>
      </form>
    </AdminLayout>
  );
}
