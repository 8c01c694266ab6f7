// Builds the Fastify application. Plugins are registered in a fixed order (STYLE: Fastify
// demo): infrastructure → request context and errors → modules. Only server.ts listens.
import { setUpFileStore } from './platform/storage/database-file-store.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerSecurity } from './platform/http/security.ts';
import { registerRequestContext } from './platform/http/context.ts';
import { registerPublicCache } from './platform/http/public-cache.ts';
import { listenForChanges } from './db/change-listener.ts';
import { registerErrorHandlers } from './platform/http/error-handler.tsx';
import { lazyValidators, registerInputSchemas } from './platform/http/schema.ts';
import { basicRoutes } from './platform/http/basics.ts';
import { clientErrorHandler } from './platform/http/client-error.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { enableSearchSync } from './modules/search/index.ts';
import { resolveSession } from './modules/account/index.ts';
import { findRootAgency } from './modules/agency/index.ts';
import type { AppDeps } from './platform/http/types.ts';
import { MODULE_ROUTES } from './modules/routes.ts';

export interface BuildOptions {
  logger?: boolean;
  trustProxy?: boolean;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  setUpFileStore(deps.config, deps.database);
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel } : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1_048_576,
    // Fastify's default (10 s for a plugin or an onReady hook) failed a test's app.ready() at load
    // 33 on 2 cores; a start on a busy machine is slow, not hung.
    pluginTimeout: 120_000,
    // A request that reaches this process after its close began (a connection nginx opened just
    // before the listening socket closed) is answered as usual, not with Fastify's 503: nginx never
    // retries a POST it has sent, so a 503 there reached a citizen in a rolling restart (the
    // multiprocess test, once in a CI run). The close still waits for it; the database closes after.
    return503OnClosing: false,
    // A request Node's parser refuses gets a Chinese answer (platform/http/client-error.ts).
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A form field the route does not name may be text or a list of texts (schema.ts).
    ajv: { customOptions: { allowUnionTypes: true } },
    // Each route's validator compiled on its first request (schema.ts lazyValidators).
    schemaController: { compilersFactory: { buildValidator: lazyValidators() } },
  });
  await registerSecurity(app, deps.config, deps.database);
  // Changes committed by other processes (#16 point 4) move this process's data version, on which
  // the public page cache and the memo of public reads (db/version-memo.ts) depend: PostgreSQL's
  // NOTIFY, heard here (the embedded engine's data_version is checked on each lookup).
  if (deps.database.engine === 'postgres' && deps.config.databaseUrl) {
    const listener = await listenForChanges(deps.config.databaseUrl, deps.database.version, app.log);
    app.addHook('onClose', async () => listener.close());
  }
  // Before the request context: a cached page is sent without a session lookup.
  await registerPublicCache(app, deps);
  // platform/ imports no module: the session lookup and the top agency are handed to it here.
  registerRequestContext(app, deps, { resolveSession, findRootAgency });
  registerErrorHandlers(app);
  // Before any route: every route gets its typed input schema.
  registerInputSchemas(app);
  await app.register(basicRoutes);
  // Before the modules, so that it sees their routes' schemas.
  await registerOpenApi(app);
  enableSearchSync();
  for (const routes of MODULE_ROUTES) await app.register(routes);
  return app;
}
