// The crawl of the privacy scan (test/foundation/privacy-scan.db.test.ts): every public GET route of
// Fastify's route table (outside /admin and /api/v1/admin) with its path parameters filled from the
// real records. A public route with parameters that has no entry in PATH_VALUES fails the scan, so
// a new one is crawled too.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { COLUMNS } from '../../src/modules/portal/portal.views.tsx';
import type { AppDeps } from '../../src/platform/http/types.ts';

type Db = AppDeps['database']['db'];
type Params = Record<string, string | number>;

/** The records' values for each parameterised route, read from `db`. */
function pathValues(db: Db) {
  /**
   * Where the path parameters of each public route come from: the real records. A public route
   * with parameters that is missing here fails the test, so a new one is scanned too.
   */
  const PATH_VALUES: Record<string, () => Promise<Params[]>> = {
    '/attachments/:id': async () =>
      db
        .selectFrom('attachments')
        .innerJoin('publications', 'publications.id', 'attachments.publicationId')
        .select('attachments.id')
        .where('publications.state', '=', 'published')
        .execute(),
    '/agencies/:slug/reports/:year': reports,
    '/api/v1/agencies/:slug/annual-reports/:year': reports,
    '/agencies/:slug/reports/:year/download.:ext': async () => (await reports()).map((r) => ({ ...r, ext: 'docx' })),
    '/agencies/:slug/mailbox/receipt/:number': () => receipts('letter'),
    '/agencies/:slug/complaint/receipt/:number': () => receipts('complaint'),
    '/agencies/:slug/inquiry/receipt/:number': () => receipts('inquiry'),
    '/agencies/:slug/notices/:id': notices,
    '/agencies/:slug/notices/:id/table.csv': notices,
    '/agencies/:slug/notices/:id/objection/receipt/:number': async () =>
      db
        .selectFrom('interactionCases')
        .innerJoin('agencies', 'agencies.id', 'interactionCases.agencyId')
        .select(['agencies.slug', 'interactionCases.noticeId as id', 'interactionCases.receiptNumber as number'])
        .where('interactionCases.noticeId', 'is not', null)
        .execute() as Promise<Params[]>,
    '/agencies/:slug/apply/suggestions/:id': async () => (await publications()).slice(0, 3),
    '/apply/receipt/:number': applications,
    '/amend/receipt/:number': amendments,
    '/amend/track/:number': amendments,
    '/amend/track/:number/letters/:id': async () =>
      db
        .selectFrom('recordAmendmentLetters')
        .innerJoin('recordAmendments', 'recordAmendments.id', 'recordAmendmentLetters.amendmentId')
        .select(['recordAmendments.number', 'recordAmendmentLetters.id'])
        .execute(),
    '/amend/track/:number/letters/:id/docx': async () =>
      db
        .selectFrom('recordAmendmentLetters')
        .innerJoin('recordAmendments', 'recordAmendments.id', 'recordAmendmentLetters.amendmentId')
        .select(['recordAmendments.number', 'recordAmendmentLetters.id'])
        .execute(),
    '/apply/track/:number': applications,
    '/apply/track/:number/letters/:id': letters,
    '/apply/track/:number/letters/:id/docx': letters,
    '/apply/track/:number/files/:id': async () =>
      db
        .selectFrom('infoRequestAttachments')
        .innerJoin('infoRequests', 'infoRequests.id', 'infoRequestAttachments.infoRequestId')
        .select(['infoRequests.number', 'infoRequestAttachments.id'])
        .execute(),
    '/agencies/:slug/:column': async () =>
      (await slugs()).flatMap(({ slug }) => COLUMNS.map((c) => ({ slug, column: c.key }))),
    '/publications/:id': publications,
    '/publications/:id/qr.svg': async () => (await publications()).slice(0, 3),
    '/api/v1/publications/:indexNumber': async () =>
      (await publications()).map((p) => ({ indexNumber: encodeURIComponent(p.indexNumber) })),
    '/agencies/:slug/service-hall/items/:id': serviceItems,
    '/agencies/:slug/service-hall/items/:id/apply': serviceItems,
    '/service-hall/receipt/:caseNumber': serviceCases,
    '/track/case/:number': async () => db.selectFrom('interactionCases').select('receiptNumber as number').execute(),
    '/service-hall/case/:caseNumber': async () => db.selectFrom('serviceCases').select('caseNumber').execute(),
    '/agencies/:slug/meetings/:id': meetings,
    '/agencies/:slug/meetings/:id/thanks': meetings,
    '/agencies/:slug/comment-periods/:id': commentPeriods,
    '/agencies/:slug/comment-periods/:id/thanks': commentPeriods,
    '/agencies/:slug/comment-periods/:id/files/:fileId': async () =>
      db
        .selectFrom('commentPeriodFiles')
        .innerJoin('commentPeriods', 'commentPeriods.id', 'commentPeriodFiles.commentPeriodId')
        .innerJoin('agencies', 'agencies.id', 'commentPeriods.agencyId')
        .select(['agencies.slug', 'commentPeriods.id', 'commentPeriodFiles.id as fileId'])
        .where('commentPeriods.publishedAt', 'is not', null)
        .execute() as Promise<Params[]>,
  };

  function slugs() {
    return db.selectFrom('agencies').select('slug').execute();
  }
  function reports() {
    return db
      .selectFrom('annualReports')
      .innerJoin('agencies', 'agencies.id', 'annualReports.agencyId')
      .select(['agencies.slug', 'annualReports.year'])
      .execute();
  }
  function receipts(kind: string) {
    return db
      .selectFrom('interactionCases')
      .innerJoin('agencies', 'agencies.id', 'interactionCases.agencyId')
      .select(['agencies.slug', 'interactionCases.receiptNumber as number'])
      .where('interactionCases.kind', '=', kind as never)
      .where('interactionCases.noticeId', 'is', null)
      .execute();
  }
  function notices() {
    return db
      .selectFrom('notices')
      .innerJoin('agencies', 'agencies.id', 'notices.agencyId')
      .select(['agencies.slug', 'notices.id'])
      .execute();
  }
  /** 更正申请 (条例 第四十一条): reached only with number + query code. */
  function amendments() {
    return db.selectFrom('recordAmendments').select('number').execute();
  }
  function applications() {
    return db.selectFrom('infoRequests').select('number').execute();
  }
  function letters() {
    return db
      .selectFrom('infoRequestLetters')
      .innerJoin('infoRequests', 'infoRequests.id', 'infoRequestLetters.infoRequestId')
      .select(['infoRequests.number', 'infoRequestLetters.id'])
      .execute();
  }
  async function publications() {
    const rows = await db
      .selectFrom('publications')
      .innerJoin('agencies', 'agencies.id', 'publications.agencyId')
      .select(['publications.id', 'publications.indexNumber', 'agencies.slug'])
      .where('publications.state', '=', 'published')
      .execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, indexNumber: r.indexNumber ?? '' }));
  }
  /** 意见征集 that are public: published, open or closed. */
  function commentPeriods() {
    return db
      .selectFrom('commentPeriods')
      .innerJoin('agencies', 'agencies.id', 'commentPeriods.agencyId')
      .select(['agencies.slug', 'commentPeriods.id'])
      .where('commentPeriods.publishedAt', 'is not', null)
      .execute();
  }
  /** 会议公开: every meeting past its draft (announced, held, decided) is public. */
  function meetings() {
    return db
      .selectFrom('meetings')
      .innerJoin('agencies', 'agencies.id', 'meetings.agencyId')
      .select(['agencies.slug', 'meetings.id'])
      .where('meetings.state', '!=', 'draft')
      .execute();
  }
  function serviceCases() {
    return db.selectFrom('serviceCases').select('caseNumber').execute();
  }
  function serviceItems() {
    return db
      .selectFrom('serviceItems')
      .innerJoin('agencies', 'agencies.id', 'serviceItems.agencyId')
      .select(['agencies.slug', 'serviceItems.id'])
      .execute();
  }
  return { PATH_VALUES, slugs };
}

/**
 * Downloads of uploaded files (PDF, Office documents, images): fetched when there are any, but
 * their bytes are not text the detectors can read, and the demo has none.
 */
const FILES = new Set([
  '/attachments/:id',
  '/apply/track/:number/files/:id',
  // The published annual report as Word: the text of its HTML page, which is scanned.
  '/agencies/:slug/reports/:year/download.:ext',
]);

const isPublic = (url: string) => !url.startsWith('/admin') && !url.startsWith('/api/v1/admin');
const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);

const onlySlug = (url: string) => paramNames(url).every((n) => n === 'slug');

/** Every public URL to fetch: each GET route with its parameters filled from the records. */
export async function publicUrls(app: FastifyInstance, db: Db): Promise<string[]> {
  const { PATH_VALUES, slugs } = pathValues(db);
  const routes = app.routeTable.filter((r) => r.method === 'GET' && isPublic(r.url));
  const missing = routes.filter((r) => !onlySlug(r.url) && !PATH_VALUES[r.url]).map((r) => r.url);
  assert.deepEqual(missing, [], '公开路由缺少爬取参数（PATH_VALUES）');
  const urls: string[] = [];
  for (const route of routes) {
    const rows: Params[] = onlySlug(route.url)
      ? paramNames(route.url).length
        ? await slugs()
        : [{}]
      : await (PATH_VALUES[route.url] as () => Promise<Params[]>)();
    if (!FILES.has(route.url)) assert.ok(rows.length > 0, `no record gives values for ${route.url}`);
    for (const row of rows)
      urls.push(
        route.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
          const v = row[name];
          assert.ok(v !== undefined && v !== null, `${route.url}: no value for :${name}`);
          return name === 'indexNumber' ? String(v) : encodeURIComponent(String(v));
        }),
      );
  }
  return urls;
}
