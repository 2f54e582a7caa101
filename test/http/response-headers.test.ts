/** Security headers, API-Version and X-Request-ID on every response, errors included; HSTS in production. */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEdgeHeaders, json, startEdgeApps } from '../support/edge-fixtures.js';
import type { TestApp } from '../support/test-app.js';

let t: TestApp;
let alt: TestApp;
beforeAll(async () => ({ t, alt } = await startEdgeApps()));
afterAll(() => Promise.all([t?.close(), alt?.close()]));

const EDGE_CASES: [string, InjectOptions, number][] = [
  ['GET /', { method: 'GET', url: '/' }, 200],
  ['GET /health', { method: 'GET', url: '/health' }, 200],
  ['GET /metrics', { method: 'GET', url: '/metrics' }, 200],
  ['GET /openapi.json', { method: 'GET', url: '/openapi.json' }, 200],
  ['GET /docs', { method: 'GET', url: '/docs' }, 200],
  ['GET /redoc', { method: 'GET', url: '/redoc' }, 200],
  ['GET /.well-known/jwks.json', { method: 'GET', url: '/.well-known/jwks.json' }, 200],
  ['404', { method: 'GET', url: '/no/such/route' }, 404],
  ['401', { method: 'GET', url: '/api/v1/auth/me' }, 401],
  ['400 malformed JSON', { method: 'POST', url: '/api/v1/auth/login', headers: json, payload: '{"email":' }, 400],
  ['415', { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }, 415],
  ['413', { method: 'POST', url: '/api/v1/auth/login', headers: json, payload: `"${'x'.repeat(1_100_000)}"` }, 413],
  ['422', { method: 'POST', url: '/api/v1/auth/login', payload: {} }, 422],
  ['500 from the testing route', { method: 'POST', url: '/api/testing/error', payload: { error_type: '500' } }, 500],
  [
    'CORS preflight',
    { method: 'OPTIONS', url: '/api/v1/auth/me', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' } },
    204,
  ],
];

describe('headers on every response', () => {
  it.each(EDGE_CASES)('%s carries the security headers, API-Version and X-Request-ID', async (_name, req, status) => {
    const res = await t.app.inject(req);
    expect(res.statusCode).toBe(status);
    expectEdgeHeaders(res);
  });

  it('sends no HSTS over plain HTTP outside production, and HSTS in production', async () => {
    const dev = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(dev.headers['strict-transport-security']).toBeUndefined();
    for (const url of ['/health/live', '/no/such/route']) {
      const prod = await alt.app.inject({ method: 'GET', url });
      expect(prod.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expectEdgeHeaders(prod);
    }
  });

  it('echoes a sane X-Request-ID, also in the problem body', async () => {
    const id = 'client-req_42:abc.DEF';
    const ok = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': id } });
    expect(ok.headers['x-request-id']).toBe(id);
    const err = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': id } });
    expect(err.headers['x-request-id']).toBe(id);
    expect(err.json().request_id).toBe(id);
  });

  it.each([
    ['300 characters', 'a'.repeat(300)],
    ['spaces', 'has some spaces'],
    ['markup', '<script>alert(1)</script>'],
    ['quotes and semicolons', '"x";drop'],
    ['an empty value', ''],
    ['a newline', 'abc\ndef'],
    ['a tab', 'abc\tdef'],
  ])('replaces a hostile X-Request-ID (%s) with its own', async (_name, hostile) => {
    const res = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': hostile } });
    const id = res.headers['x-request-id'] as string;
    expect(id).not.toBe(hostile);
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(res.json().request_id).toBe(id);
  });

  it('mints a different request id for every request without one', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/health/live' });
    const b = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
