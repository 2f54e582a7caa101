import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createApiKey } from '../support/tenant-fixtures.js';
import { bearer, createTestApp, type Account, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Account;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup({ company: 'Platform Operators' });
  // What `catalytic admin grant EMAIL` does.
  await t.runtime.services.platformAdmin.grant(admin.email);
});
afterAll(async () => t?.close());

const asAdmin = { token: () => admin.accessToken };
const adminCall = (method: 'GET' | 'POST' | 'PUT', url: string, body?: Record<string, unknown>) =>
  call(t, method, url, { token: asAdmin.token() }, body);

async function auditOf(tenant: Account, action: string) {
  const res = await call(t, 'GET', `/audit-logs?action=${action}`, { token: tenant.accessToken });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { action: string; actor_id: string | null; actor_type: string; details: Record<string, unknown> }[];
}

describe('who may administer the platform', () => {
  it('refuses every tenant role, the owner included, and every API key, with 403', async () => {
    const owner = await t.signup();
    const key = await createApiKey(t, admin.accessToken, ['admin']);
    for (const [method, url, body] of [
      ['GET', '/admin/tenants', undefined],
      ['POST', `/admin/tenants/${owner.tenantId}/suspend`, undefined],
      ['POST', `/admin/tenants/${owner.tenantId}/reactivate`, undefined],
      ['PUT', `/admin/tenants/${owner.tenantId}/plan`, { plan_code: 'pro' }],
    ] as const) {
      const asOwner = await call(t, method, url, { token: owner.accessToken }, body);
      expect(asOwner.statusCode, `${method} ${url}`).toBe(403);
      expect(asOwner.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('platform administrators') });
      // Even the platform administrator's own API key: administration is for bearer tokens only.
      expect((await call(t, method, url, { apiKey: key.key }, body)).statusCode).toBe(403);
    }
    expect((await call(t, 'GET', `/tenants/current`, { token: owner.accessToken })).json().status).toBe('active');
  });

  it('a revoked grant stops working at once', async () => {
    const other = await t.signup();
    await t.runtime.services.platformAdmin.grant(other.email);
    expect((await call(t, 'GET', '/admin/tenants', { token: other.accessToken })).statusCode).toBe(200);
    await t.runtime.services.platformAdmin.revoke(other.email);
    expect((await call(t, 'GET', '/admin/tenants', { token: other.accessToken })).statusCode).toBe(403);
    const granted = await auditOf(other, 'user.platform_admin_granted');
    const revoked = await auditOf(other, 'user.platform_admin_revoked');
    expect([granted.length, revoked.length]).toEqual([1, 1]);
    expect(revoked[0]).toMatchObject({ actor_type: 'system' });
  });

  it('a grant needs exactly one active account: unknown addresses are not_found', async () => {
    await expect(t.runtime.services.platformAdmin.grant(`nobody-${randomUUID()}@example.com`)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('documents the routes as bearer-only, for platform administrators', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/v1/admin/tenants', 'get'],
      ['/api/v1/admin/tenants/{id}/suspend', 'post'],
      ['/api/v1/admin/tenants/{id}/reactivate', 'post'],
      ['/api/v1/admin/tenants/{id}/plan', 'put'],
    ]) {
      const op = doc.paths[path][method];
      expect(op.security, path).toEqual([{ bearerAuth: [] }]);
      expect(op['x-platform-admin'], path).toBe(true);
      expect(op.description, path).toContain('Platform administrators only');
    }
  });
});

describe('listing tenants', () => {
  it('pages through every tenant, newest first, with X-Total-Count and Link', async () => {
    const made = [await t.signup(), await t.signup(), await t.signup()];
    const first = await adminCall('GET', '/admin/tenants?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const total = Number(first.headers['x-total-count']);
    expect(total).toBeGreaterThanOrEqual(4);
    expect(first.json()).toHaveLength(2);
    // Newest first: the last tenant made leads.
    expect(first.json()[0]).toMatchObject({ id: made[2].tenantId, status: 'active', plan_code: 'free', limits: expect.any(Object) });
    const seen: string[] = first.json().map((x: { id: string }) => x.id);
    let link = String(first.headers.link ?? '');
    while (link) {
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      expect(next).toBeDefined();
      const res = await t.app.inject({
        method: 'GET',
        url: new URL(next!).pathname + new URL(next!).search,
        headers: bearer(admin.accessToken),
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().map((x: { id: string }) => x.id));
      link = String(res.headers.link ?? '');
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    for (const m of [...made, admin]) expect(seen).toContain(m.tenantId);
  });

  it('filters by status and refuses a bad filter or cursor with 422', async () => {
    const victim = await t.signup();
    expect((await adminCall('POST', `/admin/tenants/${victim.tenantId}/suspend`)).statusCode).toBe(200);
    const suspended = await adminCall('GET', '/admin/tenants?status=suspended&limit=100');
    expect(suspended.json().map((x: { id: string }) => x.id)).toContain(victim.tenantId);
    expect(suspended.json().every((x: { status: string }) => x.status === 'suspended')).toBe(true);
    expect((await adminCall('GET', '/admin/tenants?status=gone')).statusCode).toBe(422);
    expect((await adminCall('GET', '/admin/tenants?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(422);
    expect((await adminCall('GET', '/admin/tenants?limit=0')).statusCode).toBe(422);
  });
});

describe('suspending and reactivating a tenant', () => {
  it("refuses the tenant's tokens, API keys, logins and refreshes with 403 at once, and lets them back in on reactivation", async () => {
    const victim = await t.signup();
    const key = await createApiKey(t, victim.accessToken, ['read']);
    // Warm every cache of the resolver first: suspension must beat them.
    for (let i = 0; i < 2; i++) {
      expect((await call(t, 'GET', '/tenants/current', { token: victim.accessToken })).statusCode).toBe(200);
      expect((await call(t, 'GET', '/tenants/current', { apiKey: key.key })).statusCode).toBe(200);
    }
    const suspended = await adminCall('POST', `/admin/tenants/${victim.tenantId}/suspend`);
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ id: victim.tenantId, status: 'suspended' });

    for (const creds of [{ token: victim.accessToken }, { apiKey: key.key }]) {
      const res = await call(t, 'GET', '/tenants/current', creds);
      expect(res.statusCode, JSON.stringify(creds)).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'account_disabled', detail: expect.stringContaining('suspended') });
    }
    const login = await call(t, 'POST', '/auth/login', {}, { email: victim.email, password: victim.password });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('account_disabled');
    const refresh = await call(t, 'POST', '/auth/refresh', {}, { refresh_token: victim.refreshToken });
    expect(refresh.statusCode).toBe(403);

    // Suspending again changes nothing and records nothing.
    expect((await adminCall('POST', `/admin/tenants/${victim.tenantId}/suspend`)).json().status).toBe('suspended');

    const back = await adminCall('POST', `/admin/tenants/${victim.tenantId}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('active');
    expect((await call(t, 'GET', '/tenants/current', { token: victim.accessToken })).statusCode).toBe(200);
    expect((await call(t, 'GET', '/tenants/current', { apiKey: key.key })).statusCode).toBe(200);

    const entries = [...(await auditOf(victim, 'tenant.suspended')), ...(await auditOf(victim, 'tenant.reactivated'))];
    expect(entries.map((e) => e.action).sort()).toEqual(['tenant.reactivated', 'tenant.suspended']);
    for (const e of entries) {
      expect(e).toMatchObject({ actor_id: admin.userId, actor_type: 'user' });
      expect(e.details).toMatchObject({ platform_admin: { user_id: admin.userId, tenant_id: admin.tenantId } });
    }
  });

  it("refuses to suspend the administrator's own tenant (409), an unknown tenant (404) and a malformed id (422)", async () => {
    const own = await adminCall('POST', `/admin/tenants/${admin.tenantId}/suspend`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('conflict');
    expect((await adminCall('POST', `/admin/tenants/${randomUUID()}/suspend`)).statusCode).toBe(404);
    expect((await adminCall('POST', `/admin/tenants/${randomUUID()}/reactivate`)).statusCode).toBe(404);
    expect((await adminCall('POST', '/admin/tenants/not-a-uuid/suspend')).statusCode).toBe(422);
  });
});

describe("changing a tenant's plan", () => {
  it('applies the new limits at once and audits the change, naming the administrator', async () => {
    const tenant = await t.signup();
    expect((await call(t, 'GET', '/tenants/current', { token: tenant.accessToken })).json().plan_code).toBe('free');
    const moved = await adminCall('PUT', `/admin/tenants/${tenant.tenantId}/plan`, { plan_code: 'professional' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: tenant.tenantId, plan_code: 'pro' });
    const now = await call(t, 'GET', '/tenants/current', { token: tenant.accessToken });
    expect(now.json()).toMatchObject({ plan_code: 'pro', limits: { lattices: 500, gpu_allowed: true } });
    const [entry] = await auditOf(tenant, 'tenant.plan_changed');
    expect(entry).toMatchObject({
      actor_id: admin.userId,
      details: { from: 'free', to: 'pro', platform_admin: { user_id: admin.userId } },
    });
  });

  it('refuses an unknown plan (422) and an unknown tenant (404)', async () => {
    const tenant = await t.signup();
    const bad = await adminCall('PUT', `/admin/tenants/${tenant.tenantId}/plan`, { plan_code: 'platinum' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('validation_failed');
    expect((await adminCall('PUT', `/admin/tenants/${randomUUID()}/plan`, { plan_code: 'pro' })).statusCode).toBe(404);
    expect((await adminCall('PUT', `/admin/tenants/${tenant.tenantId}/plan`, {})).statusCode).toBe(422);
  });
});
