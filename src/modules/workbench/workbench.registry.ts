// The queue registry of the 工作台: every module that owns work exports its queues through its
// public surface (index.ts); this list only gathers them. Adding a queue = adding it to the
// owning module's `…Queues` export (platform/work-queue.ts says what a queue is).
import type { WorkQueue } from '../../platform/work-queue.ts';
import { annualReportQueues } from '../annual-report/index.ts';
import { commentPeriodQueues } from '../comment-period/index.ts';
import { infoRequestQueues, proactiveQueues } from '../info-request/index.ts';
import { recordAmendmentQueues } from '../record-amendment/index.ts';
import { interactionQueues } from '../interaction/index.ts';
import { noticeQueues } from '../notice/index.ts';
import { notificationQueues } from '../notification/index.ts';
import { publicationQueues } from '../publication/index.ts';
import { serviceHallQueues } from '../service-hall/index.ts';
import { standardCatalogueQueues } from '../standard-catalogue/index.ts';

export const WORK_QUEUES: readonly WorkQueue[] = [
  ...infoRequestQueues,
  ...proactiveQueues,
  ...publicationQueues,
  ...interactionQueues,
  ...noticeQueues,
  ...commentPeriodQueues,
  ...standardCatalogueQueues,
  ...recordAmendmentQueues,
  ...serviceHallQueues,
  ...annualReportQueues,
  ...notificationQueues,
];
