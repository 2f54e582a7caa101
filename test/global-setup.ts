import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { JobQueue } from '../src/platform/job-queue.js';
import { migrateUp } from '../src/platform/migrations.js';
import { freePort } from './support/free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL to the server's maintenance database, for CREATE DATABASE. */
    adminDatabaseUrl: string;
    /** The migrated database every test app clones. */
    templateDatabase: string;
    /** Where the suite's databases live: 'external' (DATABASE_URL) or 'embedded'. */
    databaseKind: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Runs once per `vitest run`: finds PostgreSQL (DATABASE_URL, or an embedded
 * server when it is unset, as on a laptop), migrates a template database, and
 * drops it and every clone at the end.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const { startEmbeddedPostgres } = await import('../src/platform/embedded-postgres.js');
    // Own directory and port per run and per project of a run, so no two setups share a cluster.
    const embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(`.catalytic/test-postgres-${process.pid}-${randomBytes(3).toString('hex')}`),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const template = `catalytic_tpl_${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await migrateUp(withDatabase(adminUrl, template));
  // pg-boss installs its schema on first start; doing it once here keeps every clone from paying for it.
  const queue = new JobQueue({
    connectionString: withDatabase(adminUrl, template),
    timeoutSeconds: 60,
    retryLimit: 0,
    maintenanceIntervalSeconds: 60,
    pollingIntervalSeconds: 1,
  });
  await queue.start();
  await queue.stop();
  // Clones are made from the template; it must have no open connections.
  await admin.query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
  await admin.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('databaseKind', stopEmbedded ? 'embedded' : 'external');

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `catalytic_t_${process.pid}_%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await client.end();
    await stopEmbedded?.();
  };
}
