// Indexes for the 工作台's queues (issue #11 point 1; docs/PERFORMANCE.md, bench/workbench.ts).
// Every queue counts, per agency, the rows in a few states with a date before or within a limit.
// Two shapes of one count, each answered from an index alone (no table rows read):
//   - a user over a few agencies (a clerk): agency first — (agency_id, state, …) seeks each
//     agency's open rows;
//   - a county-level user over many agencies: state first — (state, …, due date, agency_id) reads
//     only the rows of the queue, whatever agency they belong to (see platform/work-queue.ts).
// An index that is a prefix of a new one is replaced by it.
import type { MigrationDb } from '../migration-kit.ts';

interface IndexDef {
  name: string;
  table: string;
  columns: string[];
  /** The index this one replaces (a prefix of it), restored by down(). */
  replaces?: { name: string; columns: string[] };
}

const INDEXES: readonly IndexDef[] = [
  {
    name: 'info_requests_agency_queue',
    table: 'info_requests',
    columns: ['agency_id', 'state', 'clock_status', 'due_on'],
    replaces: { name: 'info_requests_agency_state', columns: ['agency_id', 'state'] },
  },
  { name: 'info_requests_queue', table: 'info_requests', columns: ['state', 'clock_status', 'due_on', 'agency_id'] },
  { name: 'publications_agency_queue', table: 'publications', columns: ['agency_id', 'state', 'due_on'] },
  { name: 'publications_queue', table: 'publications', columns: ['state', 'due_on', 'agency_id'] },
  { name: 'interaction_cases_agency_queue', table: 'interaction_cases', columns: ['agency_id', 'state', 'due_date'] },
  {
    name: 'interaction_cases_queue',
    table: 'interaction_cases',
    columns: ['state', 'due_date', 'agency_id'],
    replaces: { name: 'interaction_cases_due', columns: ['state', 'due_date'] },
  },
  {
    name: 'service_cases_queue',
    table: 'service_cases',
    columns: ['status', 'due_on', 'agency_id'],
    replaces: { name: 'service_cases_status_due', columns: ['status', 'due_on'] },
  },
  { name: 'notifications_queue', table: 'notifications', columns: ['status', 'agency_id'] },
];

export async function up(db: MigrationDb): Promise<void> {
  for (const ix of INDEXES) {
    await db.schema.createIndex(ix.name).on(ix.table).columns(ix.columns).execute();
    if (ix.replaces) await db.schema.dropIndex(ix.replaces.name).execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  for (const ix of [...INDEXES].reverse()) {
    if (ix.replaces) await db.schema.createIndex(ix.replaces.name).on(ix.table).columns(ix.replaces.columns).execute();
    await db.schema.dropIndex(ix.name).execute();
  }
}
