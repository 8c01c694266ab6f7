// A publication desk for route tests: staff of one agency signed in, a publication drafted through
// the admin form (every field a clerk fills, valid by default), edited, moved through its steps and
// released (submit → 保密审查 → 签发) by the agency's clerk, reviewer and signer.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent } from './agent.ts';
import { SignedInStaff, type StaffSpec } from './signed-in.ts';
import type { TestEnv } from './test-app.ts';

type Fields = Record<string, string | string[]>;

/** The id of category `code` of the agency's taxonomy, as the form sends it. */
export async function categoryIdOf(env: Pick<TestEnv, 'database'>, agencyId: number, code: string): Promise<string> {
  const c = await env.database.db
    .selectFrom('categories')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return String(c.id);
}

/** The publication form filled in (a 灵溪镇 plan under 「机构职能」's first statutory category), with overrides. */
export async function publicationFields(
  env: Pick<TestEnv, 'database'>,
  agencyId: number,
  over: Fields = {},
): Promise<Fields> {
  return {
    title: '灵溪镇2025年农田水利建设计划',
    summary: '',
    body: '<p>今年计划新建灌溉渠道3.2公里。</p>',
    issuer: '灵溪镇党政综合办公室',
    formedOn: '2025-05-26',
    documentNumber: '',
    docKind: 'other',
    issuedOn: '',
    validity: 'valid',
    effectiveOn: '',
    topic: '',
    keywords: '',
    related: '',
    categoryIds: [await categoryIdOf(env, agencyId, 'statutory.a21.2')],
    channels: ['website'],
    ...over,
  };
}

/** 灵溪镇's budget (filed under 「财政预算、决算」, statutory.a20.7): the draft of the attachment tests. */
export const BUDGET_DRAFT = {
  title: '灵溪镇2025年部门预算',
  body: '<p>预算说明。</p>',
  issuer: '灵溪镇财政所',
  formedOn: '2025-05-20',
} as const;

/** `a` opens the new-publication form and posts it whole for `agencyId`, `over` changing it. */
export async function postDraft(
  env: TestEnv,
  a: Agent,
  agencyId: number,
  over: Fields = {},
): Promise<LightMyRequestResponse> {
  await a.get('/admin/publications/new');
  return a.post('/admin/publications', {
    agencyId: String(agencyId),
    ...(await publicationFields(env, agencyId, over)),
  });
}

/** The id of the draft the form's answer sends to (asserting the 303, else showing the page). */
export function draftIdOf(res: {
  statusCode: number;
  body: string;
  headers: LightMyRequestResponse['headers'];
}): number {
  assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
  return Number(/\/admin\/publications\/(\d+)/.exec(res.headers.location as string)?.[1]);
}

/** `a` opens publication `id` and posts its step `path` (submit, review, sign-off, withdraw, …). */
export async function postStep(
  a: Agent,
  id: number,
  path: string,
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  await a.get(`/admin/publications/${id}`);
  return a.post(`/admin/publications/${id}/${path}`, fields);
}

const loadPublication = (env: TestEnv, id: number) =>
  env.database.db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Staff of agency `slug` (`prefix`.clerk, .reviewer, .signer) and of others (`more`), each signed
 * in once, around the agency's publications; made at the top of a test file (its methods may be
 * destructured there), opened by open()/start() in before(). `draftDefaults` change every draft.
 */
export class PublicationDesk extends SignedInStaff {
  constructor(
    private readonly slug = 'lingxi',
    private readonly prefix = 'lx',
    more: readonly StaffSpec[] = [],
    private readonly draftDefaults: Fields = {},
  ) {
    super([
      [`${prefix}.clerk`, slug, 'clerk'],
      [`${prefix}.reviewer`, slug, 'reviewer'],
      [`${prefix}.signer`, slug, 'signer'],
      ...more,
    ]);
  }

  /** The desk's agency. */
  get agencyId(): number {
    return this.env.county.agencyIds[this.slug]!;
  }

  /** The stored publication. */
  pub = (id: number) => loadPublication(this.env, id);

  /** A draft made by the clerk through the form (the defaults, then `over`); its id. */
  draft = async (over: Fields = {}): Promise<number> =>
    draftIdOf(
      await postDraft(this.env, this.as(`${this.prefix}.clerk`), this.agencyId, { ...this.draftDefaults, ...over }),
    );

  /** `username` saves the edit form (the whole form, `over` changing it). */
  edit = async (username: string, id: number, over: Fields = {}): Promise<LightMyRequestResponse> => {
    await this.as(username).get(`/admin/publications/${id}/edit`);
    return this.as(username).post(`/admin/publications/${id}`, await publicationFields(this.env, this.agencyId, over));
  };

  /** `username` opens the publication and posts its step `path` (submit, review, sign-off, withdraw). */
  act = (username: string, id: number, path: string, fields: Record<string, string> = {}) =>
    postStep(this.as(username), id, path, fields);

  /** Submitted, passed and signed off by the agency's staff; the index number it got. */
  release = async (id: number): Promise<string> => {
    assert.equal((await this.act(`${this.prefix}.clerk`, id, 'submit')).statusCode, 303);
    const review = await this.act(`${this.prefix}.reviewer`, id, 'review', { decision: 'pass', comment: '' });
    assert.equal(review.statusCode, 303);
    const signOff = await this.act(`${this.prefix}.signer`, id, 'sign-off', { decision: 'approve', comment: '' });
    assert.equal(signOff.statusCode, 303);
    const p = await this.pub(id);
    assert.equal(p.state, 'published');
    return p.indexNumber as string;
  };
}
