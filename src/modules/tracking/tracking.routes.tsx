// One 进度查询 (issue #14 point 5): /track is the one page and form for applications, letters /
// inquiries / complaints / objections and service-hall cases. The number's shape picks the module
// (platform/tracking.ts); the match sets that module's short-lived signed cookie and redirects
// to its case page, so the query code is never in a URL. The old lookup addresses answer here:
// their GETs redirect to /track (number kept), their POSTs are handled by the same code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formValue } from '../../platform/forms.ts';
import { publicFormRateLimit } from '../../platform/http/public-submission.ts';
import type { Tracker } from '../../platform/tracking.ts';
import { TrackingPage } from './tracking.views.tsx';

const OLD_LOOKUPS = ['/apply/track', '/service-hall/track'];

/** The number typed (the old forms' field names too), as stored: trimmed, upper case. */
function typed(body: unknown): { number: string; code: string } {
  const number = formValue(body, 'number') || formValue(body, 'receiptNumber') || formValue(body, 'caseNumber');
  const code = formValue(body, 'code') || formValue(body, 'queryCode');
  return { number: number.trim().toUpperCase().slice(0, 64), code: code.trim().toUpperCase().slice(0, 20) };
}

export function trackingRoutes(trackers: readonly Tracker[]) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const limited = publicFormRateLimit(app);

    const page = async (
      req: FastifyRequest,
      reply: FastifyReply,
      number: string,
      errors?: Record<string, string>,
      status = 200,
    ) =>
      reply.page(
        <TrackingPage ctx={await req.pageContext(reply)} number={number} errors={errors} trackers={trackers} />,
        status,
      );

    app.get('/track', async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const number = typeof q.number === 'string' ? q.number.slice(0, 64) : '';
      return page(req, reply, number);
    });

    const lookup = async (req: FastifyRequest, reply: FastifyReply) => {
      const { number, code } = typed(req.body);
      const errors: Record<string, string> = {};
      if (!number) errors.number = '请填写编号。';
      if (!code) errors.code = '请填写查询码。';
      if (Object.keys(errors).length) return page(req, reply, number, errors, 422);
      const tracker = trackers.find((t) => t.matches(number));
      const location = tracker ? await tracker.open(app, req, reply, number, code) : null;
      if (!location)
        return page(req, reply, number, { number: '编号或查询码不正确，请核对回执上的编号和查询码后重新输入。' }, 422);
      reply.header('cache-control', 'no-store');
      return reply.redirect(location, 303);
    };

    app.post('/track', limited, lookup);
    for (const old of OLD_LOOKUPS) {
      app.get(old, async (req, reply) => {
        const q = (req.query ?? {}) as Record<string, unknown>;
        const n = [q.number, q.caseNumber].find((v): v is string => typeof v === 'string' && v !== '');
        return reply.redirect(n ? `/track?number=${encodeURIComponent(n.slice(0, 64))}` : '/track', 301);
      });
      app.post(old, limited, lookup);
    }
  };
}
