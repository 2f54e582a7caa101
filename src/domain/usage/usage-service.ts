import type { Database } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { AppError } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import * as lattices from '../lattices/lattice-repository.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import * as counters from './usage-repository.js';
import type { UsageSummaryView } from './usage-schemas.js';

export type UsageMetric = 'operations';

// A month plus slack: a counter outlives its period long enough to be flushed.
const COUNTER_TTL_MS = 40 * 24 * 3600 * 1000;

export const periodOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/**
 * Monthly usage per tenant. The shared store holds the live counters (one
 * INCR per operation, no database write); `flush` copies the touched counters
 * to PostgreSQL in one statement, and a counter missing from the store (a
 * restart of the in-memory stand-in) is seeded back from PostgreSQL.
 */
export class UsageService {
  private readonly touched = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly store: KeyValueStore,
    private readonly plans: PlanCatalog,
    private readonly now: () => number = Date.now,
  ) {}

  private key(tenantId: string, period: string, metric: UsageMetric): string {
    return `usage:${tenantId}:${period}:${metric}`;
  }

  /** Refuses an operation when the month's budget is spent (plan_limit_exceeded). */
  async assertOperationAllowed(principal: Principal): Promise<void> {
    const { limits } = await this.plans.plan(principal.planCode);
    if (limits.monthly_operations < 0) return;
    const used = await this.count(principal.tenantId, 'operations');
    if (used >= limits.monthly_operations) {
      throw new AppError(
        'plan_limit_exceeded',
        `Plan '${principal.planCode}' allows ${limits.monthly_operations} operations per month; ${used} have been used this month`,
        {
          fields: { limit: 'monthly_operations', value: limits.monthly_operations },
        },
      );
    }
  }

  async record(tenantId: string, metric: UsageMetric, n = 1): Promise<number> {
    const period = periodOf(this.now());
    const key = this.key(tenantId, period, metric);
    // Seeded from PostgreSQL before the first increment, and only by the node that sets it first:
    // seeding after incrementing could read a flush of those very increments and count them twice.
    if ((await this.store.get(key)) === null) {
      await this.store.setIfAbsent(key, String(await this.persisted(tenantId, period, metric)), COUNTER_TTL_MS);
    }
    const total = await this.store.add(key, n);
    this.touched.add(`${tenantId}|${period}|${metric}`);
    return total;
  }

  async count(tenantId: string, metric: UsageMetric): Promise<number> {
    const period = periodOf(this.now());
    const live = await this.store.get(this.key(tenantId, period, metric));
    return live !== null ? Number(live) : this.persisted(tenantId, period, metric);
  }

  private async persisted(tenantId: string, period: string, metric: UsageMetric): Promise<number> {
    return this.db.tenantTransaction(tenantId, (tx) => counters.find(tx, tenantId, period, metric));
  }

  /** This month's usage next to the plan's limits. */
  async summary(principal: Principal): Promise<UsageSummaryView> {
    const plan = await this.plans.plan(principal.planCode);
    const [operations, latticeCount] = await Promise.all([
      this.count(principal.tenantId, 'operations'),
      this.db.tenantTransaction(principal.tenantId, (tx) => lattices.count(tx, principal.tenantId)),
    ]);
    return {
      tenant_id: principal.tenantId,
      period: periodOf(this.now()),
      plan_code: plan.code,
      usage: {
        operations: { used: operations, limit: plan.limits.monthly_operations },
        lattices: { used: latticeCount, limit: plan.limits.lattices },
      },
      limits: plan.limits,
    };
  }

  /** Writes every counter touched since the last flush; returns how many. */
  async flush(): Promise<number> {
    const entries = [...this.touched].map((t) => t.split('|') as [string, string, UsageMetric]);
    this.touched.clear();
    if (entries.length === 0) return 0;
    const counts = await this.store.mget(entries.map(([tenant, period, metric]) => this.key(tenant, period, metric)));
    const rows = entries.map(([tenantId, period, metric], i) => ({ tenantId, period, metric, count: Number(counts[i] ?? 0) }));
    await this.db.systemTransaction((tx) => counters.upsertMany(tx, rows));
    return rows.length;
  }
}
