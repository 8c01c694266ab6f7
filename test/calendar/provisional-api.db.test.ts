// The calendar API and calculator when next year's holidays are not yet published (issue #11
// point 3): the strict answer stays a 4xx; `provisional=1` answers from weekends and the
// statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) and says so.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

describe('GET /api/v1/calendar/add-working-days with provisional=1', () => {
  test('the issue example: 2026-12-07 + 20 → 2027-01-05, provisional, with the assumptions listed', async () => {
    const res = await env.app.inject('/api/v1/calendar/add-working-days?from=2026-12-07&days=20&provisional=1');
    assert.equal(res.statusCode, 200);
    // Exactly as the issue states it, in the bytes sent.
    assert.ok(res.body.includes('"date":"2027-01-05"'), res.body);
    assert.ok(res.body.includes('"provisional":true'), res.body);
    assert.ok(res.body.startsWith('{"from":"2026-12-07","days":20,"date":"2027-01-05","provisional":true,'), res.body);
    const body = res.json();
    assert.equal(body.from, '2026-12-07');
    assert.equal(body.days, 20);
    assert.equal(body.date, '2027-01-05');
    assert.equal(body.provisional, true);
    assert.deepEqual(body.provisionalYears, [2027]);
    assert.match(body.reason, /2027年节假日安排尚未公布/);
    assert.ok(body.assumptions.some((a: string) => /全国年节及纪念日放假办法/.test(a) && /春节4天/.test(a)));
    assert.ok(body.assumptions.some((a: string) => /补休/.test(a)));
    assert.ok(
      body.skipped.some((s: { date: string; reason: string }) => s.date === '2027-01-01' && /元旦/.test(s.reason)),
    );
  });

  test('without provisional=1 the same request is still a 4xx', async () => {
    for (const q of ['from=2026-12-07&days=20', 'from=2026-12-07&days=20&provisional=0']) {
      const res = await env.app.inject(`/api/v1/calendar/add-working-days?${q}`);
      assert.equal(res.statusCode, 422, q);
      assert.match(res.json().error.message, /2027年的节假日安排尚未确认/);
    }
  });

  test('a period inside confirmed years is not provisional even when asked', async () => {
    const res = await env.app.inject('/api/v1/calendar/add-working-days?from=2025-01-20&days=20&provisional=1');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().date, '2025-02-21');
    assert.equal(res.json().provisional, false);
    assert.deepEqual(res.json().assumptions, []);
  });

  test('provisional takes only 0 or 1', async () => {
    const res = await env.app.inject('/api/v1/calendar/add-working-days?from=2026-12-07&days=20&provisional=yes');
    assert.equal(res.statusCode, 400);
  });
});

describe('the calculator page', () => {
  test('an unconfirmed year explains and offers the provisional answer; the provisional answer says 暂定', async () => {
    const strict = await env.app.inject('/tools/deadline?from=2026-12-07&days=20');
    assert.equal(strict.statusCode, 422);
    assert.match(strict.body, /2027年的节假日安排尚未确认/);
    assert.match(strict.body, /href="\/tools\/deadline\?from=2026-12-07&amp;days=20&amp;provisional=1"/);
    const res = await env.app.inject('/tools/deadline?from=2026-12-07&days=20&provisional=1');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<strong>2027-01-05<\/strong>/);
    assert.match(res.body, /暂定/);
    assert.match(res.body, /2027年节假日安排尚未公布/);
    assert.match(res.body, /暂算所作的假设/);
    assert.match(res.body, /name="provisional" value="1" checked/);
  });
});
