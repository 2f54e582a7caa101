import { describe, expect, it } from 'vitest';
import { CATALOGUE, inMemoryMetrics } from '../../../src/platform/metrics.js';

describe('in-memory metrics twin', () => {
  it('has a handle for every catalogue metric', () => {
    const m = inMemoryMetrics();
    for (const key of Object.keys(CATALOGUE)) expect(m, key).toHaveProperty(key);
  });

  it('records calls with their mapped labels, sums values and keeps observations', () => {
    const m = inMemoryMetrics();
    m.operations.inc({ operation: 'path', backend: 'cpu', mode: 'sync', outcome: 'success' });
    m.operations.child({ operation: 'path', backend: 'gpu', mode: 'job', outcome: 'success' }).inc(2);
    m.operationDuration.observe({ operation: 'path', backend: 'cpu', outcome: 'success' }, 0.5);
    m.jobs.set({ state: 'running' }, 3);
    m.jobs.dec({ state: 'running' });
    expect(m.value('operations')).toBe(3);
    expect(m.value('operations', { backend: 'gpu' })).toBe(2);
    expect(m.value('jobs', { state: 'running' })).toBe(2);
    expect(m.observations('operationDuration', { operation: 'path' })).toEqual([0.5]);
    expect(m.calls.map((c) => `${c.name} ${c.op}`)).toEqual([
      'catalytic_operations_total inc',
      'catalytic_operations_total inc',
      'catalytic_operation_duration_seconds observe',
      'catalytic_jobs set',
      'catalytic_jobs dec',
    ]);
    expect(m.unknownLabelValues).toEqual([]);
  });

  it('reports label values outside their sets, as the registry would map them', () => {
    const m = inMemoryMetrics();
    m.rateLimited.inc({ kind: 'requests', plan: 'platinum' });
    expect(m.labelSets('rateLimited')).toEqual([{ kind: 'requests', plan: 'other' }]);
    expect(m.unknownLabelValues).toEqual([{ metric: 'catalytic_rate_limited_total', label: 'plan', value: 'platinum' }]);
  });

  it('runs collectors on demand and counts their failures', async () => {
    const m = inMemoryMetrics();
    m.addCollector('jobs', () => {
      m.jobs.reset();
      m.jobs.set({ state: 'queued' }, 4);
    });
    m.addCollector('webhooks', async () => {
      throw new Error('no table yet');
    });
    await m.collect();
    expect(m.value('jobs', { state: 'queued' })).toBe(4);
    expect(m.value('collectorFailures', { collector: 'webhooks' })).toBe(1);
  });
});
