// Staff routes of the 基层政务公开标准目录. Items are the county's: only an admin of the top agency
// edits, imports or loads the starter set. Bindings and 未涉及 areas are an agency's own (object
// authorisation by agency). Completeness is read for the agencies in the actor's scope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { refuseTooLarge, registerMultipart, uploadedFiles, uploadRoute } from '../../platform/http/multipart.ts';
import { csvText, parseCsv } from '../../platform/spreadsheet/csv-rows.ts';
import { toSafeCsv } from '../../platform/spreadsheet/formula-injection.ts';
import { rowsToXlsx, xlsxToRows } from '../../platform/spreadsheet/xlsx-rows.ts';
import { bytesOf } from '../../platform/storage/file-store.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { findAgencyById, findRootAgency, listAgencies } from '../agency/index.ts';
import { todayInShanghai } from '../calendar/index.ts';
import { listCategories } from '../catalog/index.ts';
import { findArea, STANDARD_AREAS } from './standard-catalogue.areas.ts';
import { parsePeriod, quarterOf } from './standard-catalogue.rules.ts';
import { bindingsOf, exemptArea, listExemptions, removeExemption, setBindings } from './standard-catalogue.bindings.ts';
import { completenessOf, publicationsByIds } from './standard-catalogue.completeness.ts';
import {
  deleteItem,
  findItem,
  importItems,
  itemCountsByArea,
  listItems,
  loadStarterSet,
  saveItem,
} from './standard-catalogue.items.ts';
import { starterRows } from './standard-catalogue.starter.ts';
import {
  checkItem,
  HEADER,
  ITEM_FIELDS,
  itemText,
  problemText,
  readItemTable,
  type ItemText,
} from './standard-catalogue.transfer.ts';
import { AgencyCataloguePage } from './standard-catalogue.binding-views.tsx';
import { CompletenessDrillPage, CompletenessPage, type DrillRow } from './standard-catalogue.completeness-views.tsx';
import { AreaItemsPage, AreasPage, BASE, ItemFormPage } from './standard-catalogue.views.tsx';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const WIDTHS = [12, 6, 16, 16, 40, 30, 24, 18, 24, 12, 10, 10, 40, 10];

/** The periods offered: this year, last year, and this year's quarters up to the current one. */
export function periodChoices(today: string) {
  const y = Number(today.slice(0, 4));
  const q = Number(quarterOf(today).key.slice(-1));
  const keys = [String(y), ...Array.from({ length: q }, (_, i) => `${y}-Q${q - i}`), String(y - 1)];
  return keys.map((k) => parsePeriod(k)!);
}

export async function standardCatalogueRoutes(app: FastifyInstance): Promise<void> {
  registerMultipart(app);
  const today = () => todayInShanghai(app.deps.clock.now());

  /** Items are the county's: the admin of the top agency manages them. */
  const canManage = async (req: FastifyRequest) => {
    const root = await findRootAgency(app.db);
    return !!root && can(actorOf(req), 'standardCatalogue.manage', { agencyId: root.id });
  };
  const requireManage = async (req: FastifyRequest) => {
    authorize(req.actor, 'standardCatalogue.view');
    if (!(await canManage(req))) throw new AppError('forbidden');
  };
  const bindable = async (req: FastifyRequest) =>
    (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actorOf(req), 'standardCatalogue.bind', { agencyId: a.id }),
    );

  const areasPage = async (req: FastifyRequest, reply: FastifyReply, problems?: string[]) =>
    reply.page(
      <AreasPage
        ctx={await req.pageContext(reply)}
        counts={await itemCountsByArea(app.db)}
        canManage={await canManage(req)}
        bindable={(await bindable(req)).map((a) => ({ id: a.id, name: a.name }))}
        {...(problems ? { problems } : {})}
      />,
      problems ? 422 : 200,
    );

  app.get(BASE, async (req, reply) => {
    authorize(req.actor, 'standardCatalogue.view');
    return areasPage(req, reply);
  });

  app.get('/admin/standard-catalogue/areas/:key', async (req, reply) => {
    authorize(req.actor, 'standardCatalogue.view');
    const area = findArea((req.params as { key: string }).key);
    if (!area) throw new AppError('notFound');
    return reply.page(
      <AreaItemsPage
        ctx={await req.pageContext(reply)}
        area={area}
        items={await listItems(app.db, area.key)}
        canManage={await canManage(req)}
      />,
    );
  });

  // ——— Items: edit, import, export, the starter set ———

  const typedItem = (body: unknown) => Object.fromEntries(ITEM_FIELDS.map((f) => [f, formValue(body, f)])) as ItemText;
  const saveFrom = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    await requireManage(req);
    const typed = typedItem(req.body);
    const checked = checkItem(typed);
    try {
      if (!checked.ok) throw new ValidationError(checked.errors);
      const input = checked.input;
      await inTransaction(app.db, (trx) => saveItem(trx, req.auditContext(), id, input));
      return reply.redirect(`${BASE}/areas/${input.areaKey}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <ItemFormPage ctx={await req.pageContext(reply)} id={id} values={typed} errors={err.fields ?? {}} />,
        422,
      );
    }
  };
  const loadItem = async (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    const item = id ? await findItem(app.db, id) : undefined;
    if (!item) throw new AppError('notFound');
    return item;
  };

  app.get('/admin/standard-catalogue/items/new', async (req, reply) => {
    await requireManage(req);
    const area = findArea(String((req.query as { area?: string }).area ?? ''));
    const values = Object.fromEntries(ITEM_FIELDS.map((f) => [f, ''])) as ItemText;
    values.area = area?.name ?? '';
    values.timeLimit = '信息形成或者变更之日起20个工作日内';
    values.channels = '政府网站';
    values.audience = '全社会';
    values.mode = '主动';
    values.level = '县级、乡级';
    return reply.page(<ItemFormPage ctx={await req.pageContext(reply)} id={null} values={values} />);
  });
  app.post('/admin/standard-catalogue/items', (req, reply) => saveFrom(req, reply, null));
  app.get('/admin/standard-catalogue/items/:id', async (req, reply) => {
    await requireManage(req);
    const item = await loadItem(req);
    return reply.page(<ItemFormPage ctx={await req.pageContext(reply)} id={item.id} values={itemText(item)} />);
  });
  app.post('/admin/standard-catalogue/items/:id', async (req, reply) => {
    await requireManage(req);
    return saveFrom(req, reply, (await loadItem(req)).id);
  });
  app.post('/admin/standard-catalogue/items/:id/delete', async (req, reply) => {
    await requireManage(req);
    // Deleting an item already gone (a second click, another tab) is done, not an error.
    const id = parseId((req.params as { id: string }).id);
    const item = id ? await findItem(app.db, id) : undefined;
    if (item) await inTransaction(app.db, (trx) => deleteItem(trx, req.auditContext(), item.id));
    return reply.redirect(item ? `${BASE}/areas/${item.areaKey}?flash=saved` : `${BASE}?flash=saved`, 303);
  });

  const table = async (template: boolean) => [
    [...HEADER],
    ...(template
      ? starterRows().slice(0, 2)
      : (await listItems(app.db)).map((it) => ITEM_FIELDS.map((f) => itemText(it)[f]))),
  ];
  for (const [name, template] of [
    ['template', true],
    ['export', false],
  ] as const) {
    const file = template ? '标准目录导入模板' : '基层政务公开标准目录';
    app.get(`/admin/standard-catalogue/${name}.csv`, async (req, reply) => {
      authorize(req.actor, 'standardCatalogue.view');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${file}.csv`))
        .send(toSafeCsv(await table(template)));
    });
    app.get(`/admin/standard-catalogue/${name}.xlsx`, async (req, reply) => {
      authorize(req.actor, 'standardCatalogue.view');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${file}.xlsx`))
        .send(await rowsToXlsx(await table(template), '标准目录', WIDTHS));
    });
  }

  const importUpload = uploadRoute({
    requires: 'standardCatalogue.manage',
    authorize: requireManage,
    maxFileBytes: MAX_IMPORT_BYTES,
    maxFiles: 1,
  });
  app.post('/admin/standard-catalogue/import', { config: importUpload }, async (req, reply) => {
    await requireManage(req);
    const files = uploadedFiles(req.body).filter((u) => u.fieldName === 'file');
    const file = files[0];
    try {
      if (!file || !file.size) throw new ValidationError({ file: '请选择要导入的 .xlsx 或 .csv 文件。' });
      refuseTooLarge(files, 'file', MAX_IMPORT_BYTES);
      const content = await bytesOf(file);
      let rows: string[][];
      if (/\.xlsx$/i.test(file.fileName)) rows = await xlsxToRows(content, HEADER.length, 'file');
      else if (/\.csv$/i.test(file.fileName)) {
        try {
          rows = parseCsv(csvText(content));
        } catch (err) {
          throw new ValidationError({ file: (err as Error).message });
        }
      } else throw new ValidationError({ file: '只能导入 .xlsx 或 .csv 文件。' });
      const { inputs, problems } = readItemTable(rows);
      if (problems.length) return areasPage(req, reply, problems.map(problemText));
      await inTransaction(app.db, (trx) => importItems(trx, req.auditContext(), inputs, file.fileName));
      return reply.redirect(`${BASE}?flash=imported`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return areasPage(req, reply, Object.values(err.fields ?? {}).map(String));
    }
  });

  app.post('/admin/standard-catalogue/starter', async (req, reply) => {
    await requireManage(req);
    await inTransaction(app.db, (trx) => loadStarterSet(trx, req.auditContext()));
    return reply.redirect(`${BASE}?flash=imported`, 303);
  });

  // ——— An agency's bindings and 未涉及 areas ———

  const loadAgency = async (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    const agency = id ? await findAgencyById(app.db, id) : undefined;
    if (!agency) throw new AppError('notFound');
    authorize(req.actor, 'standardCatalogue.bind', { agencyId: agency.id });
    return agency;
  };
  const agencyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    agency: { id: number; name: string },
    status = 200,
    errors?: Record<string, string>,
    typed?: { area: string; reason: string },
  ) => {
    const categories = await listCategories(app.db, agency.id, { activeOnly: true });
    return reply.page(
      <AgencyCataloguePage
        ctx={await req.pageContext(reply)}
        agency={agency}
        items={await listItems(app.db)}
        categories={categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth }))}
        bound={(await bindingsOf(app.db, [agency.id])).get(agency.id) ?? new Map()}
        exemptions={await listExemptions(app.db, [agency.id])}
        {...(errors ? { errors } : {})}
        {...(typed ? { typed } : {})}
      />,
      status,
    );
  };

  app.get('/admin/standard-catalogue/agencies/:id', async (req, reply) =>
    agencyPage(req, reply, await loadAgency(req)),
  );

  app.post('/admin/standard-catalogue/agencies/:id/bindings', async (req, reply) => {
    const agency = await loadAgency(req);
    const chosen = new Map<number, number | null>();
    for (const item of await listItems(app.db)) {
      const v = formValue(req.body, `item-${item.id}`).trim();
      chosen.set(item.id, v ? (parseId(v) ?? -1) : null);
    }
    try {
      await inTransaction(app.db, (trx) => setBindings(trx, req.auditContext(), agency.id, chosen));
      return reply.redirect(`${BASE}/agencies/${agency.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return agencyPage(req, reply, agency, 422, err.fields ?? {});
    }
  });

  app.post('/admin/standard-catalogue/agencies/:id/exemptions', async (req, reply) => {
    const agency = await loadAgency(req);
    const typed = { area: formValue(req.body, 'area').trim(), reason: formValue(req.body, 'reason') };
    try {
      await inTransaction(app.db, (trx) => exemptArea(trx, req.auditContext(), agency.id, typed.area, typed.reason));
      return reply.redirect(`${BASE}/agencies/${agency.id}?flash=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return agencyPage(req, reply, agency, 422, err.fields ?? {}, typed);
    }
  });

  app.post('/admin/standard-catalogue/agencies/:id/exemptions/:area/delete', async (req, reply) => {
    const agency = await loadAgency(req);
    const area = findArea((req.params as { area: string }).area);
    if (!area) throw new AppError('notFound');
    await inTransaction(app.db, (trx) => removeExemption(trx, req.auditContext(), agency.id, area.key));
    return reply.redirect(`${BASE}/agencies/${agency.id}?flash=saved`, 303);
  });

  // ——— Completeness: the county table and its drill-down ———

  app.get('/admin/standard-catalogue/completeness', async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'standardCatalogue.view');
    const q = (req.query ?? {}) as { period?: string; agency?: string; area?: string };
    const now = today();
    const period = parsePeriod(q.period ?? '') ?? parsePeriod(now.slice(0, 4))!;
    const agencyId = parseId(q.agency ?? '');
    if (agencyId) {
      authorize(actor, 'standardCatalogue.view', { agencyId });
      const [c] = await completenessOf(app.db, [agencyId], period, now);
      const agency = await findAgencyById(app.db, agencyId);
      if (!agency) throw new AppError('notFound');
      const area = q.area ? findArea(q.area) : undefined;
      const results = (c?.results ?? []).filter((r) => !area || r.areaKey === area.key);
      const items = new Map((await listItems(app.db)).map((i) => [i.id, i]));
      const pubs = new Map(
        (await publicationsByIds(app.db, [...new Set(results.flatMap((r) => r.publicationIds))])).map((x) => [x.id, x]),
      );
      const rows: DrillRow[] = results.map((r) => ({
        item: items.get(r.itemId)!,
        status: r.status,
        dueOn: r.dueOn,
        unbound: r.unbound,
        publications: r.publicationIds.map((id) => pubs.get(id)!).filter(Boolean),
      }));
      return reply.page(
        <CompletenessDrillPage
          ctx={await req.pageContext(reply)}
          agencyName={agency.name}
          agencyId={agency.id}
          periodKey={period.key}
          periodLabel={period.label}
          areaName={area?.name ?? ''}
          rows={rows}
          canBind={can(actor, 'standardCatalogue.bind', { agencyId: agency.id })}
        />,
      );
    }
    const all = await completenessOf(app.db, [...actor.scopeAgencyIds], period, now);
    const used = new Set(all.flatMap((r) => [...r.byArea.keys(), ...r.exempt]));
    return reply.page(
      <CompletenessPage
        ctx={await req.pageContext(reply)}
        periodKey={period.key}
        periodLabel={period.label}
        periods={periodChoices(now)}
        rows={all}
        areas={STANDARD_AREAS.filter((a) => used.has(a.key))}
      />,
    );
  });
}
