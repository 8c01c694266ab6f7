// The working-day calendar on the web: the public JSON endpoint and calculator page, and the
// admin screen where next year's State Council arrangement is imported.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { formValue } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { listCalendarDays, listCalendarYears, parseCalendarImport } from './calendar.service.ts';
import { CalendarAdminPage, DeadlineCalculatorPage } from './calendar.views.tsx';
import { importCalendarYearAndRecompute, type ProvisionalDateOwner } from './provisional-recompute.ts';
import {
  addWorkingDaysProvisional,
  calendarYearToImport,
  FIRST_PROVISIONAL_YEAR,
  PROVISIONAL_ASSUMPTIONS,
  provisionalReason,
} from './provisional.ts';
import { addWorkingDays, CalendarYearNotConfirmedError, isValidIsoDate, todayInShanghai } from './working-days.ts';

function parseDays(value: string): number | null {
  return /^\d{1,3}$/.test(value) && Number(value) <= 366 ? Number(value) : null;
}

export async function calendarPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: '从某日起加若干个法定工作日（扣除节假日、计入调休上班日）',
        description:
          '默认只按已确认（已导入国务院办公厅节假日安排）的年份计算，期限落入未确认的年份时返回 422。' +
          '加 provisional=1 时，未确认的年份按周末和《全国年节及纪念日放假办法》（2024年修订）规定的法定节假日暂算，' +
          '返回 "provisional": true 并列出所作假设（assumptions）。',
        querystring: {
          type: 'object',
          required: ['from', 'days'],
          properties: {
            from: { type: 'string', maxLength: 10 },
            days: { type: 'string', maxLength: 4 },
            provisional: { type: 'string', enum: ['0', '1'], description: '1 = 未确认的年份暂算' },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { from: string; days: string; provisional?: '0' | '1' };
      const days = parseDays(q.days);
      if (!isValidIsoDate(q.from)) throw new AppError('badRequest', 'from 应为 YYYY-MM-DD 格式的有效日期。');
      if (days === null) throw new AppError('badRequest', 'days 应为 0 到 366 之间的整数。');
      const cal = await app.deps.calendar.get();
      if (q.provisional === '1') {
        const r = addWorkingDaysProvisional(cal, q.from, days);
        return reply.send({
          from: r.from,
          days: r.days,
          date: r.date,
          provisional: r.provisional,
          provisionalYears: r.provisionalYears,
          ...(r.provisional
            ? { reason: provisionalReason(r.provisionalYears), assumptions: PROVISIONAL_ASSUMPTIONS }
            : { assumptions: [] }),
          skipped: r.skipped,
          adjustedWorkdays: r.adjustedWorkdays,
        });
      }
      const r = addWorkingDays(cal, q.from, days);
      return reply.send({
        from: r.from,
        days: r.days,
        date: r.date,
        skipped: r.skipped,
        adjustedWorkdays: r.adjustedWorkdays,
      });
    },
  );

  app.get('/tools/deadline', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const from = typeof q.from === 'string' ? q.from.trim() : '';
    const daysText = typeof q.days === 'string' ? q.days.trim() : '20';
    const provisional = q.provisional === '1';
    const ctx = await req.pageContext(reply);
    const page = (extra: Partial<Parameters<typeof DeadlineCalculatorPage>[0]>, status = 200) =>
      reply.page(
        <DeadlineCalculatorPage ctx={ctx} from={from} days={daysText} provisional={provisional} {...extra} />,
        status,
      );
    if (!from) return page({});
    const errors: Record<string, string> = {};
    if (!isValidIsoDate(from)) errors.from = '请输入有效的日期，格式为 年-月-日，如 2025-01-20。';
    const days = parseDays(daysText);
    if (days === null) errors.days = '工作日天数应为 0 到 366 之间的整数。';
    if (Object.keys(errors).length || days === null) return page({ errors }, 400);
    const cal = await app.deps.calendar.get();
    if (provisional) return page({ result: addWorkingDaysProvisional(cal, from, days) });
    try {
      return page({ result: addWorkingDays(cal, from, days) });
    } catch (err) {
      if (!(err instanceof CalendarYearNotConfirmedError)) throw err;
      return page({ error: err.message, offerProvisional: err.year >= FIRST_PROVISIONAL_YEAR }, err.status);
    }
  });
}

/**
 * The admin screen. `owners` are the modules whose stored provisional dates an import recomputes
 * (modules/provisional-dates.ts, handed in by the composition root).
 */
export async function calendarAdminRoutes(
  app: FastifyInstance,
  opts: { owners: readonly ProvisionalDateOwner[] },
): Promise<void> {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      importText?: string;
      errors?: Record<string, string>;
      message?: string;
      year?: number | null;
      recomputed?: number | null;
    } = {},
    status = 200,
  ) => {
    const years = await listCalendarYears(app.db);
    const selectedYear = extra.year ?? null;
    const days = selectedYear ? await listCalendarDays(app.db, selectedYear) : [];
    const today = todayInShanghai(app.deps.clock.now());
    return reply.page(
      <CalendarAdminPage
        ctx={await req.pageContext(reply)}
        years={years}
        selectedYear={selectedYear}
        days={days}
        importText={extra.importText ?? ''}
        errors={extra.errors}
        message={extra.message}
        yearToImport={calendarYearToImport(await app.deps.calendar.get(), today)}
        recomputed={extra.recomputed ?? null}
      />,
      status,
    );
  };

  app.get('/admin/calendar', async (req, reply) => {
    authorize(actorOf(req), 'calendar.manage');
    const q = req.query as Record<string, string>;
    const y = Number(q.year);
    const recomputed = /^\d{1,7}$/.test(q.recomputed ?? '') ? Number(q.recomputed) : null;
    return render(req, reply, { year: Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null, recomputed });
  });

  app.post('/admin/calendar/import', async (req, reply) => {
    authorize(actorOf(req), 'calendar.manage');
    const text = formValue(req.body, 'json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return render(
        req,
        reply,
        { importText: text, errors: { json: '内容不是有效的 JSON，请检查括号、引号和逗号。' } },
        422,
      );
    }
    try {
      const data = parseCalendarImport(parsed);
      // One transaction: the year and every provisional date recomputed on it (with their events).
      const r = await inTransaction(app.db, (trx) =>
        importCalendarYearAndRecompute(trx, req.auditContext(), data, opts.owners),
      );
      app.deps.calendar.invalidate();
      return reply.redirect(`/admin/calendar?year=${data.year}&flash=imported&recomputed=${r.changes.length}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return render(req, reply, { importText: text, errors: err.fields, message: err.message }, 422);
    }
  });
}
