import { afterAll, describe, expect, it } from 'vitest';
import { gpuConfigFromEnv } from '../../src/engine/backends/gpu-context.js';
import { checksum } from '../../src/engine/checksum.js';
import type { DiffusionResult } from '../../src/engine/diffusion.js';
import { createEngine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/engine/errors.js';
import { createLattice, type LatticeDefinition } from '../../src/engine/lattice.js';
import type { OperationName, OperationParams } from '../../src/engine/operations.js';

/*
 * Every backend must give the CPU's answers. The pool always runs here; the
 * GPU part runs wherever Dawn finds an adapter (CATALYTIC_DAWN_OPTIONS can
 * point it at Mesa's llvmpipe) and otherwise checks the fallback instead.
 */

const engine = createEngine({ gpu: gpuConfigFromEnv(process.env) });
const runOperation: typeof engine.run = (l, op, params, options) => engine.run(l, op, params, options);
const gpu = await engine.gpuStatus();

afterAll(async () => {
  await engine.close();
});

async function on<K extends OperationName>(backend: 'cpu' | 'cpu-pool' | 'gpu', def: LatticeDefinition, op: K, params: OperationParams[K]) {
  const run = await runOperation(createLattice(def), op, params, { backend });
  return run;
}

const withObstacles: LatticeDefinition = { shape: [14, 12, 10], obstacles: { density: 0.15, seed: 3 } };

describe('probe', () => {
  it('reports the adapter, or why there is none, without throwing', () => {
    expect(gpu.backend).toBe(gpu.available ? 'webgpu' : 'none');
    expect(gpu.device_count).toBe(gpu.devices.length);
    if (!gpu.available) expect(gpu.reason).toMatch(/adapter|WebGPU/);
  });
});

describe(`worker pool (${engine.pool.threads} threads) against one thread`, () => {
  it('multi-source BFS distances: identical field and summary', async () => {
    const params = {
      sources: [
        [0, 0, 1],
        [13, 11, 9],
        [7, 6, 5],
        [2, 10, 3],
      ],
      maxDistance: 12,
    };
    const cpu = await on('cpu', withObstacles, 'distances', params);
    const pool = await on('cpu-pool', withObstacles, 'distances', params);
    expect(pool.backend).toBe('cpu-pool');
    expect(pool.result).toEqual(cpu.result);
  });

  it('exact betweenness: equal up to the order of floating-point additions', async () => {
    const def = { shape: [9, 8], obstacles: { density: 0.1, seed: 5 } };
    const params = { measure: 'betweenness' as const, values: true };
    const cpu = (await on('cpu', def, 'centrality', params)).result;
    const pool = (await on('cpu-pool', def, 'centrality', params)).result;
    const a = cpu.values as Float64Array;
    const b = pool.values as Float64Array;
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 9);
    expect(pool.top.map((t) => t.vertex)).toEqual(cpu.top.map((t) => t.vertex));
  });

  it('sampled closeness: identical (integer distance sums)', async () => {
    const params = { measure: 'closeness' as const, samples: 16, exactLimit: 10, seed: 9, values: true };
    const cpu = await on('cpu', withObstacles, 'centrality', params);
    const pool = await on('cpu-pool', withObstacles, 'centrality', params);
    expect(cpu.result.exact).toBe(false);
    expect(pool.result).toEqual(cpu.result);
  });

  it('random walks split over threads: identical bit for bit', async () => {
    const params = { walkers: 301, steps: 150, seed: 42 };
    const cpu = await on('cpu', withObstacles, 'random-walk', params);
    const pool = await on('cpu-pool', withObstacles, 'random-walk', params);
    expect(pool.result).toEqual(cpu.result);
  });

  it('diffusion in slabs stepping through a barrier: identical bit for bit, snapshots included', async () => {
    const params = { steps: 25, dt: 0.05, diffusivity: 1, snapshotEvery: 10, sources: [{ vertex: [7, 6, 5], amount: 3 }] };
    const cpu = (await on('cpu', { ...withObstacles, boundary: 'periodic' }, 'diffusion', params)).result;
    const pool = (await on('cpu-pool', { ...withObstacles, boundary: 'periodic' }, 'diffusion', params)).result;
    expect(checksum(pool.field)).toBe(checksum(cpu.field));
    expect(pool).toEqual(cpu);
    expect(pool.snapshots.map((s) => s.step)).toEqual([10, 20, 25]);
  });

  it('reports engine errors from the workers with their code', async () => {
    const params = {
      sources: [
        [0, 0, 1],
        [13, 11, 9],
      ],
      maxDistance: -1,
    };
    await expect(on('cpu-pool', withObstacles, 'distances', params)).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(
      on('cpu-pool', withObstacles, 'distances', {
        sources: [
          [0, 0, 1],
          [99, 0, 0],
        ],
      }),
    ).rejects.toBeInstanceOf(EngineError);
  });

  it('stops a diffusion gang on abort', async () => {
    const controller = new AbortController();
    const l = createLattice({ shape: [60, 60, 60] });
    const run = runOperation(
      l,
      'diffusion',
      { steps: 100_000, dt: 0.1, diffusivity: 1 },
      { backend: 'cpu-pool', signal: controller.signal },
    );
    setTimeout(() => controller.abort('test'), 200);
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    // The pool is usable afterwards: no part is left waiting at the barrier.
    const after = await on('cpu-pool', { shape: [6, 6] }, 'diffusion', { steps: 3, dt: 0.1, diffusivity: 1 });
    expect(after.backend).toBe('cpu-pool');
  });
});

const gpuTitle = gpu.available
  ? `WebGPU backend on "${gpu.devices[0].name}" against the CPU`
  : `WebGPU backend not exercised: ${gpu.reason}; checking the CPU fallback instead`;

describe(gpuTitle, () => {
  if (!gpu.available) {
    it('runs a GPU request on the CPU and says why', async () => {
      const run = await on('gpu', { shape: [8, 8] }, 'diffusion', { steps: 2, dt: 0.1, diffusivity: 1 });
      expect(run).toMatchObject({ gpu_used: false, fallback_reason: gpu.reason });
      expect(['cpu', 'cpu-pool']).toContain(run.backend);
    });
    return;
  }

  it('random walks: identical bit for bit (same per-walker streams, integer sums)', async () => {
    for (const def of [withObstacles, { shape: [5, 7], boundary: 'periodic' as const }, { shape: [3, 3, 3, 3] }]) {
      const params = { walkers: 200, steps: 120, seed: -77 };
      const cpu = await on('cpu', def, 'random-walk', params);
      const dev = await on('gpu', def, 'random-walk', params);
      expect(dev.backend).toBe('gpu');
      expect(dev.result).toEqual(cpu.result);
    }
  });

  it('diffusion in f32: every value within 1e-5 of the f64 result (relative to the largest), statistics likewise', async () => {
    // f32 keeps 24 bits: each step adds at most a few ulps (~6e-8 relative), so 40 steps stay far below 1e-5.
    const params = { steps: 40, dt: 0.08, diffusivity: 1, snapshotEvery: 15, sources: [{ vertex: [1, 1, 1], amount: 5 }] };
    const cpu = (await on('cpu', withObstacles, 'diffusion', params)).result as DiffusionResult;
    const dev = await on('gpu', withObstacles, 'diffusion', params);
    expect(dev.backend).toBe('gpu');
    const scale = Math.max(Math.abs(cpu.initial.max), Math.abs(cpu.initial.min));
    let worst = 0;
    for (let i = 0; i < cpu.field.length; i++) worst = Math.max(worst, Math.abs(dev.result.field[i] - cpu.field[i]));
    expect(worst / scale).toBeLessThan(1e-5);
    expect(dev.result.final.mass).toBeCloseTo(cpu.final.mass, 3);
    expect(dev.result.snapshots.map((s) => s.step)).toEqual([15, 30, 40]);
    expect(dev.result.initial).toEqual(cpu.initial);
  });

  it('xor and scale: bit-identical fields (checksums), including values the kernel hands back to the host', async () => {
    const special = [0, -0, Number.NaN, Infinity, -Infinity, 5e-324, 1e308, -2.5, 1 / 3];
    const prepare = (): ReturnType<typeof createLattice> => {
      const l = createLattice({ shape: [9, 7, 5] });
      l.field = Float64Array.from({ length: l.vertexCount }, (_, i) => (i < special.length ? special[i] : Math.sin(i) * 1e3));
      return l;
    };
    const cases: OperationParams['transform'][] = [
      { type: 'xor', key: 'secret' },
      { type: 'xor', key: 12345 },
      { type: 'scale', factor: 2 },
      { type: 'scale', factor: -3.7 },
      { type: 'scale', factor: 1e300 },
    ];
    for (const params of cases) {
      const a = prepare();
      const b = prepare();
      const cpu = await runOperation(a, 'transform', params, { backend: 'cpu' });
      const dev = await runOperation(b, 'transform', params, { backend: 'gpu' });
      expect(dev.backend).toBe('gpu');
      expect(dev.result).toEqual(cpu.result);
      expect(checksum(b.field as Float64Array)).toBe(checksum(a.field as Float64Array));
    }
  });

  it('falls back to the CPU, with a reason, for work it has no kernel for', async () => {
    const rotate = await on('gpu', { shape: [4, 4] }, 'transform', { type: 'rotate', axes: [0, 1], turns: 1 });
    expect(rotate).toMatchObject({ backend: 'cpu', gpu_used: false });
    expect(rotate.fallback_reason).toMatch(/no GPU kernel/);
    const path = await on('gpu', { shape: [4, 4] }, 'path', { start: [0, 0], end: [3, 3] });
    expect(path.fallback_reason).toMatch(/no GPU kernel/);
  });
});
