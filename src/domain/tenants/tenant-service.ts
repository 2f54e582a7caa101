import type { Database, Queryable } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { auditBy, auditChange, type Caller } from '../auth/caller.js';
import { recordAudit, type AuditEntry } from '../audit/audit-repository.js';
import { revocationKeys } from '../auth/revocation.js';
import { bumpEpochs } from '../auth/epochs.js';
import * as plans from '../plans/plan-repository.js';
import type { PlanService } from '../plans/plan-service.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import * as tenants from './tenant-repository.js';
import type { TenantRow } from './tenant-repository.js';
import type { TenantView } from './tenant-schemas.js';
import { tenantView } from './views.js';

export interface TenantServiceDeps {
  db: Database;
  planService: PlanService;
  store: KeyValueStore;
  catalog: PlanCatalog;
}

/** Who made a change, as its audit row names them, and what the row adds about them. */
export type ChangedBy = Pick<AuditEntry, 'actorId' | 'actorType' | 'ip' | 'requestId'> & { details?: Record<string, unknown> };

/** The caller's own tenant: its profile and its subscription. */
export class TenantService {
  constructor(private readonly deps: TenantServiceDeps) {}

  /**
   * Served from the principal's snapshot of the tenant (reloaded whenever the
   * tenant epoch moves, which every change here bumps) and the plan catalog:
   * the hottest read of the API costs no database round trip.
   */
  async current(principal: Principal): Promise<TenantView> {
    return tenantView(principal.snapshot.tenant, (await this.deps.catalog.plan(principal.snapshot.tenant.plan_code)).row);
  }

  async rename(caller: Caller, name: string): Promise<TenantView> {
    const tenantId = caller.principal.tenantId;
    return this.deps.db.tenantTransaction(tenantId, async (db) => {
      const before = await tenants.findForUpdate(db, tenantId);
      if (!before) throw notFound('Tenant');
      const after = await tenants.rename(db, tenantId, name.trim());
      if (!after) throw notFound('Tenant');
      if (before.name !== after.name) {
        await auditChange(db, caller, 'tenant.updated', { type: 'tenant', id: tenantId }, { name: { from: before.name, to: after.name } });
      }
      return this.view(db, after);
    });
  }

  /**
   * Moves the tenant to another plan (aliases such as `professional` allowed;
   * unknown codes are validation_failed). The tenant epoch is bumped so every node applies
   * the new limits at once. Choosing the current plan changes nothing and
   * writes no audit row.
   */
  async changePlan(caller: Caller, planCode: string): Promise<TenantView> {
    const { tenantId, ...actor } = auditBy(caller);
    return this.movePlan(tenantId, planCode, actor);
  }

  /**
   * changePlan for any tenant: `by` is who the audit row (in that tenant's
   * log) names, the tenant's own admin or a platform administrator.
   */
  async movePlan(tenantId: string, planCode: string, by: ChangedBy): Promise<TenantView> {
    const { details: byDetails, ...actor } = by;
    const { view, changed } = await this.deps.db.tenantTransaction(tenantId, async (db) => {
      const plan = await this.deps.planService.resolve(db, planCode);
      const before = await tenants.findForUpdate(db, tenantId);
      if (!before) throw notFound('Tenant');
      if (before.plan_code === plan.code) return { view: await this.view(db, before), changed: false };
      const after = await tenants.setPlan(db, tenantId, plan.code);
      if (!after) throw notFound('Tenant');
      await recordAudit(db, {
        ...actor,
        tenantId,
        action: 'tenant.plan_changed',
        targetType: 'tenant',
        targetId: tenantId,
        details: { from: before.plan_code, to: plan.code, ...byDetails },
      });
      await bumpEpochs(this.deps.store, [revocationKeys.tenantEpoch(tenantId)]);
      return { view: tenantView(after, plan), changed: true };
    });
    if (changed) await bumpEpochs(this.deps.store, [revocationKeys.tenantEpoch(tenantId)]);
    return view;
  }

  private async view(db: Queryable, tenant: TenantRow): Promise<TenantView> {
    const plan = await plans.find(db, tenant.plan_code);
    if (!plan) throw new Error(`Tenant ${tenant.id} is on plan ${tenant.plan_code}, which does not exist`);
    return tenantView(tenant, plan);
  }
}
