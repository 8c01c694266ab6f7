// 公开属性 (issue #17 point 3) on the staff pages: the draft form's fieldset (mode, legal ground,
// explanation), the panel of a document's attribute with its periodic review (条例 第十八条) and
// the reviewer's form (the county's review interval is a number setting: settings/number-setting.tsx).
import { Csrf, Radios, Select, TextArea } from '../../platform/views/components.tsx';
import { formFields } from '../../platform/views/form-fields.ts';
import {
  attributeReviewDueOn,
  DISCLOSURE_GROUNDS,
  DISCLOSURE_MODE_LABELS,
  DISCLOSURE_NOTE_MAX,
  groundText,
} from './disclosure.rules.ts';
import { DISCLOSURE_MODES, type DisclosureMode } from './publication.tables.ts';

const MODE_OPTIONS = DISCLOSURE_MODES.map((m) => ({ value: m, label: DISCLOSURE_MODE_LABELS[m] }));
const GROUND_OPTIONS = DISCLOSURE_GROUNDS.map((g) => ({
  value: g.key,
  label: `${g.article}：${g.label}（${g.modes.map((m) => DISCLOSURE_MODE_LABELS[m]).join('、')}）`,
}));

export const DISCLOSURE_FIELD_LABELS = {
  disclosureMode: '公开属性',
  disclosureGround: '不公开的法定理由',
  disclosureNote: '公开属性说明',
  reviewMode: '审核后的公开属性',
  reviewGround: '法定理由',
  reason: '审核理由',
};

/** The draft form's fieldset: the attribute decided at drafting (源头认定). */
export function DisclosureFields(p: {
  value: { mode: string; ground: string; note: string };
  errors: Record<string, string | undefined>;
}) {
  return (
    <fieldset class="field" id="disclosure">
      <legend>公开属性（源头认定）</legend>
      <p class="hint">
        起草时确定本文件的公开属性。以公开为常态、不公开为例外（条例第五条）；依申请公开或不予公开的，须选择条例第十四条至第十六条规定的理由，签发后登记备查、不在网站公开，并定期复核（条例第十八条）。
      </p>
      <Radios
        name="disclosureMode"
        legend="公开属性"
        options={MODE_OPTIONS}
        value={p.value.mode}
        error={p.errors.disclosureMode}
        required
      />
      <Select
        name="disclosureGround"
        label="不公开的法定理由"
        value={p.value.ground}
        emptyLabel="（主动公开的不选）"
        options={GROUND_OPTIONS}
        error={p.errors.disclosureGround}
        hint="依申请公开、不予公开时必选。"
      />
      <TextArea
        name="disclosureNote"
        label="公开属性说明"
        value={p.value.note}
        error={p.errors.disclosureNote}
        rows={2}
        maxLength={DISCLOSURE_NOTE_MAX}
        hint="可写明具体情形，如涉及哪一方的商业秘密。"
      />
    </fieldset>
  );
}

export interface ReviewRow {
  reviewedOn: string;
  modeBefore: DisclosureMode;
  modeAfter: DisclosureMode;
  groundAfter: string;
  reason: string;
  reviewer: string | null;
}

/** The attribute of a document on its staff page; for a recorded one, its reviews and the review form. */
export function DisclosurePanel(p: {
  pub: {
    id: number;
    state: string;
    disclosureMode: DisclosureMode;
    disclosureGround: string;
    disclosureNote: string;
    attributeDecidedOn: string | null;
  };
  months: number;
  today: string;
  reviews: ReviewRow[];
  canReview: boolean;
  csrf: string;
  errors?: Record<string, string> | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { pub } = p;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  const f = formFields(v, e);
  const dueOn = pub.attributeDecidedOn ? attributeReviewDueOn(pub.attributeDecidedOn, p.months) : null;
  return (
    <section aria-labelledby="h-disclosure" class="pub-disclosure">
      <h2 id="h-disclosure">公开属性</h2>
      <p>
        <strong>{DISCLOSURE_MODE_LABELS[pub.disclosureMode]}</strong>
        {pub.disclosureGround ? `（${groundText(pub.disclosureGround)}）` : ''}
      </p>
      {pub.disclosureNote ? <p class="prewrap">说明：{pub.disclosureNote}</p> : null}
      {pub.state === 'recorded' ? (
        <p>
          本文件不在网站公开，登记备查。公开属性最近认定于 {pub.attributeDecidedOn ?? '—'}，每 {p.months}{' '}
          个月复核一次（条例第十八条），
          {dueOn && dueOn <= p.today ? <strong>已到复核期（{dueOn}）</strong> : `下次复核 ${dueOn ?? '—'}`}。
        </p>
      ) : null}
      {p.reviews.length ? (
        <>
          <h3>复核记录</h3>
          <ul>
            {p.reviews.map((r, i) => (
              <li key={i}>
                {r.reviewedOn} {r.reviewer ?? ''}：
                {r.modeBefore === r.modeAfter ? '维持' : `由${DISCLOSURE_MODE_LABELS[r.modeBefore]}调整为`}
                {DISCLOSURE_MODE_LABELS[r.modeAfter]}
                {r.groundAfter ? `（${groundText(r.groundAfter)}）` : ''}；理由：<span class="prewrap">{r.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pub.state === 'recorded' && p.canReview ? (
        <form method="post" action={`/admin/publications/${pub.id}/attribute-review`} class="pub-action" novalidate>
          <Csrf token={p.csrf} />
          <Radios
            name="reviewMode"
            legend="审核后的公开属性"
            options={MODE_OPTIONS}
            value={v.reviewMode ?? pub.disclosureMode}
            error={e.reviewMode}
            hint="维持原属性，或调整；调整为主动公开的，转入保密审查和签发后在网站公开。"
            required
          />
          <Select
            name="reviewGround"
            label="法定理由"
            value={v.reviewGround ?? pub.disclosureGround}
            emptyLabel="（调整为主动公开的不选）"
            options={GROUND_OPTIONS}
            error={e.reviewGround}
          />
          <TextArea
            {...f('reason', '审核理由')}
            rows={3}
            required
            maxLength={500}
            hint="如：相关事项已办结，不再涉及过程性信息，可以主动公开。"
          />
          <button type="submit">保存复核结果</button>
        </form>
      ) : null}
    </section>
  );
}
