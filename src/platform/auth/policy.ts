// Typed policies (STYLE practice 5): an action is a member of a closed union, and every check
// is made against the object's agency, never the URL. A clerk of 灵溪镇 can hold every role
// there and still be refused for 高坪乡's records.
import type { Role } from '../../modules/account/account.tables.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';

export type Action =
  | 'admin.enter'
  | 'agency.view'
  | 'agency.edit'
  | 'agency.create'
  | 'agency.move'
  | 'agency.deactivate'
  | 'user.view'
  | 'user.manage'
  | 'audit.view'
  | 'calendar.manage'
  | 'notification.view'
  | 'settings.manage';

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  clerk: ['admin.enter', 'agency.view', 'notification.view'],
  reviewer: ['admin.enter', 'agency.view', 'notification.view'],
  signer: ['admin.enter', 'agency.view', 'notification.view', 'audit.view'],
  admin: [
    'admin.enter', 'agency.view', 'agency.edit', 'agency.create', 'agency.move', 'agency.deactivate', 'user.view',
    'user.manage', 'audit.view', 'calendar.manage', 'notification.view', 'settings.manage',
  ],
};

/** Actions about data shared by the whole platform, allowed only at the top of the tree. */
const PLATFORM_ACTIONS: ReadonlySet<Action> = new Set(['calendar.manage']);

export interface AgencyScoped {
  agencyId: number;
}

export function hasRoleFor(actor: Actor, action: Action): boolean {
  return actor.roles.some((r) => ROLE_ACTIONS[r].includes(action));
}

/**
 * May `actor` perform `action` — on `object` when given? Object-level: the object's agency must
 * be within the actor's scope. Platform-wide actions need an actor at the top agency.
 */
export function can(actor: Actor | null, action: Action, object?: AgencyScoped): boolean {
  if (!actor) return false;
  if (!hasRoleFor(actor, action)) return false;
  if (PLATFORM_ACTIONS.has(action) && actor.agencyDepth !== 0) return false;
  if (object && !actor.scopeAgencyIds.has(object.agencyId)) return false;
  return true;
}

/** Throws 403 unless `can`. */
export function authorize(actor: Actor | null, action: Action, object?: AgencyScoped): asserts actor is Actor {
  if (!actor) throw new AppError('loginRequired');
  if (!can(actor, action, object)) throw new AppError('forbidden');
}
