import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockFromEnvironment, ManualClock, RunningClock } from './clock.ts';

test('a running clock starts at its instant and moves with real time', async () => {
  const clock = new RunningClock('2026-12-15T02:00:00Z');
  const first = clock.now().getTime();
  assert.ok(Math.abs(first - Date.parse('2026-12-15T02:00:00Z')) < 1_000);
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(clock.now().getTime() > first);
});

test('GONGKAI_TEST_NOW moves the system clock only in test mode', () => {
  const real = Date.now();
  const production = clockFromEnvironment({ NODE_ENV: 'production', GONGKAI_TEST_NOW: '2020-01-01T00:00:00Z' });
  assert.ok(Math.abs(production.now().getTime() - real) < 5_000);
  const unset = clockFromEnvironment({ GONGKAI_TEST_NOW: '2020-01-01T00:00:00Z' });
  assert.ok(Math.abs(unset.now().getTime() - real) < 5_000);
  const dated = clockFromEnvironment({ NODE_ENV: 'test', GONGKAI_TEST_NOW: '2020-01-01T00:00:00Z' });
  assert.ok(Math.abs(dated.now().getTime() - Date.parse('2020-01-01T00:00:00Z')) < 5_000);
  assert.throws(() => clockFromEnvironment({ NODE_ENV: 'test', GONGKAI_TEST_NOW: 'tomorrow' }), /not a date/);
});

test('a manual clock stands still until moved', () => {
  const clock = new ManualClock('2025-06-02T02:00:00Z');
  assert.equal(clock.now().toISOString(), '2025-06-02T02:00:00.000Z');
  clock.advance(60_000);
  assert.equal(clock.now().toISOString(), '2025-06-02T02:01:00.000Z');
});
