// Index numbers of publications through the admin routes, on both engines: stable when a released
// publication is revised (the revision kept), unique, and never reused after a withdrawal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PublicationDesk } from '../support/publication-desk.ts';
import type { TestEnv } from '../support/test-app.ts';
import { findPublicByIndexNumber } from '../../src/modules/publication/index.ts';
import { listRevisions } from '../../src/modules/publication/publication.repository.ts';

let env: TestEnv;
/** 灵溪镇's desk; its plans kept under 水利, on the website and the notice board. */
const desk = new PublicationDesk('lingxi', 'lx', [], { keywords: '水利', channels: ['website', 'noticeBoard'] });

before(async () => {
  // On purpose on a fixed day: the tests assert release dates and index-number years of 2025.
  env = await desk.start({ now: '2025-06-02T02:00:00Z' });
});
after(() => env.close());

const { as, pub, act, release, draft } = desk;
const db = () => env.database.db;

describe('index numbers', () => {
  test('stable when a published publication is revised; the revision is kept', async () => {
    const id = await draft();
    const n = await release(id);
    const res = await desk.edit('lx.signer', id, {
      title: '灵溪镇2025年农田水利建设计划（更正）',
      body: '<p>更正后的正文。</p>',
      note: '更正标题',
    });
    assert.equal(res.statusCode, 303);
    // The revision goes live through 保密审查 and 签发 (revision-review.db.test.ts).
    assert.equal((await act('lx.signer', id, 'revision/submit')).statusCode, 303);
    assert.equal((await act('lx.reviewer', id, 'revision/review', { decision: 'pass' })).statusCode, 303);
    assert.equal((await act('lx.signer', id, 'revision/sign-off', { decision: 'approve' })).statusCode, 303);
    const p = await pub(id);
    assert.equal(p.indexNumber, n);
    assert.equal(p.revision, 2);
    assert.equal(p.title, '灵溪镇2025年农田水利建设计划（更正）');
    // Revision 1 keeps the text it was released with; revision 2 reads the publication's.
    const revs = await listRevisions(db(), id);
    assert.deepEqual(
      revs.map((r) => [r.revision, r.title, r.body]),
      [
        [1, '灵溪镇2025年农田水利建设计划', '<p>今年计划新建灌溉渠道3.2公里。</p>'],
        [2, '灵溪镇2025年农田水利建设计划（更正）', '<p>更正后的正文。</p>'],
      ],
    );
    // A clerk may not revise a released publication.
    const clerk = as('lx.clerk');
    assert.equal((await clerk.get(`/admin/publications/${id}/edit`)).statusCode, 403);
  });

  test('unique, and never reused after a withdrawal', async () => {
    const first = await draft();
    const n1 = await release(first);
    const noReason = await act('lx.signer', first, 'withdraw', { reason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.equal((await act('lx.signer', first, 'withdraw', { reason: '内容已由新文件替代。' })).statusCode, 303);
    assert.equal((await pub(first)).state, 'withdrawn');
    assert.equal((await pub(first)).indexNumber, n1);
    const second = await draft();
    const n2 = await release(second);
    assert.notEqual(n2, n1);
    assert.ok(Number(n2.slice(-5)) > Number(n1.slice(-5)));
    const all = await db()
      .selectFrom('publications')
      .select('indexNumber')
      .where('indexNumber', 'is not', null)
      .execute();
    assert.equal(new Set(all.map((r) => r.indexNumber)).size, all.length);
    const lookup = await findPublicByIndexNumber(db(), n1);
    assert.equal(lookup.status, 'withdrawn');
    assert.ok(lookup.status === 'withdrawn' && lookup.reason === '内容已由新文件替代。');
  });
});
