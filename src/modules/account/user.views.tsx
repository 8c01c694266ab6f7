import {
  Breadcrumbs,
  Checkboxes,
  Csrf,
  ErrorSummary,
  Field,
  OnceField,
  PostButton,
  Select,
  TableScroll,
} from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import { AdminLayout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { ROLES, type Role } from './account.tables.ts';
import { ROLE_LABELS } from './user.service.ts';
import { beijingMinute } from '../../platform/chinese-date.ts';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface UserListItem {
  id: number;
  username: string;
  displayName: string;
  agencyName: string;
  active: number;
  /** Some address must wait before trying this username again (login throttling). */
  loginDelayed: boolean;
  lastLoginAt: string | null;
  roles: Role[];
}

export function UserListPage(p: { ctx: PageContext; users: UserListItem[]; canManage: boolean; now: string }) {
  return (
    <AdminLayout title="账号管理" ctx={p.ctx}>
      <Breadcrumbs items={[{ href: '/admin', label: '工作台' }, { label: '账号管理' }]} />
      <h1>账号管理</h1>
      {p.canManage ? (
        <p>
          <a class="button" href="/admin/users/new">
            新建账号
          </a>
        </p>
      ) : null}
      <TableScroll label="账号列表">
        <table>
          <caption class="muted">共 {p.users.length} 个账号</caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">单位</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">最近登录</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`/admin/users/${u.id}`}>{u.username}</a>
                </td>
                <td>{u.displayName}</td>
                <td>{u.agencyName}</td>
                <td>{u.roles.map((r) => ROLE_LABELS[r]).join('、')}</td>
                <td>{u.active !== 1 ? '已停用' : u.loginDelayed ? '登录受限' : '正常'}</td>
                <td>{u.lastLoginAt ? beijingMinute(u.lastLoginAt) : '从未登录'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

export interface UserFormValues {
  agencyId: string;
  username: string;
  displayName: string;
  email: string;
  roles: string[];
}

export function UserFormPage(p: {
  ctx: PageContext;
  mode: 'new' | 'edit';
  userId?: number;
  values: UserFormValues;
  agencies: { value: string; label: string }[];
  errors?: FieldErrors;
  status?: { active: boolean; locked: boolean };
  /** The one-time token of the 新建账号 form (none when editing). */
  once?: string | undefined;
}) {
  const e = p.errors ?? {};
  const f = formFields(p.values, e);
  const action = p.mode === 'new' ? '/admin/users' : `/admin/users/${p.userId}`;
  const title = p.mode === 'new' ? '新建账号' : `编辑账号 ${p.values.username}`;
  return (
    <AdminLayout title={title} ctx={p.ctx}>
      <Breadcrumbs
        items={[{ href: '/admin', label: '工作台' }, { href: '/admin/users', label: '账号管理' }, { label: title }]}
      />
      <h1>{title}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={action} novalidate>
        <Csrf token={p.ctx.csrfToken} />
        <OnceField token={p.once} />
        {p.mode === 'new' ? (
          <>
            <Select {...f('agencyId', '所属单位')} options={p.agencies} required />
            <Field {...f('username', '用户名')} required hint="小写字母开头，3–32 位，用于登录。" autocomplete="off" />
          </>
        ) : null}
        <Field {...f('displayName', '姓名')} required maxLength={50} />
        <Field {...f('email', '电子邮箱')} type="email" hint="用于接收办理提醒，可不填。" />
        <Checkboxes name="roles" legend="角色" options={ROLE_OPTIONS} checked={p.values.roles} error={e.roles} />
        <button type="submit">{p.mode === 'new' ? '创建账号' : '保存'}</button>
      </form>
      {p.mode === 'edit' && p.userId && p.status ? (
        <section>
          <h2>账号操作</h2>
          <div class="actions">
            <PostButton action={`/admin/users/${p.userId}/reset`} csrf={p.ctx.csrfToken} label="重置为一次性密码" />
            {p.status.locked ? (
              <PostButton action={`/admin/users/${p.userId}/unlock`} csrf={p.ctx.csrfToken} label="解除登录限制" />
            ) : null}
            {p.status.active ? (
              <PostButton
                action={`/admin/users/${p.userId}/deactivate`}
                csrf={p.ctx.csrfToken}
                label="停用账号"
                danger
              />
            ) : (
              <PostButton action={`/admin/users/${p.userId}/activate`} csrf={p.ctx.csrfToken} label="启用账号" />
            )}
          </div>
        </section>
      ) : null}
    </AdminLayout>
  );
}

export function OneTimePasswordPage(p: { ctx: PageContext; username: string; password: string; created: boolean }) {
  return (
    <AdminLayout title="一次性密码" ctx={p.ctx}>
      <h1>{p.created ? '账号已创建' : '密码已重置'}</h1>
      <p>
        账号 <strong>{p.username}</strong>{' '}
        的一次性密码如下。此密码只显示这一次，请当面或通过安全渠道告知本人；首次登录后须立即修改。
      </p>
      <p class="otp">{p.password}</p>
      <p>
        <a href="/admin/users">返回账号列表</a>
      </p>
    </AdminLayout>
  );
}
