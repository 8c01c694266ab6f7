// The public side's form and presenters (STYLE practice 11): the comment form as configured for
// the period (name / phone optional, required or not asked), and what the 反馈 shows of a comment
// — its text only with the commenter's consent, the name masked (张三 → 张*, platform/privacy
// masks), the commenter's own phone and e-mail and every personal number in the text masked too,
// and never the phone or e-mail themselves (fail closed: an empty or unmaskable name is 匿名).
import type { FieldErrors } from '../../platform/errors.ts';
import { formValue, parseForm, type FieldSpec } from '../../platform/forms.ts';
import { maskPersonalNumbers } from '../../platform/privacy/detectors.ts';
import { maskName } from '../../platform/privacy/masking.ts';
import { isValidEmail, isValidPhone } from '../../platform/validation/phone.ts';
import type { CommentPeriodRow, PublicCommentRow } from './comment-period.repository.ts';
import { VERDICT_LABELS } from './comment-period.rules.ts';
import type { ContactRule, Verdict } from './comment-period.tables.ts';

export interface CommentFormValues {
  body: string;
  commenterName: string;
  commenterPhone: string;
  commenterEmail: string;
}

export const EMPTY_COMMENT: CommentFormValues = { body: '', commenterName: '', commenterPhone: '', commenterEmail: '' };

const asked = (rule: ContactRule, spec: FieldSpec): FieldSpec | null =>
  rule === 'hidden' ? null : { ...spec, required: rule === 'required' };

/** The comment form's fields as the period asks for them. */
export function commentFormSpec(p: Pick<CommentPeriodRow, 'nameRule' | 'phoneRule'>): Record<string, FieldSpec> {
  const spec: Record<string, FieldSpec> = { body: { label: '意见内容', required: true, min: 5, max: 5000 } };
  const name = asked(p.nameRule, { label: '姓名', max: 50 });
  if (name) spec.commenterName = name;
  const phone = asked(p.phoneRule, {
    label: '联系电话',
    max: 30,
    check: (v) => (isValidPhone(v) ? null : '请填写有效的手机号码或固定电话（含区号）。'),
  });
  if (phone) spec.commenterPhone = phone;
  spec.commenterEmail = {
    label: '电子邮箱',
    max: 100,
    check: (v) => (isValidEmail(v) ? null : '电子邮箱的格式不正确。'),
  };
  return spec;
}

export function readCommentForm(
  body: unknown,
  p: Pick<CommentPeriodRow, 'nameRule' | 'phoneRule'>,
): { values: CommentFormValues; consent: boolean; errors: FieldErrors } {
  const form = parseForm(body, commentFormSpec(p));
  const values = { ...EMPTY_COMMENT, ...form.values };
  return { values, consent: formValue(body, 'publishConsent') === 'yes', errors: form.errors };
}

export interface PublicCommentView {
  id: number;
  /** Masked name, or 匿名. */
  by: string;
  /** The text with personal data masked, or null without the commenter's consent. */
  body: string | null;
  verdict: string;
  reason: string;
}

/** A text with the commenter's own contact data and every personal number masked. */
export function scrubCommentText(
  text: string,
  c: Pick<PublicCommentRow, 'commenterName' | 'commenterPhone' | 'commenterEmail'>,
): string {
  let out = text;
  const name = c.commenterName.trim();
  if ([...name].length >= 2) out = out.split(name).join(maskName(name));
  for (const v of [c.commenterPhone.trim(), c.commenterEmail.trim()]) if (v.length >= 3) out = out.split(v).join('***');
  return maskPersonalNumbers(out).replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu, '***');
}

export function presentCommentForPublic(c: PublicCommentRow): PublicCommentView {
  const masked = maskName(c.commenterName);
  return {
    id: c.id,
    by: masked && masked !== '*' ? masked : '匿名',
    body: c.publishConsent === 1 ? scrubCommentText(c.body, c) : null,
    verdict: c.verdict ? VERDICT_LABELS[c.verdict as Verdict] : '',
    reason: scrubCommentText(c.verdictReason, c),
  };
}
