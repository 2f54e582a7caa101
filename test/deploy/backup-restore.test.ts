import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as fields from '../../src/domain/lattices/field-repository.js';
import { checksum } from '../../src/engine/index.js';
import { backupAndRestore, type DrillTimes } from '../../bench/deploy/restore-drill.js';
import { DATASET_PASSWORD, fillThroughApi, type Dataset } from '../../bench/deploy/dataset.js';
import { ROOT, runCatalytic } from '../../bench/deploy/cli.js';
import { freePort } from '../../bench/deploy/processes.js';
import { readMigrations } from '../../src/platform/migrations.js';
import { queryAs, tableDigests } from '../support/database-digest.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createEmptyDatabase } from '../support/test-database.js';
import { bearer } from '../support/test-app.js';

const QUIET = { USAGE_FLUSH_INTERVAL_SECONDS: '3600', JOB_MAINTENANCE_INTERVAL_SECONDS: '3600' };

let workDir: string;
let source: TestApp;
let target: { url: string; drop(): Promise<void> };
let restored: TestApp | undefined;
let data: Dataset;
let before: {
  digests: Awaited<ReturnType<typeof tableDigests>>;
  lattices: Record<string, unknown>[];
  audit: unknown;
  jobs: unknown;
  fields: Map<string, string>;
};
let times: DrillTimes;

async function getJson(t: TestApp, url: string, token: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}

/** The engine checksum of each stored field, loaded and decoded through the field store. */
async function storedFieldChecksums(t: TestApp): Promise<Map<string, string>> {
  const { rows } = await t.runtime.db.systemQuery<{ id: string; field_version: number }>(
    'SELECT id, field_version FROM lattices WHERE field_version > 0 ORDER BY id',
  );
  const out = new Map<string, string>();
  for (const row of rows) {
    const field = await t.runtime.db.systemTransaction((tx) => fields.load(tx, row.id, row.field_version));
    out.set(row.id, checksum(field!));
  }
  return out;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-restore-'));
  source = await createTestApp({ env: QUIET });
  data = await fillThroughApi(source.app, 3, 3);
  const owner = data.accounts[0];
  before = {
    lattices: await getJson(source, '/api/v1/lattices', owner.accessToken),
    audit: await getJson(source, '/api/v1/audit-logs?limit=100', owner.accessToken),
    jobs: await getJson(source, '/api/v1/jobs', owner.accessToken),
    fields: await storedFieldChecksums(source),
    digests: {},
  };
  // Nothing may write between the snapshot and the backup: the source service stops first.
  const sourceUrl = source.databaseUrl;
  await source.app.close();
  await source.runtime.close();
  before.digests = await tableDigests(sourceUrl);
  target = await createEmptyDatabase();
  times = await backupAndRestore(sourceUrl, target.url, workDir);
}, 300_000);

afterAll(async () => {
  await restored?.close();
  await target?.drop();
  // The source app is closed already; only its database remains.
  await source?.store.close();
  if (source) await createTestAppDatabaseDrop(source.databaseUrl);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function createTestAppDatabaseDrop(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await queryAs(inject('adminDatabaseUrl'), null, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
}

describe('catalytic backup, then catalytic restore into an empty database', () => {
  it('restores every table row for row, the job queue included', async () => {
    const after = await tableDigests(target.url);
    expect(Object.keys(after)).toEqual(Object.keys(before.digests));
    expect(after).toEqual(before.digests);
    // Not vacuous: the tables the drill filled hold rows.
    for (const table of [
      'public.tenants',
      'public.users',
      'public.lattices',
      'public.lattice_fields',
      'public.lattice_operations',
      'public.audit_logs',
      'public.jobs',
      'public.signing_keys',
      'pgboss.job',
    ])
      expect(after[table]?.rows, table).toBeGreaterThan(0);
  });

  it('the restored service answers identically: logins, old tokens (the stored signing key), lattices, jobs, audit log', async () => {
    restored = await createTestApp({ databaseUrl: target.url, env: QUIET });
    for (const account of data.accounts) {
      const login = await restored.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.email, password: DATASET_PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json().user.tenant_id).toBe(account.tenantId);
    }
    // A token signed before the backup verifies: the private signing key came back intact.
    const owner = data.accounts[0];
    expect(await getJson(restored, '/api/v1/lattices', owner.accessToken)).toEqual(before.lattices);
    expect(await getJson(restored, '/api/v1/audit-logs?limit=100', owner.accessToken)).toEqual(before.audit);
    expect(await getJson(restored, '/api/v1/jobs', owner.accessToken)).toEqual(before.jobs);
  });

  it('stored value fields decode to the same checksums', async () => {
    expect(before.fields.size).toBe(9);
    expect(await storedFieldChecksums(restored!)).toEqual(before.fields);
  });

  it('the audit log is still append-only: trigger and revoked grants survived', async () => {
    for (const privilege of ['UPDATE', 'DELETE', 'TRUNCATE']) {
      const { rows } = await queryAs(target.url, null, `SELECT has_table_privilege('catalytic_app', 'audit_logs', $1) AS ok`, [privilege]);
      expect(rows[0].ok, privilege).toBe(false);
    }
    const { rows: insert } = await queryAs(target.url, null, `SELECT has_table_privilege('catalytic_app', 'audit_logs', 'INSERT') AS ok`);
    expect(insert[0].ok).toBe(true);
    // Even the owner (no grant can stop it) meets the trigger.
    await expect(queryAs(target.url, null, `UPDATE audit_logs SET action = 'forged'`)).rejects.toThrow(/audit_logs rows cannot be update/);
    await expect(queryAs(target.url, null, 'DELETE FROM audit_logs')).rejects.toThrow(/audit_logs rows cannot be delete/);
    await expect(queryAs(target.url, null, 'TRUNCATE audit_logs')).rejects.toThrow(/audit_logs rows cannot be truncate/);
    // And it still grows: a new audited change appends.
    const owner = data.accounts[0];
    const countBefore = (await getJson(restored!, '/api/v1/audit-logs?limit=100', owner.accessToken)).length;
    const key = await restored!.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/api-keys',
      headers: bearer(owner.accessToken),
      payload: { name: 'after-restore', scopes: ['read'] },
    });
    expect(key.statusCode, key.body).toBe(201);
    expect((await getJson(restored!, '/api/v1/audit-logs?limit=100', owner.accessToken)).length).toBe(countBefore + 1);
  });

  it('the job queued before the backup runs to completion on the restored service', { timeout: 90_000 }, async () => {
    await restored!.runtime.jobRunner.start();
    const owner = data.accounts[0];
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await getJson(restored!, `/api/v1/jobs/${data.queuedJobId}`, owner.accessToken)).status;
      if (status === 'succeeded' || status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('succeeded');
  });

  it('refuses to restore over a database that holds data, and says how to replace it', async () => {
    const again = await runCatalytic(['restore', path.join(workDir, 'catalytic.dump')], { DATABASE_URL: target.url }, workDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty.*--clean/);
  });

  it('records the measured recovery figures', async () => {
    expect(times.backup_bytes).toBeGreaterThan(0);
    expect(times.restore_seconds).toBeGreaterThan(0);
    const kind = inject('databaseKind');
    const dir = path.join(ROOT, '.catalytic');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, `restore-drill-${kind}.json`),
      `${JSON.stringify({ database: kind, measured_at: new Date().toISOString(), ...times }, null, 2)}\n`,
    );
  });
});

describe('catalytic backup on the embedded PostgreSQL (no DATABASE_URL)', () => {
  it('backs up the embedded database whether it has to start the server or one is already running', { timeout: 240_000 }, async () => {
    const dataDir = path.join(ROOT, '.catalytic', `test-cli-embedded-${process.pid}`);
    const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    const restoredInto: { drop(): Promise<void> }[] = [];
    try {
      const migrate = await runCatalytic(['migrate'], env, workDir);
      expect(migrate.code, migrate.stderr).toBe(0);
      // Started by the command itself, and stopped again.
      const cold = await runCatalytic(['backup', '--out', path.join(workDir, 'cold.dump')], env, workDir);
      expect(cold.code, cold.stderr).toBe(0);
      // A running server (as under `catalytic serve`) is used, not started a second time on the same data.
      const { startEmbeddedPostgres } = await import('../../src/platform/embedded-postgres.js');
      const running = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: Number(env.EMBEDDED_POSTGRES_PORT),
        database: 'catalytic',
      });
      try {
        const warm = await runCatalytic(['backup', '--out', path.join(workDir, 'warm.dump')], env, workDir);
        expect(warm.code, warm.stderr).toBe(0);
      } finally {
        await running.stop();
      }
      for (const file of ['cold.dump', 'warm.dump']) {
        const into = await createEmptyDatabase();
        restoredInto.push(into);
        const restore = await runCatalytic(['restore', path.join(workDir, file)], { DATABASE_URL: into.url }, workDir);
        expect(restore.code, restore.stderr).toBe(0);
        const { rows } = await queryAs(into.url, null, 'SELECT count(*)::int AS n FROM schema_migrations');
        expect(rows[0].n, file).toBe((await readMigrations()).length);
      }
    } finally {
      for (const db of restoredInto) await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
