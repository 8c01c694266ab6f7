// The file picker of the upload forms (evidence, attachments, imports), shaped like Field.
import type { ComponentChildren } from 'preact';
import { describedBy, FieldShell } from './components.tsx';

/**
 * A file picker (`multipart/form-data` forms): its label, the hint (`children`: the accepted types
 * and limits) and the error, tied to the input as in Field. A file input cannot keep its files when
 * the form comes back, so the hint is where a view says to choose them again.
 */
export function FileField(p: {
  name: string;
  label: string;
  error?: string | undefined;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <FieldShell name={p.name} label={p.label} hint={p.children} error={p.error}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type="file"
        multiple={p.multiple}
        required={p.required}
        accept={p.accept}
        aria-describedby={describedBy(p.name, p.children, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </FieldShell>
  );
}
