// Agency administration and the staff JSON API. Every handler: validate → load → authorize
// (against the agency itself) → service in a transaction → render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, listAgencies, type AgencyRow } from './agency.repository.ts';
import {
  AGENCY_FORM,
  agencyToInput,
  buildTree,
  createAgency,
  editAgency,
  moveAgency,
  setAgencyActive,
  type AgencyInput,
} from './agency.service.ts';
import { AgencyFormPage, AgencyListPage } from './agency.views.tsx';
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

export async function agencyAdminRoutes(app: FastifyInstance): Promise<void> {
  // The parents offered: for a new agency every agency in scope (any may take a department); to
  // move one, only those it may sit under (agency.rules.ts) outside its own subtree — a town's
  // select lists the counties and prefectures, not a province's thousands of agencies.
  const parentOptions = async (req: FastifyRequest, moving?: AgencyRow) => {
    const actor = actorOf(req);
    const rows = await listAgencies(app.db, { activeOnly: true });
    return rows
      .filter(
        (a) =>
          can(actor, 'agency.create', { agencyId: a.id }) &&
          (!moving ||
            a.id === moving.parentId ||
            (!a.path.startsWith(moving.path) && placementError(moving.kind, a.kind) === null)),
      )
      .map((a) => ({ value: String(a.id), label: `${'　'.repeat(a.depth)}${a.name}` }));
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
    return reply.page(
      <AgencyFormPage
        ctx={await req.pageContext(reply)}
        mode="edit"
        agency={agency}
        values={values}
        parentId={String(agency.parentId ?? '')}
        parents={await parentOptions(req, agency)}
        errors={errors}
        canEdit={can(actor, 'agency.edit', { agencyId: agency.id })}
        canMove={
          can(actor, 'agency.move', { agencyId: agency.id }) &&
          agency.parentId !== null &&
          actor.scopeAgencyIds.has(agency.parentId)
        }
        canDeactivate={can(actor, 'agency.deactivate', { agencyId: agency.id }) && agency.id !== actor.agencyId}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/admin/agencies', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'agency.view');
    const rows = await listAgencies(app.db);
    return reply.page(
      <AgencyListPage
        ctx={await req.pageContext(reply)}
        tree={buildTree(rows)}
        scope={actor.scopeAgencyIds}
        canCreate={can(actor, 'agency.create')}
      />,
    );
  });

  app.get('/admin/agencies/new', async (req, reply) => {
    authorize(req.actor, 'agency.create');
    const parents = await parentOptions(req);
    return reply.page(
      <AgencyFormPage
        ctx={await req.pageContext(reply)}
        mode="new"
        values={EMPTY}
        parentId={parents[0]?.value ?? ''}
        parents={parents}
        canEdit
        canMove={false}
        canDeactivate={false}
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
      const id = await inTransaction(app.db, (trx) => createAgency(trx, req.auditContext(), form.values, parentId));
      return reply.redirect(`/admin/agencies/${id}?flash=created`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <AgencyFormPage
          ctx={await req.pageContext(reply)}
          mode="new"
          values={form.values}
          parentId={String(parentId ?? '')}
          parents={await parentOptions(req)}
          errors={err.fields}
          canEdit
          canMove={false}
          canDeactivate={false}
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
