import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, createApiKey, rawDatabase } from '../support/tenant-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const KEY_SHAPE = /^clc_([a-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

describe('POST /tenants/api-keys', () => {
  it('returns the key once and stores only its prefix and SHA-256 hash', async () => {
    const owner = await t.signup();
    const res = await call(
      t,
      'POST',
      '/tenants/api-keys',
      { token: owner.accessToken },
      { name: 'CI', scopes: ['read', 'write'], expires_in_days: 30 },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.key).toMatch(KEY_SHAPE);
    expect(KEY_SHAPE.exec(body.key)![1]).toBe(body.prefix);
    expect(body).toMatchObject({ name: 'CI', scopes: ['read', 'write'], created_by: owner.userId, last_used_at: null, revoked_at: null });
    const expiresIn = Date.parse(body.expires_at) - Date.now();
    expect(Math.abs(expiresIn - 30 * 86_400_000)).toBeLessThan(60_000);

    const db = await rawDatabase(t);
    try {
      const { rows } = await db.query('SELECT * FROM api_keys WHERE id = $1', [body.id]);
      expect(rows[0].key_hash).toBe(createHash('sha256').update(body.key).digest('hex'));
      expect(JSON.stringify(rows[0])).not.toContain(body.key.slice(13));
    } finally {
      await db.end();
    }
  });

  it('refuses bad names, scopes and lifetimes with 422', async () => {
    const owner = await t.signup();
    for (const body of [
      { name: 'k', scopes: [] },
      { name: 'k', scopes: ['root'] },
      { name: 'k', scopes: ['read', 'read'] },
      { name: '', scopes: ['read'] },
      { name: 'k', scopes: ['read'], expires_in_days: 0 },
      { name: 'k', scopes: ['read'], expires_in_days: 3651 },
      { name: 'k', scopes: ['read'], expires_in_days: 1.5 },
      { scopes: ['read'] },
    ]) {
      const res = await call(t, 'POST', '/tenants/api-keys', { token: owner.accessToken }, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
    }
  });

  it('is refused to members', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    const res = await call(t, 'POST', '/tenants/api-keys', { token: member.accessToken }, { name: 'k', scopes: ['read'] });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /tenants/api-keys', () => {
  it('lists the keys newest first, without secrets, with paging headers', async () => {
    const owner = await t.signup();
    const a = await createApiKey(t, owner.accessToken, ['read']);
    const b = await createApiKey(t, owner.accessToken, ['admin']);
    const res = await call(t, 'GET', '/tenants/api-keys', { token: owner.accessToken });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.headers.link).toBeUndefined();
    const keys = res.json();
    expect(keys.map((k: { id: string }) => k.id)).toEqual([b.id, a.id]);
    for (const k of keys) {
      expect(Object.keys(k).sort()).toEqual([
        'created_at',
        'created_by',
        'expires_at',
        'id',
        'last_used_at',
        'name',
        'prefix',
        'revoked_at',
        'scopes',
      ]);
    }
    expect(res.body).not.toContain(a.key);
    expect(res.body).not.toContain(createHash('sha256').update(a.key).digest('hex'));

    const first = await call(t, 'GET', '/tenants/api-keys?limit=1', { token: owner.accessToken });
    expect(first.json().map((k: { id: string }) => k.id)).toEqual([b.id]);
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.link as string)![1];
    const second = await call(t, 'GET', new URL(next).pathname + new URL(next).search, { token: owner.accessToken });
    expect(second.json().map((k: { id: string }) => k.id)).toEqual([a.id]);
    expect(second.headers.link).toBeUndefined();
  });

  it("never shows another tenant's keys", async () => {
    const owner = await t.signup();
    const stranger = await t.signup();
    await createApiKey(t, stranger.accessToken, ['read']);
    const res = await call(t, 'GET', '/tenants/api-keys', { token: owner.accessToken });
    expect(res.json()).toEqual([]);
    expect(res.headers['x-total-count']).toBe('0');
  });
});

describe('authenticating with X-API-Key', () => {
  it('works on GET /tenants/current and records last_used_at', async () => {
    const owner = await t.signup();
    const { id, key } = await createApiKey(t, owner.accessToken, ['read']);
    const res = await call(t, 'GET', '/tenants/current', { apiKey: key });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(owner.tenantId);
    const listed = (await call(t, 'GET', '/tenants/api-keys', { token: owner.accessToken })).json();
    const row = listed.find((k: { id: string }) => k.id === id);
    expect(row.last_used_at).not.toBeNull();
    expect(Math.abs(Date.parse(row.last_used_at) - Date.now())).toBeLessThan(60_000);
  });

  it('enforces scopes: read keys read, write keys write, only admin keys administer', async () => {
    const owner = await t.signup();
    const read = await createApiKey(t, owner.accessToken, ['read']);
    const write = await createApiKey(t, owner.accessToken, ['read', 'write']);
    const admin = await createApiKey(t, owner.accessToken, ['admin']);
    const create = { name: 'child', scopes: ['read'] };
    const denied = await call(t, 'POST', '/tenants/api-keys', { apiKey: read.key }, create);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('insufficient_scope');
    expect((await call(t, 'PATCH', '/tenants/current', { apiKey: write.key }, { name: 'Nope' })).statusCode).toBe(403);
    expect((await call(t, 'GET', '/tenants/users', { apiKey: read.key })).statusCode).toBe(200);
    const created = await call(t, 'POST', '/tenants/api-keys', { apiKey: admin.key }, create);
    expect(created.statusCode).toBe(201);
    expect(created.json().created_by).toBe(owner.userId);
  });

  it('refuses garbage, unknown, expired and revoked keys with 401', async () => {
    const owner = await t.signup();
    expect((await call(t, 'GET', '/tenants/current', { apiKey: 'garbage' })).statusCode).toBe(401);
    const known = await createApiKey(t, owner.accessToken, ['read']);
    const forged = known.key.slice(0, -4) + (known.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await call(t, 'GET', '/tenants/current', { apiKey: forged })).statusCode).toBe(401);

    const expired = await createApiKey(t, owner.accessToken, ['read'], { expires_in_days: 1 });
    const db = await rawDatabase(t);
    try {
      await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    } finally {
      await db.end();
    }
    const res = await call(t, 'GET', '/tenants/current', { apiKey: expired.key });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('expired');
  });
});

describe('DELETE /tenants/api-keys/{id}', () => {
  it('revokes at once, even a key just used, audits it, and is idempotent', async () => {
    const owner = await t.signup();
    const { id, key } = await createApiKey(t, owner.accessToken, ['read']);
    expect((await call(t, 'GET', '/tenants/current', { apiKey: key })).statusCode).toBe(200);
    const res = await call(t, 'DELETE', `/tenants/api-keys/${id}`, { token: owner.accessToken });
    expect(res.statusCode).toBe(204);
    const after = await call(t, 'GET', '/tenants/current', { apiKey: key });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('revoked');
    const listed = (await call(t, 'GET', '/tenants/api-keys', { token: owner.accessToken })).json();
    expect(listed[0].revoked_at).not.toBeNull();
    expect((await call(t, 'DELETE', `/tenants/api-keys/${id}`, { token: owner.accessToken })).statusCode).toBe(204);

    const audit = (await call(t, 'GET', '/audit-logs?action=api_key.revoked', { token: owner.accessToken })).json();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: id, actor_id: owner.userId });
  });

  it("answers 404 for another tenant's key and leaves it working", async () => {
    const owner = await t.signup();
    const stranger = await t.signup();
    const theirs = await createApiKey(t, stranger.accessToken, ['read']);
    const res = await call(t, 'DELETE', `/tenants/api-keys/${theirs.id}`, { token: owner.accessToken });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('API key not found');
    expect((await call(t, 'GET', '/tenants/current', { apiKey: theirs.key })).statusCode).toBe(200);
  });
});
