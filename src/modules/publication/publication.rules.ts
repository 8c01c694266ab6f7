// Pure rules of proactive disclosure.
import { addWorkingDays, type WorkCalendar } from '../calendar/index.ts';
import type { Channel, DocKind, Validity } from './publication.tables.ts';

/** 条例 第二十六条: published within 20 working days from the day it was formed or changed. */
export const RELEASE_WORKING_DAYS = 20;

export function releaseDueOn(cal: WorkCalendar, formedOn: string): string {
  return addWorkingDays(cal, formedOn, RELEASE_WORKING_DAYS).date;
}

/** Late when released after the due date (the due date itself is still in time). */
export function isLateRelease(dueOn: string, publishedOn: string): boolean {
  return publishedOn > dueOn;
}

export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', invalid: '失效', repealed: '废止' };

export const CHANNEL_LABELS: Record<Channel, string> = {
  website: '政府网站',
  noticeBoard: '公示栏',
  briefing: '简报',
  gazette: '政府公报',
  pressConference: '新闻发布会',
  newMedia: '政务新媒体',
  other: '其他',
};

export const DOC_KIND_LABELS: Record<DocKind, string> = {
  other: '一般信息',
  regulation: '规章',
  normativeDocument: '行政规范性文件',
};

/** Parses a channel by key or Chinese label (imports accept both). */
export function parseChannel(value: string): Channel | null {
  const v = value.trim();
  for (const [k, label] of Object.entries(CHANNEL_LABELS))
    if (k === v || label === v || (v === '网站' && k === 'website')) return k as Channel;
  return null;
}

export function parseValidity(value: string): Validity | null {
  const v = value.trim();
  for (const [k, label] of Object.entries(VALIDITY_LABELS)) if (k === v || label === v) return k as Validity;
  return null;
}

export function parseDocKind(value: string): DocKind | null {
  const v = value.trim();
  if (v === '') return 'other';
  for (const [k, label] of Object.entries(DOC_KIND_LABELS)) if (k === v || label === v) return k as DocKind;
  if (v === '规范性文件') return 'normativeDocument';
  return null;
}
