// The real server (`src/server.ts`, as `npm start` runs it) and the worker (`npx gongkai worker`) as
// child processes on a data directory of either engine, for tests about processes: several writers
// at once, kill -9 and restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `node` arguments that run a source entry (`src/server.ts`): from the tree `npm test` compiled
 * for its run when it says where (GK_TEST_JS_DIR, scripts/compile-tests.mjs), else through tsx.
 */
export function entryArgs(entry: string): string[] {
  const compiled = process.env.GK_TEST_JS_DIR;
  return compiled ? [join(compiled, `${entry}.js`)] : ['--import', 'tsx', entry];
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Everything the server printed (its log lines), for failure messages. */
  output(): string;
  /** SIGKILL, as a crash or `kill -9`; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The environment of the server and CLI children: the engine, the data directory, no demo seeding. */
export function processEnv(dataDir: string, databaseUrl: string | undefined, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEED_DEMO: '0',
    GONGKAI_SECRET: 'process-test-secret'.padEnd(40, 'x'),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.NODE_TEST_CONTEXT;
  delete env.SMTP_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Starts src/server.ts on `port` (a free one when not given) and waits for /healthz. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 120_000, port?: number): Promise<ServerProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, entryArgs('src/server.ts'), {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exitCode: number | null | undefined;
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  // Ready when /healthz answers (the log is kept at warnings, so there is no "ready" line to read).
  for (const started = Date.now(); ; await sleep(100)) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before it was ready:\n${out}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in ${timeoutMs} ms:\n${out}`);
    }
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
  }
  return {
    base,
    child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface WorkerProcess {
  /** Everything the worker printed. */
  output(): string;
  /** SIGTERM (graceful shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `npx gongkai worker` (bin/gongkai.mjs) with this environment. With `readyWithinMs`, resolves once
 * it says its jobs started (killed, and an error, when it exits or takes longer); without, at once.
 */
export async function startWorker(env: NodeJS.ProcessEnv, readyWithinMs?: number): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['bin/gongkai.mjs', 'worker'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (readyWithinMs !== undefined) {
    for (const t = Date.now(); !out.includes('后台任务已启动'); await sleep(100)) {
      if (child.exitCode !== null || Date.now() - t > readyWithinMs) {
        child.kill('SIGKILL');
        throw new Error(`worker did not start:\n${out}`);
      }
    }
  }
  return {
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
