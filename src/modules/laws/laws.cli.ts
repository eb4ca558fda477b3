import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemCtx } from '../../platform/access/actor.js';
import { loadConfig } from '../../platform/config.js';
import { openDatabase } from '../../platform/db/engine.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { AppError } from '../../platform/errors.js';
import { importLaws } from './commands/import-laws.js';
import type { FileErrors } from './commands/import-laws.js';
import { readLawDir } from './laws.files.js';

/** `fazhi laws import <dir>`: imports every .md statute under a folder, all or nothing. */
export function lawsCli(program: Command): void {
  const laws = program.command('laws').description('法律法规库');
  laws
    .command('import <dir>')
    .description('导入目录下的全部 Markdown 法规文件（任一文件有误则全部不导入）')
    .action(async (dir: string) => {
      const abs = path.resolve(dir);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
        console.error(`目录不存在：${abs}`);
        process.exitCode = 2;
        return;
      }
      const files = readLawDir(abs);
      console.log(`读取 ${files.length} 个文件，正在导入……`);
      const config = loadConfig();
      const h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(h.db);
        const s = await importLaws(h.db, systemCtx('cli'), files, `命令行导入 ${abs}`);
        console.log(
          `导入 ${s.imported} 部，未变化 ${s.unchanged} 部，新版本 ${s.newVersions} 部，标记待审查的规范性文件 ${s.flaggedDocs} 件。`,
        );
      } catch (e) {
        if (e instanceof AppError) {
          console.error(e.message);
          const files = (e.details as { files?: FileErrors[] } | null)?.files ?? [];
          for (const f of files) for (const le of f.errors) console.error(`  ${f.name} 第${le.line}行：${le.message}`);
          process.exitCode = 1;
        } else throw e;
      } finally {
        await h.close();
      }
    });
}
