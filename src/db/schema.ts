// The whole database as one Kysely type, merged from each module's own table definitions.
import type { AccountTables } from '../modules/account/account.tables.ts';
import type { AgencyTables } from '../modules/agency/agency.tables.ts';
import type { AuditTables } from '../modules/audit/audit.tables.ts';
import type { CalendarTables } from '../modules/calendar/calendar.tables.ts';
import type { CatalogTables } from '../modules/catalog/catalog.tables.ts';
import type { NotificationTables } from '../modules/notification/notification.tables.ts';
import type { PublicationTables } from '../modules/publication/publication.tables.ts';
import type { SearchTables } from '../modules/search/search.tables.ts';
import type { SettingsTables } from '../modules/settings/settings.tables.ts';

export interface DB
  extends AgencyTables,
    AccountTables,
    AuditTables,
    CalendarTables,
    NotificationTables,
    SettingsTables,
    CatalogTables,
    PublicationTables,
    SearchTables {}
