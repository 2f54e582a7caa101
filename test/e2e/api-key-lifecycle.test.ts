import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis } from './support/http-client.js';

describe('journey: API-key lifecycle', () => {
  it('creates a key, uses it on both processes, refuses what its scope does not allow, and revokes it', { timeout: 60_000 }, async () => {
    const [a, b] = apis();
    const owner = await signUp(a, { tag: 'keys' });
    const own = { token: owner.accessToken };

    const readOnly = await a.post('/api/v1/tenants/api-keys', { name: 'dashboard', scopes: ['read'] }, own);
    expect(readOnly.status, readOnly.text).toBe(201);
    const readKey: string = readOnly.body.key;
    expect(readKey).toMatch(/^clc_/);
    const writer = await b.post('/api/v1/tenants/api-keys', { name: 'pipeline', scopes: ['read', 'write'], expires_in_days: 30 }, own);
    expect(writer.status).toBe(201);
    const writeKey: string = writer.body.key;

    const made = await b.post('/api/v1/lattices', { name: 'from a script', shape: [10, 10] }, { apiKey: writeKey });
    expect(made.status, made.text).toBe(201);
    const seen = await a.get(`/api/v1/lattices/${made.body.id}`, { apiKey: readKey });
    expect(seen.status).toBe(200);
    const me = await b.get('/api/v1/auth/me', { apiKey: readKey });
    expect(me.body.auth).toEqual({ method: 'api_key', scopes: ['read'] });

    // Scope refusal: a read key cannot write, and no key can mint keys without the admin scope.
    const refused = await a.post('/api/v1/lattices', { name: 'not allowed', shape: [4, 4] }, { apiKey: readKey });
    expect(refused.status).toBe(403);
    expect((await b.post('/api/v1/tenants/api-keys', { name: 'escalate', scopes: ['admin'] }, { apiKey: writeKey })).status).toBe(403);

    const listed = await a.get('/api/v1/tenants/api-keys', own);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(readKey);
    const entry = listed.body.find((k: { id: string }) => k.id === readOnly.body.id);
    expect(entry).toMatchObject({ name: 'dashboard', scopes: ['read'], revoked_at: null });
    expect(entry.last_used_at).not.toBeNull();

    expect((await b.delete(`/api/v1/tenants/api-keys/${readOnly.body.id}`, own)).status).toBe(204);
    for (const api of [a, b]) {
      const gone = await api.get('/api/v1/lattices', { apiKey: readKey });
      expect(gone.status, `${api.name}: ${gone.text}`).toBe(401);
    }
    // The other key is untouched.
    expect((await a.get('/api/v1/lattices', { apiKey: writeKey })).status).toBe(200);
  });
});
