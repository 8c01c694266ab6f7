import type { Role } from '../../modules/account/account.tables.ts';

/** The signed-in member of staff making a request. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  agencyId: number;
  agencyName: string;
  /** Depth 0 = the county government: the top of the tree. */
  agencyDepth: number;
  roles: readonly Role[];
  /** Agencies this actor may act for: its own, plus those below it for an admin. */
  scopeAgencyIds: ReadonlySet<number>;
  mustChangePassword: boolean;
  sessionId: string;
}
