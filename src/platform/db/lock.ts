import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * PGlite has no lock between processes: two processes on one data directory silently lose rows
 * (STACK.md pitfall 2). We take an exclusive lock file holding our pid; a live holder makes a second
 * process fail with a clear message, a stale file (holder dead) is taken over.
 */
export class DataDirLock {
  private constructor(readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'fazhi.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        fs.writeSync(fd, `${process.pid}\n`);
        fs.closeSync(fd);
        const lock = new DataDirLock(file);
        process.once('exit', () => lock.release());
        return lock;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
        if (holder && holder !== process.pid && isAlive(holder)) {
          throw new AppError(
            'unavailable',
            `数据目录 ${dataDir} 正被另一个 Fazhi 进程（PID ${holder}）使用。嵌入式数据库只允许一个进程访问：请先停止该进程，或设置 DATABASE_URL 改用 PostgreSQL 服务器。`,
            { dataDir, pid: holder },
          );
        }
        fs.rmSync(file, { force: true }); // stale lock of a dead process
      }
    }
    throw new AppError('unavailable', `无法锁定数据目录 ${dataDir}`);
  }

  release(): void {
    try {
      const holder = Number.parseInt(fs.readFileSync(this.file, 'utf8'), 10);
      if (holder === process.pid) fs.rmSync(this.file, { force: true });
    } catch {
      /* already gone */
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
