// Rows inserted directly, not through the services: the fixtures of the report and 工作台 tests and
// the benchmarks that fill a database with hundreds of thousands of them. Each builder fills the
// columns a table requires with blanks, so that a caller names only the columns whose meaning it
// tests (its state, dates, kinds); the nullable columns are left out (NULL).
import type { Insertable } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

type Row<T extends keyof DB> = Insertable<DB[T]>;

/**
 * An application (依申请公开) row: the form's fields blank but for an online, electronic request
 * by a natural person; no step taken. `submittedAt` is also its createdAt/updatedAt.
 */
export function infoRequestRow(
  r: Pick<Row<'infoRequests'>, 'agencyId' | 'number' | 'state' | 'submittedAt'> & Partial<Row<'infoRequests'>>,
): Row<'infoRequests'> {
  return {
    queryCodeHash: 'x',
    channel: 'online',
    applicantKind: 'naturalPerson',
    applicantName: '',
    idDocumentType: 'residentIdCard',
    idDocumentNumber: '',
    phone: '',
    email: '',
    postalAddress: '',
    postcode: '',
    fax: '',
    informationName: '',
    documentNumber: '',
    featureDescription: '',
    requestedForm: 'electronic',
    deliveryWay: 'onlinePlatform',
    suggestionsShown: '[]',
    flags: '[]',
    receiptBasis: '',
    correctionItems: '',
    correctedText: '',
    extensionApprovedBy: '',
    extensionReason: '',
    clockStatus: '',
    clockJson: '',
    legalBasis: '',
    replyText: '',
    deliveryMethod: '',
    archiveReference: '',
    createdAt: r.submittedAt,
    updatedAt: r.submittedAt,
    ...r,
  };
}
