// Helpers that let one migration file run unchanged on both engines.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Engine } from './database.ts';

/** The engine a migration runs on; migrations import it from here, never from database.ts. */
export type { Engine };

// Migrations see the database before their own change: its shape is not the DB type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  up(db: MigrationDb, engine: Engine): Promise<void>;
  down(db: MigrationDb, engine: Engine): Promise<void>;
}

/** An integer surrogate key: AUTOINCREMENT on SQLite (ids never reused), IDENTITY on PostgreSQL. */
export function withId<T extends string>(table: CreateTableBuilder<T>, engine: Engine): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) =>
    engine === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey().autoIncrement(),
  );
}
