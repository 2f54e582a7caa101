import type { Database } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { AuditLogService } from '../audit/audit-log-service.js';
import { ApiKeyService } from './api-key-service.js';
import { PlanService } from '../plans/plan-service.js';
import { TenantService } from './tenant-service.js';
import { UserAdminService } from './user-admin-service.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';

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
  const plans = new PlanService({ db });
  return {
    plans,
    tenants: new TenantService({ db, planService: plans, store, catalog: deps.catalog }),
    users: new UserAdminService({
      db,
      store,
      publicUrl: deps.publicUrl,
      accessTtlSeconds: deps.accessTtlSeconds,
      clock,
    }),
    apiKeys: new ApiKeyService({ db, store, clock }),
    audit: new AuditLogService({ db }),
  };
}
