import { Command } from 'commander';
import { buildApp, initModule, moduleJobs } from './app.js';
import { systemClock } from './platform/clock.js';
import { MODULES } from './modules/index.js';
import type { AppDeps } from './platform/manifest.js';
import { systemCtx } from './platform/access/actor.js';
import { backupTo, restoreFrom } from './platform/backup/backup.js';
import { loadConfig } from './platform/config.js';
import { type DbHandle, openDatabase } from './platform/db/engine.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { AppError } from './platform/errors.js';
import { Scheduler } from './platform/jobs/index.js';
import { isEmpty, loginHelp, seedPlatformDemo, startBanner } from './platform/seed/demo.js';
import { needsSetup, setupToken } from './modules/identity/commands/initialize.js';
import { VERSION } from './platform/version.js';
import pino from 'pino';

const config = loadConfig();
const log = pino({ level: config.logLevel });

async function open(): Promise<DbHandle> {
  const h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(h.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  return h;
}

const depsOf = (h: DbHandle): AppDeps => ({ db: h.db, config, log, engine: h.engine, clock: systemClock, modules: MODULES });

async function seedDemo(h: DbHandle): Promise<boolean> {
  if (!(await isEmpty(h.db))) return false;
  await seedPlatformDemo(h.db);
  const deps = depsOf(h);
  for (const m of MODULES) {
    await initModule(m, deps);
    await m.seedDemo?.(deps);
  }
  return true;
}

const program = new Command().name('fazhi').description('Fazhi 数字法治政府平台').version(VERSION);

program
  .command('start')
  .description('启动服务（自动执行数据库迁移）')
  .option('--demo', '数据库为空时创建演示数据（示例区）')
  .action(async (opts: { demo?: boolean }) => {
    const h = await open();
    if (opts.demo && (await seedDemo(h))) log.info('demo data created');
    const app = await buildApp({ db: h.db, engine: h.engine, config });
    const deps = depsOf(h);
    const scheduler = new Scheduler(h.db, log, deps.clock);
    if (config.jobsEnabled) scheduler.start(moduleJobs(deps));
    await app.listen({ port: config.port, host: config.host });
    const setup = { needed: await needsSetup(h.db), token: setupToken() };
    process.stdout.write(await startBanner(h.db, config.port, config.host, setup));
    const stop = async () => {
      await scheduler.stop();
      await app.close();
      await h.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    const h = await open();
    await h.close();
    console.log('数据库已迁移到最新版本。');
  });

program
  .command('seed')
  .description('写入演示数据')
  .option('--demo', '示例区演示数据')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) throw new AppError('bad_request', '请使用 seed --demo');
    const h = await open();
    const done = await seedDemo(h);
    await h.close();
    console.log(done ? loginHelp(config.port, config.host) : '数据库中已有数据，未写入演示数据。');
  });

program
  .command('init')
  .description('首次安装：建立本级政府和首个系统管理员（打印一次性密码，仅在数据库中还没有任何单位时可用）')
  .requiredOption('--name <governmentName>', '本级政府名称，例如“示例区人民政府”')
  .requiredOption('--code <code>', '政府的单位代码（字母、数字、下划线或连字符）')
  .requiredOption('--admin <username>', '首个系统管理员的用户名')
  .requiredOption('--admin-name <displayName>', '首个系统管理员的姓名')
  .action(async (o: { name: string; code: string; admin: string; adminName: string }) => {
    const h = await open();
    try {
      const { initializeInstallation } = await import('./modules/identity/commands/initialize.js');
      const { InitializeBody } = await import('./modules/identity/identity.schemas.js');
      const parsed = InitializeBody.safeParse({
        governmentName: o.name,
        governmentCode: o.code,
        adminUsername: o.admin,
        adminName: o.adminName,
      });
      if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((i) => i.message).join('；'));
      const res = await initializeInstallation(h.db, systemCtx('cli'), parsed.data, 'cli');
      console.log(
        `已建立「${res.org.name}」和系统管理员 ${res.user.username}（${res.user.displayName}）。\n一次性密码：${res.initialPassword}（仅显示这一次；首次登录须修改）。`,
      );
    } finally {
      await h.close();
    }
  });

const org = program.command('org').description('单位管理');
org
  .command('create')
  .description('新建单位（在上级单位之下）')
  .requiredOption('--name <name>', '单位名称')
  .requiredOption('--parent <code>', '上级单位代码')
  .requiredOption('--kind <kind>', '单位类型：government（政府）、department（部门）、subdistrict（街道）、town（镇）等')
  .option('--code <code>', '单位代码')
  .action(async (o: { name: string; parent: string; kind: string; code?: string }) => {
    const h = await open();
    try {
      const parent = await h.db.selectFrom('organizations').select('id').where('code', '=', o.parent).executeTakeFirst();
      if (!parent) throw new AppError('bad_request', `上级单位代码「${o.parent}」不存在。`);
      const { createOrg } = await import('./modules/identity/commands/create-org.js');
      const { CreateOrgBody } = await import('./modules/identity/identity.schemas.js');
      const parsed = CreateOrgBody.safeParse({ parentId: parent.id, name: o.name, kind: o.kind, code: o.code ?? null });
      if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((i) => i.message).join('；'));
      const res = await createOrg(h.db, systemCtx('cli'), parsed.data);
      console.log(`已新建单位「${res.name}」${res.code ? `（代码 ${res.code}）` : ''}。`);
    } finally {
      await h.close();
    }
  });

const user = program.command('user').description('用户管理');
user
  .command('create')
  .description('创建用户（打印一次性初始密码）')
  .requiredOption('--username <name>', '用户名')
  .requiredOption('--name <displayName>', '姓名')
  .requiredOption('--org <code>', '所属单位代码')
  .option('--role <role...>', '角色（在所属单位）', [])
  .option('--subtree', '角色覆盖下级单位')
  .action(async (o: { username: string; name: string; org: string; role: string[]; subtree?: boolean }) => {
    const h = await open();
    try {
      const org = await h.db.selectFrom('organizations').select('id').where('code', '=', o.org).executeTakeFirst();
      if (!org) throw new AppError('bad_request', `单位代码「${o.org}」不存在。`);
      const { createUser } = await import('./modules/identity/commands/create-user.js');
      const { CreateUserBody } = await import('./modules/identity/identity.schemas.js');
      const input = CreateUserBody.parse({
        username: o.username,
        displayName: o.name,
        orgId: org.id,
        grants: o.role.map((role) => ({ role, orgId: org.id, includeSubtree: !!o.subtree })),
      });
      const res = await createUser(h.db, systemCtx('cli'), input);
      console.log(`已创建用户 ${res.user.username}，初始密码：${res.initialPassword}（首次登录须修改）`);
    } finally {
      await h.close();
    }
  });

program
  .command('backup <file>')
  .description('备份全部数据到文件（.jsonl.gz，两种引擎通用）')
  .action(async (file: string) => {
    const h = await open();
    try {
      const r = await backupTo(h.db, file);
      console.log(`已备份 ${r.tables} 张表、${r.rows} 行到 ${file}。签名密钥位于 ${config.keyDir}，请一并妥善备份。`);
    } finally {
      await h.close();
    }
  });

program
  .command('restore <file>')
  .description('从备份文件恢复到空数据库')
  .action(async (file: string) => {
    const h = await open();
    try {
      const r = await restoreFrom(h.db, file);
      console.log(`已恢复 ${r.tables} 张表、${r.rows} 行。`);
    } finally {
      await h.close();
    }
  });

for (const m of MODULES) m.cli?.(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    console.error(`错误：${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
