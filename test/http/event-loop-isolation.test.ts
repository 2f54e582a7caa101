/**
 * Synchronous operations never run on the API's event loop beyond a small
 * budget: heavy ones go to the engine's worker pool under SYNC_DEADLINE_MS,
 * those predicted past it become jobs (or 422 with async=false), and a run
 * whose buffers could never fit OPERATION_MEMORY_BUDGET_BYTES is refused (413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Account, type TestApp } from '../support/test-app.js';
import { createLattice, post } from './operation-fixtures.js';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

describe('heavy synchronous operations leave the event loop free', () => {
  let t: TestApp;
  let owner: Account;
  let lattice: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { SYNC_MAX_WORK: '1e13', SYNC_DEADLINE_MS: '300000' } });
    owner = await t.signup({ plan: 'enterprise' });
    lattice = await createLattice(t, owner.accessToken, { name: 'walks', shape: [200, 200] });
  }, 60_000);
  afterAll(() => t?.close());

  it('while 4 heavy operations run, /health/live answers with p99 under 50 ms', async () => {
    const started = performance.now();
    let running = true;
    const heavy = [1, 2, 3, 4].map((seed) =>
      post(t, `/lattices/${lattice}/random-walk`, { token: owner.accessToken }, { walkers: 500, steps: 10_000, seed }).finally(
        () => undefined,
      ),
    );
    const all = Promise.all(heavy).finally(() => (running = false));
    const latencies: number[] = [];
    // The first probe waits a moment so that every heavy request has been dispatched.
    await new Promise((r) => setTimeout(r, 50));
    while (running) {
      const t0 = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/health/live' });
      latencies.push(performance.now() - t0);
      expect(res.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 10));
    }
    const replies = await all;
    const elapsed = performance.now() - started;
    for (const res of replies) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().backend).toBe('cpu-pool');
      expect(res.json().cached).toBe(false);
    }
    // The operations were heavy enough to matter: they kept the pool busy for a while.
    expect(elapsed).toBeGreaterThan(500);
    expect(latencies.length).toBeGreaterThanOrEqual(10);
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    console.log(
      `event-loop isolation: ${latencies.length} probes over ${Math.round(elapsed)} ms; /health/live p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
    );
    expect(p99).toBeLessThan(50);
  }, 180_000);
});

describe('the synchronous deadline and the memory budget', () => {
  let t: TestApp;
  let owner: Account;
  let lattice: string;
  let small: string;
  const BUDGET = 2_000_000;
  beforeAll(async () => {
    t = await createTestApp({ env: { SYNC_MAX_WORK: '1e13', SYNC_DEADLINE_MS: '20', OPERATION_MEMORY_BUDGET_BYTES: String(BUDGET) } });
    owner = await t.signup({ plan: 'enterprise' });
    lattice = await createLattice(t, owner.accessToken, { name: 'wide', shape: [1000, 1000] });
    small = await createLattice(t, owner.accessToken, { name: 'small', shape: [5, 5] });
  }, 60_000);
  afterAll(() => t?.close());

  const walk = { walkers: 2000, steps: 20_000, seed: 7 };

  it('an operation predicted past SYNC_DEADLINE_MS is answered by a job (202)', async () => {
    const res = await post(t, `/lattices/${small}/random-walk`, { token: owner.accessToken }, walk);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ job_id: expect.any(String), operation_id: expect.any(String) });
  });

  it('with async=false it is refused with 422 naming the deadline', async () => {
    const res = await post(t, `/lattices/${small}/random-walk?async=false`, { token: owner.accessToken }, walk);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const message = res
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(message).toMatch(/synchronous deadline of 20 ms/);
  });

  it('an operation whose buffers exceed OPERATION_MEMORY_BUDGET_BYTES is refused with 413, sync or async', async () => {
    for (const query of ['', '?async=true']) {
      const res = await post(t, `/lattices/${lattice}/distances${query}`, { token: owner.accessToken }, { sources: [[0, 0]] });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ budget_bytes: BUDGET, bytes: expect.any(Number) });
      expect(res.json().bytes).toBeGreaterThan(BUDGET);
    }
  });

  it('a small operation is still answered at once', async () => {
    const res = await post(t, `/lattices/${small}/distances`, { token: owner.accessToken }, { sources: [[0, 0]] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().max_distance).toBe(8);
  });
});
