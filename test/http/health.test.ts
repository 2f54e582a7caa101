/** Liveness, readiness (503 while draining) and the dependency checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEdgeHeaders, startTestingApp } from '../support/edge-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await startTestingApp()));
afterAll(() => t?.close());

describe('health', () => {
  it('GET / names the service and links the docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: expect.any(String),
      version: expect.any(String),
      links: { docs: '/docs', health: '/health' },
    });
  });

  it('GET /health reports every dependency', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'healthy',
      version: expect.any(String),
      uptime_seconds: expect.any(Number),
      checks: {
        database: 'connected',
        redis: process.env.REDIS_URL ? 'connected' : 'not_configured',
        queue: expect.any(String),
        gpu: expect.any(String),
      },
    });
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
  });

  it('GET /health/live, /health/database and /health/redis', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'alive' });
    const db = await t.app.inject({ method: 'GET', url: '/health/database' });
    expect(db.statusCode).toBe(200);
    expect(db.json()).toEqual({ database: 'connected' });
    const redis = await t.app.inject({ method: 'GET', url: '/health/redis' });
    expect(redis.statusCode).toBe(200);
    expect(redis.json()).toEqual({ redis: process.env.REDIS_URL ? 'connected' : 'not_configured' });
  });

  it('GET /health/ready is 200 after start and 503 draining once draining', async () => {
    // Uses its own app: draining cannot be undone.
    const d = await createTestApp({ databaseUrl: t.databaseUrl });
    try {
      const ready = await d.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready' });
      d.runtime.lifecycle.markDraining();
      const draining = await d.app.inject({ method: 'GET', url: '/health/ready' });
      expect(draining.statusCode).toBe(503);
      expect(draining.json()).toEqual({ status: 'draining' });
      expectEdgeHeaders(draining);
      expect((await d.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await d.close();
    }
  });
});
