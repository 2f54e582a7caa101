import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/cli/read-text-file.js';
import { defaultCalibration, loadCalibration, parseCalibration } from '../../src/engine/calibration-file.js';
import { fitLine } from '../../src/engine/calibration.js';
import type { CostEstimate } from '../../src/engine/cost.js';
import { CostModel, type CostConstants } from '../../src/engine/cost-model.js';
import { EngineError } from '../../src/engine/errors.js';
import { Router, type Capabilities } from '../../src/engine/router.js';

const constants: CostConstants = {
  operations: {
    diffusion: {
      cpu: { fixedMs: 0.1, nsPerWork: 2 },
      'cpu-pool': { fixedMs: 5, nsPerWork: 1 },
      gpu: { fixedMs: 2, nsPerWork: 0.1 },
    },
    path: { cpu: { fixedMs: 0, nsPerWork: 10 } },
    analyze: { cpu: { fixedMs: 0, nsPerWork: 30 } },
  },
  poolStartMs: 100,
  gpuInitMs: 50,
  gpuTransferNsPerByte: 0.5,
};

function estimate(operation: string, work: number): CostEstimate {
  return { operation, work, bytes: 0, materializedVertices: 0, parallelizable: true };
}

const warm = { poolStarted: true, gpuOpened: true };
const everything: Capabilities = { poolUnavailable: null, gpuUnavailable: null, gpuTransferBytes: 0, warm };

describe('CostModel', () => {
  it('predicts fixed + work · rate, plus one-time starts and GPU copies', () => {
    const model = new CostModel(constants);
    const e = estimate('diffusion', 1e6);
    expect(model.predictMs('diffusion', 'cpu', e, warm)).toBeCloseTo(2.1);
    expect(model.predictMs('diffusion', 'cpu-pool', e, warm)).toBeCloseTo(6);
    expect(model.predictMs('diffusion', 'cpu-pool', e, { poolStarted: false, gpuOpened: true })).toBeCloseTo(106);
    expect(model.predictMs('diffusion', 'gpu', e, warm, 2e6)).toBeCloseTo(2 + 0.1 + 1);
    expect(model.predictMs('diffusion', 'gpu', e, { poolStarted: true, gpuOpened: false })).toBeCloseTo(52.1);
  });

  it('has no prediction for an uncalibrated backend, and borrows the median CPU rate for an unknown operation', () => {
    const model = new CostModel(constants);
    expect(model.predictMs('path', 'gpu', estimate('path', 10), warm)).toBeNull();
    // Median of the CPU rates 2, 10, 30 ns per unit of work.
    expect(model.predictMs('spectrum', 'cpu', estimate('spectrum', 1e6), warm)).toBeCloseTo(10);
  });

  it('learns a correction from measured runs', () => {
    const model = new CostModel(constants);
    const e = estimate('path', 1e6);
    for (let i = 0; i < 60; i++) model.observe('path', 'cpu', model.predictMs('path', 'cpu', e, warm) as number, 30);
    expect(model.predictMs('path', 'cpu', e, warm)).toBeCloseTo(30, 0);
    expect(model.correctionFactors()['path/cpu']).toBeCloseTo(3, 1);
  });

  it('derives the work above which the pool or GPU wins', () => {
    const model = new CostModel(constants);
    // 0.1 + 2e-6·w = 5 + 1e-6·w at w = 4.9e6.
    expect(model.thresholds('cpu-pool').diffusion).toBe(4_900_000);
    expect(model.thresholds('gpu').diffusion).toBe(Math.ceil(1.9e6 / 1.9));
    expect(model.thresholds('gpu').path).toBeUndefined();
  });
});

describe('Router', () => {
  it('picks the fastest calibrated backend for the work', () => {
    const router = new Router(new CostModel(constants));
    expect(
      router.route({ operation: 'diffusion', estimate: estimate('diffusion', 100), requested: 'auto', capabilities: everything }).backend,
    ).toBe('cpu');
    expect(
      router.route({ operation: 'diffusion', estimate: estimate('diffusion', 1e8), requested: 'auto', capabilities: everything }).backend,
    ).toBe('gpu');
    const noGpu = { ...everything, gpuUnavailable: 'no WebGPU adapter available' };
    expect(
      router.route({ operation: 'diffusion', estimate: estimate('diffusion', 1e8), requested: 'auto', capabilities: noGpu }).backend,
    ).toBe('cpu-pool');
    expect(
      router.route({
        operation: 'diffusion',
        estimate: estimate('diffusion', 1e8),
        requested: 'auto',
        useGpu: false,
        capabilities: everything,
      }).backend,
    ).toBe('cpu-pool');
  });

  it('honours an explicit backend, even when slower', () => {
    const router = new Router(new CostModel(constants));
    const d = router.route({
      operation: 'diffusion',
      estimate: estimate('diffusion', 10),
      requested: 'cpu-pool',
      capabilities: everything,
    });
    expect(d).toMatchObject({ backend: 'cpu-pool', predictedMs: 5.00001 });
    expect(d.fallbackReason).toBeUndefined();
  });

  it('falls back to the CPU with a reason when the GPU is asked for and missing', () => {
    const router = new Router(new CostModel(constants));
    const caps = { ...everything, gpuUnavailable: 'no WebGPU adapter available' };
    const d = router.route({ operation: 'diffusion', estimate: estimate('diffusion', 10), requested: 'gpu', capabilities: caps });
    expect(d.backend).toBe('cpu');
    expect(d.fallbackReason).toBe('no WebGPU adapter available');
    const viaFlag = router.route({
      operation: 'diffusion',
      estimate: estimate('diffusion', 10),
      requested: 'auto',
      useGpu: true,
      capabilities: caps,
    });
    expect(viaFlag.fallbackReason).toBe('no WebGPU adapter available');
    expect(router.stats().fallbacks).toBe(2);
  });

  it('falls back when the pool cannot run the operation', () => {
    const router = new Router(new CostModel(constants));
    const d = router.route({
      operation: 'path',
      estimate: estimate('path', 10),
      requested: 'cpu-pool',
      capabilities: { ...everything, poolUnavailable: 'path has no worker-pool implementation' },
    });
    expect(d.backend).toBe('cpu');
    expect(d.fallbackReason).toMatch(/no worker-pool implementation/);
  });

  it('records prediction error per operation and backend', () => {
    const router = new Router(new CostModel(constants));
    router.record('path', 'cpu', 10, 20);
    router.record('path', 'cpu', 30, 20);
    router.record('path', 'cpu', null, 0.2);
    const stats = router.stats();
    expect(stats.predictionError['path/cpu']).toMatchObject({ runs: 3, lastPredictedMs: null, lastMeasuredMs: 0.2 });
    expect(stats.predictionError['path/cpu'].meanAbsRelError).toBeCloseTo((0.5 + 0.5) / 3);
    expect(stats.predictionError['path/cpu'].correction).not.toBe(1);
  });
});

describe('calibration documents', () => {
  it('fits a non-negative line through the medians', () => {
    expect(
      fitLine([
        { work: 1e6, ms: 3 },
        { work: 3e6, ms: 7 },
      ]),
    ).toEqual({ fixedMs: 1, nsPerWork: 2 });
    expect(fitLine([{ work: 1e6, ms: 5 }])).toEqual({ fixedMs: 0, nsPerWork: 5 });
    // A line through these would start below zero: it is pinned to the origin instead.
    const pinned = fitLine([
      { work: 1e6, ms: 1 },
      { work: 2e6, ms: 10 },
    ]);
    expect(pinned.fixedMs).toBe(0);
    expect(pinned.nsPerWork).toBeGreaterThan(0);
  });

  it('ships defaults measured by the calibrate command, with the machine they came from', () => {
    const d = defaultCalibration();
    expect(d.machine.cores).toBeGreaterThan(0);
    expect(Date.parse(d.created_at)).not.toBeNaN();
    expect(d.constants.operations.distances?.cpu).toBeDefined();
    expect(d.measurements.length).toBeGreaterThan(10);
  });

  it('loads a file when present, the defaults otherwise, and rejects a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalytic-cal-'));
    expect(loadCalibration(readTextFile, join(dir, 'missing.json')).source).toBe('built-in defaults');
    const path = join(dir, 'calibration.json');
    writeFileSync(path, JSON.stringify({ ...defaultCalibration(), created_at: 'test' }));
    expect(loadCalibration(readTextFile, path)).toMatchObject({ source: path, calibration: { created_at: 'test' } });
    writeFileSync(path, '{ not json');
    expect(() => loadCalibration(readTextFile, path)).toThrow(EngineError);
    expect(() => parseCalibration({ version: 1, constants: { operations: { x: { tpu: { fixedMs: 0, nsPerWork: 1 } } } } })).toThrow(
      /unknown backend/,
    );
  });
});
