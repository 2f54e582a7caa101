/** CORS from an allow-list: configured and local origins echoed, anything else ignored, preflights before authentication. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdgeApps } from '../support/edge-fixtures.js';
import type { TestApp } from '../support/test-app.js';

let t: TestApp;
let alt: TestApp;
beforeAll(async () => ({ t, alt } = await startEdgeApps()));
afterAll(() => Promise.all([t?.close(), alt?.close()]));

describe('CORS', () => {
  it('echoes an allowed origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'http://localhost:3000' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(String(res.headers['access-control-expose-headers']).toLowerCase()).toContain('x-request-id');
  });

  it('never reflects an unknown origin, on simple requests, errors or preflights', async () => {
    const evil = 'https://evil.example.net';
    const simple = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: evil } });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const error = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { origin: evil } });
    expect(error.statusCode).toBe(401);
    expect(error.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/me',
      headers: { origin: evil, 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBeLessThan(500);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    // A look-alike of an allowed origin is still unknown.
    const lookalike = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'http://localhost:30000' } });
    expect(lookalike.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight to an authenticated route before authentication', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/me',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(String(res.headers['access-control-allow-methods'])).toContain('GET');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('allows the origins configured in CORS_ORIGINS, and only on the app configured with them', async () => {
    for (const origin of ['https://app.example.com', 'https://admin.example.com', 'http://localhost:3001']) {
      const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin } });
      expect(res.headers['access-control-allow-origin']).toBe(origin);
    }
    const other = await alt.app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://app.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
