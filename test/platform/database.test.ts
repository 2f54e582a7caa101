/**
 * The database's ways of running work, pipelined: a read's scope and its
 * statement travel together, a transaction's BEGIN rides with its first
 * statements, hot statements are prepared once per connection. What must hold
 * whatever the timing: every statement runs in its own tenant's scope, a
 * transaction is all or nothing, and a failure is reported as the statement's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, prepared, type Queryable } from '../../src/platform/database.js';
import { InvalidValue, UniqueViolation } from '../../src/platform/database-errors.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { createTestDatabase } from '../support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Database;
const tenants = [uuidv7(), uuidv7()];
const [a, b] = tenants;
const TENANT_IDS = prepared('test.tenant_ids', 'SELECT id FROM tenants ORDER BY id');

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection: every unit of work reuses the connection the previous one scoped.
  db = new Database(database.url, 1);
  for (const id of tenants) {
    await db.systemQuery(`INSERT INTO tenants (id, name, slug, plan_code) VALUES ($1, $2, $2, 'free')`, [id, `t-${id}`]);
  }
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const auditCount = async (action: string) =>
  (await db.systemQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_logs WHERE action = $1', [action])).rows[0].n;

describe('Database', () => {
  it("runs each read in its own tenant's scope, one after another and concurrently on one connection", async () => {
    for (const tenant of [a, b, a, b]) {
      const { rows } = await db.tenantRead(tenant, (q) => q.query<{ id: string }>('SELECT id FROM tenants'));
      expect(rows.map((r) => r.id)).toEqual([tenant]);
    }
    const order = [a, b, b, a, b, a];
    const seen = await Promise.all(order.map((tenant) => db.tenantRead(tenant, (q) => q.query<{ id: string }>(TENANT_IDS))));
    expect(seen.map((r) => r.rows.map((row) => row.id))).toEqual(order.map((tenant) => [tenant]));
    // A system transaction on the connection the reads scoped sees every tenant, and the next read is scoped again.
    expect((await db.systemQuery<{ id: string }>('SELECT id FROM tenants WHERE id = ANY($1) ORDER BY id', [tenants])).rows).toHaveLength(2);
    expect((await db.tenantRead(b, (q) => q.query<{ id: string }>(TENANT_IDS))).rows).toEqual([{ id: b }]);
  });

  it("keeps a read's scope across a transaction of another tenant, or of the system, on the same connection", async () => {
    const read = (tenant: string) => db.tenantRead(tenant, (q) => q.query<{ id: string }>(TENANT_IDS)).then((r) => r.rows);
    expect(await read(a)).toEqual([{ id: a }]);
    // The transaction's scope is local: it ends with the transaction, and the connection is back in a's scope.
    expect((await db.tenantTransaction(b, (tx) => tx.query<{ id: string }>(TENANT_IDS))).rows).toEqual([{ id: b }]);
    expect(await read(a)).toEqual([{ id: a }]);
    expect((await db.systemQuery<{ id: string }>('SELECT id FROM tenants WHERE id = ANY($1)', [tenants])).rows).toHaveLength(2);
    expect(await read(a)).toEqual([{ id: a }]);
    const failed = await db.tenantTransaction(b, (tx) => tx.query('SELECT 1 / $1::int', [0])).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(InvalidValue);
    expect((failed as InvalidValue).sqlState).toBe('22012');
    expect(await read(a)).toEqual([{ id: a }]);
    expect(await read(b)).toEqual([{ id: b }]);
  });

  it('rolls back the statements sent ahead of a failing one and throws that statement’s typed error', async () => {
    const id = uuidv7();
    const insert = (tx: Queryable) =>
      tx.query(`INSERT INTO audit_logs (id, tenant_id, actor_type, action) VALUES ($1, $2, 'system', 'test.pipelined')`, [id, a]);
    // Both inserts leave before either is answered: the second repeats the first's key.
    const failure = await db.tenantTransaction(a, (tx) => Promise.all([insert(tx), insert(tx)])).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UniqueViolation);
    expect(await auditCount('test.pipelined')).toBe(0);
    // The connection is clean afterwards: the next transaction commits, in its own scope.
    await db.tenantTransaction(a, (tx) => insert(tx));
    expect(await auditCount('test.pipelined')).toBe(1);
    const visible = await db.tenantTransaction(b, (tx) => tx.query('SELECT 1 FROM audit_logs WHERE id = $1', [id]));
    expect(visible.rowCount).toBe(0);
  });

  it('keeps a read that fails from leaking its scope or its error into the next', async () => {
    const failure = await db.tenantRead(a, (q) => q.query('SELECT 1 / $1::int', [0])).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(InvalidValue);
    expect((failure as InvalidValue).sqlState).toBe('22012');
    expect((await db.tenantRead(b, (q) => q.query<{ id: string }>(TENANT_IDS))).rows).toEqual([{ id: b }]);
  });

  it('prepares a named statement once per connection and uses it again after it failed', async () => {
    const divide = prepared('test.divide', 'SELECT 10 / $1::int AS q');
    const failure = await db.tenantRead(a, (q) => q.query(divide, [0])).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(InvalidValue);
    expect((failure as InvalidValue).sqlState).toBe('22012');
    const answers = await db.tenantRead(a, async (q) => [(await q.query(divide, [2])).rows[0].q, (await q.query(divide, [5])).rows[0].q]);
    expect(answers).toEqual([5, 2]);
    const statements = await db.tenantRead(a, (q) =>
      q.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'test.%' ORDER BY name`),
    );
    expect(statements.rows.map((r) => r.name)).toEqual(['test.divide', 'test.tenant_ids']);
  });
});
