import pg from 'pg';
import { translateDatabaseError } from './database-errors.js';

/**
 * A statement prepared once per connection under its name (PostgreSQL parses
 * and plans it on first use, then only binds and executes). For hot paths with
 * a fixed text; the name must be unique to the text across the process.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** A named statement for a hot path (see PreparedStatement). */
export const prepared = (name: string, text: string): PreparedStatement => ({ name, text });

/**
 * What a repository runs its statements on: a transaction, or a scoped connection.
 * Statements issued without awaiting the previous one are pipelined: they go to
 * the server at once and are answered in order, in one round trip.
 */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | PreparedStatement, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A read's RLS scope, at session level (see tenantRead).
const READ_SCOPE = `SELECT set_config('app.tenant_id', $1, false), set_config('app.bypass_rls', 'off', false)`;

// Row-level security is a second wall behind the tenant filter every repository
// writes. Connections drop to this role so the policies apply even when the
// configured login is a superuser (superusers and table owners bypass RLS).
export const APP_ROLE = 'catalytic_app';
const DROP_TO_APP_ROLE = `DO $$ BEGIN IF pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN SET ROLE ${APP_ROLE}; END IF; END $$`;

/** A request waits at most this long for a connection (a full pool, or a server that does not answer), then fails with 503. */
const CONNECT_TIMEOUT_MS = 5_000;

function rethrow(err: unknown): never {
  throw translateDatabaseError(err);
}

/** The client as repositories see it: failures arrive as the typed errors of database-errors.ts. */
function queryable(client: pg.PoolClient): Queryable {
  return {
    query: <R extends pg.QueryResultRow>(statement: string | PreparedStatement, values?: unknown[]) =>
      (typeof statement === 'string'
        ? client.query<R>(statement, values)
        : client.query<R>({ name: statement.name, text: statement.text, values })
      ).catch(rethrow),
  };
}

/**
 * Runs `issue` with the connection's socket corked: every statement it issues
 * synchronously (a scope and `fn`'s first statements, up to `fn`'s first await)
 * leaves in ONE write, not one system call each.
 */
function inOneWrite<T>(client: pg.PoolClient, issue: () => T): T {
  const socket = client.connection.stream;
  socket.cork();
  try {
    return issue();
  } finally {
    socket.uncork();
  }
}

/** Awaits a statement sent ahead without its answer being awaited; undefined when it succeeded, else its error. */
const settled = (sent: Promise<unknown>): Promise<unknown> =>
  sent.then(
    () => undefined,
    (err: unknown) => err,
  );

/**
 * The PostgreSQL pool plus the ways of running work on it: inside one tenant
 * (RLS scoped to that tenant) or as the system (RLS bypassed, for the few
 * queries that must look across tenants: login by email, API-key lookup).
 * Repositories receive the Queryable these hand out; nothing else touches a
 * connection.
 */
export class Database {
  private readonly pool: pg.Pool;
  /** Connections already dropped to APP_ROLE. */
  private readonly scoped = new WeakSet<pg.PoolClient>();
  /** The tenant whose scope each connection holds at session level (set by tenantRead). */
  private readonly readScopes = new WeakMap<pg.PoolClient, string>();

  constructor(connectionString: string, max: number) {
    // Pipeline mode: a statement is written as soon as it is issued, not when the previous one is
    // answered, so a scope and the statement it scopes (or a transaction's BEGIN and its first
    // statements) travel in one round trip. Each statement keeps its own Sync: one failing
    // does not swallow the answers of the others.
    this.pool = new pg.Pool({
      connectionString,
      max,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      pipeline: true,
    });
    // A pool error on an idle client is not fatal; the client is discarded.
    this.pool.on('error', () => undefined);
    // A connection lost while checked out (the server shutting down) is emitted as an error event,
    // which unheard would crash the process; the next statement fails instead. The listener goes on
    // as the client is made: a server that accepts a connection and terminates it at once sends both
    // in one packet, parsed before the caller that asked for the client runs again.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * A pooled connection, dropped to APP_ROLE on its first checkout. The role
   * change is awaited: if it fails the connection is destroyed and the caller
   * fails, rather than running without row-level security. Failures arrive
   * typed (DatabaseUnavailable when the server cannot be reached).
   */
  private async checkout(): Promise<pg.PoolClient> {
    const client = await this.pool.connect().catch(rethrow);
    if (this.scoped.has(client)) return client;
    try {
      await client.query(DROP_TO_APP_ROLE);
    } catch (err) {
      client.release(true);
      rethrow(err);
    }
    this.scoped.add(client);
    return client;
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
   * Runs read-only `fn` in the tenant's RLS scope without a transaction block,
   * in ONE round trip for a single statement: the scope is set at session level
   * and pipelined with `fn`'s first statement, unless the connection already
   * holds this tenant's scope from its previous read. Should the scope fail,
   * whatever `fn` read is thrown away and the scope's error is thrown: nothing
   * read under another scope leaves here.
   */
  async tenantRead<T>(tenantId: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error('tenantRead needs a UUID tenant id');
    const client = await this.checkout();
    try {
      // The session scope is set only here; a transaction's scope is local and ends with it. A
      // connection whose last read was this tenant's still holds its scope: nothing to send.
      if (this.readScopes.get(client) === tenantId) return await fn(queryable(client));
      this.readScopes.delete(client);
      const [scoped, work] = inOneWrite(client, () => [
        settled(client.query({ name: 'catalytic.tenant_read_scope', text: READ_SCOPE, values: [tenantId] })),
        fn(queryable(client)),
      ]);
      const result = await work.catch(async (err: unknown) => {
        const scopeError = await scoped;
        throw scopeError ? translateDatabaseError(scopeError) : err;
      });
      const scopeError = await scoped;
      if (scopeError) rethrow(scopeError);
      this.readScopes.set(client, tenantId);
      return result;
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
    const client = await this.checkout();
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
    const client = await this.checkout();
    try {
      // BEGIN and the scope setting are one simple-protocol message (no parameters), pipelined with
      // `fn`'s first statements: no round trip of their own. Should that message fail, the
      // transaction is aborted (or never began) and its error is thrown, not `fn`'s result.
      const [begun, work] = inOneWrite(client, () => [settled(client.query(`BEGIN; ${scope}`)), fn(queryable(client))]);
      const result = await work.catch(async (err: unknown) => {
        const beginError = await begun;
        throw beginError ? translateDatabaseError(beginError) : err;
      });
      const beginError = await begun;
      if (beginError) rethrow(beginError);
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
