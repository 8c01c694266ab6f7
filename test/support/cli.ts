// Runs `node bin/gongkai.mjs …` as a child process against an embedded DATA_DIR, the way an
// operator would, and collects its exit code and output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...extraEnv };
  // The embedded engine only: never inherit a PostgreSQL URL or mail server from the shell.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.GONGKAI_SECRET;
  return spawnCli(args, env);
}

/** Runs the CLI with exactly this environment (minus the test runner's own marker). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const childEnv = { ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gongkai.mjs', ...args], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
