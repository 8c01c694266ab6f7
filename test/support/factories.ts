// Test factories: an agency, staff with roles, a publication in any workflow state, an application
// at any point of its clock, a letter / inquiry / complaint, an annual report — each made through
// the real services (the same code the routes call, audit events included), on either engine.
// They need no demo county: `createTestEnv({ demo: false })` plus these builds a test's own state
// in milliseconds, where the demo seed takes seconds. Every factory takes the test's env and
// returns the ids the test needs; defaults are valid values a test may override.
import { systemContext } from '../../src/bootstrap.ts';
import type { Role } from '../../src/modules/account/account.tables.ts';
import { createUser } from '../../src/modules/account/user.service.ts';
import { createAgency, findAgencyById, type AgencyInput, type AgencyKind } from '../../src/modules/agency/index.ts';
import { checkReport, openReport, saveNarratives } from '../../src/modules/annual-report/annual-report.service.ts';
import { approveReport, returnReport, submitReport } from '../../src/modules/annual-report/annual-report.workflow.ts';
import type { AnnualReportState } from '../../src/modules/annual-report/annual-report.tables.ts';
import {
  addWorkingDays,
  addCalendarDays,
  isWorkingDay,
  todayInShanghai,
  workingDaysBetween,
  type WorkCalendar,
} from '../../src/modules/calendar/index.ts';
import { DEFAULT_INDEX_PATTERN } from '../../src/modules/catalog/index.ts';
import { startConsultation } from '../../src/modules/info-request/consultation.service.ts';
import { replyToInfoRequest } from '../../src/modules/info-request/decision.service.ts';
import { readInfoRequestForm, registerIntake, submitOnline } from '../../src/modules/info-request/intake.service.ts';
import { loadCase } from '../../src/modules/info-request/info-request.service.ts';
import { residentIdCheckChar } from '../../src/modules/info-request/rules/index.ts';
import { extendDeadline, requestCorrection } from '../../src/modules/info-request/process.service.ts';
import { findCaseById } from '../../src/modules/interaction/index.ts';
import { submitPublicCase } from '../../src/modules/interaction/interaction.service.ts';
import { assignCase, replyCase, startHandling } from '../../src/modules/interaction/interaction.steps.ts';
import type { CaseKind } from '../../src/modules/interaction/interaction.tables.ts';
import { createDraft, review, signOff, submit } from '../../src/modules/publication/index.ts';
import { withdraw } from '../../src/modules/publication/publication.service.ts';
import type { PublicationState } from '../../src/modules/publication/publication.tables.ts';
import type { AuditContext } from '../../src/platform/audit.ts';
import { makeCreditCode } from '../../src/platform/validation/credit-code.ts';
import { inTransaction, type Executor, type Trx } from '../../src/platform/transaction.ts';
import { Agent } from './agent.ts';
import { TEST_PASSWORD, type TestEnv } from './test-app.ts';

type Env = Pick<TestEnv, 'app' | 'database' | 'clock' | 'county' | 'deps' | 'config'>;

let seq = 0;
/** A counter for unique names within one test process (slugs, usernames, titles). */
const next = () => ++seq;

/** The env's clock as an audit context, or a given ISO day at 10:00 Beijing time. */
export function ctxOf(env: Env, on?: string): AuditContext {
  const ctx = systemContext(env.clock);
  return on ? { ...ctx, at: `${on}T02:00:00.000Z` } : ctx;
}

/** Today (Beijing) on the env's clock. */
export const todayOf = (env: Env): string => todayInShanghai(env.clock.now());

const tx = <T>(env: Env, fn: (trx: Trx) => Promise<T>) => inTransaction(env.database.db, fn);
/** The working calendar, read before a transaction: the embedded engine has one connection. */
const calendarOf = (env: Env): Promise<WorkCalendar> => env.deps.calendar.get();

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

// ——— publications ———

export interface PublicationOver {
  title?: string;
  body?: string;
  formedOn?: string;
  /** Category codes of the agency's taxonomy; default 「机构职能」's first statutory category. */
  categoryCodes?: string[];
  values?: Record<string, string>;
}

/**
 * A publication of `agencyId` brought to `state` through the workflow (draft → submit → 保密审查
 * → 签发, or withdrawn after release); 'returned' is a draft sent back by the reviewer with a comment.
 */
export async function makePublication(
  env: Env,
  agencyId: number,
  state: PublicationState | 'returned' = 'published',
  over: PublicationOver = {},
): Promise<{ id: number; indexNumber: string | null }> {
  const db = env.database.db;
  const codes = over.categoryCodes ?? ['statutory.a21.2'];
  const cats = await db
    .selectFrom('categories')
    .select(['id', 'code'])
    .where('agencyId', '=', agencyId)
    .where('code', 'in', codes)
    .execute();
  if (cats.length !== codes.length) throw new Error(`agency ${agencyId} has no category ${codes.join(', ')}`);
  const cal = await calendarOf(env);
  const n = next();
  const id = await tx(env, (trx) =>
    createDraft(trx, ctxOf(env), 'system', cal, agencyId, {
      values: {
        title: over.title ?? `测试公开信息${n}`,
        summary: '',
        body: over.body ?? `<p>测试正文${n}。</p>`,
        issuer: '党政综合办公室',
        formedOn: over.formedOn ?? todayOf(env),
        documentNumber: '',
        docKind: 'other',
        issuedOn: '',
        validity: 'valid',
        effectiveOn: '',
        topic: '',
        keywords: '',
        related: '',
        ...over.values,
      },
      categoryIds: cats.map((c) => String(c.id)),
      channels: ['website'],
    }),
  );
  const steps: Record<string, ((trx: Trx) => Promise<unknown>)[]> = {
    draft: [],
    returned: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'return', '请补充文号。'),
    ],
    submitted: [(t) => submit(t, ctxOf(env), 'system', id)],
    reviewed: [(t) => submit(t, ctxOf(env), 'system', id), (t) => review(t, ctxOf(env), 'system', id, 'pass', '')],
    published: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'pass', ''),
      (t) => signOff(t, ctxOf(env), 'system', id, 'approve', ''),
    ],
    withdrawn: [
      (t) => submit(t, ctxOf(env), 'system', id),
      (t) => review(t, ctxOf(env), 'system', id, 'pass', ''),
      (t) => signOff(t, ctxOf(env), 'system', id, 'approve', ''),
      (t) => withdraw(t, ctxOf(env), 'system', id, '内容已过时。'),
    ],
  };
  for (const step of steps[state] ?? []) await tx(env, step);
  const row = await db.selectFrom('publications').select('indexNumber').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, indexNumber: row.indexNumber };
}

// ——— applications (依申请公开) ———

/** Where an application stands. */
export type ApplicationStep =
  | 'submitted' // online, not yet confirmed: no clock
  | 'processing' // registered, the clock running
  | 'correction' // a 补正告知书 sent, the clock stopped
  | 'consulting' // a third party consulted, the clock paused
  | 'extended' // the period extended by 20 working days
  | 'replied'; // answered (予以公开)

export interface ApplicationOver {
  /** 收到申请之日 (in person); default: `receivedWorkingDaysAgo` working days before today. */
  receivedOn?: string;
  /** How far into its clock: working days since receipt (default 0, received today). */
  receivedWorkingDaysAgo?: number;
  /** Fields of the application form (test/info-request/helpers.ts names them). */
  fields?: Record<string, string>;
}

/** The working day `n` working days before `today` (0: today, or the last working day before it). */
export function workingDaysBefore(cal: WorkCalendar, today: string, n: number): string {
  let d = today;
  while (workingDaysBetween(cal, d, today) < n || !isWorkingDay(cal, d)) d = addCalendarDays(d, -1);
  return d;
}

export const INFO_REQUEST_FORM_FIELDS: Record<string, string> = {
  applicantKind: 'naturalPerson',
  name: '测试申请人',
  idDocumentType: 'residentIdCard',
  idDocumentNumber: `43312719881203004${residentIdCheckChar('43312719881203004')}`,
  phone: '13900000000',
  email: 'applicant@example.cn',
  postalAddress: '测试县政府路1号',
  postcode: '416700',
  fax: '',
  informationName: '2025年道路维修项目预算',
  documentNumber: '',
  featureDescription: '2025年乡村道路维修的项目预算表',
  requestedForm: 'electronic',
  deliveryWay: 'onlinePlatform',
};

/**
 * An application to `agency` at `step`, received `receivedWorkingDaysAgo` working days ago (or on
 * `receivedOn`), registered at the counter; the later steps happen on the day of receipt.
 */
export async function makeApplication(
  env: Env,
  agency: { id: number; slug: string },
  step: ApplicationStep = 'processing',
  over: ApplicationOver = {},
): Promise<{ id: number; number: string; queryCode: string; receivedOn: string | null }> {
  const cal = await calendarOf(env);
  const values = readInfoRequestForm({ ...INFO_REQUEST_FORM_FIELDS, ...over.fields });
  if (step === 'submitted') {
    const made = await tx(env, (trx) => submitOnline(trx, ctxOf(env), agency, values, []));
    return { ...made, receivedOn: null };
  }
  const receivedOn = over.receivedOn ?? workingDaysBefore(cal, todayOf(env), over.receivedWorkingDaysAgo ?? 0);
  const made = await tx(env, (trx) =>
    registerIntake(trx, ctxOf(env), cal, agency, values, 'inPerson', { handedInOn: receivedOn }, ''),
  );
  const on = ctxOf(env, receivedOn);
  const then = async (fn: (trx: Trx, r: Awaited<ReturnType<typeof loadCase>>) => Promise<void>) =>
    tx(env, async (trx) => fn(trx, await loadCase(trx, made.id)));
  if (step === 'correction')
    await then((trx, r) =>
      requestCorrection(trx, on, cal, r, {
        noticeSentOn: receivedOn,
        correctionDueOn: addWorkingDays(cal, receivedOn, 15).date,
        items: '请写明所需信息的文件名称。',
      }),
    );
  if (step === 'consulting')
    await then((trx, r) =>
      startConsultation(trx, on, cal, r, {
        party: 'thirdParty',
        partyName: '测试建设有限公司',
        letterSentOn: receivedOn,
      }),
    );
  if (step === 'extended')
    await then((trx, r) =>
      extendDeadline(trx, on, cal, r, {
        workingDays: 20,
        approvedBy: '办公室主任',
        approvedOn: receivedOn,
        applicantNotifiedOn: receivedOn,
        reason: '需调取档案',
      }),
    );
  if (step === 'replied')
    await then((trx, r) =>
      replyToInfoRequest(trx, ctxOf(env), cal, env.config.dataDir, r, {
        outcomeKey: 'disclosed',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
        text: '您申请的信息予以公开，见附件。',
        repliedOn: todayOf(env),
        files: [],
      }),
    );
  return { ...made, receivedOn };
}

// ——— letters, inquiries, complaints (领导信箱 / 咨询 / 投诉) ———

/**
 * A case written on the public site, at `step`: `received`; `assigned` to `over.assignee` (a new
 * clerk of the agency when not given); `handling` (complaints only: taken up without assignment);
 * `replied` (a complaint is taken up first, as its machine wants).
 */
export async function makeLetter(
  env: Env,
  agencyId: number,
  kind: Exclude<CaseKind, 'objection'> = 'letter',
  step: 'received' | 'assigned' | 'handling' | 'replied' = 'received',
  over: { topic?: string; body?: string; writerEmail?: string; publishConsent?: boolean; assignee?: number } = {},
): Promise<{ id: number; receiptNumber: string; queryCode: string; dueDate: string | null }> {
  const cal = await calendarOf(env);
  const n = next();
  const made = await tx(env, (trx) =>
    submitPublicCase(trx, ctxOf(env), cal, {
      agencyId,
      kind,
      publishConsent: over.publishConsent ?? false,
      input: {
        topic: over.topic ?? `测试来信${n}`,
        body: over.body ?? '村道路灯坏了两个月，何时修复？',
        writerName: '测试写信人',
        writerPhone: '13900000001',
        writerEmail: over.writerEmail ?? '',
        writerAddress: '',
        complaintAbout: kind === 'complaint' ? 'disclosure' : '',
      },
    }),
  );
  const row = async (trx: Trx) => (await findCaseById(trx, made.id))!;
  if (step === 'assigned') {
    const assignee = over.assignee ?? (await makeStaff(env, agencyId, ['clerk'])).id;
    await tx(env, async (trx) => assignCase(trx, ctxOf(env), await row(trx), assignee));
  }
  if (kind === 'complaint' && (step === 'handling' || step === 'replied'))
    await tx(env, async (trx) => startHandling(trx, ctxOf(env), await row(trx)));
  else if (step === 'handling') throw new Error(`a ${kind} has no handling step`);
  if (step === 'replied')
    await tx(env, async (trx) => replyCase(trx, ctxOf(env), await row(trx), '已安排维修，本周内修复。'));
  return made;
}

// ——— annual reports ———

/**
 * The annual report of `agencyId` for `year` (national2021 format), with narratives filled in,
 * brought to `state` (submitted with the admin's override when the check finds errors).
 */
export async function makeReport(
  env: Env,
  agencyId: number,
  year: number,
  state: Extract<AnnualReportState, 'draft' | 'submitted' | 'returned' | 'approved'> = 'draft',
): Promise<{ id: number }> {
  const db = env.database.db;
  const agency = (await findAgencyById(db, agencyId))!;
  const report = await tx(env, async (trx) => {
    const r = await openReport(trx, ctxOf(env), agency, year);
    await saveNarratives(trx, ctxOf(env), r, {
      overview: `${year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。`,
      problems: '主动公开的深度有待加强。',
      other: '本年度未收取信息处理费。',
    });
    return r;
  });
  const load = (ex: Executor = db) =>
    ex.selectFrom('annualReports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
  if (state === 'draft') return { id: report.id };
  const { findings } = await checkReport(db, await load(), agency, todayOf(env));
  const r = await load();
  await tx(env, (trx) => submitReport(trx, ctxOf(env), r, agency, findings, { allowed: true, reason: '测试报送' }));
  if (state === 'returned')
    await tx(env, async (trx) => returnReport(trx, ctxOf(env), await load(trx), '请补充数据。'));
  if (state === 'approved') await tx(env, async (trx) => approveReport(trx, ctxOf(env), await load(trx), ''));
  return { id: report.id };
}
