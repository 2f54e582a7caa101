import path from 'node:path';
import type { Config } from '../platform/config.js';
import { backupDatabase, restoreDatabase } from '../platform/database-backup.js';
import { resolveDatabase } from '../platform/database-url.js';
import type { Logger } from '../platform/logger.js';

export const BACKUP_USAGE = `Usage: catalytic backup --out FILE
       catalytic restore FILE [--clean]

backup   writes the whole database (DATABASE_URL, or the embedded one) to FILE in
         pg_dump's custom format
restore  loads FILE into the database in one transaction; the database must be
         empty unless --clean is given (then the objects FILE holds are replaced)`;

function usageError(message: string): number {
  process.stderr.write(`catalytic: ${message}\n\n${BACKUP_USAGE}\n`);
  return 2;
}

/** Runs `step` on the configured database; exit 0 with its JSON summary on stdout, 1 with the reason on stderr. */
async function onDatabase(config: Config, logger: Logger, what: string, step: (url: string) => Promise<object>): Promise<number> {
  const database = await resolveDatabase(config, logger, { reuseRunningEmbedded: true });
  try {
    const result = await step(database.url);
    logger.info({ result }, `${what} done`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`catalytic: ${what} failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await database.stop();
  }
}

/** `catalytic backup --out FILE`. */
export async function runBackupCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  if (!out || args.length !== 2) return usageError('backup needs --out FILE');
  return onDatabase(config, logger, 'backup', (url) => backupDatabase(url, path.resolve(out), config.POSTGRES_BIN_DIR));
}

/** `catalytic restore FILE [--clean]`. */
export async function runRestoreCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const clean = args.includes('--clean');
  const files = args.filter((a) => a !== '--clean');
  if (files.length !== 1 || files[0].startsWith('-')) return usageError('restore needs one FILE');
  return onDatabase(config, logger, 'restore', (url) =>
    restoreDatabase(url, path.resolve(files[0]), { clean, binDir: config.POSTGRES_BIN_DIR }),
  );
}
