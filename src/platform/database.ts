import pg from 'pg';
import { translateDatabaseError } from './database-errors.js';

/** What a repository runs its statements on: a transaction, or a scoped connection. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Row-level security is a second wall behind the tenant filter every repository
// writes. Connections drop to this role so the policies apply even when the
// configured login is a superuser (superusers and table owners bypass RLS).
export const APP_ROLE = 'catalytic_app';

function rethrow(err: unknown): never {
  throw translateDatabaseError(err);
}

/** The client as repositories see it: failures arrive as the typed errors of database-errors.ts. */
function queryable(client: pg.PoolClient): Queryable {
  return { query: (text, values) => client.query(text, values).catch(rethrow) };
}

/**
 * The PostgreSQL pool plus the ways of running work on it: inside one tenant
 * (RLS scoped to that tenant) or as the system (RLS bypassed, for the few
 * queries that must look across tenants: login by email, API-key lookup).
 * Repositories receive the Queryable these hand out; nothing else touches a
 * connection.
 */
export class Database {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, max: number) {
    this.pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
    // A pool error on an idle client is not fatal; the client is discarded.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => {
      client
        .query(`DO $$ BEGIN IF pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN SET ROLE ${APP_ROLE}; END IF; END $$`)
        .catch(() => undefined);
    });
  }

  /**
   * Runs `fn` in a transaction whose RLS scope is `tenantId`. The scope is the
   * one place a tenant id is written into SQL text: BEGIN and set_config travel
   * in one simple-protocol message, which takes no parameters, and a separate
   * parameterised statement would add a round trip to every transaction. The
   * id is checked to be a UUID first, so it cannot carry SQL.
   */
  tenantTransaction<T>(tenantId: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error('tenantTransaction needs a UUID tenant id');
    return this.transaction(`SELECT set_config('app.tenant_id', '${tenantId}', true)`, fn);
  }

  /**
   * Runs read-only `fn` in the tenant's RLS scope without a transaction block:
   * two round trips instead of BEGIN / query / COMMIT's three. The scope is set
   * at session level and every checkout sets it again before use.
   */
  async tenantRead<T>(tenantId: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error('tenantRead needs a UUID tenant id');
    const client = await this.pool.connect();
    try {
      await client
        .query(`SELECT set_config('app.tenant_id', $1, false), set_config('app.bypass_rls', 'off', false)`, [tenantId])
        .catch(rethrow);
      return await fn(queryable(client));
    } finally {
      client.release();
    }
  }

  /**
   * Runs `fn` on a pooled connection without a transaction block: each
   * statement commits on its own, in ONE round trip, and must scope itself (a
   * SQL function that takes the tenant id as a parameter and sets the scope of
   * its own transaction, such as knowledge_cache_hit). The connection may
   * still carry the session scope an earlier tenantRead left, which such a
   * function overrides; a statement that does not scope itself has no place here.
   */
  async selfScoped<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(queryable(client));
    } finally {
      client.release();
    }
  }

  /** Runs `fn` in a transaction allowed to see every tenant's rows. */
  systemTransaction<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    return this.transaction(`SELECT set_config('app.bypass_rls', 'on', true)`, fn);
  }

  /** A single statement in the tenant's RLS scope (tests and operators; services go through repositories). */
  tenantQuery<R extends pg.QueryResultRow>(tenantId: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.tenantTransaction(tenantId, (db) => db.query<R>(text, values));
  }

  /** A single statement across tenants (tests and operators; services go through repositories). */
  systemQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.systemTransaction((db) => db.query<R>(text, values));
  }

  /** The pool's own counters (connections total, idle, callers waiting), for metrics. */
  get poolCounts(): Readonly<Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>> {
    return this.pool;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(scope: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // BEGIN and the scope setting travel in one round trip (simple protocol, no parameters).
      await client.query(`BEGIN; ${scope}`).catch(rethrow);
      const result = await fn(queryable(client));
      await client.query('COMMIT').catch(rethrow);
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
