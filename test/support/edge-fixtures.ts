import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

/** What the edge tests share: their apps, what every response carries, and the shape of a problem document. */

/**
 * `t` runs in testing mode with two extra CORS origins; `alt` is a
 * production-mode app with a small body limit and no testing routes.
 */
export async function startEdgeApps(): Promise<{ t: TestApp; alt: TestApp }> {
  const [t, alt] = await Promise.all([
    createTestApp({ env: { TESTING_MODE: 'true', CORS_ORIGINS: ' https://app.example.com , https://admin.example.com,' } }),
    createTestApp({ env: { NODE_ENV: 'production', ENCRYPTION_KEY: randomBytes(32).toString('base64'), BODY_LIMIT_BYTES: '2048' } }),
  ]);
  return { t, alt };
}

/** The testing-mode app alone, for tests that need no second configuration. */
export const startTestingApp = (): Promise<TestApp> => createTestApp({ env: { TESTING_MODE: 'true' } });

export const SOME_UUID = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';

export const json = { 'content-type': 'application/json' };

export function expectEdgeHeaders(res: LightMyRequestResponse): void {
  const h = res.headers;
  expect(h['x-request-id'], 'X-Request-ID').toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  expect(h['api-version']).toBe('1');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBeTruthy();
  expect(h['permissions-policy']).toBeTruthy();
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h.server).toBeUndefined();
  expect(h['x-powered-by']).toBeUndefined();
}

export function expectProblem(res: LightMyRequestResponse, status: number, code?: string): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https?:\/\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code: expect.any(String),
    request_id: res.headers['x-request-id'],
  });
  expect((body.detail as string).length).toBeGreaterThan(0);
  if (code) expect(body.code).toBe(code);
  expectEdgeHeaders(res);
  return body;
}
