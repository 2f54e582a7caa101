/** The routes that fail or stall on demand exist only with TESTING_MODE=true. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startEdgeApps } from '../support/edge-fixtures.js';
import type { TestApp } from '../support/test-app.js';

let t: TestApp;
let alt: TestApp;
beforeAll(async () => ({ t, alt } = await startEdgeApps()));
afterAll(() => Promise.all([t?.close(), alt?.close()]));

describe('testing routes', () => {
  it('exist only with TESTING_MODE=true', async () => {
    for (const [method, url] of [
      ['POST', '/api/testing/error'],
      ['POST', '/api/v1/testing/error'],
      ['GET', '/api/testing/slow?delay_seconds=0'],
    ] as const) {
      const res = await alt.app.inject({ method, url, payload: method === 'POST' ? { error_type: '500' } : undefined });
      expectProblem(res, 404, 'not_found');
    }
  });

  it.each(['400', '401', '403', '404', '500', '503'])('POST /api/testing/error gives %s as problem+json', async (status) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/testing/error', payload: { error_type: status } });
    const body = expectProblem(res, Number(status));
    expect(body.status).toBe(Number(status));
    if (status === '500') {
      expect(body.code).toBe('internal_error');
      expect(res.headers['content-security-policy']).toBeTruthy();
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('refuses an unknown error_type with 422', async () => {
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/testing/error', payload: { error_type: '418' } }),
      422,
      'validation_failed',
    );
  });

  it('GET /api/testing/slow waits for the requested delay', async () => {
    const started = performance.now();
    const res = await t.app.inject({ method: 'GET', url: '/api/testing/slow?delay_seconds=0.2' });
    const elapsed = performance.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ delayed_seconds: 0.2 });
    expect(elapsed).toBeGreaterThanOrEqual(190);
  });

  it('refuses a delay above 30 s and a negative one with 422', async () => {
    for (const delay of ['31', '-1']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/testing/slow?delay_seconds=${delay}` });
      const body = expectProblem(res, 422, 'validation_failed');
      expect((body.errors as { location: string }[])[0].location).toBe('query.delay_seconds');
    }
  });
});
