import { latticeMemory } from '../../engine/analyze.js';
import { materializeField } from '../../engine/field.js';
import { MAX_MATERIALIZED_VERTICES, type Lattice } from '../../engine/lattice.js';
import type { Database, Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import { AppError, notFound } from '../errors.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import { auditChange, type Caller } from '../auth/caller.js';
import { latticeEventData, recordEvent } from '../outbox/events.js';
import * as fields from './field-repository.js';
import type { LatticeCache } from './lattice-cache.js';
import * as lattices from './lattice-repository.js';
import type { LatticeFilter, LatticeRow } from './lattice-repository.js';
import type { CreateLatticeInput, LatticeView, UpdateLatticeInput } from './lattice-schemas.js';
import { buildLattice, resolveCreateInput, resolveUpdateInput } from './lattice-validation.js';
import { latticeView } from './lattice-view.js';
import { assertWithinPlan, type LatticePlanLimits } from '../plans/plan-limit-checks.js';

/** The tenant a lattice is looked up in: a request's principal, or the tenant a job acts for. */
export type TenantScope = Pick<Principal, 'tenantId'>;

export interface LatticeServiceDeps {
  db: Database;
  cache: LatticeCache;
}

export interface LoadOptions {
  /** Load (or materialise) the value field too; checked against the plan's max_materialized_vertices. */
  withField?: boolean;
  /** A budget tighter than the plan's, for the field; the plan's limit always applies. */
  maxMaterializedVertices?: number;
}

export interface LoadedLattice {
  row: LatticeRow;
  lattice: Lattice;
  /** The version the field was stored at; 0 when it is the engine's default field (never saved). */
  fieldVersion: number;
}

export interface SavedField {
  version: number;
  checksum: string;
}

/** What withLatticeLock knows about its transaction, so saveField can cache the new version after commit. */
interface LockContext {
  row: LatticeRow;
  saved: { version: number; field: Float64Array } | null;
}

// A load that finds its field replaced by a newer version re-reads the row this many times before giving up.
const LOAD_ATTEMPTS = 3;

const conflict = () => new AppError('conflict', 'The lattice changed while this operation ran; retry it');

/**
 * Lattices of a tenant: CRUD with plan limits and audit, plus what the
 * operation routes build on: engine lattices from a hot cache, the value
 * field (stored compressed, materialised on first use) and per-lattice
 * serialisation of writers.
 */
export class LatticeService {
  private readonly locks = new Map<Queryable, LockContext>();
  // Concurrent first loads of one (lattice, version) share the work.
  private readonly loading = new Map<string, Promise<Lattice | null>>();

  constructor(private readonly d: LatticeServiceDeps) {}

  /** Creates a lattice in O(d) whatever its vertex count; validation_failed for a bad spec, plan_limit_exceeded past a plan limit. */
  async create(caller: Caller, input: CreateLatticeInput): Promise<LatticeView> {
    const spec = resolveCreateInput(input);
    const lattice = buildLattice(spec);
    const memory = latticeMemory(lattice);
    const { tenantId } = caller.principal;
    const actor = actorOf(caller.principal);
    const id = uuidv7();
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      // The five statements are issued together and travel in one round trip, in this order: the
      // lock (only when the plan counts lattices), the limits with the count (a statement after the
      // lock, so it sees every create committed before it: concurrent creates stay within the
      // limit), the row, its audit entry, its lattice.created event (whose data is all known before
      // the insert). The plan is judged on the answers before COMMIT; a refusal rolls the insert,
      // its audit entry and its event back with the transaction.
      const [, plan, row] = await Promise.all([
        lattices.lockForCreate(tx, tenantId),
        lattices.planLimitsAndCount(tx, tenantId),
        lattices.insert(tx, {
          id,
          tenantId,
          name: spec.name,
          shape: spec.shape,
          boundary: spec.boundary,
          obstacles: spec.obstacles,
          metadata: spec.metadata,
          description: spec.description,
          allow_cpu_fallback: spec.allow_cpu_fallback,
          legacy: spec.legacy,
          vertices: lattice.vertexCount,
          edges: lattice.edgeCount,
          implicitBytes: memory.implicit_bytes,
          explicitCsrBytes: memory.explicit_csr_bytes,
          createdBy: actor.actorId,
          createdByType: actor.actorType,
        }),
        auditChange(
          tx,
          caller,
          'lattice.created',
          { type: 'lattice', id },
          { name: spec.name, shape: spec.shape, boundary: spec.boundary },
        ),
        recordEvent(tx, tenantId, 'lattice.created', latticeEventData({ id, tenant_id: tenantId, name: spec.name, shape: spec.shape })),
      ]);
      if (!plan) throw notFound('Tenant');
      assertWithinPlan(plan.limits, { shape: spec.shape, ...(plan.lattices === null ? {} : { lattices: plan.lattices + 1 }) });
      return latticeView(row);
    });
  }

  /** The tenant's lattices, newest first; one query per page. */
  async list(principal: TenantScope, filter: LatticeFilter, page: PageRequest): Promise<Page<LatticeView>> {
    const { rows, total } = await this.d.db.tenantRead(principal.tenantId, (db) => lattices.list(db, principal.tenantId, filter, page));
    return pageOf(rows, page.limit, total, latticeView);
  }

  async get(principal: TenantScope, id: string): Promise<LatticeView> {
    return latticeView(await this.getLattice(principal, id));
  }

  /** The stored row of a lattice of the caller's tenant; not_found for any other. */
  async getLattice(principal: TenantScope, id: string): Promise<LatticeRow> {
    const row = await this.d.db.tenantRead(principal.tenantId, (db) => lattices.find(db, principal.tenantId, id));
    if (!row) throw notFound('Lattice');
    return row;
  }

  /** Renames and/or replaces the metadata; `version` stays (it counts field changes), updated_at moves. */
  async update(caller: Caller, id: string, input: UpdateLatticeInput): Promise<LatticeView> {
    const patch = resolveUpdateInput(input);
    const { tenantId } = caller.principal;
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await lattices.update(tx, tenantId, id, patch);
      if (!row) throw notFound('Lattice');
      // The audit entry and the event travel together in one round trip.
      await Promise.all([
        auditChange(tx, caller, 'lattice.updated', { type: 'lattice', id: id }, { changed: Object.keys(patch), name: row.name }),
        recordEvent(tx, tenantId, 'lattice.updated', { ...latticeEventData(row), changed: Object.keys(patch) }),
      ]);
      return latticeView(row);
    });
  }

  /** Deletes the lattice with its stored field and operation history. */
  async remove(caller: Caller, id: string): Promise<void> {
    const { tenantId } = caller.principal;
    await this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await lattices.remove(tx, tenantId, id);
      if (!row) throw notFound('Lattice');
      // The audit entry and the event travel together in one round trip.
      await Promise.all([
        auditChange(
          tx,
          caller,
          'lattice.deleted',
          { type: 'lattice', id: id },
          { name: row.name, shape: row.shape, boundary: row.boundary },
        ),
        recordEvent(tx, tenantId, 'lattice.deleted', latticeEventData(row)),
      ]);
    });
    this.d.cache.delete(id);
  }

  /**
   * The engine lattice at its current version, from this process's cache when
   * it holds that version. The result is SHARED: read it, never mutate it or
   * its field (writers use withLatticeLock + loadForUpdate).
   */
  async loadEngineLattice(owner: TenantScope, id: string, opts: LoadOptions = {}): Promise<LoadedLattice> {
    const { tenantId } = owner;
    for (let attempt = 1; ; attempt++) {
      const { row, limits } = await this.d.db.tenantTransaction(tenantId, async (tx) => {
        const found = await lattices.find(tx, tenantId, id);
        if (!found) throw notFound('Lattice');
        return { row: found, limits: opts.withField ? await this.limitsOf(tx, tenantId) : null };
      });
      if (limits) this.assertFieldAllowed(limits, row, opts);
      const lattice = await this.cachedLattice(row, limits);
      if (lattice) return { row, lattice, fieldVersion: row.field_version };
      if (attempt >= LOAD_ATTEMPTS) throw conflict();
    }
  }

  /**
   * `loaded` with its value field (stored, or the engine's default), within
   * the plan's materialisation limit (`limits`, or the tenant's current plan).
   * The lattice row is not read again: the field is the one of the version
   * `loaded` holds, unless a writer replaced it meanwhile, and only then is
   * the lattice read again, at its new version.
   */
  async withField(owner: TenantScope, loaded: LoadedLattice, limits?: LatticePlanLimits): Promise<LoadedLattice> {
    const plan = limits ?? (await this.limitsFor(owner));
    this.assertFieldAllowed(plan, loaded.row, {});
    const lattice = await this.cachedLattice(loaded.row, plan);
    return lattice ? { ...loaded, lattice } : this.loadEngineLattice(owner, loaded.row.id, { withField: true });
  }

  /**
   * Runs `fn` in a tenant transaction holding `SELECT ... FOR UPDATE` on the
   * lattice row, so writers of one lattice run one after another, each seeing
   * the version its predecessor committed. not_found when the lattice is not the
   * caller's tenant's.
   */
  async withLatticeLock<T>(owner: TenantScope, id: string, fn: (tx: Queryable, row: LatticeRow) => Promise<T>): Promise<T> {
    const { tenantId } = owner;
    let context: LockContext | undefined;
    const result = await this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await lattices.findForUpdate(tx, tenantId, id);
      if (!row) throw notFound('Lattice');
      context = { row, saved: null };
      this.locks.set(tx, context);
      try {
        return await fn(tx, row);
      } finally {
        this.locks.delete(tx);
      }
    });
    // Only now is the new version committed, and so safe to serve from the cache.
    if (context?.saved) {
      const lattice = engineLatticeOf(context.row);
      lattice.field = context.saved.field;
      this.d.cache.set(id, context.saved.version, lattice);
    }
    return result;
  }

  /**
   * Inside withLatticeLock: a PRIVATE engine lattice for `row` with its own
   * copy of the field, free to mutate before saveField.
   */
  async loadForUpdate(tx: Queryable, row: LatticeRow, opts: Omit<LoadOptions, 'withField'> = {}): Promise<LoadedLattice> {
    const limits = await this.limitsOf(tx, row.tenant_id);
    this.assertFieldAllowed(limits, row, opts);
    const lattice = engineLatticeOf(row);
    const cached = this.d.cache.get(row.id, row.version);
    if (cached?.field) {
      lattice.field = cached.field.slice();
    } else {
      const field = await this.storedOrDefaultField(tx, row, lattice, limits, opts);
      if (!field) throw conflict();
      lattice.field = field;
    }
    return { row, lattice, fieldVersion: row.field_version };
  }

  /**
   * Stores `field` as the lattice's next version if it is still at
   * `expectedVersion` (conflict otherwise) and returns the new version.
   * The field is taken over: do not mutate it afterwards. Called inside
   * withLatticeLock, the new version is also cached once the transaction commits.
   */
  async saveField(tx: Queryable, tenantId: string, latticeId: string, field: Float64Array, expectedVersion: number): Promise<SavedField> {
    const advanced = await lattices.advanceFieldVersion(tx, tenantId, latticeId, expectedVersion);
    if (advanced === null) throw conflict();
    const { version, vertices } = advanced;
    // A caller's bug, not a client's: the transaction rolls back and the request fails loudly.
    if (field.length !== vertices) throw new Error(`a field of ${field.length} values for a lattice of ${vertices} vertices`);
    const { checksum } = await fields.save(tx, { tenantId, latticeId, version, field });
    const context = this.locks.get(tx);
    if (context && context.row.id === latticeId) context.saved = { version, field };
    return { version, checksum };
  }

  /** The lattice's plan limits (tenant's current plan). */
  async limitsFor(owner: TenantScope): Promise<LatticePlanLimits> {
    return this.d.db.tenantTransaction(owner.tenantId, (tx) => this.limitsOf(tx, owner.tenantId));
  }

  private async limitsOf(tx: Queryable, tenantId: string): Promise<LatticePlanLimits> {
    const limits = await lattices.planLimits(tx, tenantId);
    if (!limits) throw notFound('Tenant');
    return limits;
  }

  /** plan_limit_exceeded past the plan's materialisation limit, validation_failed past the engine's own. */
  private assertFieldAllowed(limits: LatticePlanLimits, row: LatticeRow, opts: LoadOptions): void {
    const budget = opts.maxMaterializedVertices;
    const effective =
      budget === undefined ? limits : { ...limits, maxMaterializedVertices: tighter(limits.maxMaterializedVertices, budget) };
    assertWithinPlan(effective, { materializedVertices: row.vertices });
    if (row.vertices > MAX_MATERIALIZED_VERTICES) {
      throw new AppError(
        'validation_failed',
        `This lattice has ${row.vertices} vertices; an operation can hold at most ${MAX_MATERIALIZED_VERTICES} in memory`,
      );
    }
  }

  /**
   * The cached lattice for the row's version, loading it on a miss, with its
   * field when `fieldLimits` is given; null when the field was replaced meanwhile.
   */
  private async cachedLattice(row: LatticeRow, fieldLimits: LatticePlanLimits | null): Promise<Lattice | null> {
    const cached = this.d.cache.get(row.id, row.version);
    if (cached && (!fieldLimits || cached.field)) return cached;
    if (!fieldLimits) {
      const lattice = engineLatticeOf(row);
      this.d.cache.set(row.id, row.version, lattice);
      return lattice;
    }
    const key = `${row.id}:${row.version}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadWithField(row, cached, fieldLimits).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async loadWithField(row: LatticeRow, cached: Lattice | undefined, limits: LatticePlanLimits): Promise<Lattice | null> {
    const lattice = cached ?? engineLatticeOf(row);
    const field = await this.d.db.tenantTransaction(row.tenant_id, (tx) => this.storedOrDefaultField(tx, row, lattice, limits, {}));
    if (!field) return null;
    // Attaching a field of the same version to a shared entry changes nothing its readers rely on.
    lattice.field = field;
    this.d.cache.set(row.id, row.version, lattice);
    return lattice;
  }

  /** The field stored for the row's version, else the engine's default when none was ever stored; null when replaced. */
  private async storedOrDefaultField(
    tx: Queryable,
    row: LatticeRow,
    lattice: Lattice,
    limits: LatticePlanLimits,
    opts: LoadOptions,
  ): Promise<Float64Array | null> {
    if (row.field_version > 0) return fields.load(tx, row.id, row.field_version);
    const budget = tighter(limits.maxMaterializedVertices, opts.maxMaterializedVertices);
    return materializeField(lattice, {}, budget < 0 ? {} : { maxMaterializedVertices: budget });
  }
}

/** The engine lattice a stored row describes; O(d), plus O(k·d) for k obstacle coordinates. */
function engineLatticeOf(row: LatticeRow): Lattice {
  return buildLattice({ shape: row.shape, boundary: row.boundary, obstacles: row.obstacles, shapeField: 'shape' });
}

/** The smaller of two budgets where -1 (or undefined) means unlimited. */
function tighter(limit: number, budget: number | undefined): number {
  if (budget === undefined || budget < 0) return limit;
  return limit < 0 ? budget : Math.min(limit, budget);
}
