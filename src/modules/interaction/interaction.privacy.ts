// What 留言选登 publishes of a letter (条例 第十五条, 《个人信息保护法》): the writer's own name, phone,
// e-mail and address go wherever they occur, then the texts pass through the personal-data guard's
// detectors (platform/privacy/personal-data.ts, the ones 保密审查 uses on publications: ID numbers,
// mobiles, landlines, bank cards, passports, e-mail, 门牌号/室 addresses, names beside them) and
// each finding is masked as the guard masks it (4331**********1234, 139****5678, 张*); anything still
// shaped like an ID or a mobile number is masked too (fail closed: a mistyped check digit).
// Staff see, before they decide, what will be masked (publicationFindings).
import {
  applyMasks,
  detectPersonalData,
  maskPersonalData,
  PERSONAL_DATA_LABELS,
} from '../../platform/privacy/personal-data.ts';
import type { CaseRow } from './interaction.repository.ts';

type Writer = Pick<CaseRow, 'writerName' | 'writerPhone' | 'writerEmail' | 'writerAddress'>;
interface Options {
  /** The agency's reply: a landline there is the office's number people are told to call. */
  keepLandlines?: boolean;
}

function withoutWriter(text: string, writer: Writer): { text: string; removed: number } {
  let out = text;
  let removed = 0;
  for (const value of [writer.writerAddress, writer.writerEmail, writer.writerPhone, writer.writerName]) {
    const v = value.trim();
    if ([...v].length < 2) continue;
    const parts = out.split(v);
    removed += parts.length - 1;
    out = parts.join('***');
  }
  return { text: out, removed };
}

const findingsOf = (text: string, opts: Options) =>
  detectPersonalData(text).filter((f) => !(opts.keepLandlines && f.kind === 'landline'));

/** The text as 留言选登 shows it. */
export function removePersonalData(text: string, writer: Writer, opts: Options = {}): string {
  const { text: out } = withoutWriter(text, writer);
  return applyMasks(out, findingsOf(out, opts))
    .replace(/(?<![\dXx*])(?:\d{17}[\dXx]|\d{15})(?![\dXx])/gu, (m) => maskPersonalData('idNumber', m))
    .replace(/(?<![\d*])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/gu, (m) => maskPersonalData('mobile', m));
}

/** What publishing a letter masks, field by field, for the staff's decision (never the raw text). */
export function publicationFindings(row: CaseRow): string[] {
  const fields: Array<[string, string, Options]> = [
    ['标题', row.topic, {}],
    ['来信内容', row.body, {}],
    ['答复', row.replyText, { keepLandlines: true }],
  ];
  const out: string[] = [];
  for (const [label, text, opts] of fields) {
    const { text: rest, removed } = withoutWriter(text, row);
    const found = findingsOf(rest, opts).map((f) => `${PERSONAL_DATA_LABELS[f.kind]} ${f.masked}`);
    if (removed) found.unshift(`来信人本人信息 ${removed} 处`);
    if (found.length) out.push(`${label}：${found.join('、')}`);
  }
  return out;
}
