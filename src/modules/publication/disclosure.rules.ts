// 公开属性源头认定 (issue #17 point 3): every document's disclosure attribute is decided when it
// is drafted — 主动公开, 依申请公开 or 不予公开 (条例 第十三条: 公开为常态; 主动公开 and
// 依申请公开 are the two ways of disclosing) — and a document that is not 主动公开 names its legal
// ground (条例 第十四条、第十五条、第十六条) before 签发. 条例 第十八条: what was not disclosed is
// reviewed periodically and disclosed when it may be; the interval is a setting (default 12 months).
import type { DisclosureMode } from './publication.tables.ts';

export const DISCLOSURE_MODE_LABELS: Record<DisclosureMode, string> = {
  proactive: '主动公开',
  onRequest: '依申请公开',
  withheld: '不予公开',
};

export interface DisclosureGround {
  key: string;
  /** The article it cites, as written in letters and on the page. */
  article: string;
  label: string;
  /** The attributes it may justify. */
  modes: readonly Exclude<DisclosureMode, 'proactive'>[];
}

/**
 * The legal grounds, one row each (RULES.md §1.9). 第十四条 binds (must not be disclosed), so it
 * justifies 不予公开 only; 第十五条 and 第十六条 may also leave a document to be given on request
 * (a third party asked first, 第三十二条; internal or process information the agency may still
 * give). A document that concerns particular persons only and needs no public knowledge or
 * participation (第十九条 read the other way) is 依申请公开 under 第十三条、第二十七条.
 */
export const DISCLOSURE_GROUNDS: readonly DisclosureGround[] = [
  {
    key: 'a14.secret',
    article: '条例第十四条',
    label: '依法确定为国家秘密的政府信息',
    modes: ['withheld'],
  },
  {
    key: 'a14.prohibited',
    article: '条例第十四条',
    label: '法律、行政法规禁止公开的政府信息',
    modes: ['withheld'],
  },
  {
    key: 'a14.security',
    article: '条例第十四条',
    label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息',
    modes: ['withheld'],
  },
  {
    key: 'a15.thirdParty',
    article: '条例第十五条',
    label: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息',
    modes: ['onRequest', 'withheld'],
  },
  {
    key: 'a16.internal',
    article: '条例第十六条第一款',
    label: '人事管理、后勤管理、内部工作流程等内部事务信息',
    modes: ['onRequest', 'withheld'],
  },
  {
    key: 'a16.process',
    article: '条例第十六条第二款',
    label: '讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    modes: ['onRequest', 'withheld'],
  },
  {
    key: 'a16.enforcement',
    article: '条例第十六条第二款',
    label: '行政执法案卷信息',
    modes: ['onRequest', 'withheld'],
  },
  {
    key: 'a13.particular',
    article: '条例第十三条、第二十七条',
    label: '仅涉及特定对象，不需要社会公众广泛知晓或参与的政府信息',
    modes: ['onRequest'],
  },
];

export function groundOf(key: string): DisclosureGround | undefined {
  return DISCLOSURE_GROUNDS.find((g) => g.key === key);
}

/** 「条例第十四条：依法确定为国家秘密的政府信息」, '' for no ground. */
export function groundText(key: string): string {
  const g = groundOf(key);
  return g ? `${g.article}：${g.label}` : '';
}

/** The longest explanation a drafter or reviewer writes. */
export const DISCLOSURE_NOTE_MAX = 500;

/**
 * The problems of an attribute as decided (field → message), none when it may be signed:
 * a mode; for 依申请公开 / 不予公开 a ground that fits the mode; an explanation within its length.
 */
export function disclosureProblems(mode: string, ground: string, note: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (mode !== 'proactive' && mode !== 'onRequest' && mode !== 'withheld') {
    out.disclosureMode = '请选择公开属性：主动公开、依申请公开或不予公开。';
    return out;
  }
  if (mode !== 'proactive') {
    const g = groundOf(ground);
    if (!g) out.disclosureGround = `${DISCLOSURE_MODE_LABELS[mode]}的信息须选择法定理由（条例第十四条至第十六条）。`;
    else if (!g.modes.includes(mode))
      out.disclosureGround = `“${g.label}”（${g.article}）不能作为${DISCLOSURE_MODE_LABELS[mode]}的理由，请重新选择。`;
  }
  if ([...note].length > DISCLOSURE_NOTE_MAX) out.disclosureNote = `说明不能超过 ${DISCLOSURE_NOTE_MAX} 个字符。`;
  return out;
}

/** 条例 第十八条: the default interval of the periodic review, in months (yearly). */
export const ATTRIBUTE_REVIEW_MONTHS_DEFAULT = 12;
export const ATTRIBUTE_REVIEW_MONTHS_KEY = 'publication.attributeReviewMonths';

/**
 * The same day `months` months later ('YYYY-MM-DD'); a day the target month lacks becomes its
 * last day (2024-02-29 + 12 months = 2025-02-28). Negative months count back.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When a document whose attribute was decided on `decidedOn` is next due for review (条例 第十八条). */
export function attributeReviewDueOn(decidedOn: string, months: number): string {
  return addMonths(decidedOn, months);
}

/**
 * The latest decision day that is due for review today: a document decided on or before it has
 * waited the whole interval (attributeReviewDueOn(decidedOn) <= today). The queue compares the
 * stored day with it, so a changed setting applies to every document at once.
 */
export function attributeReviewCutoff(today: string, months: number): string {
  // The largest D with addMonths(D, months) <= today: start from today − months and step over
  // month ends that clamp (e.g. 12 months before 2025-02-28 is 2024-02-29 as well).
  let d = addMonths(today, -months);
  for (;;) {
    const next = nextDay(d);
    if (addMonths(next, months) > today) return d;
    d = next;
  }
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
