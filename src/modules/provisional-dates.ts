// Every module that stores provisional due dates (issue #11 point 3), in the order their dates are
// recomputed when a year's holidays are imported (admin 工作日历 and `gongkai calendar import`).
// The calendar module takes this list as an argument, so it never imports the modules above it.
import type { ProvisionalDateOwner } from './calendar/index.ts';
import { infoRequestProvisionalDates } from './info-request/index.ts';
import { interactionProvisionalDates } from './interaction/index.ts';
import { noticeProvisionalDates } from './notice/index.ts';
import { publicationProvisionalDates } from './publication/index.ts';
import { serviceCaseProvisionalDates } from './service-hall/index.ts';

export const PROVISIONAL_DATE_OWNERS: readonly ProvisionalDateOwner[] = [
  infoRequestProvisionalDates,
  interactionProvisionalDates,
  serviceCaseProvisionalDates,
  publicationProvisionalDates,
  noticeProvisionalDates,
];
