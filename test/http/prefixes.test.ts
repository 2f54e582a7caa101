/** The same routes under /api/v1 (canonical), /api and, for auth, the root. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestingApp } from '../support/edge-fixtures.js';
import { bearer, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await startTestingApp()));
afterAll(() => t?.close());

describe('prefixes', () => {
  it('serves the same routes under /api/v1, /api and the compat root', async () => {
    const a = await t.signup();
    const bad = { email: a.email.replace('@', '+nope@'), password: 'Wrong-Password-1' };
    for (const url of ['/api/v1/auth/login', '/api/auth/login', '/auth/login']) {
      const res = await t.app.inject({ method: 'POST', url, payload: bad });
      expectProblem(res, 401, 'invalid_credentials');
    }
    const compat = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: a.email, password: a.password } });
    expect(compat.statusCode).toBe(200);
    expect(compat.json().user.id).toBe(a.userId);
    const v1 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.accessToken) });
    const unversioned = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(a.accessToken) });
    expect(v1.statusCode).toBe(200);
    expect(unversioned.statusCode).toBe(200);
    expect(unversioned.json()).toEqual(v1.json());
  });
});
