// Service items (事项) and their guides (办事指南), the windows that receive them, and the CSV
// import/export of an agency's item list. Deemed approval (超时默许) is set only with the
// agency's declaration that makes it apply to the item; the promised limit (承诺时限) never
// exceeds the statutory one (行政许可法 第四十二条).
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import type { Executor, Trx } from '../../platform/transaction.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { parseCsv, toCsv } from './csv.ts';
import { restoreNeutralisedCell } from '../../platform/spreadsheet/formula-injection.ts';
import {
  findItemById,
  findItemByName,
  insertItem,
  insertWindow,
  listItems,
  listWindows,
  updateItem,
  type ServiceItemRow,
  type ServiceWindowRow,
} from './service-hall.repository.ts';
import { ITEM_KINDS, type ServiceItemKind } from './service-hall.tables.ts';

export const ITEM_KIND_LABELS: Record<ServiceItemKind, string> = {
  licence: '行政许可',
  publicService: '公共服务',
  other: '其他',
};

export type ItemFormKey =
  | 'name'
  | 'kind'
  | 'windowId'
  | 'legalBasis'
  | 'conditions'
  | 'materials'
  | 'statutoryDays'
  | 'promisedDays'
  | 'fees'
  | 'deemedApproval'
  | 'deemedApprovalBasis'
  | 'active';

const DAYS = /^\d{1,3}$/;

export const ITEM_FORM: FormSpec<ItemFormKey> = {
  name: { label: '事项名称', required: true, max: 100 },
  kind: { label: '事项类型', required: true, oneOf: ITEM_KINDS },
  windowId: { label: '办理窗口', pattern: /^\d{1,10}$/, patternMessage: '请从列表中选择办理窗口。' },
  legalBasis: { label: '设定依据', required: true, max: 2000 },
  conditions: { label: '受理条件', required: true, max: 4000 },
  materials: { label: '申请材料', required: true, max: 4000 },
  statutoryDays: {
    label: '法定办结时限',
    required: true,
    pattern: DAYS,
    patternMessage: '法定办结时限应为 0–999 的整数（工作日）。',
  },
  promisedDays: { label: '承诺办结时限', pattern: DAYS, patternMessage: '承诺办结时限应为 0–999 的整数（工作日）。' },
  fees: { label: '收费标准', max: 1000 },
  deemedApproval: { label: '超时默许', oneOf: ['1', '0'] },
  deemedApprovalBasis: { label: '超时默许依据', max: 500 },
  active: { label: '状态', oneOf: ['1', '0'] },
};

export type ItemInput = Record<ItemFormKey, string>;

export const EMPTY_ITEM: ItemInput = {
  name: '',
  kind: 'licence',
  windowId: '',
  legalBasis: '',
  conditions: '',
  materials: '',
  statutoryDays: '20',
  promisedDays: '',
  fees: '不收费',
  deemedApproval: '0',
  deemedApprovalBasis: '',
  active: '1',
};

/** Rules across fields; returns messages keyed by field. */
export function checkItem(input: ItemInput, windows: readonly ServiceWindowRow[], agencyId: number): FieldErrors {
  const errors: FieldErrors = {};
  const statutory = Number(input.statutoryDays);
  const promised = input.promisedDays ? Number(input.promisedDays) : 0;
  if (DAYS.test(input.statutoryDays) && statutory < 1) errors.statutoryDays = '法定办结时限至少为 1 个工作日。';
  if (DAYS.test(input.statutoryDays) && promised > statutory)
    errors.promisedDays = '承诺办结时限不能长于法定办结时限。';
  if (input.deemedApproval === '1' && !input.deemedApprovalBasis.trim()) {
    errors.deemedApprovalBasis = '只有本机关已公开承诺对该事项实行超时默许的，才能勾选超时默许；请填写承诺文件及条款。';
  }
  if (input.windowId && !windows.some((w) => w.id === Number(input.windowId) && w.agencyId === agencyId))
    errors.windowId = '请从列表中选择本机构的办理窗口。';
  return errors;
}

function toColumns(input: ItemInput) {
  const deemed = input.deemedApproval === '1';
  return {
    name: input.name,
    kind: input.kind as ServiceItemKind,
    windowId: input.windowId ? Number(input.windowId) : null,
    legalBasis: input.legalBasis,
    conditions: input.conditions,
    materials: input.materials,
    statutoryDays: Number(input.statutoryDays),
    promisedDays: input.promisedDays ? Number(input.promisedDays) : 0,
    fees: input.fees || '不收费',
    deemedApproval: deemed ? 1 : 0,
    deemedApprovalBasis: deemed ? input.deemedApprovalBasis : '',
    active: input.active === '0' ? 0 : 1,
  };
}

export function itemToInput(i: ServiceItemRow): ItemInput {
  return {
    name: i.name,
    kind: i.kind,
    windowId: i.windowId ? String(i.windowId) : '',
    legalBasis: i.legalBasis,
    conditions: i.conditions,
    materials: i.materials,
    statutoryDays: String(i.statutoryDays),
    promisedDays: i.promisedDays ? String(i.promisedDays) : '',
    fees: i.fees,
    deemedApproval: String(i.deemedApproval),
    deemedApprovalBasis: i.deemedApprovalBasis,
    active: String(i.active),
  };
}

export async function saveItem(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  input: ItemInput,
  existingId?: number,
): Promise<number> {
  const windows = await listWindows(trx, [agencyId]);
  const errors = checkItem(input, windows, agencyId);
  const clash = await findItemByName(trx, agencyId, input.name);
  if (clash && clash.id !== existingId) errors.name = '本机构已有同名事项。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const cols = toColumns(input);
  if (existingId) {
    const current = await findItemById(trx, existingId);
    if (!current || current.agencyId !== agencyId) throw new AppError('notFound');
    await updateItem(trx, existingId, { ...cols, updatedAt: ctx.at });
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cols)) {
      if (current[k as keyof ServiceItemRow] !== v) {
        before[k] = current[k as keyof ServiceItemRow];
        after[k] = v;
      }
    }
    await recordEvent(
      trx,
      ctx,
      'serviceItem.updated',
      { type: 'serviceItem', id: existingId, agencyId },
      { before, after },
    );
    return existingId;
  }
  const id = await insertItem(trx, { ...cols, agencyId, createdAt: ctx.at, updatedAt: ctx.at });
  await recordEvent(trx, ctx, 'serviceItem.created', { type: 'serviceItem', id, agencyId }, { after: cols });
  return id;
}

export async function createWindow(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  name: string,
  location: string,
): Promise<number> {
  const errors: FieldErrors = {};
  if (!name.trim()) errors.windowName = '请填写窗口名称。';
  else if ([...name].length > 60) errors.windowName = '窗口名称不能超过 60 个字符。';
  if ([...location].length > 100) errors.windowLocation = '窗口位置不能超过 100 个字符。';
  if ((await listWindows(trx, [agencyId])).some((w) => w.name === name.trim()))
    errors.windowName = '本机构已有同名窗口。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const id = await insertWindow(trx, {
    agencyId,
    name: name.trim(),
    location: location.trim(),
    active: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  await recordEvent(
    trx,
    ctx,
    'serviceWindow.created',
    { type: 'serviceWindow', id, agencyId },
    { after: { name: name.trim(), location: location.trim() } },
  );
  return id;
}

// The CSV columns, in order. Materials are one per line inside their cell.
export const CSV_HEADER = [
  '事项名称',
  '事项类型',
  '办理窗口',
  '设定依据',
  '受理条件',
  '申请材料',
  '法定办结时限（工作日）',
  '承诺办结时限（工作日）',
  '收费标准',
  '超时默许',
  '超时默许依据',
] as const;

/** The item list as rows (header first), the same for CSV and XLSX. */
export async function itemRows(db: Executor, agencyId: number): Promise<string[][]> {
  const [items, windows] = await Promise.all([listItems(db, [agencyId]), listWindows(db, [agencyId])]);
  const windowName = new Map(windows.map((w) => [w.id, w.name]));
  return [
    [...CSV_HEADER],
    ...items.map((i) => [
      i.name,
      ITEM_KIND_LABELS[i.kind],
      i.windowId ? (windowName.get(i.windowId) ?? '') : '',
      i.legalBasis,
      i.conditions,
      i.materials,
      String(i.statutoryDays),
      i.promisedDays ? String(i.promisedDays) : '',
      i.fees,
      i.deemedApproval ? '是' : '否',
      i.deemedApprovalBasis,
    ]),
  ];
}

export async function exportItemsCsv(db: Executor, agencyId: number): Promise<string> {
  return toCsv(await itemRows(db, agencyId));
}

export interface ImportResult {
  created: number;
  updated: number;
}

/**
 * Imports an item list: every row is checked first and nothing is written unless all rows are
 * valid (errors name the row). Items are matched by name: an existing one is updated.
 */
export async function importItemsCsv(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  text: string,
): Promise<ImportResult> {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new ValidationError({ csv: (err as Error).message });
  }
  return importItemRows(trx, ctx, agencyId, rows);
}

/** Imports rows read from a CSV or XLSX file (header first); errors are reported on the `csv` field. */
export async function importItemRows(
  trx: Trx,
  ctx: AuditContext,
  agencyId: number,
  input: readonly (readonly string[])[],
): Promise<ImportResult> {
  // Cells neutralised on export ('=…) come back as they were typed.
  const rows = input.map((r) => r.map(restoreNeutralisedCell)).filter((r) => r.some((c) => c.trim() !== ''));
  const header = rows.shift();
  if (!header || CSV_HEADER.some((h, i) => (header[i] ?? '').trim() !== h)) {
    throw new ValidationError({ csv: `第 1 行应为表头：${CSV_HEADER.join('，')}。请先导出一份作为模板。` });
  }
  if (!rows.length) throw new ValidationError({ csv: 'CSV 中没有事项。' });
  if (rows.length > 500) throw new ValidationError({ csv: '一次最多导入 500 个事项。' });
  const windows = await listWindows(trx, [agencyId]);
  const kindByLabel = new Map(Object.entries(ITEM_KIND_LABELS).map(([k, v]) => [v, k]));
  const problems: string[] = [];
  const inputs: ItemInput[] = [];
  const seen = new Set<string>();
  rows.forEach((r, idx) => {
    const cell = (i: number) => (r[i] ?? '').trim();
    const windowName = cell(2);
    const window = windows.find((w) => w.name === windowName);
    const deemed = cell(9);
    const input: ItemInput = {
      name: cell(0),
      kind: kindByLabel.get(cell(1)) ?? '',
      windowId: window ? String(window.id) : '',
      legalBasis: cell(3),
      conditions: cell(4),
      materials: cell(5),
      statutoryDays: cell(6),
      promisedDays: cell(7),
      fees: cell(8),
      deemedApproval: deemed === '是' ? '1' : '0',
      deemedApprovalBasis: cell(10),
      active: '1',
    };
    const msgs: string[] = [];
    if (!input.kind) msgs.push('事项类型应为“行政许可”“公共服务”或“其他”');
    if (windowName && !window) msgs.push(`办理窗口“${windowName}”不存在，请先在系统中建立该窗口`);
    if (deemed && deemed !== '是' && deemed !== '否') msgs.push('超时默许一栏应填“是”或“否”');
    for (const [key, f] of Object.entries(ITEM_FORM) as [ItemFormKey, (typeof ITEM_FORM)[ItemFormKey]][]) {
      const v = input[key];
      if (!v && f.required) msgs.push(`请填写${f.label}`);
      else if (v && f.max && [...v].length > f.max) msgs.push(`${f.label}不能超过 ${f.max} 个字符`);
      else if (v && f.pattern && !f.pattern.test(v) && key !== 'windowId')
        msgs.push(f.patternMessage ?? `${f.label}格式不正确`);
    }
    if (!msgs.length) msgs.push(...Object.values(checkItem(input, windows, agencyId)));
    if (seen.has(input.name)) msgs.push('与前面的行事项名称重复');
    seen.add(input.name);
    if (msgs.length) problems.push(`第 ${idx + 2} 行：${msgs.join('；')}。`);
    inputs.push(input);
  });
  if (problems.length)
    throw new ValidationError({
      csv: problems.slice(0, 20).join(' ') + (problems.length > 20 ? ` 另有 ${problems.length - 20} 行有误。` : ''),
    });
  const result: ImportResult = { created: 0, updated: 0 };
  for (const input of inputs) {
    const existing = await findItemByName(trx, agencyId, input.name);
    await saveItem(trx, ctx, agencyId, existing ? { ...input, active: String(existing.active) } : input, existing?.id);
    if (existing) result.updated++;
    else result.created++;
  }
  await recordEvent(
    trx,
    ctx,
    'serviceItem.imported',
    { type: 'agency', id: agencyId, agencyId },
    { after: { ...result } },
  );
  return result;
}
