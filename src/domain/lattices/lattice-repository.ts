import type { Boundary, ObstacleSpec } from '../../engine/lattice.js';
import { prepared, type Queryable } from '../../platform/database.js';
import { newerThanCursor, POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest } from '../page.js';
import type { LegacyFields } from './lattice-schemas.js';
import type { LatticePlanLimits } from '../plans/plan-limit-checks.js';

/** A stored lattice, as services see it: numbers for the bigint columns, ISO-8601 strings for times. */
/** What a lattice is, as its request resolves to it and as it is stored. */
export interface LatticeDefinition {
  name: string;
  shape: number[];
  boundary: Boundary;
  obstacles: ObstacleSpec | null;
  metadata: Record<string, unknown>;
  description: string | null;
  /** false: an operation that asks for the GPU is refused where none can be used. */
  allow_cpu_fallback: boolean;
  legacy: LegacyFields;
}

export interface LatticeRow extends LatticeDefinition {
  id: string;
  tenant_id: string;
  vertices: number;
  edges: number;
  implicit_bytes: number;
  explicit_csr_bytes: number;
  /** Counts changes of the value field; starts at 1. */
  version: number;
  /** The version the stored field was written at; 0 when none is stored. */
  field_version: number;
  created_at: string;
  updated_at: string;
  /** created_at to the microsecond: the keyset position of the row (see page-position-sql.ts). */
  position_at: string;
}

export interface NewLattice extends LatticeDefinition {
  id: string;
  tenantId: string;
  vertices: number;
  edges: number;
  implicitBytes: number;
  explicitCsrBytes: number;
  createdBy: string | null;
  createdByType: 'user' | 'api_key' | 'system';
}

export interface LatticeFilter {
  /** Case-insensitive substring of the name. */
  name?: string;
}

type RawRow = Omit<LatticeRow, 'shape' | 'vertices' | 'edges' | 'implicit_bytes'> & {
  shape: string[];
  vertices: string;
  edges: string;
  implicit_bytes: string;
};

const ISO_MS = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Times are formatted by PostgreSQL: the list route then parses no dates at all.
const COLUMNS = `id, tenant_id, name, shape, boundary, obstacles, metadata, description, allow_cpu_fallback, legacy, vertices, edges, implicit_bytes,
  explicit_csr_bytes, version, field_version, ${ISO_MS('created_at')} AS created_at, ${ISO_MS('updated_at')} AS updated_at,
  ${POSITION_SQL} AS position_at`;

// The hot paths' statements, prepared once per connection.
const FIND = prepared('lattices.find', `SELECT ${COLUMNS} FROM lattices WHERE tenant_id = $1 AND id = $2`);
const INSERT = prepared(
  'lattices.insert',
  `INSERT INTO lattices (id, tenant_id, name, shape, boundary, obstacles, metadata, legacy, vertices, edges,
     implicit_bytes, explicit_csr_bytes, created_by, created_by_type, description, allow_cpu_fallback)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${COLUMNS}`,
);
const PLAN_COLUMNS = 'p.code, p.max_lattices, p.max_dimensions, p.max_size, p.max_materialized_vertices';
const PLAN_LIMITS = prepared(
  'lattices.plan_limits',
  `SELECT ${PLAN_COLUMNS} FROM tenants t JOIN plans p ON p.code = t.plan_code WHERE t.id = $1`,
);
// Rows the WHERE clause drops are not locked: an unlimited plan takes no lock.
const LOCK_FOR_CREATE = prepared(
  'lattices.lock_for_create',
  `SELECT 1 FROM tenants t JOIN plans p ON p.code = t.plan_code WHERE t.id = $1 AND p.max_lattices >= 0 FOR NO KEY UPDATE OF t`,
);
const PLAN_LIMITS_AND_COUNT = prepared(
  'lattices.plan_limits_and_count',
  `SELECT ${PLAN_COLUMNS},
     CASE WHEN p.max_lattices >= 0 THEN (SELECT count(*)::int FROM lattices l WHERE l.tenant_id = $1) END AS lattices
   FROM tenants t JOIN plans p ON p.code = t.plan_code WHERE t.id = $1`,
);

// bigint columns arrive as strings; every value fits a double exactly (the engine keeps counts ≤ 2^53 − 1).
function revive(raw: RawRow): LatticeRow {
  const row = raw as unknown as LatticeRow;
  row.shape = raw.shape.map(Number);
  row.vertices = Number(raw.vertices);
  row.edges = Number(raw.edges);
  row.implicit_bytes = Number(raw.implicit_bytes);
  return row;
}

/** `%` and `_` in a user's filter are literal characters, not wildcards. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Locks the tenant row against other lattice creations until the transaction
 * ends, when its plan limits the number of lattices (an unlimited plan has
 * nothing to count, so its creates do not queue behind each other). A count
 * taken by a LATER statement of the transaction (planLimitsAndCount) then sees
 * every create committed before the lock, so count-then-insert cannot race past
 * `max_lattices`. NO KEY UPDATE leaves foreign-key checks on the tenant (every
 * other insert of the tenant) unblocked.
 */
export async function lockForCreate(db: Queryable, tenantId: string): Promise<void> {
  await db.query(LOCK_FOR_CREATE, [tenantId]);
}

/** The tenant's plan limits and, when the plan limits them, its lattice count (null when unlimited). */
export async function planLimitsAndCount(
  db: Queryable,
  tenantId: string,
): Promise<{ limits: LatticePlanLimits; lattices: number | null } | null> {
  const { rows } = await db.query<PlanLimitsRaw & { lattices: number | null }>(PLAN_LIMITS_AND_COUNT, [tenantId]);
  return rows[0] ? { limits: limitsOf(rows[0]), lattices: rows[0].lattices } : null;
}

/** The tenant's plan limits, without a lock. */
export async function planLimits(db: Queryable, tenantId: string): Promise<LatticePlanLimits | null> {
  const { rows } = await db.query<PlanLimitsRaw>(PLAN_LIMITS, [tenantId]);
  return rows[0] ? limitsOf(rows[0]) : null;
}

export async function count(db: Queryable, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lattices WHERE tenant_id = $1', [tenantId]);
  return rows[0].n;
}

export async function insert(db: Queryable, l: NewLattice): Promise<LatticeRow> {
  const { rows } = await db.query<RawRow>(INSERT, [
    l.id,
    l.tenantId,
    l.name,
    l.shape,
    l.boundary,
    l.obstacles === null ? null : JSON.stringify(l.obstacles),
    l.metadata,
    l.legacy,
    l.vertices,
    l.edges,
    l.implicitBytes,
    l.explicitCsrBytes,
    l.createdBy,
    l.createdByType,
    l.description,
    l.allow_cpu_fallback,
  ]);
  return revive(rows[0]);
}

/**
 * One page of the tenant's lattices, newest first, and the total matching
 * the filter, in one statement; `limit + 1` rows tell whether a next page exists.
 */
export async function list(
  db: Queryable,
  tenantId: string,
  filter: LatticeFilter,
  page: PageRequest,
): Promise<{ rows: LatticeRow[]; total: number }> {
  const matchValues: unknown[] = [tenantId];
  let match = 'tenant_id = $1';
  if (filter.name !== undefined && filter.name !== '') {
    matchValues.push(`%${likeEscape(filter.name)}%`);
    match += ' AND lower(name) LIKE lower($2)';
  }
  const values = [...matchValues];
  const after = newerThanCursor(values, page);
  values.push(page.limit + 1);
  // Four texts in all (filter or not, cursor or not): each is prepared once per connection.
  const statement = prepared(
    `lattices.list.${values.length - 1}.${after ? 'after' : 'first'}`,
    `SELECT ${COLUMNS}, (SELECT count(*)::int FROM lattices WHERE ${match}) AS total
     FROM lattices WHERE ${match} ${after} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
  );
  const { rows } = await db.query<RawRow & { total: number }>(statement, values);
  if (rows.length > 0) return { rows: rows.map(revive), total: rows[0].total };
  // Past the last page there is no row to carry the total.
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lattices WHERE ${match}`, matchValues)).rows[0].n;
  return { rows: [], total };
}

export async function find(db: Queryable, tenantId: string, id: string): Promise<LatticeRow | null> {
  const { rows } = await db.query<RawRow>(FIND, [tenantId, id]);
  return rows[0] ? revive(rows[0]) : null;
}

/** The row, locked until the transaction ends: writers of one lattice's field queue here. */
export async function findForUpdate(db: Queryable, tenantId: string, id: string): Promise<LatticeRow | null> {
  const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM lattices WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
  return rows[0] ? revive(rows[0]) : null;
}

/** Changes name and/or metadata; `version` is untouched (it counts field changes). */
export async function update(
  db: Queryable,
  tenantId: string,
  id: string,
  patch: { name?: string; metadata?: Record<string, unknown> },
): Promise<LatticeRow | null> {
  const { rows } = await db.query<RawRow>(
    `UPDATE lattices SET name = coalesce($3, name), metadata = coalesce($4, metadata), updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, id, patch.name ?? null, patch.metadata ?? null],
  );
  return rows[0] ? revive(rows[0]) : null;
}

/** Deletes the lattice; its field chunks and operation history go with it (ON DELETE CASCADE). */
export async function remove(db: Queryable, tenantId: string, id: string): Promise<LatticeRow | null> {
  const { rows } = await db.query<RawRow>(`DELETE FROM lattices WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenantId, id]);
  return rows[0] ? revive(rows[0]) : null;
}

/**
 * Moves the lattice to the next version with a new stored field, only if it
 * is still at `expected` (optimistic concurrency). Returns the new version
 * and the vertex count, or null when the lattice moved on (or is gone).
 */
export async function advanceFieldVersion(
  db: Queryable,
  tenantId: string,
  id: string,
  expected: number,
): Promise<{ version: number; vertices: number } | null> {
  const { rows } = await db.query<{ version: number; vertices: string }>(
    `UPDATE lattices SET version = version + 1, field_version = version + 1, updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND version = $3 RETURNING version, vertices`,
    [tenantId, id, expected],
  );
  return rows[0] ? { version: rows[0].version, vertices: Number(rows[0].vertices) } : null;
}

interface PlanLimitsRaw {
  code: string;
  max_lattices: number;
  max_dimensions: number;
  max_size: number;
  max_materialized_vertices: string;
}

const limitsOf = (p: PlanLimitsRaw): LatticePlanLimits => ({
  planCode: p.code,
  maxLattices: p.max_lattices,
  maxDimensions: p.max_dimensions,
  maxSize: p.max_size,
  maxMaterializedVertices: Number(p.max_materialized_vertices),
});
