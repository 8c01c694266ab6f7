// Authorisation matrix (issue #12, "Authorisation matrix as a test"): every admin route of Fastify's
// route table × every role × a record of the actor's own agency and of another one, sent as real
// requests (cookies, CSRF) and compared with the answer the declared policy expects:
// allow, 403 or 404. The policy is stated in authorization-policy.ts, route by route, independently of
// src/platform/auth/policy.ts: a route in the route table that has no entry in POLICY fails the
// test (「新路由缺少授权策略」), so a new admin route cannot ship without one.
//
// The actors: a clerk, a reviewer, a signer and an admin of 灵溪镇 (one role each), and the admin
// of the county government above every town. The records: 灵溪镇's ("own") and 高坪乡's ("other");
// the county admin may act on both. "allow" means the request passed authorisation: any answer but
// 401, 403, 404 or a redirect to the login or password page (a 422 for the empty form or a 409 for
// a step the record's state does not allow is an allowed request). Forms are sent empty but for the
// CSRF token and what the policy says the request needs to reach the decision (the agency a form
// names), so an allowed request changes little; what it can switch off is put back after it. Where
// the demo has no record of 高坪乡, the test copies 灵溪镇's. A handler that checks its form before
// the actor's role shows up here as "expected 403, got allow 422": the role comes first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answerOf, POLICY, type Answer, type Policy, type RolesPolicy } from './authorization-policy.ts';
import { actors, app, other, own, restore, setUpMatrix, tearDownMatrix, type Actor } from './authorization-fixture.ts';

before(setUpMatrix);
after(tearDownMatrix);

// --- the matrix ---------------------------------------------------------------------------------------

/** Which records a route's path parameters name, by the URL's first segment after /admin. */
function recordParams(url: string, side: Record<string, number>): Record<string, number> {
  const table: [RegExp, Record<string, string>][] = [
    [/^\/admin\/publications\//, { id: 'publications', attachmentId: 'attachments', findingId: 'privacyFindings' }],
    [/^\/admin\/privacy\/publications\//, { id: 'publications' }],
    [/^\/admin\/categories\//, { id: 'categories' }],
    [/^\/admin\/annual-reports\//, { id: 'annualReports' }],
    [/^\/admin\/interaction\//, { id: 'interactionCases' }],
    [/^\/admin\/notices\//, { id: 'notices' }],
    [
      /^\/admin\/comment-periods\//,
      { id: 'commentPeriods', fileId: 'commentPeriodFiles', commentId: 'publicComments' },
    ],
    [/^\/admin\/supervision\/inspections\//, { id: 'inspections' }],
    [
      /^\/admin\/record-amendments\//,
      { id: 'recordAmendments', letterId: 'amendmentLetters', fileId: 'amendmentFiles' },
    ],
    [/^\/admin\/staff\//, { id: 'staffMembers' }],
    [/^\/admin\/info-requests\/proactive\//, { id: 'proactiveSuggestions' }],
    [/^\/admin\/meetings\//, { id: 'meetings', signupId: 'meetingSignups' }],
    [
      /^\/admin\/info-requests\//,
      {
        id: 'infoRequests',
        letterId: 'letters',
        fileId: 'files',
        itemId: 'appeals',
        correctionId: 'corrections',
        correctionFileId: 'correctionFiles',
      },
    ],
    [/^(?:\/api\/v1)?\/admin\/agencies\//, { id: 'agencies' }],
    [/^\/admin\/standard-catalogue\/agencies\//, { id: 'agencies' }],
    [/^\/admin\/users\//, { id: 'users' }],
    [/^\/admin\/service-hall\/cases\//, { id: 'serviceCases' }],
    [/^\/admin\/service-hall\/items\//, { id: 'serviceItems' }],
    // The county's 标准目录 items belong to no agency: the policy names one of the demo's.
    [/^\/admin\/standard-catalogue\/items\//, {}],
  ];
  const names = table.find(([re]) => re.test(url))?.[1];
  assert.ok(names, `${url}: which records does it name?`);
  return Object.fromEntries(Object.entries(names).map(([param, key]) => [param, side[key] as number]));
}

function fill(url: string, values: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const v = values[name];
    assert.ok(v !== undefined && v !== 0, `${url}: no value for :${name}`);
    return String(v);
  });
}
function expected(policy: Policy, actor: Actor, target: 'own' | 'other'): Answer {
  if (policy.kind === 'signedIn') return 'allow';
  if (!policy.roles.includes(actor.role)) return 403;
  if (policy.county && !actor.county) return 403;
  if (target === 'other' && !actor.county) return policy.other ?? 403;
  return 'allow';
}

test('every admin route × every role × own / other agency answers as the policy says', async () => {
  const routes = app.routeTable.filter(
    (r) => r.method !== 'HEAD' && (r.url.startsWith('/admin') || r.url.startsWith('/api/v1/admin')),
  );
  assert.ok(routes.length > 100, `only ${routes.length} admin routes`);
  const missing = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !POLICY[k]);
  assert.deepEqual(missing, [], '新路由缺少授权策略：请在 POLICY 中声明');
  const stale = Object.keys(POLICY).filter((k) => !routes.some((r) => `${r.method} ${r.url}` === k));
  assert.deepEqual(stale, [], 'POLICY names routes that no longer exist');

  const wrong: string[] = [];
  let sent = 0;
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const policy = POLICY[key] as Policy;
    if (policy.kind === 'signedIn' && policy.skip) continue;
    const names = Object.keys(policy.kind === 'roles' ? (policy.body ?? {}) : {});
    const named = /:(?:id|\w+Id)\b/.test(route.url) || names.length > 0;
    const targets: ('own' | 'other')[] = named ? ['own', 'other'] : ['own'];
    for (const target of targets)
      for (const actor of actors) {
        const side = target === 'own' ? own : other;
        const extra: Omit<RolesPolicy, 'kind' | 'roles'> = policy.kind === 'roles' ? policy : {};
        const values = /:(?:id|\w+Id)\b/.test(route.url)
          ? { ...recordParams(route.url, side), ...extra.params }
          : { ...extra.params };
        const url = fill(route.url, values) + (extra.query ? `?${extra.query}` : '');
        const form = new URLSearchParams({ _csrf: actor.agent.csrf });
        for (const [k, v] of Object.entries(extra.body ?? {}))
          form.set(k, v === '{agency}' ? String(side.agencies) : v);
        const res =
          route.method === 'GET'
            ? await app.inject({ method: 'GET', url, headers: { cookie: actor.agent.cookieHeader() } })
            : await app.inject({
                method: route.method as 'POST',
                url,
                payload: form.toString(),
                headers: {
                  cookie: actor.agent.cookieHeader(),
                  'content-type': 'application/x-www-form-urlencoded',
                },
              });
        sent += 1;
        if (route.method !== 'GET') await restore();
        const got = answerOf(res.statusCode, res.headers.location as string | undefined);
        const want = expected(policy, actor, target);
        const said = (/<title>([^<]*)<\/title>[\s\S]*?<p[^>]*>([^<]*)/.exec(res.body) ?? ['', res.body.slice(0, 120)])
          .slice(1)
          .join(' ');
        if (got !== want)
          wrong.push(
            `${key} as ${actor.name} on ${target} (${url}): expected ${want}, got ${got} ${res.statusCode} ${said}`,
          );
      }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${sent} answers differ from the policy`);
  assert.ok(sent > 700, `only ${sent} requests`);
  // Every actor is still signed in: no answer above came from a lost session.
  for (const a of actors) assert.equal((await a.agent.get('/admin')).statusCode, 200, a.name);
});
