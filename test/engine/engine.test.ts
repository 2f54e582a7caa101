import { afterAll, describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/engine/calibration-file.js';
import { CostModel } from '../../src/engine/cost-model.js';
import { EngineError } from '../../src/engine/errors.js';
import { createLattice } from '../../src/engine/lattice.js';
import { OPERATION_NAMES, type OperationName, type OperationParams } from '../../src/engine/operations.js';
import { createEngine } from '../../src/engine/engine.js';
import { Router } from '../../src/engine/router.js';

const engine = createEngine();
const runOperation: typeof engine.run = (l, op, params, options) => engine.run(l, op, params, options);

afterAll(async () => {
  await engine.close();
});

const examples: { [K in OperationName]: OperationParams[K] } = {
  path: { start: [0, 0, 0], end: [5, 4, 3] },
  distances: { sources: [[0, 0, 0]] },
  neighbors: { vertex: [2, 2, 2], radius: 2 },
  components: {},
  centrality: { measure: 'betweenness' },
  analyze: {},
  partition: { parts: 4 },
  spectrum: { k: 5 },
  diffusion: { steps: 3, dt: 0.1, diffusivity: 1 },
  'random-walk': { walkers: 10, steps: 20, seed: 1 },
  transform: { type: 'xor', key: 'k' },
};

describe('engine.run', () => {
  it.each(OPERATION_NAMES)('runs %s and reports backend, estimate and time', async (op) => {
    const router = new Router(new CostModel(defaultCalibration().constants));
    const own = createEngine({ router });
    const l = createLattice({ shape: [6, 5, 4] });
    const run = await own.run(l, op, examples[op] as never);
    await own.close();
    expect(run.result).toBeTypeOf('object');
    expect(run.backend).toBe('cpu');
    expect(run.gpu_used).toBe(false);
    expect(run.cached).toBe(false);
    expect(run.execution_time_ms).toBeGreaterThanOrEqual(0);
    expect(run.estimate.work).toBeGreaterThan(0);
    expect(router.stats().decisions.cpu).toBe(1);
    expect(Object.keys(router.stats().predictionError)).toEqual([`${run.estimate.operation}/cpu`]);
  });

  it('returns the same answers as the engine functions it routes to', async () => {
    const l = createLattice({ shape: [10, 10], obstacles: { density: 0.2, seed: 2 } });
    const run = await runOperation(l, 'components', {});
    const { connectedComponents } = await import('../../src/engine/components.js');
    expect(run.result).toEqual(connectedComponents(l));
  });

  it('rejects unknown operations, backends and malformed parameters with EngineError', async () => {
    const l = createLattice({ shape: [4, 4] });
    await expect(runOperation(l, 'teleport' as OperationName, {} as never)).rejects.toMatchObject({
      code: 'invalid_parameter',
      message: expect.stringMatching(/valid operations: path/),
    });
    await expect(runOperation(l, 'path', examples.path, { backend: 'quantum' as never })).rejects.toBeInstanceOf(EngineError);
    await expect(runOperation(l, 'diffusion', null as never)).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(runOperation(l, 'diffusion', { steps: 'many' } as never)).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(runOperation(l, 'transform', { type: 'shear' } as never)).rejects.toMatchObject({
      message: expect.stringMatching(/xor, rotate, scale, normalize/),
    });
    await expect(runOperation(l, 'path', { start: [0, 9], end: [0, 0] })).rejects.toMatchObject({ code: 'invalid_coordinates' });
  });

  it('enforces the caller budget on every backend', async () => {
    const l = createLattice({ shape: [50, 50], obstacles: { density: 0.1, seed: 1 } });
    const params = {
      sources: [
        [0, 0],
        [49, 49],
      ],
    };
    for (const backend of ['cpu', 'cpu-pool'] as const) {
      await expect(runOperation(l, 'distances', params, { backend, maxMaterializedVertices: 100 })).rejects.toMatchObject({
        code: 'budget_exceeded',
      });
    }
  });

  it('falls back to the CPU with a reason when the pool cannot run the operation', async () => {
    const l = createLattice({ shape: [5, 5] });
    const run = await runOperation(l, 'distances', { sources: [[0, 0]], catalytic: true }, { backend: 'cpu-pool' });
    expect(run).toMatchObject({ backend: 'cpu', fallback_reason: expect.stringMatching(/calling thread/) });
  });

  it('keeps auto off the GPU when useGpu is false', async () => {
    const run = await runOperation(createLattice({ shape: [5, 5] }), 'diffusion', examples.diffusion, { useGpu: false });
    expect(run.gpu_used).toBe(false);
    expect(run.fallback_reason).toBeUndefined();
  });

  it('reports progress and honours abort', async () => {
    const seen: number[] = [];
    await runOperation(
      createLattice({ shape: [20, 20] }),
      'diffusion',
      { steps: 5, dt: 0.1, diffusivity: 1 },
      { onProgress: (f) => seen.push(f) },
    );
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      runOperation(createLattice({ shape: [20, 20] }), 'diffusion', { steps: 5, dt: 0.1, diffusivity: 1 }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });
});
