// The personal-data guard's detectors (issue #18 point 1): everything in a text that identifies or
// reaches a natural person — resident ID numbers (18 characters with check and a real birth date,
// the old 15-digit form), mobile and landline numbers, bank cards (Luhn), passport and 港澳通行证
// numbers, e-mail addresses, detailed home addresses (门牌号 down to the 室 or the 组 and 号), a
// 统一社会信用代码 only when it stands beside a person's name (a 个体工商户's code identifies its owner),
// and the names standing beside any of these. Pure functions, no I/O.
//
// The numbers come from detectors.ts (runs of digit groups, so a number inside a longer digit run,
// a date or an amount is never a finding). What an agency publishes about itself in its profile
// (office phone and fax, e-mail, credit code, address) is public by law (条例 第二十条第二项) and is
// never a finding: pass it as `known`.
//
// Each finding carries the text as written (for masking in place; never stored), the same text
// masked (what is stored and shown), its offsets, and a confidence: 'high' where a check character
// or a strict shape makes a false finding unlikely (18-digit ID, mobile, e-mail, 室 addresses),
// 'medium' where the shape alone is weaker (15-digit ID, landline, bank card, passport, 组/号
// addresses, a labelled name), 'low' for an unlabelled name beside another finding.
//
// Masks (what the one-click masking writes into a body, as the issue states them): ID numbers keep
// the first 4 and last 4 characters (4331**********1234); mobiles the first 3 and last 4
// (138****0000); landlines their area code and last 4; bank cards the first 4 and last 4; names
// their first character (张**); e-mails the first character of the mailbox and the domain; passports
// and credit codes the first 2 and last 3; addresses keep the road, village or compound and lose the
// numbers after it. Every mask keeps the text's length, character for character (separators stay
// where they are), so that a body's HTML can be masked in place (html-text.ts maskHtml).
import { findPersonalNumbers, type PersonalNumberKind } from './detectors.ts';
import { isValidCreditCode } from '../validation/credit-code.ts';

export type PersonalDataKind = PersonalNumberKind | 'passport' | 'email' | 'creditCode' | 'address' | 'name';

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  idNumber: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话号码',
  bankCard: '银行卡号',
  passport: '护照或通行证号码',
  email: '电子邮箱',
  creditCode: '个人的统一社会信用代码',
  address: '详细住址',
  name: '姓名',
};

export type Confidence = 'high' | 'medium' | 'low';

export const CONFIDENCE_LABELS: Record<Confidence, string> = { high: '高', medium: '中', low: '低' };

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** As written in the text: used to mask in place, never stored or shown. */
  text: string;
  /** The same text masked: what is stored and shown. */
  masked: string;
  start: number;
  end: number;
  confidence: Confidence;
}

/** What an agency publishes about itself: never a finding. */
export interface KnownPublicData {
  phones?: readonly string[];
  emails?: readonly string[];
  creditCodes?: readonly string[];
  addresses?: readonly string[];
}

const digitsOf = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[^\dXx]/gu, '')
    .toUpperCase();
const withoutCountry = (d: string): string => d.replace(/^(?:00)?86(?=1[3-9]\d{9}$)/u, '');

function maskChars(text: string, keepFirst: number, keepLast: number, pattern: RegExp): string {
  const chars = Array.from(text);
  const at = chars.flatMap((ch, i) => (pattern.test(ch) ? [i] : []));
  at.forEach((i, n) => {
    if (n >= keepFirst && n < at.length - keepLast) chars[i] = '*';
  });
  return chars.join('');
}

const DIGITLIKE = /[\dXx\uFF10-\uFF19\uFF38\uFF58]/u;
const ALNUM = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/u;

/** A finding's text masked as the guard masks its kind. */
export function maskPersonalData(kind: PersonalDataKind, text: string): string {
  switch (kind) {
    case 'idNumber':
      return maskChars(text, 4, 4, DIGITLIKE);
    case 'mobile': {
      const d = digitsOf(text);
      // A country code in front keeps its digits too.
      return maskChars(text, d.length - 8, 4, DIGITLIKE);
    }
    case 'landline': {
      const d = digitsOf(text);
      const area = /^(?:010|02\d)/u.test(d) ? 3 : 4;
      return maskChars(text, area, 4, DIGITLIKE);
    }
    case 'bankCard':
      return maskChars(text, 4, 4, DIGITLIKE);
    case 'passport':
    case 'creditCode':
      return maskChars(text, 2, 3, ALNUM);
    case 'email': {
      const at = text.indexOf('@');
      const box = Array.from(text.slice(0, Math.max(at, 0)));
      return at <= 0 ? '*'.repeat(Array.from(text).length) : `${box[0]}${'*'.repeat(box.length - 1)}${text.slice(at)}`;
    }
    case 'name':
      return Array.from(text)
        .map((ch, i) => (i === 0 || /\s/u.test(ch) ? ch : '*'))
        .join('');
    case 'address': {
      // Keep through the road, lane, village or residential compound; the numbers after it go.
      const m = /^.*?(?:路|街|巷|弄|胡同|道|村|社区|小区|花园|苑|公寓|大厦)/u.exec(text);
      const keep = m && m[0].length < text.length ? m[0] : '';
      return keep + '*'.repeat(Array.from(text.slice(keep.length)).length);
    }
  }
}

// --- passports and 港澳通行证 -------------------------------------------------------------------
// Ordinary passports: E + 8 digits, or E + a letter (not I/O) + 7 digits; older G + 8 digits; service
// and diplomatic passports S/D/P + 7–8 digits. 往来港澳通行证: C + 8 digits, or C + a letter + 7
// digits; 港澳居民来往内地通行证 (回乡证): H or M + 8 or 10 digits. The whole token must stand alone (no
// letter or digit touching it), and without a word such as 护照/通行证/证件 before it the finding is
// only 'medium'.
const PASSPORT =
  /(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[SDP]E?\d{7,8}|C\d{8}|C[A-HJ-NP-Z]\d{7}|[HM]\d{8}(?:\d{2})?)(?![0-9A-Za-z])/gu;
const PASSPORT_WORD = /(?:护照|通行证|回乡证|证件号|证件号码|证号)[^\n]{0,12}$/u;

// --- e-mail ----------------------------------------------------------------------------------------
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9])/gu;

// --- 统一社会信用代码 ------------------------------------------------------------------------------
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUW-Y]{18}(?![0-9A-Za-z])/gu;

// --- detailed home addresses -------------------------------------------------------------------------
// A street address down to the flat (…号…室, …栋…单元…室), or a village address down to the house
// (…村…组…号), or anything written as a 门牌号. An address that stops at the road and number (an
// office's or a shop's) is not a finding.
const NUM = '[0-9０-９一二三四五六七八九十百零〇两A-Za-z-]{1,6}';
const PLACE_CHARS = '[\\u4e00-\\u9fa50-9０-９A-Za-z]';
const ADDRESS_FLAT = new RegExp(
  `${PLACE_CHARS}{2,30}?(?:路|街|巷|弄|胡同|大道|道|小区|花园|苑|公寓|大厦|村|社区)${PLACE_CHARS}{0,12}?(?:${NUM}(?:号楼|号院|号|栋|幢|座|单元|楼|层)){1,4}${NUM}(?:室|房|户)`,
  'gu',
);
const ADDRESS_VILLAGE = new RegExp(`${PLACE_CHARS}{1,20}?村${NUM}(?:组|队|社)${NUM}号`, 'gu');
const ADDRESS_DOORPLATE = new RegExp(`门牌号?[:：]?\\s*${PLACE_CHARS}{0,20}?${NUM}号(?:${NUM}(?:室|栋|单元))*`, 'gu');
// What every match of ADDRESS_FLAT and ADDRESS_VILLAGE contains: the last 号/栋/单元… with the flat's
// number and 室/房/户; 村, the 组's number and the house's 号. The patterns start with a lazy run of
// place characters and were tried at every character of a text (~0.27 ms of a 4.8 KB bench row,
// the detectors' largest cost): a text without this part has no match, and is not searched.
const FLAT_END = new RegExp(`[号楼院栋幢座元层]${NUM}[室房户]`, 'u');
const VILLAGE_END = new RegExp(`村${NUM}[组队社]${NUM}号`, 'u');
export const ADDRESS_PATTERNS: ReadonlyArray<[pattern: RegExp, needs: RegExp | null]> = [
  [ADDRESS_FLAT, FLAT_END],
  [ADDRESS_DOORPLATE, null],
  [ADDRESS_VILLAGE, VILLAGE_END],
];

// --- names -------------------------------------------------------------------------------------------
// Single-character surnames covering ~95% of the population, and compound surnames.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝彭';
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
];
const NAME_LABEL =
  /(?:姓名|户主|申请人|联系人|经营者|业主|法定代表人|负责人|收款人|持卡人|开户人|账户名|户名|本人|家属|当事人|被申请人|投诉人|举报人|监护人|配偶|之子|之女)\s*[:：]?\s*$/u;
// Words that start with a surname character but name a place, a body or a thing.
const NOT_A_NAME =
  /(?:区|县|市|省|镇|乡|村|组|局|办|委|院|所|站|室|处|科|队|会|部|厅|中心|公司|银行|学校|小学|中学|医院|电话|号码|地址|邮箱|手机|住址|路|街|号|年|月|日|元|户|人|证|卡|费|款|金)$/u;
const NAME_WINDOW_BEFORE = 24;
const NAME_WINDOW_AFTER = 8;

function isSurnameStart(token: string): boolean {
  return SURNAMES.includes(token[0] as string) || COMPOUND_SURNAMES.some((c) => token.startsWith(c));
}

const LABEL_IN_RUN =
  /(?:姓名|户主|申请人|联系人|经营者|业主|法定代表人|负责人|收款人|持卡人|开户人|户名|家属|当事人|投诉人|举报人|监护人|配偶)/gu;

/** Names (2–4 Han characters starting with a surname) standing alone or after a label, within [from, to). */
function namesNear(text: string, from: number, to: number): Array<{ start: number; end: number; labelled: boolean }> {
  const out: Array<{ start: number; end: number; labelled: boolean }> = [];
  const [ls, le] = lineBounds(text, from);
  for (const m of text.slice(ls, le).matchAll(/[\u4e00-\u9fa5]+/gu)) {
    const runStart = ls + m.index;
    const runEnd = runStart + m[0].length;
    if (runEnd <= from || runStart >= to) continue;
    // A label inside the run (联系人王小明): the name follows its last label.
    let labelEnd = -1;
    for (const l of m[0].matchAll(LABEL_IN_RUN)) labelEnd = l.index + l[0].length;
    const before = text.slice(Math.max(0, runStart - 10), runStart);
    if (labelEnd >= 0) {
      const s = runStart + labelEnd;
      const rest = m[0].slice(labelEnd);
      // 2 or 3 characters after the label: a longer run is read as its first three (户主张三丰同志 → 张三丰).
      const c =
        rest.length <= 3
          ? rest
          : /^..(?:电话|手机|身份|住址|地址|同志|先生|女士|联系|卡号|账号|家)/u.test(rest)
            ? rest.slice(0, 2)
            : rest.slice(0, 3);
      if (c.length >= 2 && isSurnameStart(c) && !NOT_A_NAME.test(c))
        out.push({ start: s, end: s + c.length, labelled: true });
      continue;
    }
    const w = m[0];
    if (w.length < 2 || w.length > 4 || !isSurnameStart(w) || NOT_A_NAME.test(w)) continue;
    // Unlabelled: the whole run is the name (it stands alone between non-Han characters).
    out.push({ start: runStart, end: runEnd, labelled: NAME_LABEL.test(before) });
  }
  return out;
}

/** The line (or table row) around an offset: names are looked for only there. */
function lineBounds(text: string, at: number): [number, number] {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  const e = text.indexOf('\n', at);
  return [s, e === -1 ? text.length : e];
}

type KnownSets = ReturnType<typeof knownSets>;
const knownOf = new WeakMap<KnownPublicData, KnownSets>();

/**
 * `known` as sets, made once per KnownPublicData object: a caller scans many texts with one (a bulk
 * import every row's title, summary and body, with every agency's phones, e-mails, codes and
 * addresses — 5,000 agencies at a province's scale).
 */
function known(knownData: KnownPublicData | undefined): KnownSets {
  if (!knownData) return knownSets(undefined);
  let k = knownOf.get(knownData);
  if (!k) {
    k = knownSets(knownData);
    knownOf.set(knownData, k);
  }
  return k;
}

function knownSets(knownData: KnownPublicData | undefined) {
  return {
    phones: new Set((knownData?.phones ?? []).map((p) => withoutCountry(digitsOf(p))).filter((d) => d.length >= 7)),
    emails: new Set((knownData?.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean)),
    codes: new Set((knownData?.creditCodes ?? []).map((c) => digitsOrLetters(c)).filter(Boolean)),
    addresses: (knownData?.addresses ?? []).map((a) => a.replace(/\s/gu, '')).filter((a) => a.length >= 4),
  };
}
const digitsOrLetters = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/gu, '');

/**
 * Every piece of personal data in `text`, in order of position, none overlapping; what `known`
 * lists (the agency's own published contact data) is left out.
 */
export function detectPersonalData(text: string, knownData?: KnownPublicData): PersonalDataFinding[] {
  const k = known(knownData);
  const found: PersonalDataFinding[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && f.start < end);
  const add = (kind: PersonalDataKind, start: number, end: number, confidence: Confidence) => {
    if (taken(start, end)) return;
    const t = text.slice(start, end);
    found.push({ kind, text: t, masked: maskPersonalData(kind, t), start, end, confidence });
  };

  for (const n of findPersonalNumbers(text)) {
    const d = withoutCountry(digitsOf(n.text));
    if ((n.kind === 'mobile' || n.kind === 'landline') && k.phones.has(d)) continue;
    const confidence: Confidence =
      n.kind === 'idNumber'
        ? d.length === 18
          ? 'high'
          : 'medium'
        : n.kind === 'mobile'
          ? 'high'
          : n.kind === 'bankCard' &&
              /(?:卡号|账号|帐号|银行)[^\n]{0,12}$/u.test(text.slice(Math.max(0, n.start - 16), n.start))
            ? 'high'
            : 'medium';
    add(n.kind, n.start, n.end, confidence);
  }

  for (const m of text.matchAll(EMAIL)) {
    if (k.emails.has(m[0].toLowerCase())) continue;
    add('email', m.index, m.index + m[0].length, 'high');
  }

  for (const m of text.matchAll(PASSPORT)) {
    const labelled = PASSPORT_WORD.test(text.slice(Math.max(0, m.index - 16), m.index));
    add('passport', m.index, m.index + m[0].length, labelled ? 'high' : 'medium');
  }

  const isKnownAddress = (a: string) =>
    k.addresses.some((known) => a.replace(/\s/gu, '').includes(known) || known.includes(a.replace(/\s/gu, '')));
  for (const [re, needs] of ADDRESS_PATTERNS) {
    if (needs && !needs.test(text)) continue;
    for (const m of text.matchAll(re)) {
      if (isKnownAddress(m[0])) continue;
      add('address', m.index, m.index + m[0].length, re === ADDRESS_FLAT ? 'high' : 'medium');
    }
  }

  // Names beside what was found so far (same line or table row, just before or just after it).
  const anchors = [...found];
  for (const f of anchors) {
    const [ls, le] = lineBounds(text, f.start);
    const windows: Array<[number, number]> = [
      [Math.max(ls, f.start - NAME_WINDOW_BEFORE), f.start],
      [f.end, Math.min(le, f.end + NAME_WINDOW_AFTER)],
    ];
    for (const [from, to] of windows)
      for (const n of namesNear(text, from, to)) add('name', n.start, n.end, n.labelled ? 'medium' : 'low');
  }

  // A credit code only when a person's name stands beside it (a 个体工商户 or a person's own code).
  for (const m of text.matchAll(CREDIT_CODE)) {
    if (!isValidCreditCode(m[0]) || k.codes.has(m[0])) continue;
    const [ls, le] = lineBounds(text, m.index);
    const end = m.index + m[0].length;
    const names = [
      ...namesNear(text, Math.max(ls, m.index - NAME_WINDOW_BEFORE), m.index),
      ...namesNear(text, end, Math.min(le, end + NAME_WINDOW_AFTER)),
    ];
    if (names.length === 0) continue;
    add('creditCode', m.index, end, 'medium');
    for (const n of names) add('name', n.start, n.end, n.labelled ? 'medium' : 'low');
  }

  return found.sort((a, b) => a.start - b.start);
}

/** `text` with the given findings (non-overlapping, of this text) replaced by their masks. */
export function applyMasks(
  text: string,
  findings: readonly Pick<PersonalDataFinding, 'start' | 'end' | 'masked'>[],
): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  return out + text.slice(at);
}
