// Typed policies (STYLE practice 5): an action is a member of a closed union, and every check
// is made against the object's agency, never the URL. A clerk of 灵溪镇 can hold every role
// there and still be refused for 高坪乡's records.
import { AppError } from '../errors.ts';
import type { Actor, Role } from './actor.ts';

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
  | 'settings.manage'
  | InteractionAction
  | PublicationAction
  | InfoRequestAction
  | ServiceHallAction
  | CommentPeriodAction
  | StandardCatalogueAction
  | MeetingAction
  | AnnualReportAction;

/** Annual reports (issue 5): narratives and figures, check, submit, review by the supervising agency, publish, override. */
type AnnualReportAction =
  | 'annualReport.view'
  | 'annualReport.edit'
  | 'annualReport.submit'
  | 'annualReport.review'
  | 'annualReport.publish'
  | 'annualReport.override';

const ANNUAL_REPORT_ROLE_ACTIONS: Record<Role, readonly AnnualReportAction[]> = {
  clerk: ['annualReport.view', 'annualReport.edit', 'annualReport.submit'],
  reviewer: ['annualReport.view', 'annualReport.edit', 'annualReport.submit'],
  signer: ['annualReport.view', 'annualReport.edit', 'annualReport.submit', 'annualReport.publish'],
  admin: [
    'annualReport.view',
    'annualReport.edit',
    'annualReport.submit',
    'annualReport.review',
    'annualReport.publish',
    'annualReport.override',
  ],
};

/** Disclosure on application (issue 4): intake, processing, the reply, extensions, archiving. */
type InfoRequestAction =
  | 'infoRequest.view'
  | 'infoRequest.intake'
  | 'infoRequest.process'
  | 'infoRequest.reply'
  | 'infoRequest.extend'
  | 'infoRequest.archive';

const INFO_REQUEST_ROLE_ACTIONS: Record<Role, readonly InfoRequestAction[]> = {
  clerk: ['infoRequest.view', 'infoRequest.intake', 'infoRequest.process', 'infoRequest.reply', 'infoRequest.archive'],
  reviewer: ['infoRequest.view'],
  signer: [
    'infoRequest.view',
    'infoRequest.intake',
    'infoRequest.process',
    'infoRequest.reply',
    'infoRequest.extend',
    'infoRequest.archive',
  ],
  admin: ['infoRequest.view'],
};

/** Proactive disclosure (issue 3): drafting, confidentiality review, sign-off, the catalogue. */
type PublicationAction =
  | 'publication.view'
  | 'publication.draft'
  | 'publication.review'
  | 'publication.signOff'
  | 'category.manage'
  // Withdrawing a released item for correction when personal data was found in it (#18 point 4):
  // the 保密审查 reviewer, the signer and the admin (for a county admin: every agency below it).
  | 'publication.privacyWithdraw';

const PUBLICATION_ROLE_ACTIONS: Record<Role, readonly PublicationAction[]> = {
  clerk: ['publication.view', 'publication.draft'],
  reviewer: ['publication.view', 'publication.review', 'publication.privacyWithdraw'],
  signer: ['publication.view', 'publication.signOff', 'category.manage', 'publication.privacyWithdraw'],
  admin: ['publication.view', 'category.manage', 'publication.privacyWithdraw'],
};

/** Public interaction, publicity notices, supervision and the staff registry (issue 6). */
type InteractionAction =
  | 'interaction.view'
  | 'interaction.handle'
  | 'notice.view'
  | 'notice.manage'
  | 'notice.viewUnmasked'
  | 'supervision.view'
  | 'supervision.manage'
  | 'staff.view'
  | 'staff.manage';

// Each role may do what the one before may, and more.
const INTERACTION_CLERK: readonly InteractionAction[] = [
  'interaction.view',
  'interaction.handle',
  'notice.view',
  'supervision.view',
  'staff.view',
];
const INTERACTION_REVIEWER: readonly InteractionAction[] = [
  ...INTERACTION_CLERK,
  'notice.manage',
  'notice.viewUnmasked',
];
const INTERACTION_SIGNER: readonly InteractionAction[] = [...INTERACTION_REVIEWER, 'supervision.manage'];

const INTERACTION_ROLE_ACTIONS: Record<Role, readonly InteractionAction[]> = {
  clerk: INTERACTION_CLERK,
  reviewer: INTERACTION_REVIEWER,
  signer: INTERACTION_SIGNER,
  admin: [...INTERACTION_SIGNER, 'staff.manage'],
};

/** 意见征集 / 重大决策预公开 (issue #17 point 4): draft and run a comment period, tag comments; publish. */
type CommentPeriodAction = 'commentPeriod.view' | 'commentPeriod.manage' | 'commentPeriod.publish';

const COMMENT_PERIOD_ROLE_ACTIONS: Record<Role, readonly CommentPeriodAction[]> = {
  clerk: ['commentPeriod.view', 'commentPeriod.manage'],
  reviewer: ['commentPeriod.view'],
  signer: ['commentPeriod.view', 'commentPeriod.manage', 'commentPeriod.publish'],
  admin: ['commentPeriod.view'],
};

/**
 * 基层政务公开标准目录 (issue #17 point 2): read it and its completeness; bind an agency's categories
 * to items and declare 未涉及 areas; edit and import the county's items (admin of the top agency).
 */
type StandardCatalogueAction = 'standardCatalogue.view' | 'standardCatalogue.bind' | 'standardCatalogue.manage';

const STANDARD_CATALOGUE_ROLE_ACTIONS: Record<Role, readonly StandardCatalogueAction[]> = {
  clerk: ['standardCatalogue.view', 'standardCatalogue.bind'],
  reviewer: ['standardCatalogue.view'],
  signer: ['standardCatalogue.view', 'standardCatalogue.bind'],
  admin: ['standardCatalogue.view', 'standardCatalogue.bind', 'standardCatalogue.manage'],
};

/** 会议公开 (issue #17 point 5): prepare a meeting, handle sign-ups, record decisions; announce and publish. */
type MeetingAction = 'meeting.view' | 'meeting.manage' | 'meeting.publish';

const MEETING_ROLE_ACTIONS: Record<Role, readonly MeetingAction[]> = {
  clerk: ['meeting.view', 'meeting.manage'],
  reviewer: ['meeting.view'],
  signer: ['meeting.view', 'meeting.manage', 'meeting.publish'],
  admin: ['meeting.view'],
};

/** Service hall (issue 7): items and guides, cases at the windows, decisions, performance. */
type ServiceHallAction = 'serviceCase.view' | 'serviceCase.handle' | 'serviceCase.decide' | 'serviceItem.manage';

const SERVICE_HALL_ROLE_ACTIONS: Record<Role, readonly ServiceHallAction[]> = {
  clerk: ['serviceCase.view', 'serviceCase.handle'],
  reviewer: ['serviceCase.view', 'serviceCase.handle', 'serviceCase.decide'],
  signer: ['serviceCase.view', 'serviceCase.decide'],
  admin: ['serviceCase.view', 'serviceItem.manage'],
};

const MODULE_ROLE_ACTIONS: readonly Record<Role, readonly Action[]>[] = [
  ANNUAL_REPORT_ROLE_ACTIONS,
  SERVICE_HALL_ROLE_ACTIONS,
  INFO_REQUEST_ROLE_ACTIONS,
  INTERACTION_ROLE_ACTIONS,
  PUBLICATION_ROLE_ACTIONS,
  COMMENT_PERIOD_ROLE_ACTIONS,
  STANDARD_CATALOGUE_ROLE_ACTIONS,
  MEETING_ROLE_ACTIONS,
];
/** What a role may do in the modules above, and the actions every staff member has. */
const staffActions = (role: Role): Action[] => [
  ...MODULE_ROLE_ACTIONS.flatMap((m) => m[role]),
  'admin.enter',
  'agency.view',
  'notification.view',
];

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  clerk: staffActions('clerk'),
  reviewer: staffActions('reviewer'),
  signer: [...staffActions('signer'), 'audit.view'],
  admin: [
    ...staffActions('admin'),
    'agency.edit',
    'agency.create',
    'agency.move',
    'agency.deactivate',
    'user.view',
    'user.manage',
    'audit.view',
    'calendar.manage',
    'settings.manage',
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
