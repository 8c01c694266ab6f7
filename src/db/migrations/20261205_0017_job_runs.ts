// One row per background job (src/jobs/runner.ts): when it is next due and who ran it last. A
// process claims a run of a job through its row — on PostgreSQL by locking it (FOR UPDATE SKIP
// LOCKED) for as long as the run lasts, on the embedded engine by moving `due_at` past a lease —
// so that several web processes and a worker never run one job twice at once.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_run_by', 'text')
    .addColumn('last_result', 'text')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
}
