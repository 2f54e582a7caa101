import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, createMetrics } from '../../../src/platform/metrics.js';
import type { MetricSpec } from '../../../src/platform/metrics/catalogue.js';
import { HTTP_ROUTE } from '../../../src/platform/metrics/label-sets.js';
import { familyTypes, parseExposition } from '../../support/prometheus-text.js';

describe('prom-client metrics', () => {
  it('declares every catalogue metric with its type, plus the process and Node defaults', async () => {
    const text = await createMetrics().expose();
    const types = familyTypes(text);
    for (const s of Object.values(CATALOGUE) as MetricSpec[]) {
      expect(types.get(s.name), s.name).toBe(s.type);
    }
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
  });

  it('records labelled samples and maps values outside their set to "other"', async () => {
    const m = createMetrics();
    m.logins.inc({ outcome: 'success' });
    m.logins.inc({ outcome: 'success' }, 2);
    m.logins.inc({ outcome: `guess-${randomUUID()}` });
    m.rateLimited.inc({ kind: 'compute', plan: 'pro' });
    m.rateLimited.inc({ kind: 'compute', plan: 'my-custom-plan' });
    m.operationDuration.observe({ operation: 'path', backend: 'cpu', outcome: 'success' }, 0.2);
    m.jobs.set({ state: 'queued' }, 7);
    const samples = parseExposition(await m.expose());
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value('catalytic_auth_logins_total', { outcome: 'success' })).toBe(3);
    expect(value('catalytic_auth_logins_total', { outcome: 'other' })).toBe(1);
    expect(value('catalytic_rate_limited_total', { kind: 'compute', plan: 'pro' })).toBe(1);
    expect(value('catalytic_rate_limited_total', { kind: 'compute', plan: 'other' })).toBe(1);
    expect(value('catalytic_operation_duration_seconds_bucket', { operation: 'path', le: '0.25' })).toBe(1);
    expect(value('catalytic_operation_duration_seconds_bucket', { operation: 'path', le: '0.1' })).toBe(0);
    expect(value('catalytic_jobs', { state: 'queued' })).toBe(7);
  });

  it('exports a gauge only once something set it', async () => {
    const m = createMetrics();
    const before = parseExposition(await m.expose()).map((s) => s.name);
    expect(before).not.toContain('catalytic_tls_certificate_expiry_timestamp_seconds');
    expect(before).not.toContain('catalytic_job_oldest_queued_age_seconds');
    m.tlsCertificateExpiry.set({}, 1_900_000_000);
    const after = parseExposition(await m.expose()).find((s) => s.name === 'catalytic_tls_certificate_expiry_timestamp_seconds');
    expect(after?.value).toBe(1_900_000_000);
    m.tlsCertificateExpiry.reset();
    expect(parseExposition(await m.expose()).map((s) => s.name)).not.toContain('catalytic_tls_certificate_expiry_timestamp_seconds');
  });

  it('keeps series bounded whatever values callers pass', async () => {
    const m = createMetrics();
    m.allowLabelValues(HTTP_ROUTE, ['/api/v1/lattices/:id']);
    for (let i = 0; i < 1000; i++) {
      const id = randomUUID();
      m.httpRequests.inc({ method: i % 2 ? 'GET' : `M${i}`, route: `/api/v1/lattices/${id}`, status: String(200 + (i % 400)) });
      m.operations.inc({ operation: `op-${id}`, backend: id, mode: 'sync', outcome: 'success' });
      m.authFailures.inc({ credential: 'access_token', reason: `reason ${id}` });
    }
    m.httpRequests.inc({ method: 'GET', route: '/api/v1/lattices/:id', status: '200' });
    const samples = parseExposition(await m.expose());
    const http = samples.filter((s) => s.name === 'http_requests_total');
    expect(new Set(http.map((s) => s.labels.route))).toEqual(new Set(['other', '/api/v1/lattices/:id']));
    expect(new Set(http.map((s) => s.labels.method))).toEqual(new Set(['GET', 'other']));
    // 400 status codes are in range (bounded by the pattern), the methods and routes collapse.
    expect(http.length).toBeLessThanOrEqual(2 * 2 * 400);
    expect(samples.filter((s) => s.name === 'catalytic_operations_total')).toHaveLength(1);
    expect(samples.filter((s) => s.name === 'catalytic_auth_failures_total')).toHaveLength(1);
  });

  it('runs collectors at scrape time; a failing or hanging one is counted and does not hold the scrape', async () => {
    const m = createMetrics({ collectorTimeoutMs: 200 });
    let depth = 0;
    let hungRuns = 0;
    m.addCollector('job_queue', () => m.jobQueueDepth.set({ queue: 'catalytic-jobs' }, ++depth));
    m.addCollector('jobs', () => {
      throw new Error('database unavailable');
    });
    m.addCollector('webhooks', () => {
      hungRuns++;
      return new Promise<void>(() => undefined);
    });
    const started = performance.now();
    await m.expose();
    const text = await m.expose();
    const elapsed = performance.now() - started;
    const samples = parseExposition(text);
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value('catalytic_job_queue_depth', { queue: 'catalytic-jobs' })).toBe(2);
    expect(value('catalytic_metrics_collector_failures_total', { collector: 'jobs' })).toBe(2);
    // Timed out on the first scrape, still busy on the second: started once, failed twice.
    expect(value('catalytic_metrics_collector_failures_total', { collector: 'webhooks' })).toBe(2);
    expect(hungRuns).toBe(1);
    expect(elapsed).toBeLessThan(5000);
  });
});
