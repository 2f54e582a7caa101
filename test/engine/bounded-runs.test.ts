import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { createLattice } from '../../src/engine/lattice.js';

/*
 * Deadlines, aborts and the memory budget. The long run is a breadth-first
 * path search across a 10^15-vertex lattice: its state lives in a Map and it
 * would take seconds before its visit cap stops it.
 */

const huge = createLattice({ shape: [100_000, 100_000, 100_000] });
const longSearch = { start: [0, 0, 0], end: [99_999, 99_999, 99_999], algorithm: 'bfs' as const };

const engines: Engine[] = [];
function engineWith(options: Parameters<typeof createEngine>[0] = {}): Engine {
  const e = createEngine({ poolThreads: 2, ...options });
  engines.push(e);
  return e;
}
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

/** Waits until the pool is back to full strength and returns its thread ids. */
async function fullPool(engine: Engine): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const ids = engine.pool.threadIds();
    if (ids.length === engine.pool.threads) return ids;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the pool did not replace its stopped thread');
}

const idle = { reserved_bytes: 0, running: 0, waiting: 0, waiting_bytes: 0 };

describe('deadlines', () => {
  it('stop a pool run: deadline_exceeded, its worker terminated and replaced, its memory returned', async () => {
    const engine = engineWith();
    await engine.pool.warm();
    const before = await fullPool(engine);
    const t0 = performance.now();
    await expect(engine.run(huge, 'path', longSearch, { backend: 'cpu-pool', deadlineMs: 300 })).rejects.toMatchObject({
      code: 'deadline_exceeded',
      details: { deadline_ms: 300 },
    });
    // Prompt: the thread is stopped, not asked to finish (the search alone takes seconds).
    expect(performance.now() - t0).toBeLessThan(300 + 1000);
    expect(engine.memoryState()).toMatchObject(idle);
    const after = await fullPool(engine);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    // The replaced pool answers the next run.
    const next = await engine.run(createLattice({ shape: [20, 20] }), 'components', {}, { backend: 'cpu-pool', deadlineMs: 30_000 });
    expect(next.result.count).toBe(1);
  });

  it('keep the event loop free: auto sends a long run to the pool, where timers keep ticking', async () => {
    const engine = engineWith();
    await engine.pool.warm();
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const run = engine.run(huge, 'path', longSearch, { deadlineMs: 800 });
    await expect(run).rejects.toMatchObject({ code: 'deadline_exceeded' });
    clearInterval(ticker);
    // Had the search run on this thread, no tick would have come for the whole 800 ms.
    expect(worstGap).toBeLessThan(250);
  });

  it('are validated', async () => {
    const engine = engineWith();
    for (const deadlineMs of [0, -5, Number.NaN, 2 ** 40]) {
      await expect(engine.run(createLattice({ shape: [4, 4] }), 'components', {}, { deadlineMs })).rejects.toMatchObject({
        code: 'invalid_parameter',
      });
    }
  });
});

describe('aborts', () => {
  it('terminate the worker of a pool run and end in aborted, with nothing left reserved', async () => {
    const engine = engineWith();
    await engine.pool.warm();
    const before = await fullPool(engine);
    const controller = new AbortController();
    setTimeout(() => controller.abort('cancelled by the test'), 200);
    await expect(engine.run(huge, 'path', longSearch, { backend: 'cpu-pool', signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(engine.memoryState()).toMatchObject(idle);
    expect((await fullPool(engine)).filter((id) => !before.includes(id))).toHaveLength(1);
  });
});

describe('the memory budget', () => {
  it('refuses a run that could never fit, before it allocates anything', async () => {
    const engine = engineWith({ memoryBudgetBytes: 16 * 2 ** 20 });
    const big = createLattice({ shape: [3000, 3000], obstacles: { coordinates: [[1, 1]] } });
    const estimate = engine.estimate(big, 'distances', { sources: [[0, 0]] });
    expect(estimate.bytes).toBeGreaterThan(16 * 2 ** 20);
    await expect(engine.run(big, 'distances', { sources: [[0, 0]] })).rejects.toMatchObject({
      code: 'over_memory_budget',
      details: { bytes: Math.ceil(estimate.bytes), budget: 16 * 2 ** 20 },
    });
    expect(engine.memoryState()).toMatchObject(idle);
  });

  it('returns to zero after a success, an error inside the run, and an abort', async () => {
    const engine = engineWith();
    const l = createLattice({ shape: [50, 50], obstacles: { density: 0.1, seed: 1 } });
    await engine.run(l, 'components', {}, { backend: 'cpu-pool' });
    expect(engine.memoryState()).toMatchObject(idle);
    // Dijkstra refuses a negative cost only once it reads the field, inside the run.
    const costly = createLattice({ shape: [8, 8] });
    costly.field = new Float64Array(64).fill(1);
    costly.field[9] = -1;
    for (const backend of ['cpu', 'cpu-pool'] as const) {
      await expect(engine.run(costly, 'path', { start: [0, 0], end: [7, 7], algorithm: 'dijkstra' }, { backend })).rejects.toMatchObject({
        code: 'invalid_parameter',
      });
      expect(engine.memoryState()).toMatchObject(idle);
    }
    const controller = new AbortController();
    const run = engine.run(huge, 'path', longSearch, { backend: 'cpu-pool', signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(engine.memoryState()).toMatchObject(idle);
  });

  it('makes a run that does not fit beside others wait in line, up to its deadline', async () => {
    const bytes = engineWith().estimate(huge, 'path', longSearch).bytes;
    // Room for one long search, not two.
    const engine = engineWith({ memoryBudgetBytes: Math.ceil(1.5 * bytes) });
    const first = engine.run(huge, 'path', longSearch, { backend: 'cpu-pool', deadlineMs: 1500 });
    const second = engine.run(huge, 'path', longSearch, { backend: 'cpu-pool', deadlineMs: 400 });
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.memoryState()).toMatchObject({ running: 1, waiting: 1, reserved_bytes: Math.ceil(bytes) });
    // The second never got its memory: its deadline passes in the line.
    await expect(second).rejects.toMatchObject({ code: 'deadline_exceeded' });
    expect(engine.memoryState()).toMatchObject({ running: 1, waiting: 0 });
    await expect(first).rejects.toMatchObject({ code: 'deadline_exceeded' });
    expect(engine.memoryState()).toMatchObject(idle);
    // A waiting run that gets room runs: two short ones in a row under the same budget.
    const small = createLattice({ shape: [30, 30] });
    const [a, b] = await Promise.all([
      engine.run(small, 'components', {}, { backend: 'cpu-pool' }),
      engine.run(small, 'components', {}, { backend: 'cpu-pool' }),
    ]);
    expect([a.result.count, b.result.count]).toEqual([1, 1]);
    expect(engine.memoryState()).toMatchObject(idle);
  });
});
