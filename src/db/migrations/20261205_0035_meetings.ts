// 会议公开 (issue #17 point 5): meetings with their topics, the public's sign-ups to attend (列席)
// and, after the meeting, the 会议纪要 per topic linked to the publications it produced.
import { withId, type Engine, type MigrationDb } from '../migration-kit.ts';

export async function up(db: MigrationDb, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('meetings'), engine)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('meeting_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('open_to_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signup_opens_on', 'text')
    .addColumn('signup_closes_on', 'text')
    .addColumn('decisions_summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('announced_at', 'text')
    .addColumn('decisions_published_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_agency').on('meetings').columns(['agency_id', 'state', 'meeting_on']).execute();
  await withId(db.schema.createTable('meeting_topics'), engine)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('meeting_topics_meeting').on('meeting_topics').column('meeting_id').execute();
  await db.schema
    .createTable('meeting_topic_publications')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('meeting_topics.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addPrimaryKeyConstraint('meeting_topic_publications_pk', ['topic_id', 'publication_id'])
    .execute();
  await db.schema
    .createIndex('meeting_topic_publications_publication')
    .on('meeting_topic_publications')
    .column('publication_id')
    .execute();
  await withId(db.schema.createTable('meeting_signups'), engine)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decline_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('meeting_signups_meeting')
    .on('meeting_signups')
    .columns(['meeting_id', 'state'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('meeting_signups').execute();
  await db.schema.dropTable('meeting_topic_publications').execute();
  await db.schema.dropTable('meeting_topics').execute();
  await db.schema.dropTable('meetings').execute();
}
