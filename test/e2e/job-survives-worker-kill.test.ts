import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { logTail, member, restarted } from './support/fleet-state.js';
import { apis, until } from './support/http-client.js';

describe("journey: a job survives its worker's SIGKILL", () => {
  it('is retried by the restarted worker once it times out, and succeeds with attempts ≥ 2', { timeout: 180_000 }, async () => {
    const [a, b] = apis();
    const owner = await signUp(a, { tag: 'sigkill', plan: 'enterprise' });
    const own = { token: owner.accessToken };
    const lattice = await a.post('/api/v1/lattices', { name: 'cube', shape: [80, 80, 80] }, own);
    expect(lattice.status).toBe(201);

    // A seeded random walk of 600 walkers × 60 000 steps: about 1.5 s of engine time on an idle 2-core machine
    // (≈ 43 ns per walker-step), long enough to be seen running and killed, short enough that the retry ends
    // well inside the fleet's 8 s job timeout on a busy one. (A corner-to-corner BFS took only 0.1–0.3 s and
    // could finish between two polls, before the kill.)
    const body = { walkers: 600, steps: 60_000, seed: 5 };
    const accepted = await b.post(`/api/v1/lattices/${lattice.body.id}/random-walk?async=true`, body, own);
    expect(accepted.status, accepted.text).toBe(202);
    const job = () => a.get(accepted.body.status_url, own).then((r) => r.body);
    const picked = await until(job, (j) => j.status !== 'queued', 60_000, 'job picked up');
    expect(picked.status).toBe('running');

    const victim = await member('worker-1');
    process.kill(victim.pid, 'SIGKILL');
    const replacement = await restarted('worker-1', victim);
    expect(replacement.pid).not.toBe(victim.pid);

    const done = await until(job, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 120_000, 'job finished');
    expect(done.status, `${JSON.stringify(done.error)}\n${await logTail('worker-1')}`).toBe('succeeded');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.result).toMatchObject({ operation_id: accepted.body.operation_id, ...body, start: [40, 40, 40] });
    const history = await b.get(`/api/v1/lattices/${lattice.body.id}/operations`, own);
    expect(history.body.operations).toEqual([
      expect.objectContaining({ id: accepted.body.operation_id, status: 'succeeded', job_id: accepted.body.job_id }),
    ]);
  });
});
