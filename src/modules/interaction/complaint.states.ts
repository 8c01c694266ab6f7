// 投诉/举报 (and objections to a 公示): intake, assignment, handling (investigation), result and
// reply (the office may start handling without assigning); the writer's rating ends the case. An accountability record may link to it.
import type { CaseSteps } from './case.states.ts';

export const COMPLAINT_STEPS: CaseSteps = {
  assigned: ['received', 'assigned', 'handling'],
  handling: ['received', 'assigned'],
  replied: ['assigned', 'handling'],
  rated: ['replied'],
};
