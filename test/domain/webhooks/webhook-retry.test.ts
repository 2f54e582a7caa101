import { describe, expect, it } from 'vitest';
import { isExhausted, MAX_RETRY_DELAY_SECONDS, retryAfterSeconds, retryDelaySeconds } from '../../../src/domain/webhooks/webhook-retry.js';
import { subscribes } from '../../../src/domain/webhooks/webhook-schemas.js';

describe('webhook retry rule', () => {
  it('backs off exponentially from retry_delay_seconds with full jitter, capped at an hour', () => {
    const top = () => 0.999_999;
    expect(retryDelaySeconds(1, 1, null, top)).toBeCloseTo(1, 3);
    expect(retryDelaySeconds(2, 1, null, top)).toBeCloseTo(2, 3);
    expect(retryDelaySeconds(4, 30, null, top)).toBeCloseTo(240, 2);
    expect(retryDelaySeconds(20, 30, null, top)).toBeLessThanOrEqual(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(3, 10, null, () => 0)).toBe(0);
    const draws = Array.from({ length: 200 }, () => retryDelaySeconds(3, 10));
    expect(Math.max(...draws)).toBeLessThanOrEqual(40);
    expect(new Set(draws.map((d) => Math.floor(d))).size).toBeGreaterThan(10);
  });

  it('honours Retry-After in seconds or as an HTTP date, over the backoff', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3);
    expect(retryAfterSeconds('999999')).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryDelaySeconds(1, 1, 7, () => 0)).toBe(7);
  });

  it('is dead once the attempts exceed max_retries', () => {
    expect(isExhausted(1, 0)).toBe(true);
    expect(isExhausted(3, 3)).toBe(false);
    expect(isExhausted(4, 3)).toBe(true);
  });

  it('matches subscriptions: exact types, area wildcards and *, never webhook.test by subscription', () => {
    expect(subscribes(['lattice.*'], 'lattice.deleted')).toBe(true);
    expect(subscribes(['lattice.*'], 'job.failed')).toBe(false);
    expect(subscribes(['job.failed'], 'job.completed')).toBe(false);
    expect(subscribes(['*'], 'transformation.completed')).toBe(true);
    expect(subscribes(['*', 'webhook.*'], 'webhook.test')).toBe(false);
  });
});
