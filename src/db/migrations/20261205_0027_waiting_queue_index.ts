// The 工作台's "waiting for the applicant" queue (issue #11 point 1, info-request.queues.ts): open
// 补正 and fee cases, less those whose applicant has answered online (an anti-join on the
// application's id). The queue indexes carry no id, so PostgreSQL fetched each waiting row from the
// table for the anti-join (bench/workbench.ts, quiet machine: 83.8 ms of the page's queries at
// 500,000 applications); with (state, agency_id, id) it reads the index alone.
import type { MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('info_requests_waiting_queue')
    .on('info_requests')
    .columns(['state', 'agency_id', 'id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('info_requests_waiting_queue').execute();
}
