import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/platform/database.js';
import { inMemoryMetrics } from '../../../src/platform/metrics.js';
import { addDbPoolCollector } from '../../../src/platform/metrics/db-pool-collector.js';
import { VERSION } from '../../../src/runtime.js';
import { parseExposition } from '../../support/prometheus-text.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { createTestDatabase } from '../../support/test-database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('metrics a runtime reports without any domain call', () => {
  it('build info, PostgreSQL pool, usage-flush lag, knowledge-cache size and webhook backlog at /metrics', async () => {
    await t.signup();
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    const samples = parseExposition(res.body);
    const one = (name: string) => {
      const found = samples.filter((s) => s.name === name);
      expect(found, name).toHaveLength(1);
      return found[0];
    };
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(one('catalytic_build_info')).toEqual({
      name: 'catalytic_build_info',
      labels: { version: VERSION, commit, node_version: process.version },
      value: 1,
    });
    expect(one('catalytic_db_pool_max_connections').value).toBe(5);
    expect(one('catalytic_db_pool_total_connections').value).toBeGreaterThanOrEqual(1);
    expect(one('catalytic_db_pool_idle_connections').value).toBeLessThanOrEqual(one('catalytic_db_pool_total_connections').value);
    expect(one('catalytic_db_pool_waiting_clients').value).toBe(0);
    const lag = one('catalytic_usage_flush_lag_seconds').value;
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(600);
    expect(one('catalytic_knowledge_cache_max_bytes').value).toBe(t.runtime.config.KNOWLEDGE_CACHE_MAX_BYTES);
    expect(one('catalytic_knowledge_cache_bytes').value).toBeGreaterThanOrEqual(0);
    expect(one('catalytic_knowledge_cache_entries').value).toBeGreaterThanOrEqual(0);
    const failures = samples.filter((s) => s.name === 'catalytic_metrics_collector_failures_total');
    expect(failures.map((s) => s.labels.collector).sort()).toEqual([
      'db_pool',
      'engine_pool',
      'job_queue',
      'jobs',
      'knowledge_cache',
      'usage_flush',
      'webhooks',
    ]);
    // The webhooks collector reads the deliveries table: nothing waits or died in a fresh database.
    expect(one('catalytic_webhook_pending_deliveries').value).toBe(0);
    expect(one('catalytic_webhook_oldest_pending_age_seconds').value).toBe(0);
    expect(one('catalytic_webhook_dead_deliveries').value).toBe(0);
    // The engine and job collectors: a fresh runtime has an idle pool, no job queued or running, and nothing waiting.
    expect(one('catalytic_engine_pool_queued_tasks').value).toBe(0);
    expect(samples.filter((x) => x.name === 'catalytic_jobs').map((x) => [x.labels.state, x.value])).toEqual([
      ['queued', 0],
      ['running', 0],
    ]);
    expect(one('catalytic_job_oldest_queued_age_seconds').value).toBe(0);
    for (const f of failures) expect(f.value, f.labels.collector).toBe(0);
  });
});

describe('PostgreSQL pool gauges', () => {
  it('show a query waiting for a connection while the pool is exhausted', async () => {
    const database = await createTestDatabase();
    const db = new Database(database.url, 1);
    const metrics = inMemoryMetrics();
    addDbPoolCollector(metrics, db.poolCounts, 1);
    try {
      let release = (): void => undefined;
      const holding = new Promise<void>((resolve) => (release = resolve));
      // One transaction holds the pool's only connection until released.
      const held = db.systemTransaction(() => holding);
      while (db.poolCounts.idleCount + db.poolCounts.waitingCount > 0 || db.poolCounts.totalCount === 0) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const waiting = db.ping();
      await metrics.collect();
      expect(metrics.value('dbPoolTotal')).toBe(1);
      expect(metrics.value('dbPoolIdle')).toBe(0);
      expect(metrics.value('dbPoolWaiting')).toBe(1);
      expect(metrics.value('dbPoolMax')).toBe(1);
      release();
      await held;
      await waiting;
      await metrics.collect();
      expect(metrics.value('dbPoolWaiting')).toBe(0);
      expect(metrics.value('dbPoolIdle')).toBe(1);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
