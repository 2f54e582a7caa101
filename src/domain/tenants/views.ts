import { planLimits } from '../plans/plan-limits.js';
import type { PlanRow } from '../plans/plan-repository.js';
import type { ApiKeyRow } from './api-key-repository.js';
import type { TenantRow } from './tenant-repository.js';
import type { UserRow } from './user-repository.js';
import type { ApiKeyView } from './api-key-schemas.js';
import type { TenantView, UserView } from './tenant-schemas.js';

/** The API shapes of the tenant area: snake_case, ISO-8601 times, no secrets. */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function tenantView(t: TenantRow, p: PlanRow): TenantView {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    plan_code: t.plan_code,
    plan_name: p.name,
    status: t.status,
    limits: planLimits(p),
    created_at: t.created_at.toISOString(),
    updated_at: t.updated_at.toISOString(),
  };
}

export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    status: u.status,
    email_verified: u.email_verified_at !== null,
    last_login_at: iso(u.last_login_at),
    created_at: u.created_at.toISOString(),
    updated_at: u.updated_at.toISOString(),
  };
}

export function apiKeyView(k: ApiKeyRow): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    created_by: k.created_by,
    expires_at: iso(k.expires_at),
    last_used_at: iso(k.last_used_at),
    revoked_at: iso(k.revoked_at),
    created_at: k.created_at.toISOString(),
  };
}
