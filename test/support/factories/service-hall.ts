import { registerCase, type NewCaseInput } from '../../../src/modules/service-hall/service-case.register.ts';
import {
  createWindow,
  EMPTY_ITEM,
  saveItem,
  type ItemInput,
} from '../../../src/modules/service-hall/service-item.service.ts';
import type { AuditContext } from '../../../src/platform/audit.ts';
import { ctxOf, tx, type Env } from './kit.ts';

// ——— the service hall ———

/**
 * A service item of the agency at a window of its own (综合受理窗口, 一楼 1 号): 临时救助申请, a
 * public service due in 10 statutory and 5 promised working days, `over` changing it; its id.
 */
export function makeServiceItem(env: Env, agencyId: number, over: Partial<ItemInput> = {}): Promise<number> {
  const ctx = ctxOf(env);
  return tx(env, async (trx) => {
    const windowId = await createWindow(trx, ctx, agencyId, '综合受理窗口', '一楼 1 号');
    return saveItem(trx, ctx, agencyId, {
      ...EMPTY_ITEM,
      name: '临时救助申请',
      kind: 'publicService',
      statutoryDays: '10',
      promisedDays: '5',
      legalBasis: '《社会救助暂行办法》',
      conditions: '符合条件。',
      materials: '申请书',
      windowId: String(windowId),
      ...over,
    });
  });
}

/**
 * A case of item `itemId` registered at the window for 龙美玲 (a phone, no e-mail, no summary),
 * `over` changing it, on the env's clock or at `ctx`; its id, case number and query code.
 */
export function makeServiceCase(
  env: Env,
  itemId: number,
  over: Partial<Omit<NewCaseInput, 'itemId'>> = {},
  ctx: AuditContext = ctxOf(env),
): Promise<{ id: number; caseNumber: string; queryCode: string }> {
  return tx(env, (trx) =>
    registerCase(trx, ctx, {
      itemId,
      channel: 'window',
      applicantName: '龙美玲',
      applicantPhone: '13974300001',
      applicantEmail: '',
      summary: '',
      ...over,
    }),
  );
}
