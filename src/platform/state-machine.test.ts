import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './auth/actor.ts';
import { AppError, ValidationError } from './errors.ts';
import { defineMachine } from './state-machine.ts';

type State = 'draft' | 'submitted' | 'published';

const doc = defineMachine<State, 'edit' | 'submit' | 'publish' | 'archive', { hasTitle: boolean }>({
  entity: 'doc',
  labels: { draft: '草稿', submitted: '待审', published: '已发布' },
  steps: {
    edit: { from: ['draft'], to: 'same', action: 'publication.draft', label: '编辑' },
    submit: {
      from: ['draft'],
      to: 'submitted',
      action: 'publication.draft',
      label: '提交',
      audit: 'doc.sent',
      guard: (x) => (x.hasTitle ? null : '请先填写标题。'),
    },
    publish: { from: ['submitted'], to: 'published', action: 'publication.signOff', label: '签发' },
    archive: { from: ['published'], to: 'draft' },
  },
});

function actor(roles: Actor['roles'], agencyIds: number[] = [7]): Actor {
  return {
    userId: 1,
    username: 'u',
    displayName: '用户',
    agencyId: agencyIds[0] ?? 7,
    agencyName: '机关',
    agencyDepth: 1,
    roles,
    scopeAgencyIds: new Set(agencyIds),
    mustChangePassword: false,
    sessionId: 's',
  };
}

const draft = { id: 3, agencyId: 7, state: 'draft' as const };
const ok = { hasTitle: true };

test('a step leads from its states to its target; "same" keeps the state', () => {
  assert.equal(doc.next('draft', 'submit'), 'submitted');
  assert.equal(doc.next('draft', 'edit'), 'draft');
  assert.equal(doc.can('submitted', 'publish'), true);
  assert.equal(doc.can('draft', 'publish'), false);
  assert.deepEqual(doc.eventsFrom('draft'), ['edit', 'submit']);
  assert.deepEqual(doc.eventsFrom('published'), ['archive']);
});

test('a step from another state is refused with a 409 naming the state and the step', () => {
  assert.throws(
    () => doc.next('draft', 'publish'),
    (e: unknown) =>
      e instanceof AppError && e.code === 'conflict' && e.message === '当前状态为“草稿”，不能执行“签发”。',
  );
  assert.throws(
    () => doc.next('draft', 'archive'),
    (e: unknown) => e instanceof AppError && e.message === '当前状态为“草稿”，不能执行此操作。',
  );
});

test('plan checks the role of the step on the record’s agency, then the state, then the guard', () => {
  assert.deepEqual(doc.plan(actor(['clerk']), draft, 'submit', { input: ok }), {
    from: 'draft',
    to: 'submitted',
    audit: 'doc.sent',
  });
  assert.deepEqual(doc.plan(actor(['clerk']), draft, 'edit', { input: ok }).audit, 'doc.edit');
  // a reviewer may not draft; a clerk of another agency may not touch this one
  assert.throws(
    () => doc.plan(actor(['reviewer']), draft, 'submit', { input: ok }),
    (e: unknown) => e instanceof AppError && e.code === 'forbidden',
  );
  assert.throws(
    () => doc.plan(actor(['clerk'], [8]), draft, 'submit', { input: ok }),
    (e: unknown) => e instanceof AppError && e.code === 'forbidden',
  );
  // the role is checked before the state: a stranger learns nothing about the record
  assert.throws(
    () => doc.plan(actor(['reviewer']), draft, 'publish', { input: ok }),
    (e: unknown) => e instanceof AppError && e.code === 'forbidden',
  );
  assert.throws(
    () => doc.plan(actor(['signer']), draft, 'publish', { input: ok }),
    (e: unknown) => e instanceof AppError && e.code === 'conflict',
  );
  assert.throws(
    () => doc.plan(actor(['clerk']), draft, 'submit', { input: { hasTitle: false } }),
    (e: unknown) => e instanceof AppError && e.code === 'conflict' && e.message === '请先填写标题。',
  );
  // the system (imports, jobs) is not a member of staff: only state and guard apply
  assert.equal(doc.plan('system', { ...draft, state: 'submitted' }, 'publish', { input: ok }).to, 'published');
  // a step without an action is left to the caller's own check
  assert.equal(doc.plan(actor(['reviewer']), { ...draft, state: 'published' }, 'archive', { input: ok }).to, 'draft');
});

test('allowed tells the buttons which steps this member of staff may take', () => {
  assert.equal(doc.allowed(actor(['clerk']), 'submit', 7), true);
  assert.equal(doc.allowed(actor(['clerk']), 'publish', 7), false);
  assert.equal(doc.allowed(actor(['signer']), 'publish', 8), false);
  assert.equal(doc.allowed(null, 'archive', 7), false);
});

test('a machine may answer refusals with errors of its own', () => {
  const strict = defineMachine<State, 'publish', never>({
    entity: 'doc',
    labels: { draft: '草稿', submitted: '待审', published: '已发布' },
    steps: { publish: { from: ['submitted'], to: 'published' } },
    refuse: (current) => new ValidationError({ state: `状态“${current}”不允许此操作。` }),
  });
  assert.throws(
    () => strict.plan('system', draft, 'publish'),
    (e: unknown) => e instanceof ValidationError && e.fields?.state === '状态“draft”不允许此操作。',
  );
  const guarded = defineMachine<State, 'submit', number>({
    entity: 'doc',
    labels: { draft: '草稿', submitted: '待审', published: '已发布' },
    steps: { submit: { from: ['draft'], to: 'submitted', guard: (n) => (n > 0 ? null : '没有内容。') } },
    refuseGuard: (message) => new ValidationError({ body: message }),
  });
  assert.equal(guarded.plan('system', draft, 'submit', { input: 1 }).to, 'submitted');
  assert.throws(
    () => guarded.plan('system', draft, 'submit', { input: 0 }),
    (e: unknown) => e instanceof ValidationError && e.fields?.body === '没有内容。',
  );
});

test('a step that may lead to several states takes the one the caller names, if it is one of them', () => {
  const paused = defineMachine<State, 'resume'>({
    entity: 'doc',
    labels: { draft: '草稿', submitted: '待审', published: '已发布' },
    steps: { resume: { from: ['published'], to: ['draft', 'submitted'] } },
  });
  const p = { id: 1, agencyId: 7, state: 'published' as const };
  assert.equal(paused.plan('system', p, 'resume', { to: 'submitted' }).to, 'submitted');
  assert.equal(paused.next('published', 'resume', 'draft'), 'draft');
  assert.throws(() => paused.next('published', 'resume', 'published'), /not a state this step leads to/);
  assert.throws(() => paused.next('published', 'resume'), /not a state this step leads to/);
  // a fixed target is checked too
  assert.throws(() => doc.next('draft', 'submit', 'published'), /not a state this step leads to/);
  assert.equal(doc.next('draft', 'submit', 'submitted'), 'submitted');
});
