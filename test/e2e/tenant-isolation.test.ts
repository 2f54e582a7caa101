import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis, until } from './support/http-client.js';

describe("journey: another tenant's data stays invisible", () => {
  it(
    "answers 404 for another tenant's lattice, operations and job, on both processes and with an API key",
    { timeout: 60_000 },
    async () => {
      const [a, b] = apis();
      const alice = await signUp(a, { tag: 'alice' });
      const mallory = await signUp(b, { tag: 'mallory' });
      const aliceAuth = { token: alice.accessToken };

      const lattice = await a.post('/api/v1/lattices', { name: 'private', shape: [10, 10] }, aliceAuth);
      const id: string = lattice.body.id;
      const job = await a.post(`/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 50, steps: 50, seed: 2 }, aliceAuth);
      expect(job.status).toBe(202);
      await until(
        async () => (await b.get(job.body.status_url, aliceAuth)).body.status,
        (s) => s === 'succeeded',
        60_000,
        'job of the owner',
      );

      const key = await b.post('/api/v1/tenants/api-keys', { name: 'mallory', scopes: ['read', 'write'] }, { token: mallory.accessToken });
      expect(key.status).toBe(201);
      for (const credentials of [{ token: mallory.accessToken }, { apiKey: key.body.key as string }]) {
        for (const api of [a, b]) {
          const attempts = [
            await api.get(`/api/v1/lattices/${id}`, credentials),
            await api.patch(`/api/v1/lattices/${id}`, { name: 'mine now' }, credentials),
            await api.post(`/api/v1/lattices/${id}/path`, { start: [0, 0], end: [9, 9] }, credentials),
            await api.get(`/api/v1/lattices/${id}/operations`, credentials),
            await api.get(job.body.status_url, credentials),
            await api.delete(`/api/v1/jobs/${job.body.job_id}`, credentials),
            await api.delete(`/api/v1/lattices/${id}`, credentials),
          ];
          expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
          expect((await api.get('/api/v1/lattices', credentials)).body).toEqual([]);
        }
      }
      const untouched = await b.get(`/api/v1/lattices/${id}`, aliceAuth);
      expect(untouched.body).toMatchObject({ name: 'private', version: 1 });
      const audit = await a.get('/api/v1/audit-logs', { token: mallory.accessToken });
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).not.toContain(id);
    },
  );
});
