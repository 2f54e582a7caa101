/** Prometheus metrics: requests by templated route, latency histograms, process metrics; raw ids never become labels. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOME_UUID, startTestingApp } from '../support/edge-fixtures.js';
import { parseExposition } from '../support/prometheus-text.js';
import { bearer, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await startTestingApp()));
afterAll(() => t?.close());

describe('metrics', () => {
  it('counts requests by templated route and exposes latency histograms and process metrics', async () => {
    const a = await t.signup();
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.accessToken) });
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${SOME_UUID}` });
    await t.app.inject({ method: 'GET', url: `/api/v1/no-such-thing/${SOME_UUID}?x=1` });
    // A second unknown path: every unmatched request shares the one label.
    await t.app.inject({ method: 'GET', url: '/no/such/route' });

    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const samples = parseExposition(res.body);
    const requests = samples.filter((s) => s.name === 'http_requests_total');
    const find = (labels: Record<string, string>) => requests.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(find({ method: 'GET', route: '/api/v1/auth/me', status: '200' })?.value).toBeGreaterThanOrEqual(1);
    expect(find({ method: 'GET', route: '/api/v1/auth/me', status: '401' })?.value).toBeGreaterThanOrEqual(1);
    expect(find({ method: 'POST', route: '/api/v1/auth/register', status: '201' })?.value).toBeGreaterThanOrEqual(1);
    expect(find({ method: 'GET', route: 'unmatched', status: '404' })?.value).toBeGreaterThanOrEqual(2);
    for (const s of requests) expect(Object.keys(s.labels).sort()).toEqual(['method', 'route', 'status']);
    // Raw ids never become label values: every resource would get its own series.
    expect(res.body).not.toContain(SOME_UUID);
    expect(res.body).not.toContain(a.userId);

    const buckets = samples.filter((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.route === '/api/v1/auth/me');
    expect(buckets.length).toBeGreaterThan(3);
    expect(buckets.some((s) => s.labels.le === '+Inf')).toBe(true);
    expect(samples.some((s) => s.name === 'http_request_duration_seconds_count' && s.labels.route === '/api/v1/auth/me')).toBe(true);
    expect(samples.some((s) => s.name === 'http_request_duration_seconds_sum')).toBe(true);
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('labels a parameterised route by its template, never by the raw id', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const templated = Object.entries(doc.paths).find(([p, ops]) => p.startsWith('/api/v1/') && /\{[a-z_]+\}/.test(p) && ops.get);
    expect(templated, 'a documented GET route with a path parameter').toBeDefined();
    const template = templated![0];
    const url = template.replace(/\{[a-z_]+\}/g, SOME_UUID);
    const a = await t.signup();
    await t.app.inject({ method: 'GET', url, headers: bearer(a.accessToken) });
    await t.app.inject({ method: 'GET', url });
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).not.toContain(SOME_UUID);
    expect(text).toContain(`route="${template.replace(/\{([a-z_]+)\}/g, ':$1')}"`);
  });
});

describe('operation metrics', () => {
  it('counts operations by operation, backend, mode and outcome, routing decisions, GPU fallbacks and durations', async () => {
    const a = await t.signup({ plan: 'pro' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lattices',
      headers: bearer(a.accessToken),
      payload: { shape: [6, 6] },
    });
    const id = created.json().id;
    const op = (name: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/v1/lattices/${id}/${name}`, headers: bearer(a.accessToken), payload: payload as object });
    expect((await op('path', { start: [0, 0], end: [5, 5] })).statusCode).toBe(200);
    expect((await op('path', { start: [0, 0], end: [5, 5] })).json().cached).toBe(true);
    expect((await op('components', { use_gpu: true })).json().fallback_reason).toMatch(/GPU kernel/);

    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.split(' ')[1]);
    };
    expect(value('catalytic_operations_total{operation="path",backend="cpu",mode="sync",outcome="success"}')).toBeGreaterThanOrEqual(1);
    expect(value('catalytic_operations_total{operation="path",backend="cache",mode="sync",outcome="success"}')).toBeGreaterThanOrEqual(1);
    expect(value('catalytic_engine_routing_decisions_total{operation="path",backend="cpu"}')).toBeGreaterThanOrEqual(1);
    expect(value('catalytic_engine_gpu_fallbacks_total{reason="no_kernel"}')).toBeGreaterThanOrEqual(1);
    expect(
      value('catalytic_operation_duration_seconds_count{operation="components",backend="cpu",outcome="success"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('authentication and rate-limit metrics', () => {
  const counter = async (name: string, labels: Record<string, string>): Promise<number> => {
    const samples = parseExposition((await t.app.inject({ method: 'GET', url: '/metrics' })).body);
    const hit = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    return hit?.value ?? 0;
  };
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.88.0.1', payload: { email, password } });

  it('count logins by outcome, lockouts by counter, refused credentials by reason, API-key uses and 429s by limit', async () => {
    const a = await t.signup();
    const before = {
      success: await counter('catalytic_auth_logins_total', { outcome: 'success' }),
      wrong: await counter('catalytic_auth_logins_total', { outcome: 'invalid_credentials' }),
      lockedOut: await counter('catalytic_auth_logins_total', { outcome: 'locked_out' }),
      lockouts: await counter('catalytic_auth_lockouts_total', { scope: 'account' }),
      loginLimited: await counter('catalytic_rate_limited_total', { kind: 'login', plan: 'none' }),
      malformed: await counter('catalytic_auth_failures_total', { credential: 'access_token', reason: 'malformed' }),
      missing: await counter('catalytic_auth_failures_total', { credential: 'none', reason: 'missing_credentials' }),
      badKey: await counter('catalytic_auth_failures_total', { credential: 'api_key', reason: 'api_key_invalid' }),
      rejected: await counter('catalytic_auth_api_key_uses_total', { outcome: 'rejected' }),
      refresh: await counter('catalytic_auth_failures_total', { credential: 'refresh_token', reason: 'malformed' }),
    };
    expect((await login(a.email, a.password)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(a.email, `Wrong-Pass-${i}x`)).statusCode).toBe(401);
    expect((await login(a.email, a.password)).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('not-a-token') })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': 'clc_garbage' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: 'x.y.z' } })).statusCode).toBe(401);

    expect(await counter('catalytic_auth_logins_total', { outcome: 'success' })).toBe(before.success + 1);
    expect(await counter('catalytic_auth_logins_total', { outcome: 'invalid_credentials' })).toBe(before.wrong + 5);
    expect(await counter('catalytic_auth_logins_total', { outcome: 'locked_out' })).toBe(before.lockedOut + 1);
    expect(await counter('catalytic_auth_lockouts_total', { scope: 'account' })).toBe(before.lockouts + 1);
    expect(await counter('catalytic_rate_limited_total', { kind: 'login', plan: 'none' })).toBe(before.loginLimited + 1);
    expect(await counter('catalytic_auth_failures_total', { credential: 'access_token', reason: 'malformed' })).toBe(before.malformed + 1);
    expect(await counter('catalytic_auth_failures_total', { credential: 'none', reason: 'missing_credentials' })).toBe(before.missing + 1);
    expect(await counter('catalytic_auth_failures_total', { credential: 'api_key', reason: 'api_key_invalid' })).toBe(before.badKey + 1);
    expect(await counter('catalytic_auth_api_key_uses_total', { outcome: 'rejected' })).toBe(before.rejected + 1);
    expect(await counter('catalytic_auth_failures_total', { credential: 'refresh_token', reason: 'malformed' })).toBe(before.refresh + 1);
  });

  it('count a request refused by the plan window by kind and plan', async () => {
    const a = await t.signup();
    const before = await counter('catalytic_rate_limited_total', { kind: 'requests', plan: 'free' });
    let refused = 0;
    // The free plan allows 120 requests a minute.
    for (let i = 0; i < 125 && refused === 0; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/tenants/current', headers: bearer(a.accessToken) });
      if (res.statusCode === 429) refused++;
    }
    expect(refused).toBe(1);
    expect(await counter('catalytic_rate_limited_total', { kind: 'requests', plan: 'free' })).toBe(before + 1);
  });
});
