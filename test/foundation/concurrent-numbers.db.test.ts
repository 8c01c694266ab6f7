// Generated numbers under real concurrency, on both engines (issue #12, point 1): the app listens
// on a real socket and 16 clients post every public form 200 times at once (applications, letters,
// inquiries, complaints, 公示 objections, service-hall applications), while clerks register 50
// paper applications at once. Every answer is a success, and every number is unique and gap-free
// per kind, agency and year.
//
// Why HTTP and not app.inject: inject calls the handler in-process without a socket, and the test's
// own awaits decide how requests interleave; over HTTP the server's connection handling, body
// parsing and the PostgreSQL pool (several transactions really open at once) order them, as in
// production. The server runs in this process (so the test can read the database directly): the
// point here is correctness under contention, not speed.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { application } from '../info-request/helpers.ts';
import { Agent } from '../support/agent.ts';
import { makeServiceItem } from '../support/factories.ts';
import { numberedLetter, receiptNumberOf } from '../support/interaction.ts';
import { HttpClient, runConcurrently, type HttpResponse } from '../support/http-client.ts';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

const PER_FORM = 200;
const CLIENTS = 16;
const INTAKES = 50;

let env: TestEnv;
let base: string;
let noticeId: number;
let itemId: number;
let today: string;

before(async () => {
  // Submissions are rate limited per IP; every client here is 127.0.0.1, so the test's limit is
  // set above the load it sends (the limit itself stays on).
  env = await createTestEnv({ config: { publicFormRateLimit: PER_FORM * 2 } });
  today = env.clock.now().toISOString().slice(0, 10);
  const lingxi = env.county.agencyIds.lingxi as number;
  await env.user('lx.clerk', 'lingxi', ['clerk']);
  await env.user('lx.reviewer', 'lingxi', ['reviewer']);
  itemId = await makeServiceItem(env, lingxi);
  const reviewer = new Agent(env.app);
  await reviewer.login('lx.reviewer');
  await reviewer.get('/admin/notices/new');
  const created = await reviewer.post('/admin/notices', {
    title: '2025年度村级公益岗位拟聘人员公示',
    body: '现将拟聘人员予以公示。',
    columns: '姓名|姓名\n岗位|其他',
    rows: '欧阳娜娜\t保洁员\n张三\t护林员',
    startDate: today,
    periodDays: '5',
    periodUnit: 'working',
    objectionContact: '镇民政办 0743-5230501',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  noticeId = Number(/\/admin\/notices\/(\d+)/.exec(String(created.headers.location))?.[1]);
  await reviewer.get(`/admin/notices/${noticeId}`);
  assert.equal((await reviewer.post(`/admin/notices/${noticeId}/publish`, {})).statusCode, 303);
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
});
after(() => env.close());

interface Form {
  name: string;
  page: string;
  post: string;
  fields: (i: number) => Record<string, string>;
  /** The number the answer acknowledges. */
  number: (r: HttpResponse) => string | undefined;
}

const FORMS: Form[] = [
  {
    name: 'application',
    page: '/agencies/lingxi/apply/online',
    post: '/agencies/lingxi/apply/online',
    fields: (i) => application({ informationName: `灵溪镇道路维修项目预算（${i}）` }),
    number: (r) => /^\/apply\/receipt\/(.+)$/.exec(r.location)?.[1],
  },
  {
    name: 'letter',
    page: '/agencies/lingxi/mailbox',
    post: '/agencies/lingxi/mailbox',
    fields: numberedLetter,
    number: receiptNumberOf,
  },
  {
    name: 'inquiry',
    page: '/agencies/lingxi/inquiry',
    post: '/agencies/lingxi/inquiry',
    fields: numberedLetter,
    number: receiptNumberOf,
  },
  {
    name: 'complaint',
    page: '/agencies/lingxi/complaint',
    post: '/agencies/lingxi/complaint',
    fields: numberedLetter,
    number: receiptNumberOf,
  },
  {
    name: 'objection',
    page: '', // set in the test: the notice id is known only after setup
    post: '',
    fields: (i) => ({ ...numberedLetter(i), topic: '' }),
    number: receiptNumberOf,
  },
  {
    name: 'serviceCase',
    page: '',
    post: '',
    fields: (i) => ({
      applicantName: '龙美玲',
      applicantPhone: '13974300001',
      applicantEmail: '',
      summary: `申请临时救助（${i}）`,
      website: '',
    }),
    number: receiptNumberOf,
  },
];

/** The trailing sequence of every number, grouped by everything before it. */
function sequences(numbers: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const n of numbers) {
    const m = /^(.*\D)(\d+)$/.exec(n);
    assert.ok(m, `a number ends in a sequence: ${n}`);
    const list = out.get(m[1] as string) ?? [];
    list.push(Number(m[2]));
    out.set(m[1] as string, list);
  }
  return out;
}

function assertGapFree(label: string, numbers: string[], expected: number): void {
  assert.equal(new Set(numbers).size, numbers.length, `${label}: numbers are unique`);
  const groups = sequences(numbers);
  assert.equal(groups.size, 1, `${label}: one series per agency and year: ${[...groups.keys()].join(', ')}`);
  const seqs = [...groups.values()][0]!.sort((a, b) => a - b);
  assert.equal(seqs.length, expected);
  assert.deepEqual(
    seqs,
    Array.from({ length: expected }, (_, i) => i + 1),
    `${label}: 1…${expected} without gaps`,
  );
}

describe('numbers under concurrency (real HTTP)', () => {
  test(`${PER_FORM} submissions of each public form from ${CLIENTS} clients and ${INTAKES} staff intakes at once`, async () => {
    FORMS[4]!.page = FORMS[4]!.post = `/agencies/lingxi/notices/${noticeId}`;
    FORMS[4]!.post += '/objection';
    FORMS[5]!.page = FORMS[5]!.post = `/agencies/lingxi/service-hall/items/${itemId}/apply`;

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new HttpClient(base);
        await c.get(FORMS[0]!.page);
        return c;
      }),
    );
    const clerks = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = new HttpClient(base);
        assert.equal((await c.login('lx.clerk')).status, 303);
        await c.get('/admin/info-requests/new');
        return c;
      }),
    );
    const failures: string[] = [];
    const acknowledged = new Map<string, string[]>(FORMS.map((f) => [f.name, []]));
    acknowledged.set('intake', []);
    const total = PER_FORM * FORMS.length;
    const publicLoad = runConcurrently(total, CLIENTS, async (i) => {
      const form = FORMS[i % FORMS.length]!;
      const client = clients[i % CLIENTS]!;
      const r = await client.post(form.post, form.fields(i));
      const n = form.number(r);
      if (r.status >= 400 || !n) failures.push(`${form.name} #${i}: ${r.status} ${r.body.slice(0, 200)}`);
      else acknowledged.get(form.name)!.push(decodeURIComponent(n));
    });
    const staffLoad = Promise.all(
      Array.from({ length: INTAKES }, async (_, i) => {
        const r = await clerks[i % clerks.length]!.post('/admin/info-requests', {
          ...application({ informationName: `纸质申请（${i}）` }),
          agencyId: String(env.county.agencyIds.lingxi),
          channel: 'inPerson',
          handedInOn: today,
          signedForOn: '',
          arrivedOn: '',
          confirmedOn: '',
          staffNote: '',
        });
        if (r.status !== 201) failures.push(`intake #${i}: ${r.status} ${r.body.slice(0, 200)}`);
      }),
    );
    await Promise.all([publicLoad, staffLoad]);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${total + INTAKES} failed`);

    const db = env.database.db;
    const lingxi = env.county.agencyIds.lingxi as number;
    const apps = await db
      .selectFrom('infoRequests')
      .select(['number', 'channel'])
      .where('agencyId', '=', lingxi)
      .execute();
    assert.equal(apps.length, PER_FORM + INTAKES);
    assertGapFree(
      'applications (online and staff intake share one series)',
      apps.map((a) => a.number),
      PER_FORM + INTAKES,
    );
    for (const kind of ['letter', 'inquiry', 'complaint', 'objection'] as const) {
      const rows = await db
        .selectFrom('interactionCases')
        .select('receiptNumber')
        .where('agencyId', '=', lingxi)
        .where('kind', '=', kind)
        .execute();
      assertGapFree(
        kind,
        rows.map((r) => r.receiptNumber),
        PER_FORM,
      );
      assert.deepEqual(acknowledged.get(kind)!.sort(), rows.map((r) => r.receiptNumber).sort());
    }
    const cases = await db.selectFrom('serviceCases').select('caseNumber').where('agencyId', '=', lingxi).execute();
    assertGapFree(
      'service-hall cases',
      cases.map((c) => c.caseNumber),
      PER_FORM,
    );
    assert.deepEqual(acknowledged.get('serviceCase')!.sort(), cases.map((c) => c.caseNumber).sort());
    const online = apps.filter((a) => a.channel === 'online').map((a) => a.number);
    assert.deepEqual(acknowledged.get('application')!.sort(), online.sort());
  });

  test('each agency has its own series, and another year has its own', async () => {
    const gaoping = new HttpClient(base);
    await gaoping.get('/agencies/gaoping/mailbox');
    const first = receiptNumberOf(await gaoping.post('/agencies/gaoping/mailbox', numberedLetter(1)));
    assert.match(first ?? '', /GAOPING.*\D0*1$/);
    // The year before (its calendar is bundled in every dated run, unlike the year after December).
    const year = Number(today.slice(0, 4)) - 1;
    env.clock.set(`${year}-03-02T02:00:00Z`);
    const lingxi = new HttpClient(base);
    await lingxi.get('/agencies/lingxi/mailbox');
    const next = receiptNumberOf(await lingxi.post('/agencies/lingxi/mailbox', numberedLetter(2)));
    assert.match(next ?? '', new RegExp(`LINGXI-${year}-0*1$`));
    await lingxi.get('/agencies/lingxi/apply/online');
    const app = await lingxi.post('/agencies/lingxi/apply/online', application());
    assert.equal(app.location, `/apply/receipt/LINGXI-${year}-0001`);
  });
});
