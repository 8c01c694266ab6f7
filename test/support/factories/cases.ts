import {
  addWorkingDays,
  addCalendarDays,
  isWorkingDay,
  workingDaysBetween,
  type WorkCalendar,
} from '../../../src/modules/calendar/index.ts';
import { startConsultation } from '../../../src/modules/info-request/consultation.service.ts';
import { replyToInfoRequest } from '../../../src/modules/info-request/decision.service.ts';
import { readInfoRequestForm, registerIntake, submitOnline } from '../../../src/modules/info-request/intake.service.ts';
import { loadCase } from '../../../src/modules/info-request/info-request.service.ts';
import { residentIdCheckChar } from '../../../src/modules/info-request/rules/index.ts';
import { extendDeadline, requestCorrection } from '../../../src/modules/info-request/process.service.ts';
import { findCaseById } from '../../../src/modules/interaction/index.ts';
import { submitPublicCase, type Receipt } from '../../../src/modules/interaction/interaction.service.ts';
import { assignCase, replyCase, startHandling } from '../../../src/modules/interaction/interaction.steps.ts';
import type { CaseKind } from '../../../src/modules/interaction/interaction.tables.ts';
import type { Trx } from '../../../src/platform/transaction.ts';
import { calendarOf, ctxOf, next, todayOf, tx, type Env } from './kit.ts';
import { makeStaff } from './organisation.ts';

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
 * A case written on the public site (today, or on the day `over.on`), at `step`: `received`;
 * `assigned` to `over.assignee` (a new clerk of the agency when not given); `handling` (complaints
 * only: taken up without assignment); `replied` (a complaint is taken up first, as its machine wants).
 */
export async function makeLetter(
  env: Env,
  agencyId: number,
  kind: Exclude<CaseKind, 'objection'> = 'letter',
  step: 'received' | 'assigned' | 'handling' | 'replied' = 'received',
  over: {
    topic?: string;
    body?: string;
    writerEmail?: string;
    publishConsent?: boolean;
    assignee?: number;
    on?: string;
  } = {},
): Promise<Receipt> {
  const cal = await calendarOf(env);
  const n = next();
  const made = await tx(env, (trx) =>
    submitPublicCase(trx, ctxOf(env, over.on), cal, {
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
