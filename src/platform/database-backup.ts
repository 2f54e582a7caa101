import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE } from './database.js';
import { findClientTool, libpqTarget, runClientTool, serverMajor } from './postgres-tools.js';

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  serverMajor: number;
  tool: string;
}

export interface RestoreResult {
  file: string;
  seconds: number;
  tool: string;
}

export interface RestoreOptions {
  /** Drop the objects the backup holds before recreating them; without it the target must be empty. */
  clean?: boolean;
  binDir?: string;
}

/**
 * A consistent snapshot of one database in pg_dump's custom format: schema,
 * data, row-level security policies, triggers and grants (the audit log's
 * revoked UPDATE/DELETE among them). Ownership is left out so the file
 * restores under any login. Written beside the target and renamed into place,
 * so a failed run never leaves a truncated file under the final name.
 */
export async function backupDatabase(url: string, outFile: string, binDir?: string): Promise<BackupResult> {
  const started = performance.now();
  const major = await serverMajor(url);
  const tool = await findClientTool('pg_dump', major, binDir);
  const target = libpqTarget(url);
  const partial = path.join(path.dirname(outFile), `.${path.basename(outFile)}.partial`);
  try {
    await runClientTool(
      tool.path,
      ['--format=custom', '--no-owner', '--compress=6', `--file=${partial}`, `--dbname=${target.dbname}`],
      target.env,
    );
    const handle = await open(partial, 'r');
    await handle.sync();
    await handle.close();
    await rename(partial, outFile);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const { size } = await stat(outFile);
  return { file: outFile, bytes: size, seconds: (performance.now() - started) / 1000, serverMajor: major, tool: tool.path };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Tables in the schemas a backup restores; a non-zero count means the target is not empty. */
async function userTableCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  return Number(rows[0].n);
}

/**
 * Restores a backup made by backupDatabase in one transaction: either every
 * object and row arrives, or the target is left as it was. Roles live outside
 * a database, so the application role the grants name is created first when
 * the target server lacks it.
 */
export async function restoreDatabase(url: string, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now();
  await stat(file);
  await withClient(url, async (client) => {
    if (!opts.clean && (await userTableCount(client)) > 0)
      throw new Error('the target database is not empty: restore into an empty database, or pass --clean to replace what it holds');
    await client.query(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF; END $$`,
    );
  });
  const tool = await findClientTool('pg_restore', await serverMajor(url), opts.binDir);
  const target = libpqTarget(url);
  const args = ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${target.dbname}`];
  if (opts.clean) args.push('--clean', '--if-exists');
  await runClientTool(tool.path, [...args, file], target.env);
  await withClient(url, (client) => client.query('ANALYZE'));
  return { file, seconds: (performance.now() - started) / 1000, tool: tool.path };
}
