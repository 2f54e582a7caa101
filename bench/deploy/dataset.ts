import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';

/**
 * A database worth restoring, made through the API the way customers make it:
 * tenants with owners, API keys, lattices whose value fields were transformed
 * (stored field versions), operation history, a job still queued and the
 * audit entries all of that wrote. Shared by the restore test and the
 * backup/restore benchmark.
 */

export const DATASET_PASSWORD = 'Restore-Drill-2048';

export interface DatasetAccount {
  email: string;
  tenantId: string;
  accessToken: string;
  latticeIds: string[];
}

export interface Dataset {
  accounts: DatasetAccount[];
  /** A job accepted but never run (no worker was up): the restored queue must still hold it. */
  queuedJobId: string;
}

async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH', url: string, token: string | null, payload?: object) {
  const res = await app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Fills the database behind `app` with `tenants` tenants of `latticesPerTenant` lattices each. */
export async function fillThroughApi(app: FastifyInstance, tenants: number, latticesPerTenant: number): Promise<Dataset> {
  const accounts: DatasetAccount[] = [];
  let queuedJobId = '';
  for (let t = 0; t < tenants; t++) {
    const email = `drill-${t}-${randomBytes(4).toString('hex')}@example.com`;
    const reg = await call(app, 'POST', '/api/v1/auth/register', null, {
      email,
      password: DATASET_PASSWORD,
      plan_code: 'enterprise',
      company_name: `Drill ${t}`,
    });
    const token: string = reg.access_token;
    await call(app, 'POST', '/api/v1/tenants/api-keys', token, { name: `ci-${t}`, scopes: ['read'] });
    const latticeIds: string[] = [];
    for (let l = 0; l < latticesPerTenant; l++) {
      const lattice = await call(app, 'POST', '/api/v1/lattices', token, {
        name: `drill ${t}.${l}`,
        shape: [8 + l, 6],
        metadata: { tenant: t, index: l },
      });
      latticeIds.push(lattice.id);
      await call(app, 'POST', `/api/v1/lattices/${lattice.id}/transform`, token, {
        transformation_type: 'xor',
        parameters: { key: `k-${t}-${l}` },
      });
      await call(app, 'POST', `/api/v1/lattices/${lattice.id}/transform`, token, {
        transformation_type: 'scale',
        parameters: { factor: 1.5 + l },
      });
      await call(app, 'POST', `/api/v1/lattices/${lattice.id}/path`, token, { start: [0, 0], end: [3 + l, 5] });
      await call(app, 'PATCH', `/api/v1/lattices/${lattice.id}`, token, { metadata: { tenant: t, index: l, patched: true } });
    }
    if (t === 0) {
      const job = await call(app, 'POST', `/api/v1/lattices/${latticeIds[0]}/path?async=true`, token, { start: [0, 0], end: [7, 5] });
      queuedJobId = job.job_id;
    }
    accounts.push({ email, tenantId: reg.tenant_id, accessToken: token, latticeIds });
  }
  return { accounts, queuedJobId };
}

/** Tops `table` up to `target` rows with copies of its rows under fresh ids (and `overrides`, jsonb_build_object pairs). */
async function copyRows(client: pg.Client, table: string, target: number, overrides: string): Promise<void> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  const missing = target - Number(rows[0].n);
  if (missing <= 0) return;
  await client.query(
    `INSERT INTO ${table}
     SELECT (jsonb_populate_record(null::${table}, to_jsonb(src) || jsonb_build_object('id', gen_random_uuid()${overrides ? `, ${overrides}` : ''}))).*
     FROM generate_series(1, $1) AS g
     CROSS JOIN LATERAL (SELECT * FROM ${table} ORDER BY id LIMIT 1 OFFSET (g % (SELECT count(*) FROM ${table}))) AS src`,
    [missing],
  );
}

/**
 * Grows the tables by copying rows the API wrote, with fresh ids, to the sizes
 * the benchmark names: `lattices` lattices and `operations` operation rows in
 * all. Copies keep every constraint and foreign key the originals satisfy.
 */
export async function growBySql(url: string, lattices: number, operations: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET app.bypass_rls = 'on'`);
    await client.query('BEGIN');
    await copyRows(client, 'lattices', lattices, `'version', 1, 'field_version', 0`);
    await copyRows(client, 'lattice_operations', operations, '');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
