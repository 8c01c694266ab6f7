// The catalogue as a table (CSV / XLSX) and back, and the one check every item goes through —
// a row of an import and the admin's edit form alike: columns as the published catalogues have
// them (RULES.md §6.4), each value in the words a county office writes (「主动」, 「县级、乡级」),
// every problem said in Chinese with its row and column.
import { areaByName, findArea } from './standard-catalogue.areas.ts';
import { parseTimeLimit, TIME_LIMIT_HELP } from './standard-catalogue.rules.ts';
import type { ItemAudience, ItemLevel, ItemMode, StandardItemsTable } from './standard-catalogue.tables.ts';

/** The item's fields as typed (form names), in the order of the template's columns. */
export const ITEM_FIELDS = [
  'area',
  'seq',
  'level1',
  'level2',
  'elements',
  'basis',
  'timeLimit',
  'subject',
  'channels',
  'audience',
  'mode',
  'level',
  'source',
  'sourceConfirmed',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];
export type ItemText = Record<ItemField, string>;

export const COLUMN_LABELS: Record<ItemField, string> = {
  area: '领域',
  seq: '序号',
  level1: '一级事项',
  level2: '二级事项',
  elements: '公开内容（要素）',
  basis: '公开依据',
  timeLimit: '公开时限',
  subject: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  mode: '公开方式',
  level: '公开层级',
  source: '出处',
  sourceConfirmed: '出处已核实',
};

/** 公开渠道和载体 as the catalogues' check-list names them (RULES.md §6.4). */
export const CHANNELS = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
] as const;

export const AUDIENCE_TEXT: Record<ItemAudience, string> = {
  public: '全社会',
  specific: '特定群众',
  both: '全社会、特定群众',
};
export const MODE_TEXT: Record<ItemMode, string> = { proactive: '主动', onRequest: '依申请公开' };
export const LEVEL_TEXT: Record<ItemLevel, string> = { county: '县级', town: '乡级', both: '县级、乡级' };

/** What is stored for an item (the columns of standard_items without id and times). */
export type ItemInput = Omit<StandardItemsTable, 'id' | 'createdAt' | 'updatedAt'>;

const LIMITS: Partial<Record<ItemField, number>> = {
  level1: 100,
  level2: 100,
  elements: 2000,
  basis: 2000,
  timeLimit: 200,
  subject: 200,
  channels: 500,
  source: 1000,
};

function audienceOf(v: string): ItemAudience | null {
  const pub = /全社会/.test(v);
  const spec = /特定(群众|群体|对象|主体)/.test(v);
  return pub && spec ? 'both' : pub ? 'public' : spec ? 'specific' : null;
}

function modeOf(v: string): ItemMode | null {
  const t = v.replace(/\s/g, '');
  if (/^主动(公开)?$/.test(t)) return 'proactive';
  if (/^依申请(公开)?$/.test(t)) return 'onRequest';
  return null;
}

function levelOf(v: string): ItemLevel | null {
  const county = /县|区级|市级/.test(v);
  const town = /乡|镇|街道|村/.test(v);
  return county && town ? 'both' : county ? 'county' : town ? 'town' : null;
}

/** Checks one item as typed; the input to store, or the problems by field. */
export function checkItem(
  raw: ItemText,
  defaultSeq = 0,
): { ok: true; input: ItemInput } | { ok: false; errors: Partial<Record<ItemField, string>> } {
  const v = Object.fromEntries(ITEM_FIELDS.map((f) => [f, (raw[f] ?? '').trim()])) as ItemText;
  const errors: Partial<Record<ItemField, string>> = {};
  const area = findArea(v.area) ?? areaByName(v.area);
  if (!v.area) errors.area = '请填写领域，如「社会救助」。';
  else if (!area) errors.area = `「${v.area}」不是26个试点领域之一，请写领域名称，如「社会救助」「养老服务」。`;
  let seq = defaultSeq;
  if (v.seq) {
    if (!/^\d{1,4}$/.test(v.seq)) errors.seq = '序号应为不超过4位的整数。';
    else seq = Number(v.seq);
  }
  if (!v.level1) errors.level1 = '请填写一级事项。';
  for (const [f, max] of Object.entries(LIMITS) as [ItemField, number][])
    if (!errors[f] && v[f].length > max) errors[f] = `${COLUMN_LABELS[f]}不能超过${max}个字。`;
  const timing = v.timeLimit ? parseTimeLimit(v.timeLimit) : null;
  if (!v.timeLimit) errors.timeLimit = '请填写公开时限，如「信息形成或者变更之日起20个工作日内」。';
  else if (!timing) errors.timeLimit = TIME_LIMIT_HELP;
  const audience = audienceOf(v.audience);
  if (!audience) errors.audience = '公开对象应为「全社会」「特定群众」或「全社会、特定群众」。';
  const mode = modeOf(v.mode);
  if (!mode) errors.mode = '公开方式应为「主动」或「依申请公开」。';
  const level = levelOf(v.level);
  if (!level) errors.level = '公开层级应为「县级」「乡级」或「县级、乡级」。';
  if (!['', '是', '否'].includes(v.sourceConfirmed)) errors.sourceConfirmed = '出处已核实应填「是」或「否」。';
  if (Object.keys(errors).length || !area || !timing || !audience || !mode || !level) return { ok: false, errors };
  return {
    ok: true,
    input: {
      areaKey: area.key,
      seq,
      level1: v.level1,
      level2: v.level2,
      elements: v.elements,
      basis: v.basis,
      timeLimit: v.timeLimit,
      timingKind: timing.kind,
      timingDays: timing.days,
      timingUnit: timing.unit,
      timingDate: timing.date,
      subject: v.subject,
      channels: v.channels,
      audience,
      mode,
      level,
      source: v.source,
      sourceConfirmed: v.sourceConfirmed === '是' ? 1 : 0,
    },
  };
}

/** An item as the words of a row (export, and the edit form's starting values). */
export function itemText(it: Omit<StandardItemsTable, 'id' | 'createdAt' | 'updatedAt'>): ItemText {
  return {
    area: findArea(it.areaKey)?.name ?? it.areaKey,
    seq: String(it.seq),
    level1: it.level1,
    level2: it.level2,
    elements: it.elements,
    basis: it.basis,
    timeLimit: it.timeLimit,
    subject: it.subject,
    channels: it.channels,
    audience: AUDIENCE_TEXT[it.audience],
    mode: MODE_TEXT[it.mode],
    level: LEVEL_TEXT[it.level],
    source: it.source,
    sourceConfirmed: it.sourceConfirmed ? '是' : '否',
  };
}

export const HEADER: readonly string[] = ITEM_FIELDS.map((f) => COLUMN_LABELS[f]);

/** The identity of an item in a file and in the table: area, 一级事项, 二级事项. */
export const itemKey = (i: Pick<ItemInput, 'areaKey' | 'level1' | 'level2'>) =>
  `${i.areaKey}\u0000${i.level1}\u0000${i.level2}`;

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * Reads a whole table (header + rows): every row checked, every problem kept with its row number
 * (as the spreadsheet numbers it) and column; the inputs only when there is no problem at all, so
 * an import writes everything or nothing.
 */
export function readItemTable(rows: readonly (readonly string[])[]): { inputs: ItemInput[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().replace(/\(/g, '（').replace(/\)/g, '）'));
  const missing = HEADER.filter((h, i) => header[i] !== h && h !== COLUMN_LABELS.sourceConfirmed);
  if (!rows.length || missing.length) {
    problems.push({
      row: 1,
      column: '表头',
      message: `第1行应为表头：${HEADER.join('、')}（请下载模板，按模板的列填写）。`,
    });
    return { inputs: [], problems };
  }
  if (rows.length < 2) problems.push({ row: 2, column: '', message: '表格中没有事项。' });
  const inputs: ItemInput[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const raw = Object.fromEntries(ITEM_FIELDS.map((f, c) => [f, cells[c] ?? ''])) as ItemText;
    const r = checkItem(raw, i + 1);
    if (!r.ok) {
      for (const f of ITEM_FIELDS)
        if (r.errors[f]) problems.push({ row, column: COLUMN_LABELS[f], message: r.errors[f] });
      return;
    }
    const key = itemKey(r.input);
    const first = seen.get(key);
    if (first)
      problems.push({
        row,
        column: COLUMN_LABELS.level2,
        message: `与第${first}行是同一事项（领域、一级事项、二级事项相同）。`,
      });
    else seen.set(key, row);
    inputs.push(r.input);
  });
  return { inputs: problems.length ? [] : inputs, problems };
}

/** One sentence per problem: 「第3行「公开时限」：……」. */
export function problemText(p: RowProblem): string {
  return p.column && p.column !== '表头' ? `第${p.row}行「${p.column}」：${p.message}` : p.message;
}
