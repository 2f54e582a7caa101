import type { Database } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { recordAudit } from '../audit/audit-repository.js';
import { auditBy, type Caller } from '../auth/caller.js';
import { bumpEpochs } from '../auth/epochs.js';
import type { Principal } from '../auth/principal.js';
import { revocationKeys } from '../auth/revocation.js';
import { AppError, notFound } from '../errors.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import * as tenants from './tenant-repository.js';
import type { TenantRow } from './tenant-repository.js';
import type { TenantView } from './tenant-schemas.js';
import type { ChangedBy, TenantService } from './tenant-service.js';
import * as users from './user-repository.js';
import { tenantView } from './views.js';

export interface PlatformAdminDeps {
  db: Database;
  store: KeyValueStore;
  catalog: PlanCatalog;
  tenants: TenantService;
}

/** Whether the principal administers the platform: a user (never an API key) whose account carries the grant. */
export const isPlatformAdmin = (p: Principal): boolean => p.kind === 'user' && p.snapshot.user?.platform_admin === true;

/**
 * Platform administration: every tenant, listed, suspended, reactivated or
 * moved to another plan by a platform administrator; the grant itself is the
 * operator's (`catalytic admin grant|revoke EMAIL`). Each change is audited
 * in the target tenant's log, naming the administrator, and bumps the
 * tenant's epoch, so every node applies it to the next request.
 */
export class PlatformAdminService {
  constructor(private readonly deps: PlatformAdminDeps) {}

  async listTenants(caller: Caller, filter: { status?: TenantRow['status'] }, page: PageRequest): Promise<Page<TenantView>> {
    this.assertAdmin(caller);
    const { rows, total } = await this.deps.db.systemTransaction((db) => tenants.listAll(db, filter, page));
    const plans = new Map(
      await Promise.all(rows.map(async (r) => [r.plan_code, (await this.deps.catalog.plan(r.plan_code)).row] as const)),
    );
    return pageOf(rows, page.limit, total, (r) => tenantView(r, plans.get(r.plan_code)!));
  }

  suspend(caller: Caller, tenantId: string): Promise<TenantView> {
    if (tenantId === caller.principal.tenantId) {
      throw new AppError('conflict', 'A platform administrator cannot suspend their own tenant; ask another administrator');
    }
    return this.setStatus(caller, tenantId, 'suspended');
  }

  reactivate(caller: Caller, tenantId: string): Promise<TenantView> {
    return this.setStatus(caller, tenantId, 'active');
  }

  changePlan(caller: Caller, tenantId: string, planCode: string): Promise<TenantView> {
    this.assertAdmin(caller);
    return this.deps.tenants.movePlan(tenantId, planCode, this.changedBy(caller));
  }

  /**
   * The operator's grant (`catalytic admin grant EMAIL [--tenant SLUG]`): the
   * address must name exactly one active account, or the tenant slug must
   * say which. Audited in that account's tenant, by the system.
   */
  grant(email: string, tenantSlug?: string): Promise<{ user_id: string; tenant_slug: string; email: string }> {
    return this.setGrant(email, tenantSlug, true);
  }

  revoke(email: string, tenantSlug?: string): Promise<{ user_id: string; tenant_slug: string; email: string }> {
    return this.setGrant(email, tenantSlug, false);
  }

  private async setGrant(email: string, tenantSlug: string | undefined, granted: boolean) {
    const user = await this.deps.db.systemTransaction(async (db) => {
      const all = (await users.findAllByEmail(db, email.trim())).filter((u) => !tenantSlug || u.tenant_slug === tenantSlug);
      const candidates = granted ? all.filter((u) => u.status === 'active') : all.filter((u) => u.platform_admin);
      if (candidates.length === 0)
        throw notFound(granted ? `An active account with the address ${email}` : `A platform administrator ${email}`);
      if (candidates.length > 1) {
        const slugs = candidates.map((u) => u.tenant_slug).join(', ');
        throw new AppError('conflict', `${email} has accounts in several tenants (${slugs}); name one with --tenant SLUG`);
      }
      const [u] = candidates;
      await users.setPlatformAdmin(db, u.id, granted);
      await recordAudit(db, {
        tenantId: u.tenant_id,
        actorId: null,
        actorType: 'system',
        action: granted ? 'user.platform_admin_granted' : 'user.platform_admin_revoked',
        targetType: 'user',
        targetId: u.id,
      });
      return u;
    });
    // The resolver reloads the account on its next request, on every node.
    await bumpEpochs(this.deps.store, [revocationKeys.userEpoch(user.id)]);
    return { user_id: user.id, tenant_slug: user.tenant_slug, email: user.email };
  }

  private async setStatus(caller: Caller, tenantId: string, status: TenantRow['status']): Promise<TenantView> {
    this.assertAdmin(caller);
    const by = this.changedBy(caller);
    const { details, ...actor } = by;
    const epoch = revocationKeys.tenantEpoch(tenantId);
    const { view, changed } = await this.deps.db.tenantTransaction(tenantId, async (db) => {
      const before = await tenants.findForUpdate(db, tenantId);
      if (!before) throw notFound('Tenant');
      const plan = (await this.deps.catalog.plan(before.plan_code)).row;
      if (before.status === status) return { view: tenantView(before, plan), changed: false };
      const after = await tenants.setStatus(db, tenantId, status);
      if (!after) throw notFound('Tenant');
      await recordAudit(db, {
        ...actor,
        tenantId,
        action: status === 'suspended' ? 'tenant.suspended' : 'tenant.reactivated',
        targetType: 'tenant',
        targetId: tenantId,
        details: { from: before.status, to: status, ...details },
      });
      // Inside the transaction (a store outage rolls the change back) and again after commit (see epochs.ts).
      await bumpEpochs(this.deps.store, [epoch]);
      return { view: tenantView(after, plan), changed: true };
    });
    if (changed) await bumpEpochs(this.deps.store, [epoch]);
    return view;
  }

  private changedBy(caller: Caller): ChangedBy {
    const { tenantId, ...actor } = auditBy(caller);
    return { ...actor, details: { platform_admin: { user_id: caller.principal.userId, tenant_id: tenantId } } };
  }

  /** The routes declare it too; the rule lives here, so no other caller can skip it. */
  private assertAdmin(caller: Caller): void {
    if (!isPlatformAdmin(caller.principal)) throw new AppError('forbidden', 'This action is for platform administrators');
  }
}
