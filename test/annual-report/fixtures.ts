// Record fixtures for the annual report tests: applications, appeals and publications with every
// column the tables require, so that the report queries see real rows.
import type { Executor } from '../../src/platform/transaction.ts';
import { infoRequestRow } from '../support/rows.ts';

let seq = 0;

export async function insertApplication(
  db: Executor,
  a: {
    agencyId: number;
    applicantKind: string;
    receivedOn: string;
    concludedOn?: string | null;
    outcome?: string | null;
    feePaidOn?: string;
    feePaidAmount?: number;
    /** What was asked for, when not the default 信息N (an application may give only a description). */
    informationName?: string;
    featureDescription?: string;
  },
): Promise<number> {
  seq += 1;
  const at = '2025-01-01T00:00:00.000Z';
  const row = await db
    .insertInto('infoRequests')
    .values(
      infoRequestRow({
        agencyId: a.agencyId,
        number: `T-${seq}`,
        queryCodeHash: `h${seq}`,
        state: a.concludedOn ? 'replied' : 'processing',
        applicantKind: a.applicantKind,
        applicantName: `申请人${seq}`,
        idDocumentType: 'residentId',
        informationName: a.informationName ?? `信息${seq}`,
        featureDescription: a.featureDescription ?? '',
        requestedForm: 'paper',
        deliveryWay: 'mail',
        handedInOn: a.receivedOn,
        receivedOn: a.receivedOn,
        feeAmount: a.feePaidAmount ?? null,
        feePaidOn: a.feePaidOn ?? null,
        feePaidAmount: a.feePaidAmount ?? null,
        clockJson: '{}',
        outcomeKey: a.outcome ?? null,
        repliedOn: a.concludedOn ?? null,
        concludedOn: a.concludedOn ?? null,
        submittedAt: at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAppeal(
  db: Executor,
  a: {
    infoRequestId: number;
    agencyId: number;
    kind: 'reconsideration' | 'lawsuit';
    afterReconsideration?: boolean;
    filedOn: string;
    result: 'upheld' | 'corrected' | 'other' | 'pending';
    concludedOn?: string | null;
  },
): Promise<void> {
  const at = '2025-01-01T00:00:00.000Z';
  await db
    .insertInto('infoRequestAppeals')
    .values({
      infoRequestId: a.infoRequestId,
      agencyId: a.agencyId,
      kind: a.kind,
      afterReconsideration: a.afterReconsideration ? 1 : 0,
      filedOn: a.filedOn,
      result: a.result,
      concludedOn: a.concludedOn ?? null,
      note: '',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

export async function insertDocument(
  db: Executor,
  d: {
    agencyId: number;
    docKind: 'regulation' | 'normativeDocument';
    issuedOn: string;
    repealedOn?: string | null;
    published?: boolean;
    title?: string;
  },
): Promise<void> {
  seq += 1;
  const at = '2025-01-01T00:00:00.000Z';
  const published = d.published ?? true;
  await db
    .insertInto('publications')
    .values({
      agencyId: d.agencyId,
      title: d.title ?? `文件${seq}`,
      summary: '',
      body: '',
      issuer: '',
      formedOn: d.issuedOn,
      dueOn: d.issuedOn,
      publishedAt: published ? at : null,
      publishedOn: published ? d.issuedOn : null,
      isLate: 0,
      documentNumber: `文〔2025〕${seq}号`,
      validity: d.repealedOn ? 'repealed' : 'valid',
      effectiveOn: null,
      invalidOn: null,
      repealedOn: d.repealedOn ?? null,
      topic: '',
      keywords: '',
      disclosureMode: 'proactive',
      indexNumber: published ? `IDX-${seq}` : null,
      state: published ? 'published' : 'draft',
      docKind: d.docKind,
      issuedOn: d.issuedOn,
      docRepealedOn: d.repealedOn ?? null,
      withdrawnAt: null,
      withdrawnReason: '',
      reviewComment: '',
      revision: published ? 1 : 0,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}
