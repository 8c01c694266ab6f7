// One error handler, the one mapping to HTTP: AppErrors (every domain error is one, with its code
// in the catalogue) keep their code, status and Chinese message; framework errors are mapped onto
// the catalogue; anything else is logged and shown as a 500 without details.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { ErrorPage } from '../views/layout.tsx';
import { InputProblemPage } from '../views/input-problem-page.tsx';
import { inputProblems, type InputProblems } from './input-problems.ts';
import { carriedFiles } from './multipart.ts';

const TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '无权访问',
  404: '页面不存在',
  409: '记录冲突',
  413: '内容过大',
  415: '格式不支持',
  422: '无法处理',
  429: '操作过于频繁',
  500: '系统错误',
  503: '服务暂不可用',
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as Partial<FastifyError>;
  if (typeof e.code === 'string' && e.code.startsWith('FST_CSRF')) return new AppError('csrfInvalid');
  if (e.validation) return new AppError('badRequest', '请求参数不正确，请检查后重试。');
  switch (e.statusCode) {
    case 413:
      return new AppError('payloadTooLarge');
    case 415:
      return new AppError('unsupportedMediaType');
    case 429:
      return new AppError('rateLimited');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('badRequest');
  // SQLite's write lock held by another connection past the wait (db/write-turn.ts, busy_timeout).
  if (e.code === 'SQLITE_BUSY') return new AppError('databaseBusy');
  return new AppError('internal');
}

async function sendError(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, appErr: AppError) {
  if (req.url.startsWith('/api/')) {
    return reply.code(appErr.status).send({
      error: { code: appErr.code, message: appErr.message, ...(appErr.fields ? { fields: appErr.fields } : {}) },
    });
  }
  if (appErr.code === 'loginRequired' && req.method === 'GET') {
    return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`);
  }
  try {
    const ctx = await req.pageContext(reply);
    return reply.page(
      <ErrorPage
        ctx={ctx}
        status={appErr.status}
        title={TITLES[appErr.status] ?? '出错了'}
        message={appErr.message}
        admin={req.url.startsWith('/admin')}
      />,
      appErr.status,
    );
  } catch (renderErr) {
    app.log.error({ err: renderErr }, 'error page failed to render');
    return reply.code(appErr.status).type('text/plain; charset=utf-8').send(appErr.message);
  }
}

/** A request that failed its route's schema (schema.ts): 404 for a path, 400 for a query, a form given back. */
async function sendInputProblems(req: FastifyRequest, reply: FastifyReply, problems: InputProblems) {
  if (problems.part === 'params') return null;
  const isForm = problems.part === 'body' && !req.url.startsWith('/api/') && req.body && typeof req.body === 'object';
  if (!isForm) return null;
  const admin = req.url.startsWith('/admin');
  const ctx = await req.pageContext(reply);
  const schema = req.routeOptions.schema?.body as { properties?: Record<string, { title?: string }> } | undefined;
  const labels: Record<string, string> = {};
  for (const k of Object.keys(problems.fields)) labels[k] = schema?.properties?.[k]?.title ?? k.slice(0, 40);
  return reply.page(
    <InputProblemPage
      ctx={ctx}
      admin={admin}
      action={req.url}
      fields={req.body as Record<string, unknown>}
      errors={problems.fields}
      labels={labels}
      hadFiles={carriedFiles(req)}
    />,
    422,
  );
}

/** A form that could not be saved (the database busy): its typed text given back to post again, 503. */
async function sendTypedBack(req: FastifyRequest, reply: FastifyReply, appErr: AppError) {
  if (req.method !== 'POST' || req.url.startsWith('/api/') || !req.body || typeof req.body !== 'object') return null;
  const ctx = await req.pageContext(reply);
  return reply.page(
    <InputProblemPage
      ctx={ctx}
      admin={req.url.startsWith('/admin')}
      action={req.url}
      fields={req.body as Record<string, unknown>}
      errors={{}}
      labels={{}}
      hadFiles={carriedFiles(req)}
      title="暂时无法保存"
      message={appErr.message}
    />,
    appErr.status,
  );
}

function inputError(problems: InputProblems): AppError {
  if (problems.part === 'params') return new AppError('notFound');
  return new AppError('badRequest', problems.message, problems.fields);
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (err, req, reply) => {
    const problems = inputProblems(err, req);
    if (problems) {
      const sent = await sendInputProblems(req, reply, problems);
      if (sent) return sent;
      return sendError(app, req, reply, inputError(problems));
    }
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err }, 'unhandled error');
    if (appErr.code === 'databaseBusy') {
      const sent = await sendTypedBack(req, reply, appErr);
      if (sent) return sent;
    }
    return sendError(app, req, reply, appErr);
  });
  app.setNotFoundHandler(async (req, reply) => sendError(app, req, reply, new AppError('notFound')));
}
