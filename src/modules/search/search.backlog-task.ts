// The task of a thread of the search backlog's build (search.backlog.ts, platform/thread-pool.ts):
// reads a publication's text on the thread's own read-only connection and prepares its entry
// (search.prepare.ts), so that the main thread — the build's bound, writing the entries — neither
// reads the text (random rows of the largest table) nor copies it to the thread.
import type { Engine } from '../../db/database.ts';
import { openReadOnly } from '../../db/read-only.ts';
import type { PublicationText } from '../../platform/publication-events.ts';
import { prepare, type PreparedEntry } from './search.prepare.ts';

export interface BacklogTaskInit {
  engine: Engine;
  /** The embedded database's file. */
  file: string;
}

/** A publication's id → its prepared entry (null: no such publication). */
export function createTask(init: BacklogTaskInit): (id: number) => PreparedEntry | null {
  const text = openReadOnly(init.file).prepare<[number], PublicationText>(
    'SELECT title, summary, body, document_number AS documentNumber FROM publications WHERE id = ?',
  );
  return (id) => {
    const t = text.get(id);
    return t ? prepare(t, init.engine) : null;
  };
}
