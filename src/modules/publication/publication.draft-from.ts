// A draft made from another module's record in one step (依申请公开转主动公开, 条例 第四十四条): the
// draft through createDraft, the record's files as its attachments (each type-checked and scanned
// for personal data like an upload), then the personal-data guard over the title, summary and
// body, so whatever it finds waits as open findings that 保密审查 cannot pass.
import type { AuditContext } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FileStore } from '../../platform/storage/file-store.ts';
import type { Trx } from '../../platform/transaction.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { addAttachment } from './attachment.service.ts';
import { scanTextFields } from './privacy-guard.ts';
import type { PublicationInput } from './publication.input.ts';
import { createDraft } from './publication.service.ts';

export interface DraftFile {
  fileName: string;
  data: Buffer;
}

export async function createDraftWithFiles(
  trx: Trx,
  ctx: AuditContext,
  by: Actor | 'system',
  cal: WorkCalendar,
  store: FileStore,
  agencyId: number,
  input: PublicationInput,
  files: readonly DraftFile[],
): Promise<number> {
  const id = await createDraft(trx, ctx, by, cal, agencyId, input);
  for (const f of files) await addAttachment(trx, ctx, by, store, id, f.fileName, f.data);
  await scanTextFields(trx, id, ctx.at);
  return id;
}
