import type { Role } from '../../../src/modules/account/account.tables.ts';
import { createUser } from '../../../src/modules/account/user.service.ts';
import { createAgency, type AgencyInput, type AgencyKind } from '../../../src/modules/agency/index.ts';
import { DEFAULT_INDEX_PATTERN } from '../../../src/modules/catalog/index.ts';
import { makeCreditCode } from '../../../src/platform/validation/credit-code.ts';
import { Agent } from '../agent.ts';
import { TEST_PASSWORD } from '../test-app.ts';
import { ctxOf, next, tx, type Env } from './kit.ts';

// ——— agencies and staff ———

export interface MadeAgency {
  id: number;
  slug: string;
  name: string;
}

/** The county at the root: the demo county's when there is one, else one made here (once per env). */
export async function rootAgency(env: Env): Promise<MadeAgency> {
  const db = env.database.db;
  const root = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name'])
    .where('parentId', 'is', null)
    .executeTakeFirst();
  if (root) return root;
  return makeAgency(env, { kind: 'countyGovernment', name: '测试县人民政府', shortName: '测试县', slug: 'ceshi' });
}

/**
 * An agency (with its default 目录 taxonomy, as the admin screen makes it) under the root county,
 * or under `parentId`; a town unless `kind` says otherwise.
 */
export async function makeAgency(
  env: Env,
  over: { kind?: AgencyKind; name?: string; shortName?: string; slug?: string; parentId?: number | null } = {},
): Promise<MadeAgency> {
  const n = next();
  const kind = over.kind ?? 'town';
  const parentId =
    over.parentId !== undefined ? over.parentId : kind === 'countyGovernment' ? null : (await rootAgency(env)).id;
  const shortName = over.shortName ?? `测试${n}镇`;
  const name = over.name ?? `测试县${shortName}人民政府`;
  const slug = over.slug ?? `t${n}${process.pid}`.slice(0, 30);
  const input: AgencyInput = {
    name,
    shortName,
    kind,
    creditCode: makeCreditCode(`11439999${String(n).padStart(9, '0')}`),
    slug,
    officeName: `${shortName}党政综合办公室`,
    officeAddress: `${shortName}政府路${n}号`,
    officePostcode: '416700',
    officePhone: '0743-5230000',
    officeFax: '',
    officeEmail: `${slug}@example.gov.cn`,
    officeHours: '工作日 上午8:00—12:00，下午14:30—17:30',
    indexPattern: DEFAULT_INDEX_PATTERN,
    guideText: `${shortName}的政府信息由${shortName}党政综合办公室统一负责公开工作。`,
    sortOrder: String(n),
  };
  const id = await tx(env, (trx) => createAgency(trx, ctxOf(env), input, parentId));
  return { id, slug, name };
}

export interface MadeStaff {
  id: number;
  username: string;
  /** A new agent signed in as this user (TEST_PASSWORD, no forced change). */
  login(): Promise<Agent>;
}

/** A member of staff of `agencyId` with `roles`, password TEST_PASSWORD already changed. */
export async function makeStaff(
  env: Env,
  agencyId: number,
  roles: Role[],
  over: { username?: string; email?: string; mustChange?: boolean } = {},
): Promise<MadeStaff> {
  const username = over.username ?? `${roles.join('-')}.${next()}`;
  const { id } = await tx(env, (trx) =>
    createUser(trx, ctxOf(env), {
      agencyId,
      username,
      displayName: username,
      email: over.email ?? '',
      roles,
      password: TEST_PASSWORD,
    }),
  );
  if (!over.mustChange)
    await env.database.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', id).execute();
  return {
    id,
    username,
    async login() {
      const a = new Agent(env.app);
      await a.login(username);
      return a;
    },
  };
}

/** An agency with a clerk, a reviewer, a signer and an admin (usernames prefixed by `prefix`). */
export async function makeOffice(env: Env, prefix?: string, over: Parameters<typeof makeAgency>[1] = {}) {
  const agency = await makeAgency(env, over);
  const p = prefix ?? agency.slug;
  const [clerk, reviewer, signer, admin] = [
    await makeStaff(env, agency.id, ['clerk'], { username: `${p}.clerk` }),
    await makeStaff(env, agency.id, ['reviewer'], { username: `${p}.reviewer` }),
    await makeStaff(env, agency.id, ['signer'], { username: `${p}.signer` }),
    await makeStaff(env, agency.id, ['admin'], { username: `${p}.admin` }),
  ];
  return { agency, clerk, reviewer, signer, admin };
}
