import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.js';
import { embeddedDatabaseUrl, readEmbeddedPassword } from './embedded-database-url.js';
import type { Logger } from './logger.js';

const EMBEDDED_DATABASE = 'catalytic';

export interface ResolveOptions {
  /**
   * Use the embedded server when another process (a running `catalytic serve`)
   * already has it up, instead of failing to start a second one on its data.
   */
  reuseRunningEmbedded?: boolean;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under DATA_DIR. */
export async function resolveDatabase(
  config: Config,
  logger: Logger,
  opts: ResolveOptions = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const dataDir = path.join(config.DATA_DIR, 'postgres');
  const password = readEmbeddedPassword(dataDir);
  const running = password === null ? null : embeddedDatabaseUrl(config.EMBEDDED_POSTGRES_PORT, EMBEDDED_DATABASE, password);
  if (opts.reuseRunningEmbedded && running !== null && (await answers(running))) {
    logger.info({ port: config.EMBEDDED_POSTGRES_PORT }, 'using the embedded PostgreSQL another process is running');
    return { url: running, stop: async () => undefined };
  }
  logger.info({ dataDir, port: config.EMBEDDED_POSTGRES_PORT }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
  // Loaded only when needed: the package installs exit hooks that would swallow exit codes.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_POSTGRES_PORT,
    database: EMBEDDED_DATABASE,
    onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  return embedded;
}
