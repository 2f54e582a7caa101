import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_QUEUE } from '../../../src/domain/jobs/job-service.js';
import { EVENT_TYPES } from '../../../src/domain/outbox/events.js';
import { OPERATION_JOB_KIND } from '../../../src/domain/operations/operation-service.js';
import { OPERATION_NAMES } from '../../../src/engine/operations.js';
import { CATALOGUE, type MetricSpec } from '../../../src/platform/metrics/catalogue.js';
import * as sets from '../../../src/platform/metrics/label-sets.js';

const specs = Object.entries(CATALOGUE) as [string, MetricSpec][];

// Label names that would carry one value per tenant, user, resource or request.
const UNBOUNDED_LABELS = /^(tenant|tenant_id|user|user_id|email|lattice|lattice_id|job_id|id|url|path|ip|request_id|key|token|secret)$/;

describe('metric catalogue', () => {
  it('follows the Prometheus naming conventions', () => {
    for (const [key, s] of specs) {
      const where = `${key} (${s.name})`;
      expect(s.name, where).toMatch(/^[a-z][a-z0-9_]*$/);
      if (!s.name.startsWith('http_')) expect(s.name, where).toMatch(/^catalytic_/);
      if (s.type === 'counter') expect(s.name, where).toMatch(/_total$/);
      else expect(s.name, where).not.toMatch(/_total$/);
      if (s.type === 'histogram') {
        expect(s.name, where).toMatch(/_(seconds|bytes)$/);
        expect(s.buckets?.length, where).toBeGreaterThan(3);
        expect(
          [...s.buckets!].sort((a, b) => a - b),
          where,
        ).toEqual(s.buckets);
      }
      // Base units only: no milliseconds, no kilobytes.
      expect(s.name, where).not.toMatch(/_(ms|milliseconds|kb|kilobytes|mb|minutes|hours)(_|$)/);
      if (s.type === 'counter' || s.type === 'histogram') expect(s.source, where).toBe('event');
      expect(s.help.length, where).toBeGreaterThan(10);
    }
    expect(new Set(specs.map(([, s]) => s.name)).size).toBe(specs.length);
  });

  it('keeps the HTTP metric names dashboards and alerts already use', () => {
    expect(CATALOGUE.httpRequests.name).toBe('http_requests_total');
    expect(CATALOGUE.httpDuration.name).toBe('http_request_duration_seconds');
    expect(Object.keys(CATALOGUE.httpRequests.labels)).toEqual(['method', 'route', 'status']);
    // The latency SLO reads the 1 s bucket directly.
    expect(CATALOGUE.httpDuration.buckets).toContain(1);
  });

  it('has only bounded labels drawn from closed sets', () => {
    for (const [key, s] of specs) {
      for (const [label, spec] of Object.entries(s.labels)) {
        expect(label, key).not.toMatch(UNBOUNDED_LABELS);
        expect(label, key).toMatch(/^[a-z][a-z0-9_]*$/);
        if (spec.kind === 'closed') {
          expect(spec.values.length, `${key}.${label}`).toBeGreaterThan(0);
          expect(spec.values, `${key}.${label}`).not.toContain(sets.OTHER);
          expect(new Set(spec.values).size, `${key}.${label}`).toBe(spec.values.length);
        }
      }
    }
  });

  it('names the sources its label sets mirror, and stays equal to them', () => {
    expect(sets.OPERATIONS.values).toEqual([...OPERATION_NAMES]);
    expect(sets.JOB_KINDS.values).toEqual([OPERATION_JOB_KIND]);
    expect(sets.QUEUES.values).toEqual([JOB_QUEUE]);
    expect(sets.WEBHOOK_EVENT_TYPES.values).toEqual([...EVENT_TYPES]);
    const seed = readFileSync(new URL('../../../migrations/001_identity.up.sql', import.meta.url), 'utf8');
    const planSection = seed.slice(seed.indexOf('INSERT INTO plans'));
    const seeded = [...planSection.matchAll(/^\s*\('([a-z]+)'/gm)].map((m) => m[1]);
    expect(seeded.length).toBeGreaterThan(0);
    expect(sets.PLANS.values.filter((p) => p !== 'none')).toEqual(seeded);
  });
});
