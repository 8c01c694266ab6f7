// Pure rules of proactive disclosure.
import { addWorkingDays, type WorkCalendar } from '../calendar/index.ts';
import type { Channel, DocKind, InterpretationForm, Validity } from './publication.tables.ts';

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

/** 政策解读的形式 (issue #17 point 1). */
export const INTERPRETATION_FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字解读',
  graphic: '图片/图表解读',
  media: '音视频解读',
  expert: '专家解读',
  pressConference: '新闻发布会',
};

/**
 * A policy that must not go out without its 解读: a 行政规范性文件. The practice (国办发〔2016〕80号,
 * 《〈关于全面推进政务公开工作的意见〉实施细则》: 政策解读与政策文件 同步组织、同步审签、同步部署;
 * not in RULES.md, whose 条例 says nothing of 解读) is that the 解读 goes out the same day; how many
 * working days a released policy may wait before the 工作台 lists it is a setting (default 0).
 */
export function needsInterpretation(docKind: DocKind): boolean {
  return docKind === 'normativeDocument';
}

/** Default working days a released policy may wait for its 解读 (0: released the same day, 同步). */
export const INTERPRETATION_DAYS_DEFAULT = 0;
export const INTERPRETATION_DAYS_KEY = 'publication.interpretationDays';

/** 音视频解读 is published as an attachment or as a link to the recording. */
export function mediaUrlProblem(url: string): string | null {
  if (!url) return null;
  if (url.length > 500) return '链接不能超过 500 个字符。';
  if (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) return '请填写以 http:// 或 https:// 开头的完整网址。';
  return null;
}
