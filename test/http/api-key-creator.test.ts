import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, createApiKey } from '../support/tenant-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('an API key acts for its creator', () => {
  it("never outranks its creator's current role, and dies with the creator's account", async () => {
    const owner = await t.signup();
    const admin = await addMember(t, owner, 'admin');
    const { key } = await createApiKey(t, admin.accessToken, ['admin']);
    expect((await call(t, 'GET', '/tenants/api-keys', { apiKey: key })).statusCode).toBe(200);

    const demote = await call(t, 'PATCH', `/tenants/users/${admin.userId}`, { token: owner.accessToken }, { role: 'viewer' });
    expect(demote.statusCode).toBe(200);
    const adminOnly = await call(t, 'GET', '/tenants/api-keys', { apiKey: key });
    expect(adminOnly.statusCode).toBe(403);
    expect(adminOnly.json().code).toBe('insufficient_scope');
    expect((await call(t, 'GET', '/tenants/current', { apiKey: key })).statusCode).toBe(200);

    const deactivate = await call(t, 'PATCH', `/tenants/users/${admin.userId}`, { token: owner.accessToken }, { status: 'deactivated' });
    expect(deactivate.statusCode).toBe(200);
    const dead = await call(t, 'GET', '/tenants/current', { apiKey: key });
    expect(dead.statusCode).toBe(401);
    expect(dead.json().detail).toContain('deactivated');
  });
});
