// The real server (src/server.ts) for a benchmark, in its own process so that the load generator
// never shares its event loop: started with the given environment, ready once /healthz answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  /** SIGTERM, then wait for the process to end. */
  stop(): Promise<void>;
}

/**
 * The environment of a benchmarked server: production mode on loopback at `port`, its data in
 * `dataDir`, no jobs, warnings only, the real clock; `extra` adds or overrides variables.
 */
export function benchServerEnv(
  port: number,
  dataDir: string,
  name: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: '0',
    RUN_JOBS: '0',
    LOG_LEVEL: 'warn',
    GONGKAI_SECRET: `bench-${name}-secret`.padEnd(40, 'x'),
    ...extra,
  };
  delete env.GONGKAI_TEST_NOW;
  return env;
}

export async function startBenchServer(env: NodeJS.ProcessEnv, port: number): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (const t = Date.now(); ; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() - t > 180_000) throw new Error('server did not start in 180 s');
    const up = await fetch(`${base}/healthz`).then(
      (x) => x.ok,
      () => false,
    );
    if (up) break;
  }
  return {
    base,
    child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
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

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
export function serverCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
