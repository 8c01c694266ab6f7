// The page for a form whose body failed the route's schema (platform/http/schema.ts): the
// problems, and the typed text given back in a form that posts to the same address again, so
// nothing typed is lost. Fields with a problem are editable; the others travel as they were.
import type { FieldErrors } from '../errors.ts';
import { Csrf, ErrorSummary } from './components.tsx';
import { AdminLayout, PortalLayout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** Characters that cannot be shown (NUL, controls, lone surrogates) become U+FFFD, visibly. */
// eslint-disable-next-line no-control-regex
const UNSHOWABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const shown = (s: string) => s.replace(UNSHOWABLE, '\uFFFD');

export function InputProblemPage(p: {
  ctx: PageContext;
  admin: boolean;
  action: string;
  fields: Record<string, unknown>;
  errors: FieldErrors;
  labels: Record<string, string>;
  hadFiles: boolean;
  /** Another heading and sentence (nothing wrong with the input: the database was busy). */
  title?: string;
  message?: string;
}) {
  const entries = Object.entries(p.fields).filter(([k]) => k !== '_csrf' && k !== '_files');
  const title = p.title ?? '提交的内容有误';
  const body = (
    <section>
      <h1>{title}</h1>
      <p>{p.message ?? '以下内容无法保存。请按提示修改后重新提交，其余已填写的内容会一并提交。'}</p>
      {p.hadFiles ? <p>原表单中选择的文件没有保存，请返回原页面重新选择。</p> : null}
      <ErrorSummary errors={p.errors} labels={p.labels} />
      <form method="post" action={p.action}>
        <Csrf token={p.ctx.csrfToken} />
        {entries.map(([name, value]) => {
          const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
          if (!(name in p.errors) || Array.isArray(value))
            return values.map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={shown(v)} />);
          return (
            <div class="field field-error" key={name}>
              <label for={`f-${name}`}>{p.labels[name] ?? name}</label>
              <p class="error" id={`e-${name}`}>
                {p.errors[name]}
              </p>
              <textarea id={`f-${name}`} name={name} rows={6} aria-describedby={`e-${name}`}>
                {shown(values[0] ?? '')}
              </textarea>
            </div>
          );
        })}
        <button type="submit" class="button">
          重新提交
        </button>
      </form>
    </section>
  );
  return p.admin ? (
    <AdminLayout title={title} ctx={p.ctx}>
      {body}
    </AdminLayout>
  ) : (
    <PortalLayout title={title} ctx={p.ctx}>
      {body}
    </PortalLayout>
  );
}
