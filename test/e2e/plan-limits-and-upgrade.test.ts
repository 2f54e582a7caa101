import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis } from './support/http-client.js';

describe('journey: free-plan limits hit, upgrade lifts them', () => {
  it(
    'refuses the sixth lattice, a five-dimensional one and the eleventh computation in a minute on free; starter allows them',
    { timeout: 60_000 },
    async () => {
      const [a, b] = apis();
      const owner = await signUp(a, { tag: 'limits' });
      const own = { token: owner.accessToken };
      const me = await b.get('/api/v1/auth/me', own);
      expect(me.body.plan.code).toBe('free');
      const allowed: number = me.body.limits.lattices;
      expect(allowed).toBe(5);

      for (let i = 0; i < allowed; i++) {
        const api = i % 2 === 0 ? a : b;
        expect((await api.post('/api/v1/lattices', { name: `grid ${i}`, shape: [4, 4] }, own)).status).toBe(201);
      }
      const sixth = await b.post('/api/v1/lattices', { name: 'one too many', shape: [4, 4] }, own);
      expect(sixth.status).toBe(403);
      expect(sixth.body).toMatchObject({ code: 'plan_limit_exceeded', limit: 'max_lattices', value: 5 });
      const fiveD = await a.post('/api/v1/lattices', { name: 'five d', shape: [3, 3, 3, 3, 3] }, own);
      expect(fiveD.status).toBe(403);
      expect(fiveD.body).toMatchObject({ code: 'plan_limit_exceeded', limit: 'max_dimensions' });

      const computeLimit: number = me.body.limits.compute_per_minute;
      expect(computeLimit).toBe(10);
      const grid = (await a.get('/api/v1/lattices', own)).body[0].id as string;
      const path = (api: typeof a) => api.post(`/api/v1/lattices/${grid}/path`, { start: [0, 0], end: [3, 3] }, own);
      for (let i = 0; i < computeLimit; i++) expect((await path(i % 2 === 0 ? b : a)).status).toBe(200);
      const throttled = await path(a);
      expect(throttled.status).toBe(429);
      expect(throttled.body).toMatchObject({ code: 'rate_limited', limit_name: 'compute_per_minute' });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);

      const usage = await a.get('/api/v1/tenants/usage', own);
      expect(usage.status).toBe(200);
      expect(JSON.stringify(usage.body)).toContain('"lattices"');

      const upgraded = await b.put('/api/v1/tenants/subscription', { plan_code: 'starter' }, own);
      expect(upgraded.status, upgraded.text).toBe(200);
      // The other process applies the new limits at once.
      expect((await a.post('/api/v1/lattices', { name: 'sixth', shape: [4, 4] }, own)).status).toBe(201);
      expect((await b.post('/api/v1/lattices', { name: 'five d', shape: [3, 3, 3, 3, 3] }, own)).status).toBe(201);
      expect((await path(b)).status).toBe(200);
      const after = await a.get('/api/v1/auth/me', own);
      expect(after.body.plan.code).toBe('starter');
      expect(after.body.limits.lattices).toBe(50);

      const audit = await b.get('/api/v1/audit-logs?action=tenant.plan_changed', own);
      expect(audit.status).toBe(200);
      expect(audit.body).toHaveLength(1);
    },
  );
});
