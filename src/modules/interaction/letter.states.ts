// 领导信箱 letters: received, assigned to the office that answers, replied; the writer's rating
// closes the case. Publication (留言选登) is a separate decision stored on the case.
import type { CaseSteps } from './case.states.ts';

export const LETTER_STEPS: CaseSteps = {
  assigned: ['received', 'assigned'],
  handling: [],
  replied: ['received', 'assigned'],
  rated: ['replied'],
};
