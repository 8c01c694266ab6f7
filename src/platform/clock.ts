// Time as a dependency: jobs, sessions and deadlines ask the clock, so tests can move it.
export interface Clock {
  now(): Date;
}

/** A clock that tests set and advance. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A clock that starts at a chosen instant and then runs at real speed (browser tests, dated test runs). */
export class RunningClock implements Clock {
  private readonly offset: number;
  constructor(start: Date | string) {
    this.offset = new Date(start).getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/**
 * The environment variable that moves "today" for a whole test run (servers and CLI children
 * included). It is read only when NODE_ENV is `test`, which `npm test` sets; a production
 * process never looks at it.
 */
export const TEST_NOW_VARIABLE = 'GONGKAI_TEST_NOW';

/** The real clock, or, in test mode with GONGKAI_TEST_NOW set, a clock running from that instant. */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.NODE_ENV === 'test' ? env[TEST_NOW_VARIABLE] : undefined;
  if (!start) return { now: () => new Date() };
  if (Number.isNaN(new Date(start).getTime())) throw new Error(`${TEST_NOW_VARIABLE}=${start} is not a date`);
  return new RunningClock(start);
}

export const systemClock: Clock = clockFromEnvironment();

export const isoNow = (clock: Clock): string => clock.now().toISOString();
