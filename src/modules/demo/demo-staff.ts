// The demo county's staff (issue #11 point 5): the county-level admin, and for 灵溪镇 and the
// county government a clerk (起草), a reviewer (保密审查) and a signer (签发), so that a newcomer
// can walk a publication and an application through every hand. Every account gets a one-time
// password (generated, shown once at first start, changed at first login) exactly like admin.
import type { AuditContext } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Trx } from '../../platform/transaction.ts';
import { createUser, type Role } from '../account/index.ts';
import type { DemoCounty } from './demo-county.ts';

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  /** The agency's 网址标识 in the demo county. */
  agency: string;
  role: Role;
  /** What the account is for, as printed at first start. */
  duty: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: 'admin', displayName: '系统管理员', agency: 'yongshun', role: 'admin', duty: '管理员（全县）' },
  {
    username: 'lingxi.clerk',
    displayName: '彭晓梅',
    agency: 'lingxi',
    role: 'clerk',
    duty: '灵溪镇 经办人（起草、办理申请）',
  },
  { username: 'lingxi.reviewer', displayName: '田志刚', agency: 'lingxi', role: 'reviewer', duty: '灵溪镇 保密审查' },
  { username: 'lingxi.signer', displayName: '向国华', agency: 'lingxi', role: 'signer', duty: '灵溪镇 签发' },
  { username: 'yongshun.clerk', displayName: '符丽', agency: 'yongshun', role: 'clerk', duty: '县政府办 经办人' },
  {
    username: 'yongshun.reviewer',
    displayName: '瞿文军',
    agency: 'yongshun',
    role: 'reviewer',
    duty: '县政府办 保密审查',
  },
  { username: 'yongshun.signer', displayName: '符国强', agency: 'yongshun', role: 'signer', duty: '县政府办 签发' },
];

export interface DemoAccount extends DemoAccountSpec {
  id: number;
  agencyId: number;
  agencyName: string;
  oneTimePassword: string;
}

/** Creates every demo account with a generated one-time password (must be changed at first login). */
export async function createDemoStaff(
  trx: Trx,
  ctx: AuditContext,
  county: DemoCounty,
  agencyNames: Readonly<Record<string, string>>,
): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const spec of DEMO_ACCOUNTS) {
    const agencyId = county.agencyIds[spec.agency];
    if (!agencyId) continue;
    const { id, oneTimePassword } = await createUser(trx, ctx, {
      agencyId,
      username: spec.username,
      displayName: spec.displayName,
      email: '',
      roles: [spec.role],
    });
    out.push({ ...spec, id, agencyId, agencyName: agencyNames[spec.agency] ?? spec.agency, oneTimePassword });
  }
  return out;
}

/** The account acting in the demo's own history (drafting, reviewing), as a signed-in actor would. */
export function demoActor(a: DemoAccount): Actor {
  return {
    userId: a.id,
    username: a.username,
    displayName: a.displayName,
    agencyId: a.agencyId,
    agencyName: a.agencyName,
    agencyDepth: a.agency === 'yongshun' ? 0 : 1,
    roles: [a.role],
    scopeAgencyIds: new Set([a.agencyId]),
    mustChangePassword: false,
    sessionId: '',
  };
}

/** The first-start notice: every demo account with its one-time password (shown only this once). */
export function demoAccountsNotice(accounts: readonly DemoAccount[], loginUrl: string): string {
  const line = '='.repeat(64);
  const width = Math.max(...accounts.map((a) => a.username.length));
  const rows = accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.oneTimePassword}  ${a.displayName}，${a.duty}`);
  return [
    '',
    line,
    '  演示县已创建。账号和一次性密码（只显示这一次；首次登录后须修改密码）：',
    ...rows,
    `  登录地址：${loginUrl}`,
    '  试一试：灵溪镇经办人起草信息 → 保密审查 → 签发；工作台（/admin）列出每人的待办。',
    line,
    '',
  ].join('\n');
}
