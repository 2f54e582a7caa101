import type { Database } from '../../platform/database.js';
import { planLimits, type PlanLimits } from './plan-limits.js';
import * as plans from './plan-repository.js';
import type { PlanRow } from './plan-repository.js';

export interface CatalogPlan {
  code: string;
  name: string;
  limits: PlanLimits;
  row: PlanRow;
}

/**
 * The plans table, held in memory and re-read every `ttlMs`: limits are read on
 * every request and change rarely, so a query per request would be waste.
 */
export class PlanCatalog {
  private plans = new Map<string, CatalogPlan>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async plan(planCode: string): Promise<CatalogPlan> {
    if (this.now() - this.loadedAt > this.ttlMs || !this.plans.has(planCode)) await this.reload();
    const plan = this.plans.get(planCode);
    if (!plan) throw new Error(`unknown plan ${planCode}`);
    return plan;
  }

  async limits(planCode: string): Promise<PlanLimits> {
    return (await this.plan(planCode)).limits;
  }

  /** Forces the next read to go to the database (after a plan's numbers change). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private reload(): Promise<void> {
    this.loading ??= this.db
      .systemTransaction((tx) => plans.list(tx))
      .then((rows) => {
        this.plans = new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, limits: planLimits(r), row: r }]));
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
