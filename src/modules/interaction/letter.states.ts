// 领导信箱 letters: received, assigned to the office that answers, replied; the writer's rating
// closes the case. Publication (留言选登) is a separate decision stored on the case.
import type { Transitions } from './case.states.ts';

export const LETTER_TRANSITIONS: Transitions = {
  received: ['assigned', 'replied'],
  assigned: ['assigned', 'replied'],
  handling: [],
  replied: ['closed'],
  closed: [],
};
