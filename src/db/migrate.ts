// Runs the migrations in src/db/migrations. They are listed here explicitly (no directory scan),
// in timestamp order, so that the same list runs under tsx, in tests and on both engines.
import { Migrator, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import type { Migration } from './migration-kit.ts';
import * as m0001 from './migrations/20261126_0001_foundation.ts';
import * as m0002 from './migrations/20261126_0002_publications.ts';
import * as m0004 from './migrations/20261126_0004_info_requests.ts';
import * as m0003 from './migrations/20261126_0003_search.ts';
import * as m0005 from './migrations/20261126_0005_interaction.ts';
import * as m0006 from './migrations/20261126_0006_service_hall.ts';
import * as m0007 from './migrations/20261126_0007_annual_reports.ts';
import * as m0008 from './migrations/20261126_0008_search_rank.ts';
import * as m0009 from './migrations/20261205_0009_publication_submissions.ts';
import * as m0010 from './migrations/20261205_0010_counters.ts';
import * as m0011 from './migrations/20261205_0011_attachment_titles.ts';
import * as m0012 from './migrations/20261205_0012_password_history.ts';
import * as m0013 from './migrations/20261205_0013_provisional_due_dates.ts';
import * as m0014 from './migrations/20261205_0014_public_submissions.ts';
import * as m0015 from './migrations/20261205_0015_service_query_code_hash.ts';
import * as m0016 from './migrations/20261205_0016_login_failures.ts';
import * as m0017 from './migrations/20261205_0017_job_runs.ts';
import * as m0018 from './migrations/20261205_0018_rate_limit_hits.ts';
import * as m0019 from './migrations/20261205_0019_stored_files.ts';
import * as m0020 from './migrations/20261205_0020_work_queue_indexes.ts';
import * as m0021 from './migrations/20261205_0021_notice_end_provisional.ts';
import * as m0022 from './migrations/20261205_0022_online_corrections.ts';
import * as m0023 from './migrations/20261205_0023_privacy_findings.ts';
import * as m0024 from './migrations/20261205_0024_returned_queue_index.ts';
import * as m0025 from './migrations/20261205_0025_policy_interpretations.ts';
import * as m0026 from './migrations/20261205_0026_interpretation_queue_index.ts';
import * as m0027 from './migrations/20261205_0027_waiting_queue_index.ts';
import * as m0028 from './migrations/20261205_0028_comment_periods.ts';
import * as m0029 from './migrations/20261205_0029_publication_import_key.ts';
import * as m0030 from './migrations/20261205_0030_disclosure_attribute.ts';
import * as m0031 from './migrations/20261205_0031_proactive_suggestions.ts';
import * as m0032 from './migrations/20261205_0032_standard_catalogue.ts';
import * as m0033 from './migrations/20261205_0033_search_fts_hashsize.ts';
import * as m0034 from './migrations/20261205_0034_record_amendments.ts';
import * as m0035 from './migrations/20261205_0035_meetings.ts';
import * as m0036 from './migrations/20261206_0036_search_grams.ts';
import * as m0037 from './migrations/20261206_0037_revision_text_once.ts';
import * as m0038 from './migrations/20261206_0038_search_fts_no_prefix.ts';
import * as m0039 from './migrations/20261206_0039_search_buckets.ts';
import * as m0040 from './migrations/20261206_0040_search_text_compact.ts';
import * as m0041 from './migrations/20261206_0041_search_texts.ts';
import * as m0042 from './migrations/20261206_0042_import_compression.ts';
import * as m0043 from './migrations/20261206_0043_publication_related_index.ts';
import * as m0044 from './migrations/20261207_0044_search_backlog.ts';
import * as m0045 from './migrations/20261207_0045_revision_drafts.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '20261126_0001_foundation': m0001,
  '20261126_0002_publications': m0002,
  '20261126_0004_info_requests': m0004,
  '20261126_0003_search': m0003,
  '20261126_0005_interaction': m0005,
  '20261126_0006_service_hall': m0006,
  '20261126_0007_annual_reports': m0007,
  '20261126_0008_search_rank': m0008,
  '20261205_0009_publication_submissions': m0009,
  '20261205_0010_counters': m0010,
  '20261205_0011_attachment_titles': m0011,
  '20261205_0012_password_history': m0012,
  '20261205_0013_provisional_due_dates': m0013,
  '20261205_0014_public_submissions': m0014,
  '20261205_0015_service_query_code_hash': m0015,
  '20261205_0016_login_failures': m0016,
  '20261205_0017_job_runs': m0017,
  '20261205_0018_rate_limit_hits': m0018,
  '20261205_0019_stored_files': m0019,
  '20261205_0020_work_queue_indexes': m0020,
  '20261205_0021_notice_end_provisional': m0021,
  '20261205_0022_online_corrections': m0022,
  '20261205_0023_privacy_findings': m0023,
  '20261205_0024_returned_queue_index': m0024,
  '20261205_0025_policy_interpretations': m0025,
  '20261205_0026_interpretation_queue_index': m0026,
  '20261205_0027_waiting_queue_index': m0027,
  '20261205_0028_comment_periods': m0028,
  '20261205_0029_publication_import_key': m0029,
  '20261205_0030_disclosure_attribute': m0030,
  '20261205_0031_proactive_suggestions': m0031,
  '20261205_0032_standard_catalogue': m0032,
  '20261205_0033_search_fts_hashsize': m0033,
  '20261205_0034_record_amendments': m0034,
  '20261205_0035_meetings': m0035,
  '20261206_0036_search_grams': m0036,
  '20261206_0037_revision_text_once': m0037,
  '20261206_0038_search_fts_no_prefix': m0038,
  '20261206_0039_search_buckets': m0039,
  '20261206_0040_search_text_compact': m0040,
  '20261206_0041_search_texts': m0041,
  '20261206_0042_import_compression': m0042,
  '20261206_0043_publication_related_index': m0043,
  '20261207_0044_search_backlog': m0044,
  '20261207_0045_revision_drafts': m0045,
};

function provider(database: Database): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, KyselyMigration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, database.engine), down: (db) => m.down(db, database.engine) };
      }
      return out;
    },
  };
}

export interface MigrateResult {
  applied: string[];
}

export async function migrateToLatest(database: Database): Promise<MigrateResult> {
  const migrator = new Migrator({ db: database.db, provider: provider(database) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export async function migrateDown(database: Database): Promise<string | undefined> {
  const migrator = new Migrator({ db: database.db, provider: provider(database) });
  const { error, results } = await migrator.migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName;
}
