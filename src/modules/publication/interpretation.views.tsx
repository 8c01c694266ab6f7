// 政策解读 (issue #17 point 1) on the pages: the form's 解读 fields, the staff panel of a policy
// (its 解读, or the warning that it has none) and of a 解读 (the policy it explains), and the
// public blocks of the article page (a policy's released 解读; a 解读's policy).
import { Field, Select } from '../../platform/views/components.tsx';
import { INTERPRETATION_FORM_LABELS, needsInterpretation } from './publication.rules.ts';
import { STATE_LABELS } from './publication.states.ts';
import {
  INTERPRETATION_FORMS,
  type DocKind,
  type InterpretationForm,
  type PublicationState,
} from './publication.tables.ts';

type Option = { value: string; label: string };

export function interpretationFormLabel(form: string): string {
  return INTERPRETATION_FORM_LABELS[form as InterpretationForm] ?? '';
}

/** The form's fieldset: not a 解读, or a 解读 of one of the agency's policies, with its form and link. */
export function InterpretationFields(p: {
  value: { form: string; interprets: string; mediaUrl: string };
  policies: Option[];
  errors: Record<string, string | undefined>;
}) {
  return (
    <fieldset class="field" id="interpretation">
      <legend>政策解读</legend>
      <p class="hint">
        如本信息是对本机关某一政策文件的解读，请选择解读形式并关联该文件；政策文件页面和解读页面将互相链接。
      </p>
      <Select
        name="interpretationForm"
        label="解读形式"
        value={p.value.form}
        emptyLabel="不是政策解读"
        options={INTERPRETATION_FORMS.map((f) => ({ value: f, label: INTERPRETATION_FORM_LABELS[f] }))}
        error={p.errors.interpretationForm}
      />
      <Select
        name="interprets"
        label="所解读的政策文件"
        value={p.value.interprets}
        emptyLabel="（请选择）"
        options={p.policies}
        error={p.errors.interprets}
        hint="本机关尚未撤回的信息，规范性文件和规章排在前面。"
      />
      <Field
        name="mediaUrl"
        label="音视频链接"
        value={p.value.mediaUrl}
        error={p.errors.mediaUrl}
        maxLength={500}
        hint="音视频解读可上传 MP4、MP3 附件，或填写发布音视频的网址（以 http:// 或 https:// 开头）。"
      />
    </fieldset>
  );
}

export const policyOptionLabel = (r: { title: string; documentNumber: string; state: PublicationState }) =>
  `${r.title}${r.documentNumber ? `（${r.documentNumber}）` : ''}${r.state === 'published' ? '' : `［${STATE_LABELS[r.state]}］`}`;

export interface LinkedInterpretation {
  id: number;
  title: string;
  state: PublicationState;
  interpretationForm: string;
  publishedOn: string | null;
}

/** Staff page: the policy a 解读 explains, or a policy's 解读 and the warning when it has none released. */
export function InterpretationPanel(p: {
  pub: { id: number; agencyId: number; docKind: DocKind; state: PublicationState; interpretationForm: string };
  policy?: { id: number; title: string; state: PublicationState } | undefined;
  linked: LinkedInterpretation[];
  canDraft: boolean;
  /** Working days a released 规范性文件 may wait for its 解读 (the setting). */
  days: number;
}) {
  const { pub } = p;
  if (pub.interpretationForm) {
    return (
      <section aria-labelledby="interp-title" class="pub-interpretation">
        <h2 id="interp-title">政策解读</h2>
        <p>
          解读形式：{interpretationFormLabel(pub.interpretationForm)}。所解读的政策文件：
          {p.policy ? (
            <>
              <a href={`/admin/publications/${p.policy.id}`}>{p.policy.title}</a>（{STATE_LABELS[p.policy.state]}）
            </>
          ) : (
            '（未找到）'
          )}
        </p>
      </section>
    );
  }
  const released = p.linked.filter((i) => i.state === 'published');
  const live = p.linked.filter((i) => i.state !== 'withdrawn');
  const warn = needsInterpretation(pub.docKind) && pub.state !== 'withdrawn' && released.length === 0;
  if (!warn && p.linked.length === 0) return null;
  const when = p.days === 0 ? '与文件同步发布' : `在文件发布后 ${p.days} 个工作日内发布`;
  return (
    <section aria-labelledby="interp-title" class="pub-interpretation">
      <h2 id="interp-title">政策解读</h2>
      {warn ? (
        <div class="banner-warning" role="note">
          {pub.state === 'published'
            ? `该行政规范性文件已发布，但还没有已发布的政策解读。解读应${when}。`
            : live.length
              ? `该行政规范性文件的解读尚未发布（见下），解读应${when}，请一并审核签发。`
              : `该行政规范性文件还没有政策解读。签发发布时将缺少解读：解读应${when}。`}
        </div>
      ) : null}
      {p.linked.length ? (
        <ul>
          {p.linked.map((i) => (
            <li key={i.id}>
              <a href={`/admin/publications/${i.id}`}>{i.title}</a>（{interpretationFormLabel(i.interpretationForm)}，
              {STATE_LABELS[i.state]}
              {i.publishedOn ? ` ${i.publishedOn}` : ''}）
            </li>
          ))}
        </ul>
      ) : null}
      {p.canDraft ? (
        <p>
          <a href={`/admin/publications/new?agency=${pub.agencyId}&interprets=${pub.id}`}>起草该文件的政策解读</a>
        </p>
      ) : null}
    </section>
  );
}

/** Public article page: a policy's released 解读, or a 解读's policy (when released) and its recording link. */
export function PublicInterpretations(p: {
  form: string;
  mediaUrl: string;
  policy?: { id: number; title: string } | undefined;
  interpretations: { id: number; title: string; interpretationForm: string; publishedOn: string | null }[];
}) {
  if (p.form) {
    return (
      <section aria-labelledby="interp-title" class="no-print pub-interpretation">
        <h2 id="interp-title">解读的政策文件</h2>
        <p>解读形式：{interpretationFormLabel(p.form)}</p>
        {p.policy ? (
          <p>
            <a href={`/publications/${p.policy.id}`}>{p.policy.title}</a>
          </p>
        ) : null}
        {p.mediaUrl ? (
          <p>
            <a href={p.mediaUrl} rel="noopener noreferrer">
              观看或收听音视频解读
            </a>
          </p>
        ) : null}
      </section>
    );
  }
  if (!p.interpretations.length) return null;
  return (
    <section aria-labelledby="interp-title" class="no-print pub-interpretation">
      <h2 id="interp-title">政策解读</h2>
      <ul>
        {p.interpretations.map((i) => (
          <li key={i.id}>
            <a href={`/publications/${i.id}`}>{i.title}</a>{' '}
            <span class="muted">
              {interpretationFormLabel(i.interpretationForm)} {i.publishedOn}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
