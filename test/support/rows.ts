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

/** A 领导信箱/咨询/投诉 case row: a letter received online, no step taken. */
export function interactionCaseRow(
  r: Pick<Row<'interactionCases'>, 'agencyId' | 'receiptNumber' | 'receivedAt'> & Partial<Row<'interactionCases'>>,
): Row<'interactionCases'> {
  return {
    kind: 'letter',
    channel: 'online',
    state: 'received',
    queryCodeHash: 'x',
    topic: '来信',
    body: '内容',
    writerName: '',
    writerPhone: '',
    writerEmail: '',
    writerAddress: '',
    publishConsent: 0,
    publication: 'notRequested',
    receivedDate: r.receivedAt.slice(0, 10),
    replyText: '',
    ratingComment: '',
    createdAt: r.receivedAt,
    updatedAt: r.receivedAt,
    ...r,
  };
}

/** A 公示 row: published for 7 calendar days from `startDate`, no table. */
export function noticeRow(
  r: Pick<Row<'notices'>, 'agencyId' | 'startDate' | 'endDate' | 'createdAt'> & Partial<Row<'notices'>>,
): Row<'notices'> {
  return {
    title: '公示',
    body: '',
    tableColumns: '[]',
    tableRows: '[]',
    periodUnit: 'calendar',
    periodDays: 7,
    objectionContact: '',
    state: 'published',
    updatedAt: r.createdAt,
    ...r,
  };
}

/** A 政务服务 case row: a licence taken in at the window, 20 working days, no step taken. */
export function serviceCaseRow(
  r: Pick<Row<'serviceCases'>, 'agencyId' | 'itemId' | 'caseNumber' | 'status' | 'receivedOn' | 'createdAt'> &
    Partial<Row<'serviceCases'>>,
): Row<'serviceCases'> {
  return {
    queryCodeHash: `q-${r.caseNumber}`,
    channel: 'window',
    itemKind: 'licence',
    deemedApproval: 0,
    timeLimitDays: 20,
    applicantName: '测试',
    applicantPhone: '',
    applicantEmail: '',
    summary: '',
    notAcceptedReason: '',
    dueOn: null,
    dueExplanation: '[]',
    correctionUsed: 0,
    decisionReason: '',
    deemed: 0,
    ratingComment: '',
    updatedAt: r.createdAt,
    ...r,
  };
}
