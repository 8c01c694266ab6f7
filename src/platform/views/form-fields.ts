// A form's controls bound to the form's values and errors by name (see Field, TextArea, Select in
// components.tsx): the name is written once per control, not in its name, value and error.
import type { FieldErrors } from '../errors.ts';

/** The keys of a form's values that hold text (what a control can show). */
type TextKeys<V> = { [K in keyof V]-?: V[K] extends string | null | undefined ? K : never }[keyof V] & string;

/**
 * One form's controls bound to its values and errors by name: `<Field {...f('title', '标题')} required />`
 * gives the control its name (and so its ids `f-title`, `e-title`), its label, the value entered and
 * the error about it. `defaults` are the values a control shows before anything was entered (a date
 * that starts at today); a value given after the spread (`value={v.on ?? today}`) overrides the bound one.
 */
export function formFields<V extends object>(
  values: V | undefined,
  errors: FieldErrors | undefined,
  defaults?: Partial<Record<TextKeys<V>, string>>,
) {
  return <K extends TextKeys<V>>(name: K, label: string) => ({
    name,
    label,
    value: (values?.[name] ?? defaults?.[name] ?? undefined) as string | undefined,
    error: errors?.[name],
  });
}
