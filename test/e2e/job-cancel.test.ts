import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis, until } from './support/http-client.js';

describe('journey: a running job cancelled through the other process', () => {
  it('stops the job in the worker, records it as cancelled, and the worker goes on with the next job', { timeout: 90_000 }, async () => {
    const [a, b] = apis();
    const owner = await signUp(a, { tag: 'cancel', plan: 'enterprise' });
    const own = { token: owner.accessToken };
    const lattice = await a.post('/api/v1/lattices', { name: 'long walk', shape: [50, 50] }, own);
    const id: string = lattice.body.id;

    const long = await a.post(`/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 100_000, steps: 100_000, seed: 1 }, own);
    expect(long.status, long.text).toBe(202);
    await until(
      async () => (await b.get(long.body.status_url, own)).body.status,
      (s) => s === 'running',
      60_000,
      'long job running',
    );
    const cancelled = await b.delete(`/api/v1/jobs/${long.body.job_id}`, own);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const row = await until(
      async () => (await a.get(`/api/v1/lattices/${id}/operations`, own)).body.operations[0],
      (o) => o.status === 'cancelled',
      30_000,
      'history row cancelled',
    );
    expect(row).toMatchObject({ id: long.body.operation_id, job_id: long.body.job_id });
    expect((await a.get(long.body.status_url, own)).body.status).toBe('cancelled');

    const next = await b.post(`/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 100, steps: 100, seed: 2 }, own);
    const done = await until(
      async () => (await a.get(next.body.status_url, own)).body,
      (j) => ['succeeded', 'failed'].includes(j.status),
      60_000,
      'next job',
    );
    expect(done.status).toBe('succeeded');
  });
});
