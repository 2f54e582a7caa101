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
