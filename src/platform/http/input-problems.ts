// What a failed route schema (schema.ts) means for the person who sent the request: the part of
// the request it was in and a Chinese message per field, labelled with the field's `title`.
import type { FastifyError, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../errors.ts';
import { LINE_PATTERN, TEXT_PATTERN } from './schema.ts';

export type RequestPart = 'params' | 'querystring' | 'body' | 'headers';

export interface InputProblems {
  part: RequestPart;
  fields: FieldErrors;
  /** All messages in one sentence, for an error page or a JSON message. */
  message: string;
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

interface ObjectSchema {
  properties?: Record<string, { title?: string; pattern?: string; type?: unknown } | undefined>;
}

const PART_NAMES: Record<RequestPart, string> = {
  params: '网址',
  querystring: '查询参数',
  body: '提交的内容',
  headers: '请求头',
};

function isPart(v: unknown): v is RequestPart {
  return v === 'params' || v === 'querystring' || v === 'body' || v === 'headers';
}

/** The problems of a validation error, or null when `err` is not one. */
export function inputProblems(err: unknown, req: FastifyRequest): InputProblems | null {
  const e = err as Partial<FastifyError> & { validation?: SchemaError[]; validationContext?: string };
  if (!Array.isArray(e.validation)) return null;
  const part = isPart(e.validationContext) ? e.validationContext : 'body';
  const schema = (req.routeOptions.schema as Record<string, ObjectSchema | undefined> | undefined)?.[part];
  const data = (part === 'body' ? req.body : part === 'querystring' ? req.query : req.params) as
    Record<string, unknown> | undefined;
  const fields: FieldErrors = {};
  for (const v of e.validation) {
    const field = fieldOf(v);
    if (field in fields) continue;
    const prop = schema?.properties?.[field];
    const label = prop?.title ?? (field ? `“${field.slice(0, 40)}”` : PART_NAMES[part]);
    fields[field] = messageFor(v, label, prop?.pattern, data?.[field]);
  }
  return { part, fields, message: Object.values(fields).join(' ') };
}

function fieldOf(v: SchemaError): string {
  const fromPath = v.instancePath.split('/')[1];
  if (fromPath) return decodeJsonPointer(fromPath);
  const named = v.params.missingProperty ?? v.params.additionalProperty;
  return typeof named === 'string' ? named : '';
}

function decodeJsonPointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function messageFor(v: SchemaError, label: string, pattern: string | undefined, value: unknown): string {
  switch (v.keyword) {
    case 'pattern':
      if (pattern === TEXT_PATTERN || pattern === LINE_PATTERN || v.params.pattern === TEXT_PATTERN)
        return `${label}含有无法识别的字符（如空字符或其他控制字符${pattern === LINE_PATTERN ? '、换行' : ''}），请删除后重新提交。`;
      return `${label}的格式不正确。`;
    case 'maxLength':
      return `${label}过长，不能超过 ${String(v.params.limit)} 个字符。`;
    case 'type':
      if (Array.isArray(value)) return `${label}只能有一个值，请求中出现了多次。`;
      if (v.params.type === 'integer' || v.params.type === 'number') return `${label}应为整数。`;
      return `${label}的格式不正确。`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${label}超出允许的范围。`;
    case 'enum':
      return `${label}不在可选的范围内，请从列表中选择。`;
    case 'maxItems':
      return `${label}的项目过多，最多 ${String(v.params.limit)} 项。`;
    case 'required':
      return `缺少${label}。`;
    default:
      return `${label}不正确。`;
  }
}
