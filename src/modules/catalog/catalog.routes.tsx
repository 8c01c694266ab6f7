// Admin routes of the category taxonomy: add, rename, reorder, merge, apply the preset. Checked
// against the category's agency (category.manage).
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { Executor } from '../../platform/transaction.ts';
import {
  findCategoryByCode,
  findCategoryById,
  listCategories,
  publicationCountsByCategory,
} from './catalog.repository.ts';
import {
  addCategory,
  applySeedPreset,
  buildCategoryTree,
  CATEGORY_FORM,
  categoryOptions,
  mergeCategory,
  renameCategory,
  reorderCategory,
} from './catalog.service.ts';
import { SEED_CLASS_PRESET } from './default-taxonomy.ts';
import { CategoriesPage } from './catalog.views.tsx';

/**
 * The agencies these pages name and offer, from the agency module (which is above catalog: it
 * creates each agency's default taxonomy), passed in by src/modules/routes.ts (#13 point 1).
 */
export interface CatalogAgencies {
  findAgencyById(db: Executor, id: number): Promise<{ name: string } | undefined>;
  listAgencies(db: Executor, opts: { activeOnly: boolean }): Promise<{ id: number; name: string }[]>;
}

export async function categoryAdminRoutes(
  app: FastifyInstance,
  { findAgencyById, listAgencies }: CatalogAgencies,
): Promise<void> {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    errors?: Record<string, string>,
    values?: Record<string, string>,
  ) => {
    const actor = actorOf(req);
    const agency = await findAgencyById(app.db, agencyId);
    if (!agency) throw new AppError('notFound');
    authorize(actor, 'category.manage', { agencyId });
    const agencies = (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actor, 'category.manage', { agencyId: a.id }),
    );
    const rows = await listCategories(app.db, agencyId);
    return reply.page(
      <CategoriesPage
        ctx={await req.pageContext(reply)}
        agencyId={agencyId}
        agencyName={agency.name}
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        tree={buildCategoryTree(rows)}
        options={categoryOptions(rows)}
        counts={await publicationCountsByCategory(app.db, agencyId)}
        hasPreset={(await findCategoryByCode(app.db, agencyId, SEED_CLASS_PRESET.code)) !== undefined}
        errors={errors}
        values={values}
        once={onceToken(req)}
      />,
      errors ? 422 : 200,
    );
  };

  const loadCategory = async (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    const c = id ? await findCategoryById(app.db, id) : undefined;
    if (!c) throw new AppError('notFound');
    authorize(req.actor, 'category.manage', { agencyId: c.agencyId });
    return c;
  };

  const back = (reply: FastifyReply, agencyId: number) =>
    reply.redirect(`/admin/categories?agency=${agencyId}&flash=saved`, 303);

  app.get('/admin/categories', async (req, reply) => {
    const actor = actorOf(req);
    const id = parseId((req.query as { agency?: string }).agency ?? '') ?? actor.agencyId;
    return render(req, reply, id);
  });

  app.post('/admin/categories', async (req, reply) => {
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    if (!agencyId) throw new AppError('badRequest');
    authorize(req.actor, 'category.manage', { agencyId });
    const form = parseForm(req.body, CATEGORY_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      // Once per form (createOnce): the same 新增分类 sent twice makes one category.
      return await createOnce(app, req, reply, 'category.create', async (trx) => {
        await addCategory(trx, req.auditContext(), agencyId, form.values);
        return { location: `/admin/categories?agency=${agencyId}&flash=saved`, value: null };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return render(req, reply, agencyId, err.fields, form.values);
    }
  });

  app.post('/admin/categories/preset', async (req, reply) => {
    const agencyId = parseId(formValue(req.body, 'agencyId'));
    if (!agencyId) throw new AppError('badRequest');
    authorize(req.actor, 'category.manage', { agencyId });
    await inTransaction(app.db, (trx) => applySeedPreset(trx, req.auditContext(), agencyId));
    return back(reply, agencyId);
  });

  app.post('/admin/categories/:id', async (req, reply) => {
    const c = await loadCategory(req);
    try {
      await inTransaction(app.db, (trx) =>
        renameCategory(
          trx,
          req.auditContext(),
          c.agencyId,
          c.id,
          formValue(req.body, 'name').trim(),
          formValue(req.body, 'description').trim().slice(0, 200),
        ),
      );
      return back(reply, c.agencyId);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return render(req, reply, c.agencyId, err.fields);
    }
  });

  app.post('/admin/categories/:id/move', async (req, reply) => {
    const c = await loadCategory(req);
    const direction = formValue(req.body, 'direction');
    if (direction !== 'up' && direction !== 'down') throw new AppError('badRequest');
    await inTransaction(app.db, (trx) => reorderCategory(trx, req.auditContext(), c.agencyId, c.id, direction));
    return back(reply, c.agencyId);
  });

  app.post('/admin/categories/:id/merge', async (req, reply) => {
    const c = await loadCategory(req);
    const intoId = parseId(formValue(req.body, 'intoId'));
    try {
      if (!intoId) throw new ValidationError({ intoId: '请选择合并目标。' });
      await inTransaction(app.db, (trx) => mergeCategory(trx, req.auditContext(), c.agencyId, c.id, intoId));
      return back(reply, c.agencyId);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return render(req, reply, c.agencyId, err.fields);
    }
  });
}
