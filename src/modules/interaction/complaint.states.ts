// 投诉/举报 (and objections to a 公示): intake, assignment, handling (investigation), result and
// reply (the office may start handling without assigning); the writer's rating ends the case. An accountability record may link to it.
import type { Transitions } from './case.states.ts';

export const COMPLAINT_TRANSITIONS: Transitions = {
  received: ['assigned', 'handling'],
  assigned: ['assigned', 'handling', 'replied'],
  handling: ['assigned', 'replied'],
  replied: ['closed'],
  closed: [],
};
