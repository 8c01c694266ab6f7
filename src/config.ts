// Runtime configuration from the environment, read once at start-up. Every knob has a safe
// default so that `npm start` on a fresh clone runs the embedded database with a demo county.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** postgres://… selects PostgreSQL; unset → the embedded database under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Secret for signing cookies; generated into dataDir on first start when not given. */
  secret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicBaseUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  /** Login attempts per IP per minute (rate limit in front of the per-account lockout). */
  loginRateLimit: number;
  /** Submissions per IP per minute on each public form. */
  publicFormRateLimit: number;
  /** Cookies marked Secure (set behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /** Run background jobs (notification delivery, reminders) in the web process. */
  runJobs: boolean;
  /**
   * Each background job runs at most once per this many seconds across every process on the
   * database (JOB_INTERVAL_SECONDS, default 30).
   */
  jobIntervalSeconds: number;
  seedDemo: boolean;
  /**
   * A folder every web process mounts (FILE_STORE_DIR) for attachments and reply documents;
   * unset → PostgreSQL's tables when DATABASE_URL is set, else DATA_DIR/files.
   */
  fileStoreDir: string | undefined;
  /** Largest attachment a publication may carry, in bytes (ATTACHMENT_MAX_MB, default 50). */
  attachmentMaxBytes: number;
  /**
   * How long a rendered public page may be served from memory to visitors who are not signed in
   * (PUBLIC_CACHE_SECONDS, default 30; 0 turns the cache off). Any committed change empties it at
   * once, whichever process made it (PostgreSQL LISTEN/NOTIFY, SQLite data_version); the time
   * bounds only pages that change with the clock alone (a notice period ending).
   */
  publicCacheSeconds: number;
  /**
   * On SIGTERM, how long the web process keeps answering before it stops listening
   * (SHUTDOWN_DRAIN_SECONDS, default 0). Behind nginx with upstream keep-alive it must exceed the
   * upstream's `keepalive_timeout` (deploy/: 5 s against 3 s): every answer in that time carries
   * `Connection: close`, nginx drops its idle connections to this process itself, and no request
   * (a POST included, which nginx never retries once sent) meets a connection closed under it.
   */
  shutdownDrainSeconds: number;
  /** The identifiers a Chinese government site shows in its footer (README, "Site identifiers"). */
  site: SiteIdentity;
}

/**
 * 《政府网站发展指引》（国办发〔2017〕47号）: every government site shows who runs it, its 网站标识码
 * and its filing numbers, a way to contact it and a 我为政府网站找错 entry. Empty = not shown
 * (never a made-up number); 主办单位 defaults to the top agency, the two links to its own pages.
 */
export interface SiteIdentity {
  /** 主办单位 (SITE_SPONSOR); empty → the top agency's name. */
  sponsor: string;
  /** 网站标识码 (SITE_CODE), e.g. 4331270001. */
  code: string;
  /** ICP备案号 (SITE_ICP), e.g. 湘ICP备12345678号; links to beian.miit.gov.cn. */
  icp: string;
  /** 公安机关备案号 (SITE_PSB), e.g. 湘公网安备 43312702000001号; links to beian.gov.cn. */
  psb: string;
  /** 联系我们 (SITE_CONTACT_URL); empty → the top agency's office contacts. */
  contactUrl: string;
  /** 我为政府网站找错 (SITE_ERROR_REPORT_URL); empty → the top agency's 领导信箱. */
  errorReportUrl: string;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`配置项应为非负整数：${value}`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** A configured link: a path on this site or an http(s) address, refused at start-up otherwise. */
function siteUrl(name: string, value: string | undefined): string {
  const v = (value ?? '').trim();
  if (v && !/^(\/(?!\/)|https?:\/\/)/.test(v))
    throw new Error(`配置项 ${name} 应为本站路径（/…）或 http(s) 地址：${v}`);
  return v;
}

function loadSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? './data');
  const port = overrides.port ?? int(env.PORT, 3000);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    secret: overrides.secret ?? loadSecret(dataDir, env.GONGKAI_SECRET),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'noreply@gongkai.local',
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://${host}:${port}`,
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.SESSION_ABSOLUTE_HOURS, 12),
    loginMaxFailures: int(env.LOGIN_MAX_FAILURES, 5),
    loginLockoutMinutes: int(env.LOGIN_LOCKOUT_MINUTES, 15),
    loginRateLimit: int(env.LOGIN_RATE_LIMIT, 10),
    publicFormRateLimit: int(env.PUBLIC_FORM_RATE_LIMIT, 5),
    secureCookies: bool(env.SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL ?? 'info',
    runJobs: bool(env.RUN_JOBS, true),
    jobIntervalSeconds: Math.max(1, int(env.JOB_INTERVAL_SECONDS, 30)),
    seedDemo: bool(env.SEED_DEMO, true),
    fileStoreDir: env.FILE_STORE_DIR ? resolve(env.FILE_STORE_DIR) : undefined,
    attachmentMaxBytes: int(env.ATTACHMENT_MAX_MB, 50) * 1024 * 1024,
    publicCacheSeconds: int(env.PUBLIC_CACHE_SECONDS, 30),
    shutdownDrainSeconds: int(env.SHUTDOWN_DRAIN_SECONDS, 0),
    site: {
      sponsor: env.SITE_SPONSOR ?? '',
      code: env.SITE_CODE ?? '',
      icp: env.SITE_ICP ?? '',
      psb: env.SITE_PSB ?? '',
      contactUrl: siteUrl('SITE_CONTACT_URL', env.SITE_CONTACT_URL),
      errorReportUrl: siteUrl('SITE_ERROR_REPORT_URL', env.SITE_ERROR_REPORT_URL),
    },
    ...overrides,
  };
}
