import type { PlanRow, TenantRow, UserRow } from './identity-repository.js';
import type { CatalogPlan } from '../usage/plan-catalog.js';
import type { Principal } from './principal.js';

export interface PlanLimits {
  lattices: number;
  max_dimensions: number;
  max_size: number;
  max_materialized_vertices: number;
  requests_per_minute: number;
  compute_per_minute: number;
  monthly_operations: number;
  gpu_allowed: boolean;
}

export function planLimits(p: PlanRow): PlanLimits {
  return {
    lattices: p.max_lattices,
    max_dimensions: p.max_dimensions,
    max_size: p.max_size,
    max_materialized_vertices: Number(p.max_materialized_vertices),
    requests_per_minute: p.requests_per_minute,
    compute_per_minute: p.compute_per_minute,
    monthly_operations: p.monthly_operations,
    gpu_allowed: p.gpu_allowed,
  };
}

/** What `GET /api/auth/me` shows: the caller, their tenant, plan and limits. */
export function accountView(a: { user: UserRow; tenant: TenantRow }, plan: CatalogPlan, p: Principal) {
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
    auth: { method: p.kind === 'user' ? ('bearer' as const) : ('api_key' as const), scopes: [...p.scopes] },
  };
}

export type AccountView = ReturnType<typeof accountView>;
