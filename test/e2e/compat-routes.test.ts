import { describe, expect, it } from 'vitest';
import { strongPassword, uniqueEmail } from './support/accounts.js';
import { apis } from './support/http-client.js';

/** An operation answer without what differs between two runs of the same computation. */
function comparable(answer: Record<string, unknown>) {
  const { operation_id: _id, execution_time_ms: _ms, cached: _cached, ...rest } = answer;
  return rest;
}

describe('journey: an old client on the compat routes', () => {
  it(
    'signs up, computes and logs out through /auth/* and /api/*, getting what the canonical routes give',
    { timeout: 60_000 },
    async () => {
      const [a, b] = apis();
      const email = uniqueEmail('compat');
      const password = strongPassword();
      const registered = await a.post('/auth/register', {
        email,
        password,
        first_name: 'Ada',
        last_name: 'Lovelace',
        tenant_name: 'Engines',
      });
      expect(registered.status, registered.text).toBe(201);
      expect(registered.body).toMatchObject({ email, name: 'Ada Lovelace', role: 'owner', token_type: 'bearer', plan_code: 'free' });

      const login = await b.post('/auth/login', { email, password });
      expect(login.status).toBe(200);
      // Old clients read the nested `tokens` and `user`.
      expect(login.body.tokens.access_token).toBe(login.body.access_token);
      expect(login.body.user).toMatchObject({ email, role: 'owner', tenant_id: registered.body.tenant_id });
      const refreshed = await a.post('/api/auth/refresh', { refresh_token: login.body.refresh_token });
      expect(refreshed.status).toBe(200);
      const own = { token: refreshed.body.access_token as string };

      const me = await b.get('/api/auth/me', own);
      expect(me.status).toBe(200);
      expect(me.headers.get('api-version')).toBe('1');

      // Old clients send the list of sizes as `dimensions`, and fields the service stores for them.
      const created = await a.post(
        '/api/lattices',
        { name: 'old style', dimensions: [12, 12], field_type: 'scalar', geometry: 'grid', enable_gpu: false },
        own,
      );
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ shape: [12, 12], vertices: 144 });
      const id: string = created.body.id;
      expect((await b.get('/api/lattices', own)).body.map((l: { id: string }) => l.id)).toEqual([id]);

      const compat = await b.post('/api/lattices/path', { lattice_id: id, start: [0, 0], end: [11, 5] }, own);
      const canonical = await a.post(`/api/v1/lattices/${id}/path`, { start: [0, 0], end: [11, 5] }, own);
      expect(compat.status, compat.text).toBe(200);
      expect(comparable(compat.body)).toEqual(comparable(canonical.body));
      expect(compat.body.hops).toBe(16);

      const transformed = await a.post(`/api/lattices/${id}/transform`, { transformation_type: 'xor', parameters: { key: 'old' } }, own);
      expect(transformed.status, transformed.text).toBe(200);
      const transforms = await b.get(`/api/lattices/${id}/transformations`, own);
      expect(transforms.body.operations.map((o: { id: string }) => o.id)).toEqual([transformed.body.operation_id]);
      const all = await a.get(`/api/v1/lattices/${id}/operations`, own);
      expect(all.body.operations).toHaveLength(3);

      expect((await b.post('/auth/logout', undefined, own)).status).toBe(200);
      const after = await a.get('/api/v1/auth/me', own);
      expect(after.status).toBe(401);
      expect(after.body.detail).toContain('revoked');
    },
  );
});
