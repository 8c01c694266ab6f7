/** The staff roles (a user holds one or more per agency). */
export const ROLES = ['clerk', 'reviewer', 'signer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The cookie holding a staff session's token (set by the account module's login). */
export const SESSION_COOKIE = 'gk_session';

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
