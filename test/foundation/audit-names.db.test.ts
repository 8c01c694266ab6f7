// The 审计日志 page in Chinese: every action the source can write has a Chinese name, the page
// shows names, entity types and 系统 instead of the stored codes, and an unknown code is shown
// after 其他操作 rather than hidden. Runs on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditActionName } from '../../src/modules/audit/audit.names.ts';
import { recordEvent } from '../../src/platform/audit.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { Agent } from '../support/agent.ts';
import { collectAuditActions } from '../support/audit-actions.ts';
import { ctxOf, makeLetter, makePublication } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

describe('the audit actions written by src/', () => {
  test('each has a Chinese name', () => {
    const { actions, unknown } = collectAuditActions();
    assert.deepEqual(unknown, [], 'computed actions the collector does not know: add them to COMPUTED_ACTIONS');
    assert.ok(actions.has('account.login') && actions.has('publication.published') && actions.has('letter.received'));
    const unnamed = [...actions].filter((a) => auditActionName(a) === null);
    assert.deepEqual(unnamed, []);
  });
});

describe('/admin/audit', () => {
  let env: TestEnv;
  let page: string;
  let publicationId: number;
  before(async () => {
    env = await createTestEnv();
    const lingxi = env.county.agencyIds.lingxi!;
    await env.user('county.admin', 'yongshun', ['admin']);
    publicationId = (await makePublication(env, lingxi, 'published')).id;
    await makeLetter(env, lingxi, 'complaint', 'received');
    await inTransaction(env.database.db, (trx) =>
      recordEvent(trx, ctxOf(env), 'mystery.thing', { type: 'mystery', id: 7, agencyId: lingxi }),
    );
    const admin = new Agent(env.app);
    await admin.login('county.admin');
    const res = await admin.get('/admin/audit');
    assert.equal(res.statusCode, 200);
    page = res.body;
  });
  after(() => env.close());

  test('shows the Chinese names of actions, entity types and the system actor', () => {
    for (const name of ['登录', '提交保密审查', '保密审查通过', '签发信息', '收到投诉'])
      assert.match(page, new RegExp(`<td>${name}</td>`), name);
    assert.match(page, new RegExp(`<td>主动公开信息 #${publicationId}</td>`));
    assert.match(page, /<td>系统<\/td>/);
    assert.match(page, /<option value="publication\.published">签发信息<\/option>/);
  });

  test('shows no raw code of a named action, and an unknown code after 其他操作', async () => {
    const rows = await env.database.db.selectFrom('auditEvents').select(['action', 'entityType']).distinct().execute();
    for (const r of rows.filter((x) => x.action !== 'mystery.thing')) {
      assert.doesNotMatch(page, new RegExp(`>${r.action.replace('.', '\\.')}<`), r.action);
      assert.doesNotMatch(page, new RegExp(`>${r.entityType} #`), r.entityType);
    }
    assert.doesNotMatch(page, />system</);
    assert.match(page, /<td>其他操作 <code>mystery\.thing<\/code><\/td>/);
    assert.match(page, /<option value="mystery\.thing">其他操作 mystery\.thing<\/option>/);
  });
});
