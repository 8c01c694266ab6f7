// 咨询: usually answered at once (a phone call is logged already answered); an online question
// may be assigned first. After the answer the writer may rate it, which closes the case.
import type { CaseSteps } from './case.states.ts';

export const INQUIRY_STEPS: CaseSteps = {
  assigned: ['received', 'assigned'],
  handling: [],
  replied: ['received', 'assigned'],
  rated: ['replied'],
};
