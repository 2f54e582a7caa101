import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fillThroughApi } from '../../bench/deploy/dataset.js';
import { migrateDown, migrateUp, readMigrations } from '../../src/platform/migrations.js';
import { findClientTool, libpqTarget, runClientTool, serverMajor } from '../../src/platform/postgres-tools.js';
import { queryAs, tableDigests } from '../support/database-digest.js';
import { createTestApp } from '../support/test-app.js';

let populated: string;
let workDir: string;
const clones: string[] = [];
const admin = () => inject('adminDatabaseUrl');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The schema as pg_dump prints it: tables, columns, constraints, indexes, functions, triggers, policies, grants. */
async function schemaOf(url: string): Promise<string> {
  const tool = await findClientTool('pg_dump', await serverMajor(url));
  const file = path.join(workDir, `${randomBytes(4).toString('hex')}.sql`);
  const target = libpqTarget(url);
  await runClientTool(tool.path, ['--schema-only', `--file=${file}`, `--dbname=${target.dbname}`], target.env);
  // pg_dump 15.14+ brackets the script with a random \restrict key; it is not part of the schema.
  return (await readFile(file, 'utf8')).replace(/^\\(un)?restrict .*$/gm, '');
}

async function cloneOf(template: string): Promise<string> {
  const name = `${template}_${randomBytes(3).toString('hex')}`;
  await queryAs(admin(), null, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  clones.push(name);
  return withDatabase(admin(), name);
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-migrations-'));
  const t = await createTestApp({ env: { USAGE_FLUSH_INTERVAL_SECONDS: '3600' } });
  await fillThroughApi(t.app, 2, 2);
  populated = new URL(t.databaseUrl).pathname.slice(1);
  // Closed but not dropped: the populated database is the template of every clone below.
  await t.app.close();
  await t.runtime.close();
  await t.store.close();
}, 180_000);

afterAll(async () => {
  for (const name of [...clones, populated].filter(Boolean))
    await queryAs(admin(), null, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('every migration rolls back and forward on a populated database', async () => {
  const migrations = await readMigrations();

  it('covers every migration file', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(5);
  });

  for (const migration of migrations) {
    it(`${migration.version}_${migration.name}: down then up leaves the schema identical and keeps the rows it did not drop`, async () => {
      const url = await cloneOf(populated);
      const schemaBefore = await schemaOf(url);
      const rowsBefore = await tableDigests(url);
      expect(rowsBefore['public.lattices'].rows).toBeGreaterThan(0);

      const steps = migrations.filter((m) => m.version >= migration.version).length;
      expect(await migrateDown(url, steps)).toEqual(
        migrations
          .filter((m) => m.version >= migration.version)
          .map((m) => m.version)
          .reverse(),
      );
      const survivors = await tableDigests(url);
      expect(await migrateUp(url)).toEqual(migrations.filter((m) => m.version >= migration.version).map((m) => m.version));

      expect(await schemaOf(url)).toBe(schemaBefore);
      const rowsAfter = await tableDigests(url);
      for (const table of Object.keys(survivors)) {
        // Re-applied migrations are recorded anew, with a new applied_at.
        if (table === 'public.schema_migrations') continue;
        expect(rowsAfter[table], `${table} kept through the down`).toEqual(rowsBefore[table]);
      }
    });
  }
});
