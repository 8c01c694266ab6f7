// The real server (src/server.ts) for a benchmark, in its own process so that the load generator
// never shares its event loop: started with the given environment, ready once /healthz answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  /** SIGTERM, then wait for the process to end. */
  stop(): Promise<void>;
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
