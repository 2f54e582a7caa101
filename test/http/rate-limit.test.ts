import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('per-tenant request rate limit', () => {
  it('announces the window on every authenticated response and refuses the request after the plan allows', async () => {
    const a = await t.signup({ plan: 'free' });
    const b = await t.signup({ plan: 'free' });
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.accessToken) });
    expect(first.headers['ratelimit-limit']).toBe('120');
    expect(first.headers['ratelimit-remaining']).toBe('119');
    expect(first.headers['x-ratelimit-limit']).toBe('120');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    for (let i = 1; i < 120; i++) {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.accessToken) });
      expect(r.statusCode).toBe(200);
    }
    const over = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.accessToken) });
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('rate_limited');
    expect(over.json().detail).toContain('Rate limit exceeded');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.headers['ratelimit-remaining']).toBe('0');
    // Another tenant's budget is its own.
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(b.accessToken) });
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('119');
  });

  it('gives larger plans larger windows', async () => {
    const e = await t.signup({ plan: 'enterprise' });
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(e.accessToken) });
    expect(r.headers['ratelimit-limit']).toBe('10000');
  });
});
