// The declared policy of the authorisation matrix (test/foundation/authorization-matrix.db.test.ts):
// every admin route of the route table and who may call it, on the actor's own agency's records and
// on another's — stated here route by route, independently of src/platform/auth/policy.ts, so that
// a new admin route without an entry fails the matrix (「新路由缺少授权策略」).

export type Who = 'clerk' | 'reviewer' | 'signer' | 'admin';
export const ALL: readonly Who[] = ['clerk', 'reviewer', 'signer', 'admin'];

/**
 * - `signedIn`: any member of staff (the console's own pages: sign-in, password, logout).
 * - otherwise `roles` may do it: on the actor's own agency (a list, a new record), or on the record
 *   the URL names — or the form names with `{agency}` in `body` — when its agency is within the
 *   actor's scope (else `other`, 403 unless stated); with `county`, only at the county government.
 * - `params`, `query`, `body`: what the request needs besides the record to reach the decision.
 */
export interface RolesPolicy {
  kind: 'roles';
  roles: readonly Who[];
  county?: boolean;
  other?: 403 | 404;
  params?: Record<string, string>;
  query?: string;
  body?: Record<string, string>;
}
export type Policy = { kind: 'signedIn'; skip?: string } | RolesPolicy;

const list = (...roles: Who[]): RolesPolicy => ({ kind: 'roles', roles });
const record = list;
const county = (...roles: Who[]): RolesPolicy => ({ kind: 'roles', roles, county: true });
/** The form names the agency (agencyId): own and other agency as for a record in the URL. */
const forAgency = (roles: readonly Who[], body: Record<string, string> = {}): RolesPolicy => ({
  kind: 'roles',
  roles,
  body: { agencyId: '{agency}', ...body },
});

// Who may do what (the roles of src/platform/auth/policy.ts, restated).
const PUB_VIEW = ALL;
const DRAFT: Who[] = ['clerk'];
const REVIEW: Who[] = ['reviewer'];
const SIGN_OFF: Who[] = ['signer'];
const PRIVACY_WITHDRAW: Who[] = ['reviewer', 'signer', 'admin'];
const CATEGORIES: Who[] = ['signer', 'admin'];
const REPORT_EDIT = ALL;
const REPORT_REVIEW: Who[] = ['admin'];
const REPORT_PUBLISH: Who[] = ['signer', 'admin'];
const HANDLE = ALL;
const SETTINGS: Who[] = ['admin'];
const NOTICE_MANAGE: Who[] = ['reviewer', 'signer', 'admin'];
const SUPERVISE: Who[] = ['signer', 'admin'];
const STAFF_MANAGE: Who[] = ['admin'];
const IR_INTAKE: Who[] = ['clerk', 'signer'];
const IR_PROCESS: Who[] = ['clerk', 'signer'];
const IR_EXTEND: Who[] = ['signer'];
const CASE_HANDLE: Who[] = ['clerk', 'reviewer'];
const CASE_DECIDE: Who[] = ['reviewer', 'signer'];
const ITEMS: Who[] = ['admin'];
const AUDIT: Who[] = ['signer', 'admin'];
const ADMIN: Who[] = ['admin'];
const CP_MANAGE: Who[] = ['clerk', 'signer'];
const SC_BIND: Who[] = ['clerk', 'signer', 'admin'];
const CP_PUBLISH: Who[] = ['signer'];

export const POLICY: Record<string, Policy> = {
  'GET /admin/login': { kind: 'signedIn' },
  'POST /admin/login': { kind: 'signedIn', skip: 'signs in: test/foundation/auth.db.test.ts' },
  'POST /admin/logout': { kind: 'signedIn', skip: 'ends the session: test/foundation/auth.db.test.ts' },
  'GET /admin/password': { kind: 'signedIn' },
  'POST /admin/password': { kind: 'signedIn', skip: 'changes the password: test/foundation/auth.db.test.ts' },
  'GET /admin': list(...ALL),

  'GET /admin/publications': list(...PUB_VIEW),
  'GET /admin/publications/new': list(...DRAFT),
  'GET /admin/publications/interpretation-settings': county(...SETTINGS),
  'POST /admin/publications/interpretation-settings': county(...SETTINGS),
  'GET /admin/publications/attribute-settings': county(...SETTINGS),
  'POST /admin/publications/attribute-settings': county(...SETTINGS),
  // 公开属性复核 (条例 第十八条) is the reviewer's; on a published record it is a 409 after the role.
  'POST /admin/publications/:id/attribute-review': record(...REVIEW),
  'POST /admin/publications': forAgency(DRAFT),
  'GET /admin/publications/:id': record(...PUB_VIEW),
  // The records are published: editing one is a revision, the signer's (publication.states.ts).
  'GET /admin/publications/:id/edit': record(...SIGN_OFF),
  'POST /admin/publications/:id': record(...SIGN_OFF),
  'POST /admin/publications/:id/submit': record(...DRAFT),
  'POST /admin/publications/:id/review': record(...REVIEW),
  'POST /admin/publications/:id/sign-off': record(...SIGN_OFF),
  'POST /admin/publications/:id/withdraw': record(...SIGN_OFF),
  // A revision draft (publication.revision-service.ts): the signer drafts, submits and discards
  // it, the reviewer passes or returns it, a signer releases it.
  'POST /admin/publications/:id/revision/submit': record(...SIGN_OFF),
  'POST /admin/publications/:id/revision/review': record(...REVIEW),
  'POST /admin/publications/:id/revision/sign-off': record(...SIGN_OFF),
  'POST /admin/publications/:id/revision/discard': record(...SIGN_OFF),
  'POST /admin/publications/:id/validity': record(...SIGN_OFF),
  'POST /admin/publications/:id/attachments': record(...SIGN_OFF),
  'POST /admin/publications/:id/attachments/:attachmentId/title': record(...SIGN_OFF),
  'POST /admin/publications/:id/attachments/:attachmentId/delete': record(...SIGN_OFF),
  'GET /admin/publications/:id/attachments/:attachmentId': record(...PUB_VIEW),
  // The personal-data guard: on a published record the signer resolves (privacyActionFor).
  'POST /admin/publications/:id/privacy/:findingId/mask': record(...SIGN_OFF),
  'POST /admin/publications/:id/privacy/:findingId/override': {
    ...record(...SIGN_OFF),
    body: { reason: '本人同意公开' },
  },
  'POST /admin/publications/:id/attachments/:attachmentId/replace': record(...SIGN_OFF),
  'POST /admin/publications/:id/attachments/:attachmentId/redact': record(...SIGN_OFF),
  'POST /admin/publications/:id/privacy/rescan': record(...SIGN_OFF),
  'GET /admin/privacy': list(...PUB_VIEW),
  'POST /admin/privacy/scan': list(...PUB_VIEW),
  // 撤回更正 from the scan screen: the reviewer, the signer and the admin of the item's agency.
  'POST /admin/privacy/publications/:id/withdraw': record(...PRIVACY_WITHDRAW),
  'GET /admin/categories': list(...CATEGORIES),
  'POST /admin/categories': forAgency(CATEGORIES),
  'POST /admin/categories/preset': forAgency(CATEGORIES),
  'POST /admin/categories/:id': record(...CATEGORIES),
  'POST /admin/categories/:id/move': record(...CATEGORIES),
  'POST /admin/categories/:id/merge': record(...CATEGORIES),

  'GET /admin/annual-reports': list(...REPORT_EDIT),
  'POST /admin/annual-reports/town-due-date': county(...SETTINGS),
  'POST /admin/annual-reports': forAgency(REPORT_EDIT, { year: '2025' }),
  'GET /admin/annual-reports/checker': list(...REPORT_EDIT),
  'POST /admin/annual-reports/checker': list(...REPORT_EDIT),
  'GET /admin/annual-reports/:id': record(...REPORT_EDIT),
  'POST /admin/annual-reports/:id/narratives': record(...REPORT_EDIT),
  'POST /admin/annual-reports/:id/figures': record(...REPORT_EDIT),
  'POST /admin/annual-reports/:id/scope': record(...REPORT_EDIT),
  'POST /admin/annual-reports/:id/check': record(...REPORT_EDIT),
  'POST /admin/annual-reports/:id/submit': record(...REPORT_EDIT),
  // A report is reviewed by the agency above the one that wrote it.
  'POST /admin/annual-reports/:id/review': county(...REPORT_REVIEW),
  'POST /admin/annual-reports/:id/publish': record(...REPORT_PUBLISH),
  'GET /admin/annual-reports/:id/cell': { ...record(...REPORT_EDIT), query: 'cell=table2.regulation.issued' },
  'GET /admin/annual-reports/:id/export.:ext': { ...record(...REPORT_EDIT), params: { ext: 'docx' } },

  // 意见征集 (#17 point 4): the demo's published consultation of each agency, so steps that only a
  // draft allows (edit, files, publish) answer 409 to those allowed and change nothing.
  'GET /admin/standard-catalogue': list(...ALL),
  'GET /admin/standard-catalogue/areas/:key': { ...list(...ALL), params: { key: 'socialAssistance' } },
  'GET /admin/standard-catalogue/items/new': county(...ADMIN),
  'POST /admin/standard-catalogue/items': county(...ADMIN),
  'GET /admin/standard-catalogue/items/:id': { ...county(...ADMIN), params: { id: '1' } },
  'POST /admin/standard-catalogue/items/:id': { ...county(...ADMIN), params: { id: '1' } },
  'POST /admin/standard-catalogue/items/:id/delete': { ...county(...ADMIN), params: { id: '1' } },
  'GET /admin/standard-catalogue/template.csv': list(...ALL),
  'GET /admin/standard-catalogue/template.xlsx': list(...ALL),
  'GET /admin/standard-catalogue/export.csv': list(...ALL),
  'GET /admin/standard-catalogue/export.xlsx': list(...ALL),
  'POST /admin/standard-catalogue/import': county(...ADMIN),
  'POST /admin/standard-catalogue/starter': county(...ADMIN),
  'GET /admin/standard-catalogue/agencies/:id': record(...SC_BIND),
  'POST /admin/standard-catalogue/agencies/:id/bindings': record(...SC_BIND),
  'POST /admin/standard-catalogue/agencies/:id/exemptions': record(...SC_BIND),
  'POST /admin/standard-catalogue/agencies/:id/exemptions/:area/delete': {
    ...record(...SC_BIND),
    params: { area: 'budgets' },
  },
  'GET /admin/standard-catalogue/completeness': list(...ALL),
  'GET /admin/comment-periods': list(...ALL),
  'GET /admin/comment-periods/new': list(...CP_MANAGE),
  'POST /admin/comment-periods': forAgency(CP_MANAGE),
  'GET /admin/comment-periods/settings': county(...SETTINGS),
  'POST /admin/comment-periods/settings': county(...SETTINGS),
  'GET /admin/comment-periods/:id': record(...ALL),
  'GET /admin/comment-periods/:id/edit': record(...CP_MANAGE),
  'POST /admin/comment-periods/:id': record(...CP_MANAGE),
  'POST /admin/comment-periods/:id/files': record(...CP_MANAGE),
  'POST /admin/comment-periods/:id/files/:fileId/delete': record(...CP_MANAGE),
  'GET /admin/comment-periods/:id/files/:fileId': record(...ALL),
  'POST /admin/comment-periods/:id/publish': record(...CP_PUBLISH),
  'POST /admin/comment-periods/:id/comments': record(...CP_MANAGE),
  'POST /admin/comment-periods/:id/comments/:commentId/verdict': record(...CP_MANAGE),
  'POST /admin/comment-periods/:id/feedback': record(...CP_PUBLISH),
  'GET /admin/interaction': list(...HANDLE),
  'GET /admin/interaction/phone': list(...HANDLE),
  'POST /admin/interaction/phone': list(...HANDLE),
  'GET /admin/interaction/settings': list(...SETTINGS),
  'POST /admin/interaction/settings': list(...SETTINGS),
  'GET /admin/interaction/:id': record(...HANDLE),
  'POST /admin/interaction/:id/assign': record(...HANDLE),
  'POST /admin/interaction/:id/handle': record(...HANDLE),
  'POST /admin/interaction/:id/reply': record(...HANDLE),
  'POST /admin/interaction/:id/publication': record(...HANDLE),
  'GET /admin/notices': list(...ALL),
  'GET /admin/notices/new': list(...NOTICE_MANAGE),
  'POST /admin/notices': list(...NOTICE_MANAGE),
  'GET /admin/notices/:id': record(...ALL),
  'GET /admin/notices/:id/table.csv': record(...NOTICE_MANAGE),
  'POST /admin/notices/:id/publish': record(...NOTICE_MANAGE),
  'POST /admin/notices/:id/withdraw': record(...NOTICE_MANAGE),
  'GET /admin/supervision': list(...ALL),
  'GET /admin/supervision/evaluations': list(...ALL),
  'POST /admin/supervision/evaluations': list(...SUPERVISE),
  'GET /admin/supervision/inspections': list(...ALL),
  'POST /admin/supervision/inspections': list(...SUPERVISE),
  'POST /admin/supervision/inspections/:id/fix': record(...SUPERVISE),
  'GET /admin/supervision/accountability': list(...ALL),
  'POST /admin/supervision/accountability': list(...SUPERVISE),
  'GET /admin/staff': list(...ALL),
  'POST /admin/staff': list(...STAFF_MANAGE),
  'POST /admin/staff/:id/end': record(...STAFF_MANAGE),
  'POST /admin/staff/trainings': list(...STAFF_MANAGE),

  'GET /admin/record-amendments': list(...ALL),
  'GET /admin/record-amendments/new': list(...IR_INTAKE),
  'POST /admin/record-amendments': forAgency(IR_INTAKE),
  'GET /admin/record-amendments/:id': record(...ALL),
  'POST /admin/record-amendments/:id/confirm': record(...IR_INTAKE),
  'POST /admin/record-amendments/:id/extend': record(...IR_EXTEND),
  'POST /admin/record-amendments/:id/decide': record(...IR_PROCESS),
  'GET /admin/record-amendments/:id/files/:fileId': record(...ALL),
  'GET /admin/record-amendments/:id/letters/:letterId': record(...ALL),
  'GET /admin/record-amendments/:id/letters/:letterId/docx': record(...ALL),
  'GET /admin/info-requests': list(...ALL),
  'GET /admin/info-requests/new': list(...IR_INTAKE),
  'POST /admin/info-requests': list(...IR_INTAKE),
  'GET /admin/info-requests/settings': list(...ALL),
  'POST /admin/info-requests/settings': list(...SETTINGS),
  'GET /admin/info-requests/:id': record(...ALL),
  // 转为主动公开 (条例 第四十四条): accepting drafts a publication (the clerk's); dismissing is a
  // reply-side decision (clerk, signer); the number of applicants is the county's setting.
  // 会议公开 (#17 point 5): the planted meeting is announced for 2099, so announce, hold, decisions
  // and publishing answer 409 to those allowed; an empty sign-up decision is a 422.
  'GET /admin/meetings': list(...ALL),
  'GET /admin/meetings/new': list(...CP_MANAGE),
  'POST /admin/meetings': forAgency(CP_MANAGE),
  'GET /admin/meetings/:id': record(...ALL),
  'GET /admin/meetings/:id/edit': record(...CP_MANAGE),
  'POST /admin/meetings/:id': record(...CP_MANAGE),
  'POST /admin/meetings/:id/announce': record(...CP_PUBLISH),
  'POST /admin/meetings/:id/hold': record(...CP_MANAGE),
  'POST /admin/meetings/:id/decisions': record(...CP_MANAGE),
  'POST /admin/meetings/:id/publish-decisions': record(...CP_PUBLISH),
  'POST /admin/meetings/:id/signups/:signupId': record(...CP_MANAGE),
  'GET /admin/info-requests/proactive': list(...ALL),
  'GET /admin/info-requests/proactive/settings': county(...SETTINGS),
  'POST /admin/info-requests/proactive/settings': county(...SETTINGS),
  'GET /admin/info-requests/proactive/:id': record(...ALL),
  'POST /admin/info-requests/proactive/:id/accept': record(...DRAFT),
  'POST /admin/info-requests/proactive/:id/dismiss': record(...IR_PROCESS),
  'POST /admin/info-requests/:id/reply': record(...IR_PROCESS),
  'POST /admin/info-requests/:id/query-code': record(...IR_INTAKE),
  'POST /admin/info-requests/:id/:action': { ...record(...IR_EXTEND), params: { action: 'extension' } },
  'POST /admin/info-requests/:id/:collection/:itemId': {
    ...record(...IR_PROCESS),
    params: { collection: 'appeals' },
  },
  'GET /admin/info-requests/:id/letters/:letterId': record(...ALL),
  'GET /admin/info-requests/:id/letters/:letterId/docx': record(...ALL),
  'GET /admin/info-requests/:id/files/:fileId': record(...ALL),
  'POST /admin/info-requests/:id/corrections/:correctionId/accept': record(...IR_PROCESS),
  'POST /admin/info-requests/:id/corrections/:correctionId/ask-again': record(...IR_PROCESS),
  'GET /admin/info-requests/:id/corrections/:correctionId/files/:correctionFileId': record(...ALL),

  'GET /admin/agencies': list(...ALL),
  'GET /admin/agencies/new': list(...ADMIN),
  'POST /admin/agencies': list(...ADMIN),
  'GET /admin/agencies/:id': record(...ALL),
  'POST /admin/agencies/:id': record(...ADMIN),
  'POST /admin/agencies/:id/move': record(...ADMIN),
  'POST /admin/agencies/:id/deactivate': record(...ADMIN),
  'POST /admin/agencies/:id/activate': record(...ADMIN),
  'GET /api/v1/admin/agencies/:id': record(...ALL),
  'GET /admin/users': list(...ADMIN),
  'GET /admin/users/new': list(...ADMIN),
  'POST /admin/users': list(...ADMIN),
  'GET /admin/users/:id': record(...ADMIN),
  'POST /admin/users/:id': record(...ADMIN),
  'POST /admin/users/:id/reset': record(...ADMIN),
  'POST /admin/users/:id/unlock': record(...ADMIN),
  'POST /admin/users/:id/deactivate': record(...ADMIN),
  'POST /admin/users/:id/activate': record(...ADMIN),
  'GET /admin/calendar': county(...ADMIN),
  'POST /admin/calendar/import': county(...ADMIN),
  'GET /admin/notifications': list(...ALL),
  'GET /admin/audit': list(...AUDIT),

  'GET /admin/service-hall': list(...ALL),
  'GET /admin/service-hall/cases/new': list(...CASE_HANDLE),
  'POST /admin/service-hall/cases': list(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/query-code': record(...CASE_HANDLE),
  'GET /admin/service-hall/cases/:id': record(...ALL),
  'POST /admin/service-hall/cases/:id/accept': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/not-accept': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/correction': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/materials-arrived': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/process': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/suspend': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/resume': record(...CASE_HANDLE),
  'POST /admin/service-hall/cases/:id/decide': record(...CASE_DECIDE),
  'POST /admin/service-hall/cases/:id/deliver': record(...CASE_HANDLE),
  'GET /admin/service-hall/performance': list(...ALL),
  'GET /admin/service-hall/items': list(...ALL),
  'GET /admin/service-hall/items.csv': list(...ALL),
  'GET /admin/service-hall/items.xlsx': list(...ALL),
  'POST /admin/service-hall/items/import-file': list(...ITEMS),
  'POST /admin/service-hall/items/import': list(...ITEMS),
  'POST /admin/service-hall/windows': list(...ITEMS),
  'GET /admin/service-hall/items/new': list(...ITEMS),
  'POST /admin/service-hall/items': list(...ITEMS),
  'GET /admin/service-hall/items/:id': record(...ALL),
  'POST /admin/service-hall/items/:id': record(...ITEMS),
};

/**
 * What an answer says against the policy: 403 and 404 as such; 401, a redirect to the login or
 * password page, or a 5xx stay numbers (never 'allow'); anything else passed authorisation.
 */
export type Answer = 'allow' | 403 | 404;

export function answerOf(status: number, location: string | undefined): Answer | number {
  if (status === 403 || status === 404) return status;
  if (status === 401 || (status >= 300 && status < 400 && /^\/admin\/(?:login|password)/.test(location ?? '')))
    return status;
  if (status >= 500) return status;
  return 'allow';
}
