import type { Metrics } from '../metrics.js';

/** The counters pg.Pool keeps about itself. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** Reports the PostgreSQL pool's own counters at each scrape (no query: pg.Pool keeps them). */
export function addDbPoolCollector(metrics: Metrics, pool: PoolCounts, max: number): void {
  metrics.addCollector('db_pool', () => {
    metrics.dbPoolTotal.set({}, pool.totalCount);
    metrics.dbPoolIdle.set({}, pool.idleCount);
    metrics.dbPoolWaiting.set({}, pool.waitingCount);
    metrics.dbPoolMax.set({}, max);
  });
}
