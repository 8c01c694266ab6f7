// Staff routes of 更正个人政府信息记录 (条例 第四十一条): the list (the 工作台's queues behind
// ?view=), counter / post intake, the case page, confirm receipt, extend, decide, the evidence files
// and the letters (print, DOCX). Every route loads the request and authorises against its agency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue, parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { createOnce, onceToken } from '../../platform/http/public-submission.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listAgencies } from '../agency/index.ts';
import { isValidIsoDate, todayInShanghai, workingDaysAhead } from '../calendar/index.ts';
import { LetterDocument, letterDocx, type LetterData } from '../info-request/index.ts';
import type { IntakeChannel } from '../info-request/rules/index.ts';
import {
  ADMIN_BASE,
  AmendmentIntakeDonePage,
  AmendmentIntakePage,
  AmendmentListPage,
  clockTone,
  type IntakeValues,
} from './record-amendment.admin-views.tsx';
import { AmendmentCasePage, type SentForm } from './record-amendment.case-views.tsx';
import { readAmendmentForm } from './record-amendment.public-routes.tsx';
import { AMENDMENT_QUEUE_VIEWS, amendmentQueueCondition, type AmendmentQueueView } from './record-amendment.queues.ts';
import {
  findAmendment,
  findAmendmentForStep,
  findAmendmentLetter,
  listAmendmentFiles,
  listAmendmentLetters,
  listAmendments,
  type AmendmentRow,
} from './record-amendment.repository.ts';
import { amendmentLetterCase } from './record-amendment.letters.ts';
import { confirmAmendment, decideAmendment, extendAmendment, registerAmendment } from './record-amendment.service.ts';
import { amendmentMachine } from './record-amendment.states.ts';

const INTAKE_FIELDS = [
  'agencyId',
  'channel',
  'handedInOn',
  'signedForOn',
  'arrivedOn',
  'confirmedOn',
  'staffNote',
] as const;
const CHANNELS = ['inPerson', 'signedPost', 'ordinaryPost', 'fax'];

export async function recordAmendmentAdminRoutes(app: FastifyInstance): Promise<void> {
  const today = () => todayInShanghai(app.deps.clock.now());
  const soonLimit = async () => workingDaysAhead(await app.deps.calendar.get(), today(), 5);

  const load = async (req: FastifyRequest): Promise<AmendmentRow> => {
    const id = parseId((req.params as { id: string }).id);
    const row = id ? await findAmendment(app.db, id) : undefined;
    if (!row) throw new AppError('notFound');
    authorize(actorOf(req), 'infoRequest.view', { agencyId: row.agencyId });
    return row;
  };
  const intakeAgencies = async (req: FastifyRequest) =>
    (await listAgencies(app.db, { activeOnly: true })).filter((a) =>
      can(actorOf(req), 'infoRequest.intake', { agencyId: a.id }),
    );

  const casePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    row: AmendmentRow,
    status = 200,
    extra: { sent?: SentForm; refusal?: string } = {},
  ) => {
    const actor = actorOf(req);
    const agency = await app.db.selectFrom('agencies').select('name').where('id', '=', row.agencyId).executeTakeFirst();
    const allowed = (step: 'confirmReceipt' | 'extend' | 'decide') =>
      amendmentMachine.can(row.state, step) && amendmentMachine.allowed(actor, step, row.agencyId);
    const flash = (req.query as { flash?: string }).flash === 'saved' ? '已保存。' : null;
    return reply.page(
      <AmendmentCasePage
        ctx={await req.pageContext(reply)}
        row={row}
        agencyName={agency?.name ?? ''}
        files={await listAmendmentFiles(app.db, row.id)}
        letters={await listAmendmentLetters(app.db, row.id)}
        today={today()}
        tone={clockTone(row, today(), await soonLimit())}
        can={{
          confirm: allowed('confirmReceipt'),
          extend: allowed('extend') && row.extensionDays === 0,
          decide: allowed('decide'),
        }}
        flash={flash}
        {...extra}
      />,
      status,
    );
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.view');
    const q = (req.query ?? {}) as { view?: string; agency?: string };
    const agency = parseId(q.agency ?? '');
    const scope = [...actor.scopeAgencyIds].filter(
      (id) => (!agency || id === agency) && can(actor, 'infoRequest.view', { agencyId: id }),
    );
    const view = AMENDMENT_QUEUE_VIEWS.includes(q.view as AmendmentQueueView) ? (q.view as AmendmentQueueView) : '';
    const dates = { today: today(), soonLimit: await soonLimit() };
    const rows = await listAmendments(app.db, scope, view ? amendmentQueueCondition(view, dates) : undefined);
    const names = new Map((await listAgencies(app.db)).map((a) => [a.id, a.name]));
    return reply.page(
      <AmendmentListPage
        ctx={await req.pageContext(reply)}
        rows={rows.map((row) => ({
          row,
          agencyName: names.get(row.agencyId) ?? '',
          tone: clockTone(row, dates.today, dates.soonLimit),
        }))}
        view={view}
        canRegister={(await intakeAgencies(req)).length > 0}
      />,
    );
  });

  const intakeValues = (body: unknown): IntakeValues => ({
    ...readAmendmentForm(body),
    ...(Object.fromEntries(INTAKE_FIELDS.map((k) => [k, formValue(body, k).trim()])) as Record<
      (typeof INTAKE_FIELDS)[number],
      string
    >),
  });

  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    authorize(actorOf(req), 'infoRequest.intake');
    const agencies = await intakeAgencies(req);
    return reply.page(
      <AmendmentIntakePage
        ctx={await req.pageContext(reply)}
        agencies={agencies}
        values={{ ...intakeValues({}), agencyId: agencies.length === 1 ? String(agencies[0]?.id) : '' }}
        once={onceToken(req)}
      />,
    );
  });

  app.post(ADMIN_BASE, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'infoRequest.intake');
    const values = intakeValues(req.body);
    const agencyId = parseId(values.agencyId);
    const agency = agencyId
      ? (await listAgencies(app.db, { activeOnly: true })).find((a) => a.id === agencyId)
      : undefined;
    if (agency) authorize(actor, 'infoRequest.intake', { agencyId: agency.id });
    try {
      const errors: Record<string, string> = {};
      if (!agency) errors.agencyId = '请选择受理机关。';
      if (!CHANNELS.includes(values.channel)) errors.channel = '请选择提交渠道。';
      for (const k of ['handedInOn', 'signedForOn', 'arrivedOn', 'confirmedOn'] as const)
        if (values[k] && !isValidIsoDate(values[k])) errors[k] = '日期无效，应为 YYYY-MM-DD 格式。';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const dates = Object.fromEntries(
        (['handedInOn', 'signedForOn', 'arrivedOn', 'confirmedOn'] as const)
          .filter((k) => values[k])
          .map((k) => [k, values[k]]),
      );
      const cal = await app.deps.calendar.get();
      // A refresh of the page with the query code registers nothing (registerOnce).
      return await createOnce(
        app,
        req,
        reply,
        'recordAmendment.intake',
        async (trx) => {
          const d = await registerAmendment(
            trx,
            req.auditContext(),
            cal,
            app.deps.config.dataDir,
            agency as { id: number; slug: string },
            readAmendmentForm(req.body),
            values.channel as IntakeChannel,
            dates,
            values.staffNote.slice(0, 2000),
          );
          return { location: `${ADMIN_BASE}/${d.id}?flash=alreadyRegistered`, value: d };
        },
        async ({ value }) => {
          reply.header('cache-control', 'no-store');
          return reply.page(<AmendmentIntakeDonePage ctx={await req.pageContext(reply)} {...value} />, 201);
        },
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(
        <AmendmentIntakePage
          ctx={await req.pageContext(reply)}
          agencies={await intakeAgencies(req)}
          values={values}
          errors={err.fields}
          once={onceToken(req)}
        />,
        422,
      );
    }
  });

  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => casePage(req, reply, await load(req)));

  /** A step's POST: authorise its action on the request's agency, take it, or show its form again. */
  const step = (
    form: SentForm['form'],
    action: Action,
    fields: readonly string[],
    run: (row: AmendmentRow, values: Record<string, string>, req: FastifyRequest) => Promise<void>,
  ) =>
    async function (req: FastifyRequest, reply: FastifyReply) {
      const row = await load(req);
      authorize(actorOf(req), action, { agencyId: row.agencyId });
      const values = Object.fromEntries(fields.map((k) => [k, formValue(req.body, k).trim()]));
      try {
        await run(row, values, req);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fresh = (await findAmendment(app.db, row.id)) ?? row;
        return err instanceof ValidationError
          ? casePage(req, reply, fresh, err.status, { sent: { form, errors: err.fields ?? {}, values } })
          : casePage(req, reply, fresh, err.status, { refusal: err.message });
      }
      return reply.redirect(`${ADMIN_BASE}/${row.id}?flash=saved`, 303);
    };

  app.post(
    `${ADMIN_BASE}/:id/confirm`,
    step('confirm', 'infoRequest.intake', ['confirmedOn'], async (row, v, req) => {
      if (!isValidIsoDate(v.confirmedOn ?? '')) throw new ValidationError({ confirmedOn: '请填写有效的确认日期。' });
      const cal = await app.deps.calendar.get();
      await inTransaction(app.db, async (trx) =>
        confirmAmendment(
          trx,
          req.auditContext(),
          cal,
          await findAmendmentForStep(trx, row.id),
          v.confirmedOn as string,
          actorOf(req),
        ),
      );
    }),
  );

  app.post(
    `${ADMIN_BASE}/:id/extend`,
    step(
      'extend',
      'infoRequest.extend',
      ['workingDays', 'approvedBy', 'approvedOn', 'applicantNotifiedOn'],
      async (row, v, req) => {
        amendmentMachine.plan(actorOf(req), row, 'extend');
        const cal = await app.deps.calendar.get();
        const days = /^\d{1,2}$/.test(v.workingDays ?? '') ? Number(v.workingDays) : NaN;
        await inTransaction(app.db, async (trx) => {
          const now = await findAmendmentForStep(trx, row.id);
          return extendAmendment(
            trx,
            req.auditContext(),
            cal,
            now,
            {
              workingDays: days,
              approvedBy: v.approvedBy ?? '',
              approvedOn: v.approvedOn ?? '',
              applicantNotifiedOn: v.applicantNotifiedOn ?? '',
            },
            await amendmentLetterCase(trx, now),
            actorOf(req),
          );
        });
      },
    ),
  );

  app.post(
    `${ADMIN_BASE}/:id/decide`,
    step(
      'decide',
      'infoRequest.reply',
      ['decision', 'amendedRecord', 'competentAgency', 'refusalGround', 'decisionText'],
      async (row, v, req) => {
        amendmentMachine.plan(actorOf(req), row, 'decide');
        await inTransaction(app.db, async (trx) => {
          const now = await findAmendmentForStep(trx, row.id);
          return decideAmendment(
            trx,
            req.auditContext(),
            now,
            {
              decision: v.decision ?? '',
              amendedRecord: v.amendedRecord ?? '',
              competentAgency: v.competentAgency ?? '',
              refusalGround: v.refusalGround ?? '',
              decisionText: v.decisionText ?? '',
            },
            await amendmentLetterCase(trx, now),
            actorOf(req),
          );
        });
      },
    ),
  );

  app.get(`${ADMIN_BASE}/:id/files/:fileId`, async (req, reply) => {
    const row = await load(req);
    const fileId = parseId((req.params as { fileId: string }).fileId);
    const f = (await listAmendmentFiles(app.db, row.id)).find((x) => x.id === fileId);
    const content = f ? await fileStore(app.deps.config.dataDir).get(f.sha256) : null;
    if (!f || !content) throw new AppError('notFound');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', contentDisposition(f.fileName, 'attachment', `evidence-${f.id}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(content);
  });

  const staffLetter = async (req: FastifyRequest) => {
    const row = await load(req);
    const letter = await findAmendmentLetter(
      app.db,
      row.id,
      parseId((req.params as { letterId: string }).letterId) ?? 0,
    );
    if (!letter) throw new AppError('notFound');
    return { row, letter, data: JSON.parse(letter.dataJson) as LetterData };
  };

  app.get(`${ADMIN_BASE}/:id/letters/:letterId`, async (req, reply) => {
    const { data } = await staffLetter(req);
    return reply.page(<LetterDocument letter={data} />);
  });

  app.get(`${ADMIN_BASE}/:id/letters/:letterId/docx`, async (req, reply) => {
    const { row, letter, data } = await staffLetter(req);
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header(
        'content-disposition',
        contentDisposition(`${row.number}-${letter.title}.docx`, 'attachment', `${row.number}-${letter.id}.docx`),
      )
      .send(await letterDocx(data));
  });
}
