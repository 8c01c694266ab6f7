import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signupPhase, signupWindowProblems, type SignupFacts } from './meeting.rules.ts';

const m: SignupFacts = {
  state: 'announced',
  openToPublic: 1,
  capacity: 2,
  signupOpensOn: '2025-06-03',
  signupClosesOn: '2025-06-10',
  meetingOn: '2025-06-12',
};

describe('列席 sign-up window and places', () => {
  const cases: [string, Partial<SignupFacts>, string, number, string][] = [
    ['before the first day', {}, '2025-06-02', 0, 'notYet'],
    ['on the first day', {}, '2025-06-03', 0, 'open'],
    ['on the last day (included)', {}, '2025-06-10', 1, 'open'],
    ['the day after the last', {}, '2025-06-11', 0, 'ended'],
    ['every place taken', {}, '2025-06-05', 2, 'full'],
    ['a draft is never open', { state: 'draft' }, '2025-06-05', 0, 'closed'],
    ['not open to the public', { openToPublic: 0 }, '2025-06-05', 0, 'closed'],
    ['held meetings take no more sign-ups (over, not "none")', { state: 'held' }, '2025-06-05', 0, 'ended'],
    ['nor do decided ones', { state: 'decided' }, '2025-06-20', 1, 'ended'],
    ['a held meeting that had no places for the public', { state: 'held', openToPublic: 0 }, '2025-06-20', 0, 'closed'],
  ];
  for (const [name, over, today, taken, phase] of cases)
    test(name, () => assert.equal(signupPhase({ ...m, ...over }, today, taken), phase));
  test('the window must close before the meeting and have places', () => {
    const ok = {
      openToPublic: true,
      capacity: 5,
      signupOpensOn: '2025-06-03',
      signupClosesOn: '2025-06-10',
      meetingOn: '2025-06-12',
    };
    assert.deepEqual(signupWindowProblems(ok), {});
    assert.ok(signupWindowProblems({ ...ok, signupClosesOn: '2025-06-12' }).signupClosesOn);
    assert.ok(signupWindowProblems({ ...ok, capacity: 0 }).capacity);
    assert.deepEqual(signupWindowProblems({ ...ok, openToPublic: false, capacity: 0 }), {});
  });
});
