// Agencies: the tree of bodies that disclose (province → prefectures → counties → towns,
// townships, sub-districts, each government with its departments; the kinds and where each may
// sit: agency.rules.ts), with the office data printed on the 指南 and the annual report
// (条例 第十二条). Creating, editing, moving and deactivating are audited.
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import type { FormSpec } from '../../platform/forms.ts';
import type { Trx } from '../../platform/transaction.ts';
import { isValidCreditCode, normaliseCreditCode } from '../../platform/validation/credit-code.ts';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { createDefaultTaxonomy } from '../catalog/index.ts';
import { DEFAULT_INDEX_PATTERN, validateIndexPattern } from '../catalog/index.ts';
import { governmentLevel } from '../../platform/agency-kinds.ts';
import {
  ancestorsOf,
  findAgencyById,
  insertAgency,
  listAgencies,
  listChildAgencies,
  moveSubtree,
  slugExists,
  updateAgency,
  type AgencyRow,
} from './agency.repository.ts';
import { AGENCY_KINDS, type AgencyKind } from './agency.tables.ts';
import { AGENCY_KIND_LABELS, placementError } from './agency.rules.ts';

export type AgencyFormKey =
  | 'name'
  | 'shortName'
  | 'kind'
  | 'creditCode'
  | 'slug'
  | 'officeName'
  | 'officeAddress'
  | 'officePostcode'
  | 'officePhone'
  | 'officeFax'
  | 'officeEmail'
  | 'officeHours'
  | 'indexPattern'
  | 'guideText'
  | 'sortOrder';

const PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/;

export const AGENCY_FORM: FormSpec<AgencyFormKey> = {
  name: { label: '机构全称', required: true, max: 60 },
  shortName: { label: '简称', required: true, max: 20 },
  kind: { label: '机构类型', required: true, oneOf: AGENCY_KINDS },
  creditCode: {
    label: '统一社会信用代码',
    required: true,
    check: (v) => (isValidCreditCode(normaliseCreditCode(v)) ? null : '统一社会信用代码应为 18 位且校验位正确。'),
  },
  slug: {
    label: '网址标识',
    required: true,
    max: 40,
    pattern: /^[a-z][a-z0-9-]{1,39}$/,
    patternMessage: '网址标识须以小写字母开头，只含小写字母、数字和连字符。',
  },
  officeName: { label: '政府信息公开工作机构', required: true, max: 60 },
  officeAddress: { label: '办公地址', required: true, max: 120 },
  officePostcode: { label: '邮政编码', required: true, pattern: /^\d{6}$/, patternMessage: '邮政编码应为 6 位数字。' },
  officePhone: {
    label: '联系电话',
    required: true,
    pattern: PHONE,
    patternMessage: '联系电话格式不正确，如 0743-5223701。',
  },
  officeFax: { label: '传真', pattern: PHONE, patternMessage: '传真号码格式不正确，如 0743-5223702。' },
  officeEmail: {
    label: '电子邮箱',
    required: true,
    max: 100,
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    patternMessage: '电子邮箱格式不正确。',
  },
  officeHours: { label: '办公时间', required: true, max: 120 },
  indexPattern: {
    label: '索引号格式',
    max: 80,
    check: (v) => validateIndexPattern(v)[0] ?? null,
  },
  guideText: { label: '公开指南正文', max: 20000 },
  sortOrder: { label: '排序', pattern: /^\d{1,4}$/, patternMessage: '排序应为 0–9999 的整数。' },
};

export type AgencyInput = Record<AgencyFormKey, string>;

/** The kind must be allowed under the parent (agency.rules.ts), and its children under it. */
async function checkPlacement(
  trx: Trx,
  kind: string,
  parent: AgencyRow | null,
  self: AgencyRow | null,
  errors: FieldErrors,
): Promise<void> {
  const wrong = placementError(kind, parent?.kind ?? null);
  if (wrong) {
    errors.kind = wrong;
    return;
  }
  if (!self || self.kind === kind) return;
  for (const c of await listChildAgencies(trx, self.id)) {
    if (placementError(c.kind, kind as AgencyKind) === null) continue;
    errors.kind = `改为${AGENCY_KIND_LABELS[kind as AgencyKind]}后，下级机构“${c.name}”（${AGENCY_KIND_LABELS[c.kind]}）不能设在其下；请先移走或调整该下级机构。`;
    return;
  }
}

function toColumns(input: AgencyInput) {
  return {
    name: input.name,
    shortName: input.shortName,
    kind: input.kind as AgencyKind,
    creditCode: normaliseCreditCode(input.creditCode),
    slug: input.slug,
    officeName: input.officeName,
    officeAddress: input.officeAddress,
    officePostcode: input.officePostcode,
    officePhone: input.officePhone,
    officeFax: input.officeFax,
    officeEmail: input.officeEmail,
    officeHours: input.officeHours,
    indexPattern: input.indexPattern || DEFAULT_INDEX_PATTERN,
    guideText: input.guideText,
    sortOrder: Number(input.sortOrder || 0),
  };
}

export async function createAgency(
  trx: Trx,
  ctx: AuditContext,
  input: AgencyInput,
  parentId: number | null,
): Promise<number> {
  const errors: FieldErrors = {};
  const parent = parentId ? ((await findAgencyById(trx, parentId)) ?? null) : null;
  if (parentId && !parent) errors.parentId = '上级机构不存在。';
  else await checkPlacement(trx, input.kind, parent, null, errors);
  if (await slugExists(trx, input.slug)) errors.slug = '该网址标识已被其他机构使用。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const cols = toColumns(input);
  const { id } = await insertAgency(
    trx,
    { ...cols, parentId: parent?.id ?? null, active: 1, createdAt: ctx.at, updatedAt: ctx.at },
    parent,
  );
  await recordEvent(trx, ctx, 'agency.created', { type: 'agency', id, agencyId: id }, { after: { ...cols, parentId } });
  // Every agency starts with the default 目录 taxonomy (issue 3), in the same transaction, at its
  // government's level (a province's departments have no 第二十一条 list).
  const above = parent ? [parent, ...(await ancestorsOf(trx, parent.path))] : [];
  await createDefaultTaxonomy(trx, ctx, id, cols.kind, governmentLevel([cols.kind, ...above.map((a) => a.kind)]));
  return id;
}

export async function editAgency(trx: Trx, ctx: AuditContext, id: number, input: AgencyInput): Promise<void> {
  const current = await findAgencyById(trx, id);
  if (!current) throw new AppError('notFound');
  const errors: FieldErrors = {};
  const parent = current.parentId ? ((await findAgencyById(trx, current.parentId)) ?? null) : null;
  await checkPlacement(trx, input.kind, parent, current, errors);
  if (await slugExists(trx, input.slug, id)) errors.slug = '该网址标识已被其他机构使用。';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const cols = toColumns(input);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cols)) {
    const old = current[k as keyof typeof current];
    if (old !== v) {
      before[k] = old;
      after[k] = v;
    }
  }
  await updateAgency(trx, id, { ...cols, updatedAt: ctx.at });
  await recordEvent(trx, ctx, 'agency.updated', { type: 'agency', id, agencyId: id }, { before, after });
}

export async function moveAgency(trx: Trx, ctx: AuditContext, id: number, newParentId: number): Promise<void> {
  const agency = await findAgencyById(trx, id);
  const parent = await findAgencyById(trx, newParentId);
  if (!agency || !parent) throw new AppError('notFound');
  if (!agency.parentId) throw new ValidationError({ parentId: '最上级机构不能移动。' });
  if (parent.path.startsWith(agency.path))
    throw new ValidationError({ parentId: '不能把机构移到它自己或它的下级机构之下。' });
  if (parent.id === agency.parentId) return;
  const wrong = placementError(agency.kind, parent.kind);
  if (wrong) throw new ValidationError({ parentId: wrong });
  const newPath = `${parent.path}${agency.id}/`;
  await moveSubtree(trx, agency.path, newPath, parent.depth + 1 - agency.depth);
  await updateAgency(trx, id, { parentId: parent.id, updatedAt: ctx.at });
  await recordEvent(
    trx,
    ctx,
    'agency.moved',
    { type: 'agency', id, agencyId: id },
    { before: { parentId: agency.parentId }, after: { parentId: parent.id } },
  );
}

export async function setAgencyActive(trx: Trx, ctx: AuditContext, id: number, active: boolean): Promise<void> {
  const agency = await findAgencyById(trx, id);
  if (!agency) throw new AppError('notFound');
  if (!agency.parentId && !active) throw new AppError('conflict', '最上级机构不能停用。');
  if (!active) {
    const below = await listAgencies(trx, { underPath: agency.path, activeOnly: true });
    if (below.some((a) => a.id !== id)) throw new AppError('conflict', '请先停用或移走该机构的下级机构。');
  }
  await updateAgency(trx, id, { active: active ? 1 : 0, updatedAt: ctx.at });
  await recordEvent(trx, ctx, active ? 'agency.activated' : 'agency.deactivated', { type: 'agency', id, agencyId: id });
}

/** Form values of an existing agency, as strings. */
export function agencyToInput(a: AgencyRow): AgencyInput {
  return {
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    creditCode: a.creditCode,
    slug: a.slug,
    officeName: a.officeName,
    officeAddress: a.officeAddress,
    officePostcode: a.officePostcode,
    officePhone: a.officePhone,
    officeFax: a.officeFax,
    officeEmail: a.officeEmail,
    officeHours: a.officeHours,
    indexPattern: a.indexPattern,
    guideText: a.guideText,
    sortOrder: String(a.sortOrder),
  };
}

export interface AgencyNode<T> {
  agency: T;
  children: AgencyNode<T>[];
}

/** Builds the tree from a flat list ordered by depth. */
export function buildTree<T extends { id: number; parentId: number | null }>(rows: readonly T[]): AgencyNode<T>[] {
  const nodes = new Map<number, AgencyNode<T>>();
  const roots: AgencyNode<T>[] = [];
  for (const r of rows) nodes.set(r.id, { agency: r, children: [] });
  for (const r of rows) {
    const node = nodes.get(r.id);
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (!node) continue;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
