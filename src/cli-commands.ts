// The commands of `npx gongkai` other than `report check` (src/cli.ts loads this file only for
// them). Every command uses the same configuration (DATABASE_URL, DATA_DIR) as `npm start`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openConfiguredDatabase, prepare, seedDemo, systemContext } from './bootstrap.ts';
import { demoAccountsNotice } from './modules/demo/index.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { findAgencyBySlug } from './modules/agency/index.ts';
import { CliUsageError, reportBuildCommand, reportImportCommand } from './modules/annual-report/index.ts';
import { verifyAuditChain } from './modules/audit/index.ts';
import { BackupError } from './platform/backup/archive.ts';
import { createBackup } from './platform/backup/backup.ts';
import { restoreBackup } from './platform/backup/restore.ts';
import { reindex } from './modules/search/index.ts';
import { importCalendarYearAndRecompute, parseCalendarImport, recomputeSummary } from './modules/calendar/index.ts';
import { PROVISIONAL_DATE_OWNERS } from './modules/provisional-dates.ts';
import { resetPassword } from './modules/account/index.ts';
import { findUserByUsername } from './modules/account/index.ts';
import { createUser, parseRoles } from './modules/account/index.ts';
import { startJobs } from './jobs/runner.ts';
import {
  PRIVACY_CLI_USAGE,
  PUBLICATION_CLI_USAGE,
  privacyScanCommand,
  publicationTransferCommand,
} from './modules/publication/index.ts';
import { systemClock } from './platform/clock.ts';
import { ValidationError } from './platform/errors.ts';
import { inTransaction } from './platform/transaction.ts';

const USAGE = `用法：npx gongkai <命令>

  migrate                          执行数据库迁移
  seed-demo                        载入演示县（仅当数据库中还没有机构时）
  user create <用户名> --agency <网址标识> --name <姓名> --roles clerk,reviewer,signer,admin [--email 邮箱]
  user reset-password <用户名>     重置为一次性密码
  calendar import <文件.json>      导入一年的节假日安排（国务院办公厅通知）
  audit verify                     校验审计日志的哈希链
  search reindex                   重建全文检索索引（并提取尚未提取文字的 PDF 附件）
  backup <归档.tar>                在线备份：数据库的一致性快照和全部附件、答复文书，附 SHA-256 清单
                                   （PostgreSQL 用 pg_dump，需要 postgresql-client）
  restore <归档.tar> [--force]     先校验归档中每个文件的 SHA-256，完好才恢复（须先停止服务和 worker）；
                                   PostgreSQL 恢复到空数据库，非空时须加 --force
  worker                           只运行后台任务（消息发送、清理会话）
${PUBLICATION_CLI_USAGE}
${PRIVACY_CLI_USAGE}
  report check <文件或文件夹>... [--year 年度] [--agency 机构名称] [--json] [--json-dir 目录]
                                   检查已发布的政府信息公开工作年度报告（.txt、.html、.docx，不需要数据库）：
                                   一个文件以 JSON 输出发现的问题；多个文件或文件夹输出汇总表
                                   （--json 逐个输出 JSON，--json-dir 每个文件写一个 JSON），同一机关
                                   相邻两年的报告核对上年结转与结转下年度；有错误时退出码为 1
  report build --agency <网址标识> --year <年度> [--format national2021|legacy2008] --out <文件.html|.docx|.xlsx|.pdf|.json>
                                   按记录生成年度报告（已发布的报告输出发布时的版本）；
                                   legacy2008 为旧版九部分结构，按当前记录计算，不能输出 XLSX
  report import <文件> --agency <网址标识> --year <年度>
                                   导入往年报告原文，保存文本和提取的数字

环境变量与 npm start 相同：DATABASE_URL、DATA_DIR 等。`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

export async function runCommand(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const config = loadConfig(process.env, { seedDemo: false });
  switch (cmd) {
    case 'migrate': {
      const database = openConfiguredDatabase(config);
      const r = await migrateToLatest(database);
      console.log(r.applied.length ? `已执行迁移：${r.applied.join('、')}` : '数据库已是最新结构。');
      await database.close();
      return 0;
    }
    case 'seed-demo': {
      const { deps } = await prepare(config);
      const any = await deps.database.db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
      if (any) {
        console.log('数据库中已有机构，未载入演示数据。');
      } else {
        const accounts = await seedDemo(deps);
        const admin = accounts.find((a) => a.username === 'admin');
        console.log(`演示县已载入。管理员账号 admin 的一次性密码：${admin?.oneTimePassword ?? ''}`);
        console.log(demoAccountsNotice(accounts, `http://${config.host}:${config.port}/admin/login`));
      }
      await deps.database.close();
      return 0;
    }
    case 'user': {
      const { deps } = await prepare(config);
      const db = deps.database.db;
      try {
        if (sub === 'create') {
          const username = rest[0];
          const slug = option(rest, 'agency');
          if (!username || !slug)
            fail('用法：npx gongkai user create <用户名> --agency <网址标识> --name <姓名> --roles clerk,admin');
          const agency = await findAgencyBySlug(db, slug);
          if (!agency) fail(`找不到网址标识为 ${slug} 的机构。`);
          const created = await inTransaction(db, (trx) =>
            createUser(trx, systemContext(systemClock), {
              agencyId: agency.id,
              username,
              displayName: option(rest, 'name') ?? username,
              email: option(rest, 'email') ?? '',
              roles: parseRoles((option(rest, 'roles') ?? 'clerk').split(',')),
            }),
          );
          console.log(`已创建账号 ${username}（${agency.name}）。一次性密码：${created.oneTimePassword}`);
          return 0;
        }
        if (sub === 'reset-password') {
          const user = rest[0] ? await findUserByUsername(db, rest[0]) : undefined;
          if (!user) fail('找不到该用户。');
          const otp = await inTransaction(db, (trx) => resetPassword(trx, systemContext(systemClock), user.id));
          console.log(`账号 ${user.username} 的一次性密码：${otp}`);
          return 0;
        }
        fail(USAGE);
      } finally {
        await deps.database.close();
      }
      break;
    }
    case 'calendar': {
      if (sub !== 'import' || !rest[0]) fail('用法：npx gongkai calendar import <文件.json>');
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(resolve(rest[0]), 'utf8'));
      } catch (err) {
        fail(`无法读取 ${rest[0]}：${err instanceof Error ? err.message : String(err)}`);
      }
      const { deps } = await prepare(config);
      try {
        const data = parseCalendarImport(json);
        // One transaction: the year and every stored provisional date recomputed on it.
        const r = await inTransaction(deps.database.db, (trx) =>
          importCalendarYearAndRecompute(trx, systemContext(systemClock), data, PROVISIONAL_DATE_OWNERS),
        );
        console.log(
          `${data.year} 年节假日安排已${r.replaced ? '替换' : '导入'}：放假 ${data.holidays.length} 天，调休上班 ${data.adjustedWorkdays.length} 天。`,
        );
        console.log(recomputeSummary(r.changes, PROVISIONAL_DATE_OWNERS));
        for (const c of r.changes) {
          const show = (s: { date: string | null; provisional: boolean }) =>
            `${s.date ?? '无'}${s.provisional ? '（暂定）' : ''}`;
          console.log(`  ${c.label}：${show(c.before)} → ${show(c.after)}`);
        }
        return 0;
      } catch (err) {
        if (err instanceof ValidationError) {
          console.error(err.message);
          for (const [k, v] of Object.entries(err.fields ?? {})) console.error(`  ${k}: ${v}`);
          return 1;
        }
        throw err;
      } finally {
        await deps.database.close();
      }
    }
    case 'import':
    case 'export': {
      const { deps } = await prepare(config);
      try {
        return await publicationTransferCommand(deps, cmd, [sub ?? '', ...rest], systemClock);
      } finally {
        await deps.database.close();
      }
    }
    case 'privacy': {
      if (sub !== 'scan') fail('用法：npx gongkai privacy scan [--agency 网址标识] [--since YYYY-MM-DD]');
      const { deps } = await prepare(config);
      try {
        return await privacyScanCommand(deps, rest, systemClock);
      } finally {
        await deps.database.close();
      }
    }
    case 'search': {
      if (sub !== 'reindex') fail('用法：npx gongkai search reindex');
      const { deps } = await prepare(config);
      try {
        const r = await reindex(deps.database.db, config.dataDir, (done, total) => {
          process.stderr.write(`\r索引 ${done}/${total}`);
        });
        process.stderr.write('\n');
        if (r.pdfToolMissing) console.log('未找到 pdftotext（poppler-utils），PDF 附件的文字未被索引。');
        console.log(
          `已重建检索索引：${r.documents} 条已发布信息${r.pdfTextsAdded ? `，新提取 ${r.pdfTextsAdded} 个 PDF 附件的文字` : ''}。`,
        );
        return 0;
      } finally {
        await deps.database.close();
      }
    }
    case 'audit': {
      if (sub !== 'verify') fail('用法：npx gongkai audit verify');
      const database = openConfiguredDatabase(config);
      const r = await verifyAuditChain(database.db);
      await database.close();
      if (r.ok) {
        console.log(`审计日志完整：已校验 ${r.checked} 条记录。`);
        return 0;
      }
      console.error(
        `审计日志被破坏：第 ${r.firstBroken?.id} 条记录——${r.firstBroken?.reason}（此前 ${r.checked} 条完好）。`,
      );
      return 1;
    }
    case 'backup': {
      if (!sub || sub.startsWith('--')) fail('用法：npx gongkai backup <归档文件.tar>');
      const target = resolve(sub);
      if (existsSync(target)) fail(`${target} 已存在，请换一个文件名。`);
      const database = openConfiguredDatabase(config);
      try {
        const { manifest } = await createBackup({
          database,
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          filesDir: config.fileStoreDir,
          target,
          now: systemClock.now(),
        });
        const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
        console.log(
          `已备份到 ${target}：${manifest.engine === 'postgres' ? 'PostgreSQL 数据库（pg_dump）' : '内置数据库'}` +
            `和 ${manifest.files.length} 个文件（${(bytes / 1024 / 1024).toFixed(1)} MB），清单含每个条目的 SHA-256。`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(`备份失败：${err.message}`);
        return 1;
      } finally {
        await database.close();
      }
    }
    case 'restore': {
      if (!sub || sub.startsWith('--'))
        fail('用法：npx gongkai restore <归档文件.tar> [--force]（请先停止服务和 worker）');
      try {
        const r = await restoreBackup({
          archive: resolve(sub),
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          filesDir: config.fileStoreDir,
          force: rest.includes('--force'),
          now: systemClock.now(),
        });
        if (r.asideDatabase) console.log(`原数据库已移到 ${r.asideDatabase}`);
        console.log(
          `已从 ${resolve(sub)} 恢复：${r.manifest.engine === 'postgres' ? 'PostgreSQL 数据库（pg_restore）' : '内置数据库'}` +
            `和 ${r.manifest.files.length} 个文件（新增 ${r.filesAdded} 个），全部通过 SHA-256 校验。备份时间 ${r.manifest.createdAt}。`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(err.message);
        return 1;
      }
    }
    case 'report': {
      const { deps } = await prepare(config);
      try {
        const db = deps.database.db;
        console.log(
          sub === 'build'
            ? await reportBuildCommand(db, rest, systemClock)
            : await reportImportCommand(db, rest, systemContext(systemClock)),
        );
        return 0;
      } catch (err) {
        if (err instanceof CliUsageError) {
          console.error(err.message);
          return 2;
        }
        throw err;
      } finally {
        await deps.database.close();
      }
    }
    case 'worker': {
      const { deps } = await prepare(config);
      const log = {
        info: (m: unknown) => console.log(m),
        error: (o: unknown, m?: string) => console.error(m ?? '', o),
      };
      const jobs = startJobs(deps, log);
      console.log('后台任务已启动（Ctrl+C 停止）。');
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await jobs.stop();
      await deps.database.close();
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(`未知命令：${cmd}\n\n${USAGE}`);
  return 2;
}
