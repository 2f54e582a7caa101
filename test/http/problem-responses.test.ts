/** Every failure is an RFC 9457 problem document: malformed, unsupported, too large, invalid, unknown route. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, json, startEdgeApps } from '../support/edge-fixtures.js';
import type { TestApp } from '../support/test-app.js';

let t: TestApp;
let alt: TestApp;
beforeAll(async () => ({ t, alt } = await startEdgeApps()));
afterAll(() => Promise.all([t?.close(), alt?.close()]));

describe('problem+json errors', () => {
  it('answers an unknown route with 404 not_found', async () => {
    const body = expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/definitely-not-here' }), 404, 'not_found');
    expect(body.detail).toContain('/api/v1/definitely-not-here');
  });

  it('answers malformed JSON with 400', async () => {
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: '{"email": "a@b.c", ' }),
      400,
      'malformed_request',
    );
  });

  it('answers an empty JSON body with 400', async () => {
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: '' }), 400, 'malformed_request');
  });

  it('answers a text/plain body on a JSON route with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@b.c',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it.each(['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers a %s body on a JSON route with 415',
    async (type) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': type }, payload: '<a/>' });
      expectProblem(res, 415, 'unsupported_media_type');
    },
  );

  it('answers a body over 1 MB with 413', async () => {
    const payload = JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(1_100_000) });
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload }), 413, 'payload_too_large');
  });

  it('accepts a body just under 1 MB (the limit is not smaller than configured)', async () => {
    const payload = JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(1000), pad: 'y'.repeat(1_000_000) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload });
    expect(res.statusCode).not.toBe(413);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('honours a smaller BODY_LIMIT_BYTES', async () => {
    const big = JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(3000) });
    expectProblem(
      await alt.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: big }),
      413,
      'payload_too_large',
    );
    const small = JSON.stringify({ email: 'small@example.com', password: 'x'.repeat(1000) });
    const res = await alt.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: small });
    expect(res.statusCode).toBe(401);
  });

  it('answers a schema violation with 422 and located field errors', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'not-an-email' } });
    const body = expectProblem(res, 422, 'validation_failed');
    const errors = body.errors as { location: string; message: string }[];
    expect(Array.isArray(errors)).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const e of errors) {
      expect(e).toEqual({ location: expect.any(String), message: expect.any(String) });
    }
    const locations = errors.map((e) => e.location);
    expect(locations).toContain('body.email');
    expect(locations).toContain('body.password');
  });

  it('locates query-string problems under query.*', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/testing/slow?delay_seconds=abc' });
    const body = expectProblem(res, 422, 'validation_failed');
    expect((body.errors as { location: string }[])[0].location).toBe('query.delay_seconds');
  });
});
