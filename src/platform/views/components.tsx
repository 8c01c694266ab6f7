// Shared view components. Every form control has a visible label, errors are tied to their
// field with aria-describedby, and an error summary at the top links to each field.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.ts';

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * What every public form that creates something carries: a field people never see and bots
 * fill in (`website`), and the form's one-time token (platform/public-submissions.ts).
 */
export function PublicFormGuards({ once }: { once: string }) {
  return (
    <>
      <Honeypot />
      <OnceField token={once} />
    </>
  );
}

/**
 * The one-time token of a form that creates something (platform/public-submissions.ts): the same
 * form sent twice makes one record. None on a form that edits (no token given).
 */
export function OnceField({ token }: { token: string | undefined }) {
  return token ? <input type="hidden" name="_once" value={token} /> : null;
}

/** The field people never see and bots fill in (checked by isHoneypotFilled). */
export function Honeypot() {
  return (
    <div class="hp-field" aria-hidden="true">
      <label for="f-website">网址（请勿填写）</label>
      <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** A message about the whole form (not one field), e.g. a refused submission: shown above it. */
export function FormRefusal({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>提交未成功</h2>
      <p>{message}</p>
    </div>
  );
}

/** A message about the whole form that is not a refusal (e.g. a sign-in that failed): shown above it. */
export function FormMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{message}</p>
    </div>
  );
}

/**
 * The error summary above a form. Each link leads to the field the message is about: `order` is
 * the page order of the fields (the summary follows it, so it reads like the form), `anchors`
 * sends a message about a group (e.g. "at least one contact") to the field it is shown at.
 */
export function ErrorSummary({
  errors,
  labels,
  order,
  anchors,
}: {
  errors: FieldErrors;
  labels?: Record<string, string>;
  order?: readonly string[];
  anchors?: Record<string, string>;
}) {
  const keys = Object.keys(errors);
  if (!keys.length) return null;
  const target = (k: string) => anchors?.[k] ?? k;
  const rank = (k: string) => {
    const i = order ? order.indexOf(target(k)) : -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = order ? [...keys].sort((a, b) => rank(a) - rank(b)) : keys;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">提交未成功，请修改以下 {keys.length} 处问题：</h2>
      <ul>
        {sorted.map((k) => (
          <li key={k}>
            <a href={`#f-${target(k)}`}>
              {labels?.[k] ? `${labels[k]}：` : ''}
              {errors[k]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'password' | 'email' | 'date' | 'number' | 'tel';
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  maxLength?: number;
}

export function describedBy(name: string, hint?: ComponentChildren, error?: string) {
  const ids = [hint ? `h-${name}` : '', error ? `e-${name}` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A control's hint and error, with the ids describedBy() points its aria-describedby at. */
function HintAndError(p: { name: string; hint?: ComponentChildren; error?: string | undefined }) {
  return (
    <>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`e-${p.name}`}>
          {p.error}
        </p>
      ) : null}
    </>
  );
}

export function FieldShell(props: {
  name: string;
  label: string;
  required?: boolean | undefined;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={`f-${props.name}`}>
        {props.label}
        {props.required ? <span class="req">（必填）</span> : null}
      </label>
      <HintAndError name={props.name} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

export function Field(p: FieldProps) {
  // Preact's input typings discriminate on a literal `type`; the attributes are built as data.
  const attrs: Record<string, unknown> = {
    id: `f-${p.name}`,
    name: p.name,
    type: p.type ?? 'text',
    value: p.value ?? '',
    required: p.required,
    autocomplete: p.autocomplete,
    inputMode: p.inputmode,
    maxLength: p.maxLength,
    'aria-invalid': p.error ? 'true' : undefined,
    'aria-describedby': describedBy(p.name, p.hint, p.error),
  };
  return (
    <FieldShell name={p.name} label={p.label} required={p.required} hint={p.hint} error={p.error}>
      <input {...attrs} />
    </FieldShell>
  );
}

/**
 * One "I agree" checkbox (`consent=yes`) whose error stands above it and is tied to it with
 * aria-describedby; `children` is what the person agrees to.
 */
export function ConsentCheckbox(p: { checked: boolean; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      {p.error ? (
        <p class="error" id="e-consent">
          {p.error}
        </p>
      ) : null}
      <label class="check">
        <input
          id="f-consent"
          type="checkbox"
          name="consent"
          value="yes"
          checked={p.checked}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={p.error ? 'e-consent' : undefined}
        />{' '}
        {p.children}
      </label>
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  return (
    <FieldShell name={p.name} label={p.label} required={p.required} hint={p.hint} error={p.error}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 6}
        required={p.required}
        maxLength={p.maxLength}
        autocomplete={p.autocomplete}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export function Select(p: FieldProps & { options: readonly { value: string; label: string }[]; emptyLabel?: string }) {
  return (
    <FieldShell name={p.name} label={p.label} required={p.required} hint={p.hint} error={p.error}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      >
        {p.emptyLabel !== undefined ? <option value="">{p.emptyLabel}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * A choice between a few options as radio buttons in a fieldset. The first button carries the
 * field's id (`f-<name>`), so the error summary's link lands on the choice.
 */
export function Radios(p: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  return (
    <fieldset
      class={p.error ? 'field field-error radios' : 'field radios'}
      aria-describedby={describedBy(p.name, p.hint, p.error)}
    >
      <legend>
        {p.legend}
        {p.required ? <span class="req">（必填）</span> : null}
      </legend>
      <HintAndError name={p.name} hint={p.hint} error={p.error} />
      {p.options.map((o, i) => (
        <label key={o.value} class="check">
          <input
            type="radio"
            name={p.name}
            value={o.value}
            id={i === 0 ? `f-${p.name}` : `f-${p.name}-${o.value}`}
            checked={o.value === p.value}
            aria-invalid={p.error ? 'true' : undefined}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Checkboxes(p: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  error?: string | undefined;
}) {
  return (
    <fieldset class={p.error ? 'field field-error' : 'field'} id={`f-${p.name}`}>
      <legend>{p.legend}</legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      {p.options.map((o) => (
        <label key={o.value} class="check">
          <input type="checkbox" name={p.name} value={o.value} checked={p.checked.includes(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Flash({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="flash" role="status">
      {text}
    </p>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="当前位置" class="breadcrumbs">
      <ol>
        {items.map((it, i) => (
          <li key={i}>
            {it.href && i < items.length - 1 ? (
              <a href={it.href}>{it.label}</a>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{it.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * A wide table in a horizontally scrollable box (narrow screens, large fonts). The box is
 * focusable and named, so that keyboard users can scroll it too (WCAG 2.1.1).
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A POST button in its own small form (logout, deactivate …): state changes never ride on GET. */
export function PostButton(p: {
  action: string;
  csrf: string;
  label: string;
  hidden?: Record<string, string>;
  danger?: boolean;
}) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <Csrf token={p.csrf} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.danger ? 'button danger' : 'button secondary'}>
        {p.label}
      </button>
    </form>
  );
}

/** A term of a description list and its value, left out when there is no value. */
export function Term({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
