import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CostModel, type CostConstants } from '../../src/engine/cost-model.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { createLattice } from '../../src/engine/lattice.js';
import { Router } from '../../src/engine/router.js';

/*
 * Engine state belongs to the engine a caller creates: two engines in one
 * process have their own router, pool and budget, and nothing in src/engine
 * is process-wide.
 */

const engines: Engine[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

function routerWhere(poolNsPerWork: number | null): Router {
  const diffusion: CostConstants['operations'][string] = { cpu: { fixedMs: 0, nsPerWork: 5 } };
  if (poolNsPerWork !== null) diffusion['cpu-pool'] = { fixedMs: 0, nsPerWork: poolNsPerWork };
  return new Router(new CostModel({ operations: { diffusion }, poolStartMs: 0, gpuInitMs: 0, gpuTransferNsPerByte: 0 }));
}

const params = { steps: 4, dt: 0.1, diffusivity: 1 };

describe('engine instances', () => {
  it('route by their own router and keep their own statistics', async () => {
    const fastPool = createEngine({ router: routerWhere(0.001), poolThreads: 2, inlineBudgetMs: Infinity });
    const noPool = createEngine({ router: routerWhere(null), poolThreads: 2, inlineBudgetMs: Infinity });
    engines.push(fastPool, noPool);
    const l = createLattice({ shape: [30, 30] });
    const a = await fastPool.run(l, 'diffusion', params, { useGpu: false });
    const b = await noPool.run(l, 'diffusion', params, { useGpu: false });
    expect(a.backend).toBe('cpu-pool');
    expect(b.backend).toBe('cpu');
    expect(a.result.field).toEqual(b.result.field);
    expect(fastPool.router.stats().decisions).toMatchObject({ 'cpu-pool': 1, cpu: 0 });
    expect(noPool.router.stats().decisions).toMatchObject({ 'cpu-pool': 0, cpu: 1 });
    expect(fastPool.pool.started).toBe(true);
    expect(noPool.pool.started).toBe(false);
  });

  it('close alone: closing one leaves the other’s pool running', async () => {
    const one = createEngine({ poolThreads: 2 });
    const two = createEngine({ poolThreads: 2 });
    engines.push(one, two);
    const l = createLattice({ shape: [40, 40], obstacles: { density: 0.2, seed: 3 } });
    await Promise.all([one.run(l, 'components', {}, { backend: 'cpu-pool' }), two.run(l, 'components', {}, { backend: 'cpu-pool' })]);
    const ids = two.pool.threadIds();
    await one.close();
    await expect(one.run(l, 'components', {})).rejects.toMatchObject({ code: 'aborted' });
    const again = await two.run(l, 'components', {}, { backend: 'cpu-pool' });
    expect(again.backend).toBe('cpu-pool');
    expect(two.pool.threadIds()).toEqual(ids);
  });

  it('have budgets of their own', async () => {
    const tight = createEngine({ memoryBudgetBytes: 1024 });
    const roomy = createEngine();
    engines.push(tight, roomy);
    const l = createLattice({ shape: [100, 100], obstacles: { density: 0.1, seed: 1 } });
    await expect(tight.run(l, 'components', {})).rejects.toMatchObject({ code: 'over_memory_budget' });
    expect((await roomy.run(l, 'components', {})).result.count).toBeGreaterThan(0);
    expect(tight.memoryState().budget_bytes).toBe(1024);
  });
});

describe('src/engine', () => {
  const root = path.resolve('src/engine');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
    });
  // Memo tables of pure functions: what they hold follows from their keys, so no caller can tell they exist.
  const MEMO_TABLES = new Set(['lattice.ts:blockedSets', 'lattice.ts:bitsets', 'grid-bfs.ts:kernels', 'pool-worker.ts:lattices']);

  it('has no module-level mutable state: no top-level let or var, and only memo tables as top-level collections', () => {
    const found: string[] = [];
    for (const file of files(root)) {
      const source = readFileSync(file, 'utf8');
      const name = path.basename(file);
      for (const m of source.matchAll(/^(?:export\s+)?(let|var)\s+(\w+)/gm)) found.push(`${name}: ${m[1]} ${m[2]}`);
      for (const m of source.matchAll(/^(?:export\s+)?const\s+(\w+)\s*=\s*new\s+(Map|WeakMap|Set|WeakSet|Array)\b/gm)) {
        if (!MEMO_TABLES.has(`${name}:${m[1]}`)) found.push(`${name}: const ${m[1]} = new ${m[2]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
