import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ETA_WINDOW_MS, remainingSeconds } from './publication.import-cli.ts';

test('remaining time: projected from the last minute, not from the whole run', () => {
  // A second run: the first 50 % skipped in 30 s, then 1 % every 6 s (the rows imported again).
  const samples: [number, number][] = [[0, 0]];
  for (let t = 1; t <= 30; t++) samples.push([t * 1000, t / 60]);
  for (let t = 36; t <= 30 + 6 * 23; t += 6) samples.push([t * 1000, 0.5 + (t - 30) / 600]);
  const now = samples[samples.length - 1]!;
  assert.equal(now[1], 0.73);
  // The whole run's pace (73 % in 168 s) would say ~62 s; the last minute's (1 % in 6 s) says 162 s.
  assert.ok(Math.abs(remainingSeconds(samples) - 162) < 0.5, String(remainingSeconds(samples)));
});

test('remaining time: from the start while the run is younger than the window', () => {
  assert.ok(
    Math.abs(
      remainingSeconds([
        [0, 0],
        [10_000, 0.1],
      ]) - 90,
    ) < 1e-9,
  );
  assert.ok(
    Math.abs(
      remainingSeconds([
        [0, 0],
        [5_000, 0.02],
        [ETA_WINDOW_MS - 1, 0.2],
      ]) -
        (4 * (ETA_WINDOW_MS - 1)) / 1000,
    ) < 1e-6,
  );
});

test('remaining time: unknown without progress, zero at the end', () => {
  assert.ok(Number.isNaN(remainingSeconds([])));
  assert.ok(
    Number.isNaN(
      remainingSeconds([
        [0, 0.4],
        [70_000, 0.4],
      ]),
    ),
  );
  assert.equal(
    remainingSeconds([
      [0, 0],
      [1_000, 1],
    ]),
    0,
  );
});
