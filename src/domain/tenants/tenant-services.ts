import type { Database } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { AuditLogService } from '../audit/audit-log-service.js';
import { ApiKeyRepository } from './api-key-repository.js';
import { ApiKeyService } from './api-key-service.js';
import { PlanRepository } from './plan-repository.js';
import { PlanService } from './plan-service.js';
import { TenantRepository } from './tenant-repository.js';
import { TenantService } from './tenant-service.js';
import { UserAdminService } from './user-admin-service.js';
import { UserRepository } from './user-repository.js';
import type { PlanCatalog } from '../usage/plan-catalog.js';

export interface TenantServices {
  plans: PlanService;
  tenants: TenantService;
  users: UserAdminService;
  apiKeys: ApiKeyService;
  audit: AuditLogService;
}

export interface TenantServicesDeps {
  db: Database;
  store: KeyValueStore;
  publicUrl: string;
  accessTtlSeconds: number;
  catalog: PlanCatalog;
  clock?: () => number;
}

/** Builds the tenant area's services over one set of repositories. */
export function createTenantServices(deps: TenantServicesDeps): TenantServices {
  const { db, store, clock } = deps;
  const plansRepo = new PlanRepository();
  const tenantsRepo = new TenantRepository();
  const plans = new PlanService({ db, plans: plansRepo });
  return {
    plans,
    tenants: new TenantService({ db, tenants: tenantsRepo, plans: plansRepo, planService: plans, store, catalog: deps.catalog }),
    users: new UserAdminService({
      db,
      users: new UserRepository(),
      tenants: tenantsRepo,
      store,
      publicUrl: deps.publicUrl,
      accessTtlSeconds: deps.accessTtlSeconds,
      clock,
    }),
    apiKeys: new ApiKeyService({ db, keys: new ApiKeyRepository(), store, clock }),
    audit: new AuditLogService({ db }),
  };
}
