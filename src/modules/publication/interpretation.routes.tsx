// The 政策解读 setting (issue #17 point 1): how many working days a released 规范性文件 may wait
// for its 解读 before the 工作台 lists it (0 = 同步, the same day). One value for the county,
// changed by an admin of the top agency; the change is audited.
import type { FastifyInstance } from 'fastify';
import { registerNumberSetting } from '../settings/index.ts';
import { interpretationDays } from './interpretation.repository.ts';
import { INTERPRETATION_DAYS_KEY } from './publication.rules.ts';

export function interpretationSettingRoutes(app: FastifyInstance): void {
  registerNumberSetting(app, {
    path: '/admin/publications/interpretation-settings',
    key: INTERPRETATION_DAYS_KEY,
    read: interpretationDays,
    min: 0,
    max: 60,
    unit: '工作日',
    auditAction: 'publication.interpretationDaysChanged',
    field: { name: 'days', label: '工作日数', hint: '0 到 60 之间的整数；默认 0（同步）。' },
    title: '政策解读时限',
    parent: { href: '/admin/publications', label: '主动公开信息' },
    explanation:
      '行政规范性文件发布后超过这一时限仍没有已发布的政策解读的，列入各机关工作台的“已发布但仍缺少政策解读的规范性文件”。0 表示解读与文件同步发布（当天）。',
  });
}
