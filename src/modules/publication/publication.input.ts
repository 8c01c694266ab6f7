// The publication form: every field as the user typed it, validated with Chinese messages.
// Shared by the admin form, the revision form and the CSV/JSON import.
import type { FieldErrors } from '../../platform/errors.ts';
import { formValue, formValues, parseForm, type FormSpec } from '../../platform/forms.ts';
import { isValidIsoDate } from '../calendar/index.ts';
import { mediaUrlProblem } from './publication.rules.ts';
import { disclosureProblems } from './disclosure.rules.ts';
import {
  CHANNELS,
  DOC_KINDS,
  type DisclosureMode,
  INTERPRETATION_FORMS,
  VALIDITIES,
  type Channel,
  type DocKind,
  type InterpretationForm,
  type Validity,
} from './publication.tables.ts';

export type PublicationFormKey =
  | 'title'
  | 'summary'
  | 'body'
  | 'issuer'
  | 'formedOn'
  | 'documentNumber'
  | 'validity'
  | 'effectiveOn'
  | 'topic'
  | 'keywords'
  | 'docKind'
  | 'issuedOn'
  | 'related';

const DATE = {
  pattern: /^\d{4}-\d{2}-\d{2}$/,
  patternMessage: '日期格式应为 2025-06-02。',
  check: (v: string) => (isValidIsoDate(v) ? null : '这一天不存在，请检查日期。'),
};

export const PUBLICATION_FORM: FormSpec<PublicationFormKey> = {
  title: { label: '标题', required: true, max: 200 },
  summary: { label: '内容概述', max: 500 },
  body: { label: '正文', required: true, max: 200_000 },
  issuer: { label: '发布机构', required: true, max: 60 },
  formedOn: { label: '成文日期', required: true, ...DATE },
  documentNumber: { label: '文号', max: 60 },
  validity: { label: '有效性', required: true, oneOf: VALIDITIES },
  effectiveOn: { label: '实施日期', ...DATE },
  topic: { label: '主题分类', max: 60 },
  keywords: { label: '关键词', max: 100 },
  docKind: { label: '文件类型', required: true, oneOf: DOC_KINDS },
  issuedOn: { label: '印发日期', ...DATE },
  related: { label: '相关信息', max: 2000 },
};

export interface PublicationInput {
  values: Record<PublicationFormKey, string>;
  categoryIds: string[];
  channels: string[];
  /** 政策解读 (issue #17 point 1): the form ('' = not a 解读), the policy's id, the 音视频 link. */
  interpretation?: { form: string; interprets: string; mediaUrl: string };
  /**
   * 公开属性 (issue #17 point 3): mode, legal ground, explanation as typed. Absent (imports of
   * released items, the CLI, test factories): 主动公开, or the stored attribute on an edit.
   */
  disclosure?: { mode: string; ground: string; note: string };
}

export interface CheckedInput {
  title: string;
  summary: string;
  body: string;
  issuer: string;
  formedOn: string;
  documentNumber: string;
  validity: Validity;
  effectiveOn: string | null;
  topic: string;
  keywords: string;
  docKind: DocKind;
  issuedOn: string | null;
  categoryIds: number[];
  channels: Channel[];
  relatedIndexNumbers: string[];
  interpretationForm: InterpretationForm | '';
  interpretsId: number | null;
  mediaUrl: string;
  /** null: the input did not carry the attribute (keep the stored one, 主动公开 when new). */
  disclosure: { mode: DisclosureMode; ground: string; note: string } | null;
}

export function inputFromBody(body: unknown): PublicationInput {
  return {
    values: parseForm(body, PUBLICATION_FORM).values,
    categoryIds: formValues(body, 'categoryIds'),
    channels: formValues(body, 'channels'),
    interpretation: {
      form: formValue(body, 'interpretationForm').trim(),
      interprets: formValue(body, 'interprets').trim(),
      mediaUrl: formValue(body, 'mediaUrl').trim(),
    },
    // The form always sends the attribute (a radio group with one checked); a client that sends
    // none of its fields leaves it as stored (主动公开 for a new draft).
    ...(hasAny(body, ['disclosureMode', 'disclosureGround', 'disclosureNote'])
      ? {
          disclosure: {
            mode: formValue(body, 'disclosureMode').trim(),
            ground: formValue(body, 'disclosureGround').trim(),
            note: formValue(body, 'disclosureNote').trim(),
          },
        }
      : {}),
  };
}

function hasAny(body: unknown, keys: string[]): boolean {
  return typeof body === 'object' && body !== null && keys.some((k) => k in body);
}

/** What a blank publication form holds before anyone types: empty text, 有效, 其他. */
const BLANK_VALUES: Record<PublicationFormKey, string> = {
  title: '',
  summary: '',
  body: '',
  issuer: '',
  formedOn: '',
  documentNumber: '',
  validity: 'valid',
  effectiveOn: '',
  topic: '',
  keywords: '',
  docKind: 'other',
  issuedOn: '',
  related: '',
};

/**
 * A draft's input written by code (the annual report, a 转主动公开 suggestion, the demo, tests):
 * the fields it states on a blank form, published on the website unless `more` says otherwise; no
 * 公开属性 given, so a new draft
 * is 主动公开.
 */
export function draftInput(
  values: Pick<Record<PublicationFormKey, string>, 'title' | 'body' | 'issuer' | 'formedOn'> &
    Partial<Record<PublicationFormKey, string>>,
  categoryIds: string[],
  more: Partial<Pick<PublicationInput, 'channels' | 'interpretation' | 'disclosure'>> = {},
): PublicationInput {
  return { values: { ...BLANK_VALUES, ...values }, categoryIds, channels: ['website'], ...more };
}

export const emptyInput = (issuer: string, today: string): PublicationInput =>
  // 公开为常态、不公开为例外 (条例 第五条): a new draft starts as 主动公开; the drafter changes it.
  draftInput({ title: '', body: '', issuer, formedOn: today }, [], {
    disclosure: { mode: 'proactive', ground: '', note: '' },
  });

/** Field checks that need no database; category ownership is checked by the service. */
export function checkInput(input: PublicationInput): { checked: CheckedInput | null; errors: FieldErrors } {
  const { errors } = parseForm(input.values, PUBLICATION_FORM);
  const v = input.values;
  const categoryIds = [...new Set(input.categoryIds.filter((s) => /^\d{1,10}$/.test(s)).map(Number))];
  if (!categoryIds.length) errors.categoryIds = '请至少选择一个目录分类。';
  const channels = [...new Set(input.channels)];
  if (!channels.length) errors.channels = '请至少选择一种公开方式。';
  else if (channels.some((c) => !(CHANNELS as readonly string[]).includes(c)))
    errors.channels = '公开方式不正确，请从列表中选择。';
  if (!errors.docKind && v.docKind !== 'other' && !v.issuedOn && !errors.issuedOn)
    errors.issuedOn = '规章和行政规范性文件须填写印发日期。';
  if (!errors.effectiveOn && v.effectiveOn && !errors.formedOn && v.effectiveOn < v.formedOn)
    errors.effectiveOn = '实施日期不能早于成文日期。';
  const it = input.interpretation ?? { form: '', interprets: '', mediaUrl: '' };
  let interpretsId: number | null = null;
  if (it.form && !(INTERPRETATION_FORMS as readonly string[]).includes(it.form))
    errors.interpretationForm = '解读形式不正确，请从列表中选择。';
  else if (it.form) {
    if (!/^\d{1,10}$/.test(it.interprets)) errors.interprets = '请选择该解读所解读的政策文件。';
    else interpretsId = Number(it.interprets);
    const problem = mediaUrlProblem(it.mediaUrl);
    if (problem) errors.mediaUrl = problem;
  } else if (it.interprets) errors.interpretationForm = '关联了政策文件的解读须选择解读形式。';
  const dc = input.disclosure;
  if (dc) Object.assign(errors, disclosureProblems(dc.mode, dc.ground, dc.note));
  const related = v.related
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (Object.keys(errors).length) return { checked: null, errors };
  return {
    errors,
    checked: {
      title: v.title,
      summary: v.summary,
      body: v.body,
      issuer: v.issuer,
      formedOn: v.formedOn,
      documentNumber: v.documentNumber,
      validity: v.validity as Validity,
      effectiveOn: v.effectiveOn || null,
      topic: v.topic,
      keywords: v.keywords,
      docKind: v.docKind as DocKind,
      issuedOn: v.issuedOn || null,
      categoryIds,
      channels: channels as Channel[],
      relatedIndexNumbers: [...new Set(related)],
      interpretationForm: (it.form || '') as InterpretationForm | '',
      interpretsId,
      mediaUrl: it.form ? it.mediaUrl : '',
      disclosure: dc
        ? { mode: dc.mode as DisclosureMode, ground: dc.mode === 'proactive' ? '' : dc.ground, note: dc.note }
        : null,
    },
  };
}

/** The raw value of a single form field (for the comment/reason fields of the actions). */
export const fieldOf = formValue;
