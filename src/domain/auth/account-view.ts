import type { CatalogPlan } from '../plans/plan-catalog.js';
import type { TenantRow } from '../tenants/tenant-repository.js';
import type { UserRow } from '../tenants/user-repository.js';
import type { AccountView } from './auth-schemas.js';
import type { Principal } from './principal.js';

/** The caller, their tenant, plan and limits. */
export function accountView(a: { user: UserRow; tenant: TenantRow }, plan: CatalogPlan, p: Principal): AccountView {
  return {
    user: {
      id: a.user.id,
      email: a.user.email,
      name: a.user.name,
      role: a.user.role,
      status: a.user.status,
      email_verified: a.user.email_verified_at !== null,
      created_at: a.user.created_at.toISOString(),
    },
    tenant: { id: a.tenant.id, name: a.tenant.name, slug: a.tenant.slug, status: a.tenant.status, plan_code: a.tenant.plan_code },
    plan: { code: plan.code, name: plan.name },
    limits: plan.limits,
    auth: { method: p.kind === 'user' ? 'bearer' : 'api_key', scopes: [...p.scopes] },
  };
}
