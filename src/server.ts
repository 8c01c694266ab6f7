// The only place that listens. `npm start` → migrate, seed on first run, serve, shut down
// gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { prepare } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { startJobs } from './jobs/runner.ts';
import { demoAccountsNotice } from './modules/demo/index.ts';

const config = loadConfig();
const started = Date.now();
const { deps, demoAccounts } = await prepare(config);
const app = await buildApp(deps, { logger: true, trustProxy: process.env.TRUST_PROXY === '1' });
const jobs = config.runJobs ? startJobs(deps, app.log) : undefined;
await app.listen({ host: config.host, port: config.port });

if (demoAccounts?.length)
  console.log(demoAccountsNotice(demoAccounts, `http://${config.host}:${config.port}/admin/login`));
app.log.info(
  `Gongkai ready on http://${config.host}:${config.port} (${deps.database.engine} database, ${Date.now() - started} ms)`,
);

let draining = false;
app.server.on('request', (_req, res) => {
  if (draining) res.shouldKeepAlive = false;
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000 + config.shutdownDrainSeconds * 1000);
  force.unref();
  // The job under way stops at its next step (the search backlog's build after its chunk).
  const jobsStopped = jobs?.stop();
  if (signal === 'SIGTERM' && config.shutdownDrainSeconds > 0) {
    // Drain (config.ts, shutdownDrainSeconds): keep serving, each answer closes its connection.
    draining = true;
    await new Promise((r) => setTimeout(r, config.shutdownDrainSeconds * 1000));
  }
  await app.close();
  // At most 5 s (of the 10 s before the forced exit): a job stuck on the network is not waited for.
  if (jobsStopped) await Promise.race([jobsStopped, new Promise((r) => setTimeout(r, 5000).unref())]);
  await deps.database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
