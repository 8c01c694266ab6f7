// Verification of the hash-chained audit log (the writer is platform/audit.ts).
import { auditHash, GENESIS_HASH } from '../../platform/audit.ts';
import type { Executor } from '../../platform/transaction.ts';

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

/**
 * Walks the chain in id order, in batches, up to the head as it stood when verification began;
 * reports the first row that does not fit.
 *
 * Writers keep appending while this runs (the CLI next to a busy web process), and the batches
 * are separate reads. So the head is read first and fixes the range: every row up to its last id
 * was committed with or before it (appenders hold the head row's lock until they commit, and ids
 * are taken under that lock), rows are append-only, and later rows are simply not part of this
 * verification. Reading the head after the walk instead compared the chain with a head that had
 * moved on, and reported tampering on an intact chain. A row beyond the head is checked in one
 * statement (one snapshot on both engines): an appended row always moves the head in its own
 * transaction, so a row the head does not know of was written around the audit code.
 */
export async function verifyAuditChain(db: Executor, batchSize = 1000): Promise<ChainReport> {
  const head = await db.selectFrom('auditHead').select(['lastId', 'lastHash']).where('id', '=', 1).executeTakeFirst();
  const endId = head?.lastId ?? 0;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where('id', '>', lastId)
      .where('id', '<=', endId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: { id: r.id, reason: '前一条记录的哈希不匹配（记录被删除、插入或前一条被篡改）' },
        };
      }
      const expected = auditHash(prevHash, r);
      if (expected !== r.hash) {
        return { ok: false, checked, firstBroken: { id: r.id, reason: '记录内容与其哈希不符（记录被篡改）' } };
      }
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  if (head && (head.lastHash !== prevHash || head.lastId !== lastId)) {
    return {
      ok: false,
      checked,
      firstBroken: { id: head.lastId, reason: '日志末尾的记录缺失（链头与最后一条记录不符）' },
    };
  }
  const beyond = await db
    .selectFrom('auditHead')
    .select((eb) => [
      'lastId',
      eb
        .selectFrom('auditEvents')
        .select((e) => e.fn.min('id').as('m'))
        .whereRef('auditEvents.id', '>', 'auditHead.lastId')
        .as('stray'),
    ])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (beyond && beyond.stray !== null && beyond.stray !== undefined) {
    return {
      ok: false,
      checked,
      firstBroken: { id: Number(beyond.stray), reason: '链头之后有未登记的记录（记录绕过审计写入）' },
    };
  }
  return { ok: true, checked };
}
