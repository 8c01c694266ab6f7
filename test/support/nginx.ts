// Debian's nginx with the shipped site (deploy/nginx-gongkai.conf) for tests of the deployment
// (test/deploy): the site file is read as shipped and only what names this machine is replaced —
// the upstream servers, the listen addresses (loopback ports, no IPv6 line) and the certificate
// paths — each replacement checked, so a change of the shipped file's shape fails the test
// instead of silently testing something else. A self-signed certificate is made with openssl.
// nginx runs in the foreground as a non-root user (nobody when the test runs as root), with its
// pid, logs and temporary folders in a throwaway folder; the access log records which web
// process answered each request ($upstream_addr).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const SITE = fileURLToPath(new URL('../../deploy/nginx-gongkai.conf', import.meta.url));

/** The nginx binary, or undefined when Debian's package is not installed. */
export function findNginx(): string | undefined {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  const r = spawnSync('bash', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Replaces `pattern` in `text`, failing unless it matched exactly `times` times. */
function replaceChecked(text: string, pattern: RegExp, by: string | ((m: string) => string), times: number): string {
  const found = text.match(
    new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'),
  );
  if ((found?.length ?? 0) !== times)
    throw new Error(`deploy/nginx-gongkai.conf: expected ${times} × ${pattern}, found ${found?.length ?? 0}`);
  return text.replace(new RegExp(pattern.source, 'gm'), by as string);
}

export interface SitePorts {
  http: number;
  https: number;
  upstreams: number[];
}

/** The shipped site for this machine: loopback ports, the test certificate. */
export function renderSite(ports: SitePorts, cert: { certFile: string; keyFile: string }): string {
  let site = readFileSync(SITE, 'utf8');
  // The upstream block's server lines (3001, 3002 in the shipped file) → one per test process.
  const [first, ...rest] = [...site.matchAll(/^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;$/gm)];
  if (!first || rest.length === 0) throw new Error('deploy/nginx-gongkai.conf: no upstream server lines');
  const indent = first[1] ?? '    ';
  const params = first[2] ?? '';
  site = site.replace(/^\s*server 127\.0\.0\.1:\d+( [^;]*)?;\n/gm, '');
  site = replaceChecked(
    site,
    /^(\s*)keepalive (\d+);$/m,
    (m) => ports.upstreams.map((p) => `${indent}server 127.0.0.1:${p}${params};\n`).join('') + m,
    1,
  );
  site = replaceChecked(site, /^\s*listen \[::\]:\d+[^;]*;\n/m, '', 2);
  site = replaceChecked(site, /^(\s*)listen 80;$/m, `    listen 127.0.0.1:${ports.http};`, 1);
  site = replaceChecked(site, /^(\s*)listen 443 ssl http2;$/m, `    listen 127.0.0.1:${ports.https} ssl http2;`, 1);
  site = replaceChecked(site, /^(\s*)ssl_certificate\s+\S+;$/m, `    ssl_certificate     ${cert.certFile};`, 1);
  site = replaceChecked(site, /^(\s*)ssl_certificate_key\s+\S+;$/m, `    ssl_certificate_key ${cert.keyFile};`, 1);
  return site;
}

export interface Nginx {
  base: string;
  httpBase: string;
  /** The certificate clients verify the site with. */
  ca: Buffer;
  /** Access log lines: `status upstream_addr method uri`. */
  accessLog(): string[];
  errorLog(): string;
  stop(): Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export async function startNginx(binary: string, ports: SitePorts): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-nginx-'));
  try {
    return await startIn(dir, binary, ports);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function startIn(dir: string, binary: string, ports: SitePorts): Promise<Nginx> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, t));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(join(dir, 'site.conf'), renderSite(ports, { certFile, keyFile }));
  // What Debian's /etc/nginx/nginx.conf gives every site, with this folder for its files.
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    log_format upstream '$status $upstream_addr $request_method $request_uri';
    access_log ${dir}/access.log upstream;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`,
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // nginx must not run as root here: the whole folder belongs to nobody, who runs it.
    for (const f of ['', 'cert.pem', 'key.pem', 'nginx.conf', 'site.conf', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      chownSync(join(dir, f), 65534, 65534);
    chmodSync(dir, 0o755);
  }
  const args = ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')];
  const test = spawnSync(
    asRoot ? 'setpriv' : binary,
    asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', binary, '-t', ...args] : ['-t', ...args],
    { encoding: 'utf8' },
  );
  if (test.status !== 0) throw new Error(`nginx -t refused the rendered site:\n${test.stderr}`);
  const child: ChildProcess = spawn(
    asRoot ? 'setpriv' : binary,
    asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', binary, ...args] : args,
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () =>
    stderr + (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  // Up once it wrote its pid file (after binding its ports) and answers — and is still running.
  const up = async () =>
    existsSync(join(dir, 'nginx.pid')) && (await portAnswers(ports.https)) && child.exitCode === null;
  for (const t = Date.now(); !(await up()); await sleep(50)) {
    if (child.exitCode !== null || Date.now() - t > 10_000) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start:\n${errorLog()}`);
    }
  }
  return {
    base: `https://127.0.0.1:${ports.https}`,
    httpBase: `http://127.0.0.1:${ports.http}`,
    ca: readFileSync(certFile),
    accessLog: () =>
      existsSync(join(dir, 'access.log')) ? readFileSync(join(dir, 'access.log'), 'utf8').trim().split('\n') : [],
    errorLog,
    async stop() {
      // SIGQUIT: graceful stop (finishes open requests), as `systemctl stop nginx`.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
