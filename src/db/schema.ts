// The whole database as one Kysely type, merged from each module's own table definitions.
import type { CounterTables } from '../platform/counters.ts';
import type { JobRunTables } from '../jobs/runner.ts';
import type { RateLimitTables } from '../platform/http/rate-limit-store.ts';
import type { StoredFileTables } from '../platform/storage/database-file-store.ts';
import type { PublicSubmissionTables } from '../platform/public-submissions.ts';
import type { AccountTables } from '../modules/account/account.tables.ts';
import type { AgencyTables } from '../modules/agency/agency.tables.ts';
import type { AnnualReportTables } from '../modules/annual-report/annual-report.tables.ts';
import type { AuditTables } from '../platform/audit.ts';
import type { CalendarTables } from '../modules/calendar/calendar.tables.ts';
import type { CommentPeriodTables } from '../modules/comment-period/comment-period.tables.ts';
import type { MeetingTables } from '../modules/meeting/meeting.tables.ts';
import type { CatalogTables } from '../modules/catalog/catalog.tables.ts';
import type { InfoRequestTables } from '../modules/info-request/info-request.tables.ts';
import type { NotificationTables } from '../modules/notification/notification.tables.ts';
import type { RecordAmendmentTables } from '../modules/record-amendment/record-amendment.tables.ts';
import type { PublicationTables } from '../modules/publication/publication.tables.ts';
import type { ServiceHallTables } from '../modules/service-hall/service-hall.tables.ts';
import type { SearchTables } from '../modules/search/search.tables.ts';
import type { SettingsTables } from '../modules/settings/settings.tables.ts';
import type { InteractionTables } from '../modules/interaction/interaction.tables.ts';
import type { NoticeTables } from '../modules/notice/notice.tables.ts';
import type { StandardCatalogueTables } from '../modules/standard-catalogue/standard-catalogue.tables.ts';
import type { StaffTables } from '../modules/staff/staff.tables.ts';
import type { SupervisionTables } from '../modules/supervision/supervision.tables.ts';

export interface DB
  extends
    AgencyTables,
    AnnualReportTables,
    AccountTables,
    AuditTables,
    CalendarTables,
    InfoRequestTables,
    NotificationTables,
    SettingsTables,
    ServiceHallTables,
    CatalogTables,
    CommentPeriodTables,
    MeetingTables,
    CounterTables,
    JobRunTables,
    RateLimitTables,
    StoredFileTables,
    PublicSubmissionTables,
    PublicationTables,
    RecordAmendmentTables,
    SearchTables,
    InteractionTables,
    NoticeTables,
    SupervisionTables,
    StandardCatalogueTables,
    StaffTables {}
