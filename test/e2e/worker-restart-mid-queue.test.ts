import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { member, restarted } from './support/fleet-state.js';
import { apis, until } from './support/http-client.js';

const JOBS = 16;

describe('journey: the worker restarted mid-queue loses nothing', () => {
  it('finishes every queued job exactly once after a graceful restart of the only worker', { timeout: 180_000 }, async () => {
    const [a, b] = apis();
    const owner = await signUp(a, { tag: 'restart', plan: 'enterprise' });
    const own = { token: owner.accessToken };
    const lattice = await b.post('/api/v1/lattices', { name: 'queue', shape: [40, 40] }, own);
    expect(lattice.status).toBe(201);
    const id: string = lattice.body.id;

    const submitted: { jobId: string; operationId: string; statusUrl: string }[] = [];
    for (let seed = 1; seed <= JOBS; seed++) {
      const api = seed % 2 === 0 ? a : b;
      const res = await api.post(`/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 1000, steps: 400, seed }, own);
      expect(res.status, res.text).toBe(202);
      submitted.push({ jobId: res.body.job_id, operationId: res.body.operation_id, statusUrl: res.body.status_url });
    }
    const statuses = async () => Promise.all(submitted.map(async (s) => (await a.get(s.statusUrl, own)).body.status as string));
    // Restart once the worker is busy with the queue: some done or running, some still waiting.
    const mid = await until(statuses, (all) => all.some((s) => s !== 'queued'), 60_000, 'queue started');
    const worker = await member('worker-1');
    process.kill(worker.pid, 'SIGTERM');
    const unfinished = mid.filter((s) => s === 'queued' || s === 'running').length;
    expect(unfinished, `statuses when the worker was stopped: ${mid.join(', ')}`).toBeGreaterThan(0);
    await restarted('worker-1', worker);

    const final = await until(
      statuses,
      (all) => all.every((s) => ['succeeded', 'failed', 'cancelled'].includes(s)),
      150_000,
      'queue drained',
    );
    expect(final).toEqual(Array(JOBS).fill('succeeded'));
    for (const s of submitted) {
      const job = (await b.get(s.statusUrl, own)).body;
      expect(job.result.operation_id).toBe(s.operationId);
    }
    const history = await a.get(`/api/v1/lattices/${id}/operations?limit=100`, own);
    const rows = history.body.operations as { id: string; status: string }[];
    expect(rows).toHaveLength(JOBS);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(submitted.map((s) => s.operationId)));
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
  });
});
