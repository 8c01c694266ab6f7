// The personal-data guard on a 公示 (issue #18 point 3; 条例 第十五条): before a notice is saved or
// published, its title, its body and every cell of its table — each cell as its column's kind
// masks it — pass through the detectors 保密审查 uses on publications (platform/privacy/
// personal-data.ts: ID numbers, mobiles, landlines, bank cards, passports, e-mail, 门牌号/室
// addresses, names beside them; the agencies' own published contact data is never a finding).
// Anything found refuses the form or the publication with a Chinese message naming each place.
// The masks of the public table stay those of the column kinds, with the fail-closed second pass
// (noticeRowsMasked in notice.service.ts).
import { ValidationError } from '../../platform/errors.ts';
import {
  detectPersonalData,
  PERSONAL_DATA_LABELS,
  type KnownPublicData,
  type PersonalDataKind,
} from '../../platform/privacy/personal-data.ts';
import { maskRow } from '../../platform/privacy/masking.ts';
import type { NoticeColumn } from './notice.service.ts';

export interface NoticeFinding {
  field: 'title' | 'body' | 'rows';
  /** 标题 / 正文 / 第 2 行第 3 列“备注”. */
  place: string;
  kinds: PersonalDataKind[];
}

const kindsIn = (text: string, known: KnownPublicData): PersonalDataKind[] => [
  ...new Set(detectPersonalData(text, known).map((f) => f.kind)),
];

/** Every place of a notice that would publish personal data, in reading order. */
export function noticeFindings(
  notice: { title: string; body: string; columns: readonly NoticeColumn[]; rows: readonly string[][] },
  known: KnownPublicData,
): NoticeFinding[] {
  const out: NoticeFinding[] = [];
  for (const [field, place, text] of [
    ['title', '标题', notice.title],
    ['body', '正文', notice.body],
  ] as const) {
    const kinds = kindsIn(text, known);
    if (kinds.length) out.push({ field, place, kinds });
  }
  const columnKinds = notice.columns.map((c) => c.kind);
  notice.rows.forEach((r, i) =>
    maskRow(r, columnKinds).forEach((cell, j) => {
      const kinds = typeof cell === 'string' ? kindsIn(cell, known) : [];
      if (kinds.length)
        out.push({ field: 'rows', place: `第 ${i + 1} 行第 ${j + 1} 列“${notice.columns[j]?.label ?? ''}”`, kinds });
    }),
  );
  return out;
}

const SHOWN = 10;

function named(findings: readonly NoticeFinding[]): string {
  const list = findings
    .slice(0, SHOWN)
    .map((f) => `${f.place}（${f.kinds.map((k) => PERSONAL_DATA_LABELS[k]).join('、')}）`)
    .join('；');
  return findings.length > SHOWN ? `${list}等共 ${findings.length} 处` : list;
}

/** The messages per form field: the table's cells on 表格内容, the title and the body on theirs. */
export function noticeFindingMessages(findings: readonly NoticeFinding[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const cells = findings.filter((f) => f.field === 'rows');
  if (cells.length)
    errors.rows =
      `表格中以下单元格含有未按列类型隐藏的个人信息，公开后会泄露个人信息：${named(cells)}。` +
      '请把这些列的类型设为“身份证号”“电话”或“银行卡号”，或删去这些内容。';
  for (const field of ['title', 'body'] as const) {
    const f = findings.filter((x) => x.field === field);
    if (f.length)
      errors[field] =
        `${named(f)}含有个人信息，公开后会泄露。请删去，或改为遮盖后的写法（如 4331**********1234、138****0000、张*）；` +
        '名单请放在表格中并设置列的类型。';
  }
  return errors;
}

/** Refuses a notice that would publish personal data (422; at publishing, one sentence on the state). */
export function refuseNoticeFindings(findings: readonly NoticeFinding[], atPublish = false): void {
  if (!findings.length) return;
  const errors = noticeFindingMessages(findings);
  if (!atPublish) throw new ValidationError(errors);
  throw new ValidationError({ state: `不能发布：${Object.values(errors).join('')}请撤回此草稿后重新填写。` });
}
