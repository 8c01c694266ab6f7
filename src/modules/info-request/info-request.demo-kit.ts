// The one builder every demo application is made with (info-request.demo.ts, .demo-in-progress.ts):
// who applies, how the application came in, then its steps, each in a transaction of its own on
// the case as stored at that moment, through the services the staff's pages call — so the demo's
// clocks, letters, timelines and audit events are those of real cases.
import type { AuditContext } from '../../platform/audit.ts';
import type { Db, Trx } from '../../platform/transaction.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { makeCreditCode } from '../../platform/validation/credit-code.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { replyToInfoRequest } from './decision.service.ts';
import { readInfoRequestForm, registerIntake, submitOnline, type InfoRequestFormValues } from './intake.service.ts';
import type { InfoRequestRow } from './info-request.repository.ts';
import { loadCase } from './info-request.service.ts';
import { residentIdCheckChar, type IntakeChannel, type ReceiptDates } from './rules/index.ts';

/** What the demo's steps are audited as: the demo, at 10:00 Beijing time on `date`. */
export const at = (date: string): AuditContext => ({
  actorUserId: null,
  actorName: 'demo',
  ip: '127.0.0.1',
  at: `${date}T02:00:00.000Z`,
});

/** A natural person with a resident ID card (the check character computed), electronic copy collected unless `extra` says otherwise. */
export function person(name: string, first17: string, extra: Partial<InfoRequestFormValues>): InfoRequestFormValues {
  return {
    ...readInfoRequestForm({}),
    applicantKind: 'naturalPerson',
    name,
    idDocumentType: 'residentIdCard',
    idDocumentNumber: first17 + residentIdCheckChar(first17),
    requestedForm: 'electronic',
    deliveryWay: 'collect',
    ...extra,
  };
}

/** An organisation identified by its unified social credit code (the check character computed). */
export function organisation(
  applicantKind: 'commercialEnterprise' | 'legalServiceProvider',
  name: string,
  first17: string,
  extra: Partial<InfoRequestFormValues>,
): InfoRequestFormValues {
  return {
    ...readInfoRequestForm({}),
    applicantKind,
    name,
    idDocumentType: 'unifiedSocialCreditCode',
    idDocumentNumber: makeCreditCode(first17),
    ...extra,
  };
}

type Agency = { id: number; slug: string };

export interface DemoCase {
  readonly id: number;
  /** One step on `day`, on the case as stored, in a transaction of its own. */
  step(day: string, fn: (t: Trx, ctx: AuditContext, r: InfoRequestRow) => Promise<unknown>): Promise<void>;
  /** The reply (答复) on `day`, with no files. */
  reply(day: string, outcomeKey: string, legalBasis: string, text: string): Promise<void>;
}

/** The demo's intake desk for one database and calendar. */
export function demoDesk(db: Db, cal: WorkCalendar, dataDir = '') {
  const open = (id: number): DemoCase => {
    const step: DemoCase['step'] = (day, fn) =>
      inTransaction(db, async (t) => {
        await fn(t, at(day), await loadCase(t, id));
      });
    return {
      id,
      step,
      reply: (day, outcomeKey, legalBasis, text) =>
        step(day, (t, ctx, r) =>
          replyToInfoRequest(t, ctx, cal, dataDir, r, { outcomeKey, legalBasis, repliedOn: day, files: [], text }),
        ),
    };
  };
  return {
    /** Submitted on the online form on `day` (at `time`, a UTC instant, when given). */
    async online(agency: Agency, day: string, form: InfoRequestFormValues, time?: string): Promise<DemoCase> {
      const ctx = time ? { ...at(day), at: time } : at(day);
      return open((await inTransaction(db, (t) => submitOnline(t, ctx, agency, form, []))).id);
    },
    /** Registered by staff on `day`: handed in, by post or by fax. */
    async registered(
      agency: Agency,
      day: string,
      form: InfoRequestFormValues,
      channel: IntakeChannel,
      dates: ReceiptDates,
      staffNote = '',
    ): Promise<DemoCase> {
      return open(
        (await inTransaction(db, (t) => registerIntake(t, at(day), cal, agency, form, channel, dates, staffNote))).id,
      );
    },
  };
}
