// Route tests' staff: members of staff of the demo county's agencies, one role each, each signed in
// through the login form with its own agent; `at()` moves the clock and signs everyone in again
// (sessions end after 30 idle minutes).
import type { Role } from '../../src/modules/account/account.tables.ts';
import { Agent } from './agent.ts';
import { createTestEnv, type TestEnv } from './test-app.ts';

/** [username, the demo agency's slug, role] */
export type StaffSpec = readonly [username: string, agencySlug: string, role: Role];

/**
 * 灵溪镇's clerk (prepares) and signer (publishes), and 高坪乡's clerk (another town's, refused):
 * the staff of the route tests of a town's public participation (meetings, consultations, 更正).
 */
export const TOWN_STAFF: readonly StaffSpec[] = [
  ['lx.clerk', 'lingxi', 'clerk'],
  ['lx.signer', 'lingxi', 'signer'],
  ['gp.clerk', 'gaoping', 'clerk'],
];

export class SignedInStaff {
  private opened?: TestEnv;
  private readonly agents = new Map<string, Agent>();

  /** The users are created in this order (their ids follow it). */
  constructor(private readonly users: readonly StaffSpec[]) {}

  /** Creates the users in `env` (password already changed) and signs each one in. */
  async open(env: TestEnv): Promise<void> {
    this.opened = env;
    for (const [username, slug, role] of this.users) await env.user(username, slug, [role]);
    await this.signIn();
  }

  /** A new env (createTestEnv with `opts`) with these users created and signed in: a test file's before(). */
  async start(opts: Parameters<typeof createTestEnv>[0] = {}): Promise<TestEnv> {
    const env = await createTestEnv(opts);
    await this.open(env);
    return env;
  }

  /** The env the users were created in. */
  get env(): TestEnv {
    if (!this.opened) throw new Error('SignedInStaff.open() has not run');
    return this.opened;
  }

  /** A fresh agent for each user, signed in on the clock as it is now. */
  async signIn(): Promise<void> {
    const env = this.env;
    for (const [username] of this.users) {
      const agent = new Agent(env.app);
      await agent.login(username);
      this.agents.set(username, agent);
    }
  }

  /** Sets the clock to `iso` and signs everyone in again. */
  at = async (iso: string): Promise<void> => {
    this.env.clock.set(iso);
    await this.signIn();
  };

  /** The signed-in agent of `username`. */
  as = (username: string): Agent => {
    const agent = this.agents.get(username);
    if (!agent) throw new Error(`${username} is not one of the signed-in staff`);
    return agent;
  };
}
