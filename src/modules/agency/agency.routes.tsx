// Agency administration and the staff JSON API. Every handler: validate → load → authorize
// (against the agency itself) → service in a transaction → render or redirect.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { Static } from 'typebox';
import type { Actor } from '../../platform/auth/actor.ts';
import { Id, Line, query } from '../../platform/http/schema.ts';
import { findAgencyById, listAgencyOutline, type AgencyRow } from './agency.repository.ts';
import {
  agencyLevel,
  agencyOptions,
  findByName,
  levelRootOf,
  nameWords,
  trailOf,
  type OutlineAgency,
} from './agency.levels.ts';
import type { AgencyKind } from './agency.tables.ts';
import {
  AGENCY_FORM,
  agencyToInput,
  createAgency,
  editAgency,
  moveAgency,
  setAgencyActive,
  type AgencyInput,
} from './agency.service.ts';
import { AgencyFormPage } from './agency.views.tsx';
import { AgencyListPage } from './agency.list-views.tsx';
import { placementError } from './agency.rules.ts';
import { DEFAULT_INDEX_PATTERN } from '../catalog/index.ts';

const EMPTY: AgencyInput = {
  name: '',
  shortName: '',
  kind: 'town',
  creditCode: '',
  slug: '',
  officeName: '',
  officeAddress: '',
  officePostcode: '',
  officePhone: '',
  officeFax: '',
  officeEmail: '',
  officeHours: '工作日 上午8:00—12:00，下午14:30—17:30（法定节假日除外）',
  indexPattern: DEFAULT_INDEX_PATTERN,
  guideText: '',
  sortOrder: '0',
};

const LIST_QUERY = query({
  at: Id('层级'),
  // Names are at most 60 characters; up to 200 is searched (and finds nothing past 60), as 机构目录.
  q: Line('机构名称', 200),
});
const NEW_QUERY = query({ parent: Id('上级机构') });

/** How many agencies a name search lists. */
export const FOUND_LIMIT = 50;

export async function agencyAdminRoutes(app: FastifyInstance): Promise<void> {
  // The agencies the actor may act for, as the tree's outline: its own agency and, for an admin,
  // everything below it (one indexed path read; nothing outside the scope is read into a page).
  const scopeOutline = async (actor: Actor) => {
    const own = await findAgencyById(app.db, actor.agencyId);
    if (!own) throw new AppError('forbidden');
    const rows = await listAgencyOutline(app.db, own.path);
    return rows.filter((a) => actor.scopeAgencyIds.has(a.id));
  };

  /** The agency `id` of the outline, else 404 (no such agency) or 403 (outside the scope). */
  const inOutline = async (all: readonly OutlineAgency[], id: number) => {
    const found = all.find((a) => a.id === id);
    if (found) return found;
    throw new AppError((await findAgencyById(app.db, id)) ? 'forbidden' : 'notFound');
  };

  // A new agency's parent is chosen in a level (agency.levels.ts): the level of the parent asked for
  // (`?parent=`, the list's 新建机构 and an agency's 新建下级机构), else the actor's own — dozens of
  // options at a province, not its 2,297 agencies.
  const newParentOptions = (actor: Actor, all: readonly OutlineAgency[], parentId: number | null) => {
    const active = all.filter((a) => a.active === 1 && can(actor, 'agency.create', { agencyId: a.id }));
    const root = levelRootOf(parentId ?? actor.agencyId, active) ?? active[0];
    return { root, options: root ? agencyOptions(agencyLevel(root, active).rows) : [] };
  };

  // To move one, only those it may sit under (agency.rules.ts) outside its own subtree: a
  // government or town among the governments in scope (a town's: the counties and prefectures); a
  // department within its government's level.
  const moveOptions = (all: readonly OutlineAgency[], moving: AgencyRow) => {
    const active = all.filter((a) => a.active === 1 || a.id === moving.parentId);
    const root = moving.kind === 'department' && moving.parentId ? levelRootOf(moving.parentId, active) : undefined;
    const pool = root ? agencyLevel(root, active).rows : active;
    return agencyOptions(
      pool.filter(
        (a) =>
          a.id === moving.parentId ||
          (!a.path.startsWith(moving.path) && placementError(moving.kind, a.kind as AgencyKind) === null),
      ),
    );
  };

  const loadAgency = async (
    req: FastifyRequest,
    action: 'agency.view' | 'agency.edit' | 'agency.move' | 'agency.deactivate',
  ) => {
    const id = parseId((req.params as { id: string }).id);
    const agency = id ? await findAgencyById(app.db, id) : undefined;
    if (!agency) throw new AppError('notFound');
    authorize(req.actor, action, { agencyId: agency.id });
    return agency;
  };

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: AgencyRow,
    values: AgencyInput,
    errors?: Record<string, string>,
  ) => {
    const actor = actorOf(req);
    const canMove =
      can(actor, 'agency.move', { agencyId: agency.id }) &&
      agency.parentId !== null &&
      actor.scopeAgencyIds.has(agency.parentId);
    return reply.page(
      <AgencyFormPage
        ctx={await req.pageContext(reply)}
        mode="edit"
        agency={agency}
        values={values}
        parentId={String(agency.parentId ?? '')}
        parents={canMove ? moveOptions(await scopeOutline(actor), agency) : []}
        errors={errors}
        canEdit={can(actor, 'agency.edit', { agencyId: agency.id })}
        canCreateBelow={agency.active === 1 && can(actor, 'agency.create', { agencyId: agency.id })}
        canMove={canMove}
        canDeactivate={can(actor, 'agency.deactivate', { agencyId: agency.id }) && agency.id !== actor.agencyId}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/admin/agencies', { schema: { querystring: LIST_QUERY } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'agency.view');
    const q = req.query as Static<typeof LIST_QUERY>;
    const all = await scopeOutline(actor);
    const top = all[0];
    if (!top) throw new AppError('forbidden');
    const root = q.at === undefined ? top : await inOutline(all, q.at);
    const byId = new Map(all.map((a) => [a.id, a]));
    const text = (q.q ?? '').trim();
    const found = text ? findByName(all, nameWords(text)) : null;
    return reply.page(
      <AgencyListPage
        ctx={await req.pageContext(reply)}
        top={top}
        trail={trailOf(root, byId)}
        level={found ? { root, rows: [root], below: new Map() } : agencyLevel(root, all)}
        q={text}
        found={
          found && {
            total: found.length,
            rows: found.slice(0, FOUND_LIMIT).map((a) => ({
              agency: a,
              trail: trailOf(a, byId).map((t) => t.name),
              levelId: levelRootOf(a.id, byId)?.id ?? top.id,
            })),
          }
        }
        canCreate={can(actor, 'agency.create', { agencyId: root.id }) && root.active === 1}
      />,
    );
  });

  app.get('/admin/agencies/new', { schema: { querystring: NEW_QUERY } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'agency.create');
    const all = await scopeOutline(actor);
    const asked = (req.query as Static<typeof NEW_QUERY>).parent;
    if (asked !== undefined) authorize(actor, 'agency.create', { agencyId: (await inOutline(all, asked)).id });
    const { root, options } = newParentOptions(actor, all, asked ?? null);
    return reply.page(
      <AgencyFormPage
        ctx={await req.pageContext(reply)}
        mode="new"
        values={EMPTY}
        parentId={
          asked !== undefined && options.some((o) => o.value === String(asked))
            ? String(asked)
            : (options[0]?.value ?? '')
        }
        parents={options}
        parentLevel={root}
        canEdit
        canMove={false}
        canDeactivate={false}
        once={onceToken(req)}
      />,
    );
  });

  app.post('/admin/agencies', async (req, reply) => {
    const form = parseForm(req.body, AGENCY_FORM);
    const parentId = parseId(formValue(req.body, 'parentId'));
    authorize(req.actor, 'agency.create', parentId ? { agencyId: parentId } : undefined);
    try {
      if (!parentId) throw new ValidationError({ ...form.errors, parentId: '请选择上级机构。' });
      if (!form.ok) throw new ValidationError(form.errors);
      // Once per form (createOnce): the same 新建机构 sent twice makes one agency.
      return await createOnce(app, req, reply, 'agency.create', async (trx) => {
        const id = await createAgency(trx, req.auditContext(), form.values, parentId);
        return { location: `/admin/agencies/${id}?flash=created`, value: id };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const actor = actorOf(req);
      const { root, options } = newParentOptions(actor, await scopeOutline(actor), parentId);
      return reply.page(
        <AgencyFormPage
          ctx={await req.pageContext(reply)}
          mode="new"
          values={form.values}
          parentId={String(parentId ?? '')}
          parents={options}
          parentLevel={root}
          errors={err.fields}
          canEdit
          canMove={false}
          canDeactivate={false}
          once={onceToken(req)}
        />,
        422,
      );
    }
  });

  app.get('/admin/agencies/:id', async (req, reply) => {
    const agency = await loadAgency(req, 'agency.view');
    return renderForm(req, reply, agency, agencyToInput(agency));
  });

  app.post('/admin/agencies/:id', async (req, reply) => {
    const agency = await loadAgency(req, 'agency.edit');
    const form = parseForm(req.body, AGENCY_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      await inTransaction(app.db, (trx) => editAgency(trx, req.auditContext(), agency.id, form.values));
      return reply.redirect(`/admin/agencies/${agency.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, reply, agency, form.values, err.fields);
    }
  });

  app.post('/admin/agencies/:id/move', async (req, reply) => {
    const agency = await loadAgency(req, 'agency.move');
    const parentId = parseId(formValue(req.body, 'parentId'));
    try {
      if (!parentId) throw new ValidationError({ moveParentId: '请选择新的上级机构。' });
      authorize(req.actor, 'agency.move', { agencyId: parentId });
      await inTransaction(app.db, (trx) => moveAgency(trx, req.auditContext(), agency.id, parentId));
      return reply.redirect(`/admin/agencies/${agency.id}?flash=moved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, reply, agency, agencyToInput(agency), {
        moveParentId: Object.values(err.fields ?? {})[0] ?? '无法移动。',
      });
    }
  });

  for (const [path, active, flash] of [
    ['deactivate', false, 'deactivated'],
    ['activate', true, 'activated'],
  ] as const) {
    app.post(`/admin/agencies/:id/${path}`, async (req, reply) => {
      const agency = await loadAgency(req, 'agency.deactivate');
      await inTransaction(app.db, (trx) => setAgencyActive(trx, req.auditContext(), agency.id, active));
      return reply.redirect(`/admin/agencies/${agency.id}?flash=${flash}`, 303);
    });
  }

  // Staff JSON: the same object-level check as the pages.
  app.get('/api/v1/admin/agencies/:id', async (req, reply) => {
    const agency = await loadAgency(req, 'agency.view');
    return reply.send({ agency: presentAgencyForStaff(agency) });
  });
}

/** The agency's 政府信息公开工作机构 as the API gives it, to staff and to the public alike. */
export function presentOffice(a: AgencyRow) {
  return {
    name: a.officeName,
    address: a.officeAddress,
    postcode: a.officePostcode,
    phone: a.officePhone,
    fax: a.officeFax,
    email: a.officeEmail,
    hours: a.officeHours,
  };
}

export function presentAgencyForStaff(a: AgencyRow) {
  return {
    id: a.id,
    parentId: a.parentId,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    creditCode: a.creditCode,
    slug: a.slug,
    office: presentOffice(a),
    indexPattern: a.indexPattern,
    active: a.active === 1,
    updatedAt: a.updatedAt,
  };
}
