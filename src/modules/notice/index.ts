// The notice module's public surface for other modules and jobs.
export { endExpiredNotices, createNotice, publishNotice } from './notice.service.ts';
export { maskAddress, maskIdNumber, maskName, maskPhone, maskRow, findUnmaskedPersonalData } from './masking.ts';
export { noticeQueues } from './notice.queues.ts';
