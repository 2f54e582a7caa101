import type { Queryable } from '../../platform/database.js';

/** A cached result as stored: the JSON with typed-array references and their bytes. */
export interface StoredEntry {
  result: unknown;
  blob: Buffer | null;
}

export interface NewEntry {
  tenantId: string;
  key: string;
  latticeId: string;
  /** "version:updated_at" of the lattice the result was computed on. */
  latticeVersion: string;
  operation: string;
  /** The JSON text of the result. */
  result: string;
  blob: Buffer | null;
  bytes: number;
  /** The lattice row's version and updated_at (to the millisecond) the entry is only written for. */
  version: number;
  updatedAt: string;
}

/**
 * The entry for `key`, its hit counted, in ONE round trip: every synchronous
 * operation pays this lookup. knowledge_cache_hit (migration 006) scopes its
 * own transaction to the tenant from its parameter and commits without
 * waiting for the WAL flush, so `db` needs no transaction around it.
 */
export async function hit(
  db: Queryable,
  e: { tenantId: string; key: string; latticeId: string; latticeVersion: string },
): Promise<StoredEntry | undefined> {
  const { rows } = await db.query<StoredEntry>('SELECT result, blob FROM knowledge_cache_hit($1, $2, $3, $4)', [
    e.tenantId,
    e.key,
    e.latticeId,
    e.latticeVersion,
  ]);
  return rows[0];
}

/**
 * Writes the entry, in one statement, only while the lattice is still at the
 * entry's version (it may have changed or gone meanwhile), and then deletes
 * the rows of its older versions, never to be served again. Cache rows are
 * disposable: the commit does not wait for the WAL flush. True when written.
 */
export async function write(db: Queryable, e: NewEntry): Promise<boolean> {
  await db.query('SET LOCAL synchronous_commit = off');
  const { rowCount } = await db.query(
    `WITH current AS (
       SELECT 1 FROM lattices WHERE tenant_id = $1 AND id = $3 AND version = $9
         AND to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') = $10
     ), stale AS (
       DELETE FROM knowledge_cache WHERE tenant_id = $1 AND lattice_id = $3 AND lattice_version <> $4 AND EXISTS (SELECT 1 FROM current)
     )
     INSERT INTO knowledge_cache (tenant_id, key, lattice_id, lattice_version, operation, result, blob, bytes)
     SELECT $1, $2, $3, $4, $5, $6::jsonb, $7, $8 WHERE EXISTS (SELECT 1 FROM current)
     ON CONFLICT (tenant_id, key) DO UPDATE SET lattice_id = EXCLUDED.lattice_id, lattice_version = EXCLUDED.lattice_version,
       operation = EXCLUDED.operation, result = EXCLUDED.result, blob = EXCLUDED.blob, bytes = EXCLUDED.bytes, last_hit_at = now()`,
    [e.tenantId, e.key, e.latticeId, e.latticeVersion, e.operation, e.result, e.blob, e.bytes, e.version, e.updatedAt],
  );
  return (rowCount ?? 0) > 0;
}

/** Drops every entry of the lattice; returns how many. */
export async function deleteForLattice(db: Queryable, tenantId: string, latticeId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM knowledge_cache WHERE tenant_id = $1 AND lattice_id = $2', [tenantId, latticeId]);
  return rowCount ?? 0;
}

/** Entries and bytes of the whole table (every tenant: run it in the system scope). */
export async function totals(db: Queryable): Promise<{ entries: number; bytes: number }> {
  const { rows } = await db.query<{ entries: number; bytes: string | null }>(
    'SELECT count(*)::int AS entries, sum(bytes) AS bytes FROM knowledge_cache',
  );
  return { entries: rows[0].entries, bytes: Number(rows[0].bytes ?? 0) };
}

/** Deletes the least recently hit rows until the table fits `maxBytes`, in one statement (system scope); returns how many. */
export async function evictBeyond(db: Queryable, maxBytes: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM knowledge_cache k USING (
       SELECT tenant_id, key FROM (
         SELECT tenant_id, key, sum(bytes) OVER (ORDER BY last_hit_at DESC, key) AS running FROM knowledge_cache
       ) ranked WHERE running > $1
     ) old WHERE k.tenant_id = old.tenant_id AND k.key = old.key`,
    [maxBytes],
  );
  return rowCount ?? 0;
}
