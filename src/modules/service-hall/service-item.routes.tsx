// Staff routes for service items, windows and the CSV import/export. The agency comes from the
// query (?agencyId=) or the item; every check is made against that agency.
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { formValue, parseForm, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, listAgencies } from '../agency/index.ts';
import { findItemById, listItems, listWindows } from './service-hall.repository.ts';
import { csvText, parseCsv } from './csv.ts';
import {
  createWindow,
  EMPTY_ITEM,
  exportItemsCsv,
  importItemRows,
  importItemsCsv,
  ITEM_FORM,
  itemRows,
  itemToInput,
  saveItem,
  type ItemInput,
} from './service-item.service.ts';
import { rowsToXlsx, xlsxToRows } from './service-item.xlsx.ts';
// The publication module's multipart plugin (CSRF checked from the form's hidden field).
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { bytesOf } from '../../platform/storage/file-store.ts';

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
import { ItemFormPage, ItemListPage } from './service-item.views.tsx';

export async function serviceItemRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const agencyOf = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    const id = parseId((req.query as { agencyId?: string } | undefined)?.agencyId) ?? actor.agencyId;
    const agency = await findAgencyById(app.db, id);
    if (!agency) throw new AppError('notFound');
    return agency;
  };

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; csv?: string; windowValues?: { windowName: string; windowLocation: string } } = {},
    status = extra.errors ? 422 : 200,
  ) => {
    const actor = actorOf(req);
    const agency = await agencyOf(req);
    authorize(actor, 'serviceCase.view', { agencyId: agency.id });
    const [items, windows, agencies] = await Promise.all([
      listItems(app.db, [agency.id]),
      listWindows(app.db, [agency.id]),
      listAgencies(app.db),
    ]);
    return reply.page(
      <ItemListPage
        ctx={await req.pageContext(reply)}
        agencyId={agency.id}
        agencyName={agency.name}
        agencySlug={agency.slug}
        items={items}
        windows={windows}
        agencies={agencies
          .filter((a) => can(actor, 'serviceCase.view', { agencyId: a.id }))
          .map((a) => ({ value: String(a.id), label: a.name }))}
        canManage={can(actor, 'serviceItem.manage', { agencyId: agency.id })}
        once={onceToken(req)}
        {...extra}
      />,
      status,
    );
  };

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    values: ItemInput,
    itemId?: number,
    errors?: FieldErrors,
  ) => {
    const item = itemId ? await findItemById(app.db, itemId) : undefined;
    return reply.page(
      <ItemFormPage
        ctx={await req.pageContext(reply)}
        agencyId={agencyId}
        item={item}
        values={values}
        windows={await listWindows(app.db, [agencyId])}
        errors={errors}
        canManage={can(req.actor, 'serviceItem.manage', { agencyId })}
        once={itemId ? undefined : onceToken(req)}
      />,
      errors ? 422 : 200,
    );
  };

  const loadItem = async (req: FastifyRequest, action: 'serviceCase.view' | 'serviceItem.manage') => {
    const id = parseId((req.params as { id: string }).id);
    const item = id ? await findItemById(app.db, id) : undefined;
    if (!item) throw new AppError('notFound');
    authorize(req.actor, action, item);
    return item;
  };

  app.get('/admin/service-hall/items', async (req, reply) => renderList(req, reply));

  app.get('/admin/service-hall/items.csv', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceCase.view', { agencyId: agency.id });
    const csv = await exportItemsCsv(app.db, agency.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`service-items-${agency.slug}.csv`))
      .send(csv);
  });

  app.get('/admin/service-hall/items.xlsx', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceCase.view', { agencyId: agency.id });
    const xlsx = await rowsToXlsx(await itemRows(app.db, agency.id), '事项清单');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`service-items-${agency.slug}.xlsx`))
      .send(xlsx);
  });

  // A CSV or XLSX file: all rows are checked before anything is written.
  const importUpload = uploadRoute({
    requires: 'serviceItem.manage',
    authorize: async (req) => authorize(req.actor, 'serviceItem.manage', { agencyId: (await agencyOf(req)).id }),
    maxFileBytes: MAX_IMPORT_BYTES,
    maxFiles: 1,
  });
  app.post('/admin/service-hall/items/import-file', { config: importUpload }, async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceItem.manage', { agencyId: agency.id });
    const files = uploadedFiles(req.body).filter((u) => u.fieldName === 'file');
    const file = files[0];
    try {
      if (!file || !file.size) throw new ValidationError({ csv: '请选择要导入的 CSV 或 XLSX 文件。' });
      refuseTooLarge(files, 'csv', MAX_IMPORT_BYTES);
      const content = await bytesOf(file);
      let rows: string[][];
      if (/\.xlsx$/i.test(file.fileName)) rows = await xlsxToRows(content);
      else if (/\.csv$/i.test(file.fileName)) {
        try {
          rows = parseCsv(csvText(content));
        } catch (err) {
          throw new ValidationError({ csv: (err as Error).message });
        }
      } else throw new ValidationError({ csv: '只能导入 .csv 或 .xlsx 文件。' });
      await inTransaction(app.db, (trx) => importItemRows(trx, req.auditContext(), agency.id, rows));
      return reply.redirect(`/admin/service-hall/items?agencyId=${agency.id}&flash=imported`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderList(req, reply, { errors: err.fields ?? {} }, err.status);
    }
  });

  app.post('/admin/service-hall/items/import', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceItem.manage', { agencyId: agency.id });
    const csv = formValue(req.body, 'csv');
    try {
      if (!csv.trim()) throw new ValidationError({ csv: '请粘贴要导入的 CSV 内容。' });
      await inTransaction(app.db, (trx) => importItemsCsv(trx, req.auditContext(), agency.id, csv));
      return reply.redirect(`/admin/service-hall/items?agencyId=${agency.id}&flash=imported`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderList(req, reply, { errors: err.fields ?? {}, csv });
    }
  });

  app.post('/admin/service-hall/windows', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceItem.manage', { agencyId: agency.id });
    const windowValues = {
      windowName: formValue(req.body, 'windowName').trim(),
      windowLocation: formValue(req.body, 'windowLocation').trim(),
    };
    try {
      // Once per form (createOnce): the same 新增窗口 sent twice makes one window.
      return await createOnce(app, req, reply, 'serviceWindow.create', async (trx) => {
        await createWindow(trx, req.auditContext(), agency.id, windowValues.windowName, windowValues.windowLocation);
        return { location: `/admin/service-hall/items?agencyId=${agency.id}&flash=created`, value: null };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderList(req, reply, { errors: err.fields ?? {}, windowValues });
    }
  });

  app.get('/admin/service-hall/items/new', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceItem.manage', { agencyId: agency.id });
    return renderForm(req, reply, agency.id, EMPTY_ITEM);
  });

  app.post('/admin/service-hall/items', async (req, reply) => {
    const agency = await agencyOf(req);
    authorize(req.actor, 'serviceItem.manage', { agencyId: agency.id });
    const form = parseForm(req.body, ITEM_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      // Once per form (createOnce): the same 新增事项 sent twice makes one item.
      return await createOnce(app, req, reply, 'serviceItem.create', async (trx) => {
        const id = await saveItem(trx, req.auditContext(), agency.id, form.values);
        return { location: `/admin/service-hall/items/${id}?flash=created`, value: id };
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, reply, agency.id, form.values, undefined, err.fields);
    }
  });

  app.get('/admin/service-hall/items/:id', async (req, reply) => {
    const item = await loadItem(req, 'serviceCase.view');
    return renderForm(req, reply, item.agencyId, itemToInput(item), item.id);
  });

  app.post('/admin/service-hall/items/:id', async (req, reply) => {
    const item = await loadItem(req, 'serviceItem.manage');
    const form = parseForm(req.body, ITEM_FORM);
    try {
      if (!form.ok) throw new ValidationError(form.errors);
      await inTransaction(app.db, (trx) => saveItem(trx, req.auditContext(), item.agencyId, form.values, item.id));
      return reply.redirect(`/admin/service-hall/items/${item.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, reply, item.agencyId, form.values, item.id, err.fields);
    }
  });
}
