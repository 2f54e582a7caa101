import { cpus, loadavg, totalmem } from 'node:os';
import { BufferSet, readBack } from './backends/gpu-buffers.js';
import type { GpuConfig } from './backends/gpu-context.js';
import { poolSplits } from './backends/pool-operations.js';
import { gpuLimitation, gpuTransferBytes } from './backends/webgpu.js';
import type { Calibration, Measurement } from './calibration-file.js';
import { CostModel, type BackendName, type CostConstants, type LinearCost } from './cost-model.js';
import { coordsOf, createLattice, isBlocked, type Lattice, type LatticeDefinition } from './lattice.js';
import type { OperationName } from './operations.js';
import { Router } from './router.js';
import { createEngine, type Engine } from './engine.js';

/*
 * Measures this machine: every operation at two or three sizes on every
 * backend that can run it, the pool's start-up and dispatch, the GPU's
 * start-up, round trip and copy rate. Each
 * (operation, backend) gets the least-squares line time = fixed + work·rate
 * through its medians. `catalytic bench calibrate` writes the result; the
 * committed defaults are one such run.
 */

interface Case {
  op: OperationName;
  label: string;
  lattice: LatticeDefinition;
  params: (l: Lattice) => unknown;
}

const OBSTACLES = { density: 0.2, seed: 1 };

/** The first `count` unblocked vertices in a fixed stride order, as coordinates. */
function freeVertices(l: Lattice, count: number): number[][] {
  const out: number[][] = [];
  const step = Math.max(1, Math.floor(l.vertexCount / (count + 1)));
  for (let i = 0; out.length < count && i < l.vertexCount; i += step) {
    let v = i;
    while (isBlocked(l, v)) v++;
    out.push(coordsOf(l, v));
  }
  return out;
}

const corner = (l: Lattice): number[] => l.shape.map((n) => n - 1);
const origin = (l: Lattice): number[] => l.shape.map(() => 0);

function plan(): Case[] {
  const cases: Case[] = [];
  for (const n of [300, 1000]) {
    cases.push({
      op: 'path',
      label: `bfs ${n}²`,
      lattice: { shape: [n, n] },
      params: (l) => ({ start: origin(l), end: corner(l), algorithm: 'bfs' }),
    });
  }
  for (const n of [40, 60, 80]) {
    const lattice = { shape: [n, n, n], obstacles: OBSTACLES };
    cases.push({ op: 'distances', label: `4 sources ${n}³ obstacles`, lattice, params: (l) => ({ sources: freeVertices(l, 4) }) });
    cases.push({
      op: 'distances',
      label: `catalytic ${n}³ obstacles`,
      lattice,
      params: (l) => ({ sources: freeVertices(l, 1), catalytic: true }),
    });
    cases.push({
      op: 'neighbors',
      label: `radius ${n / 4} ${n}³ obstacles`,
      lattice,
      params: (l) => ({ vertex: freeVertices(l, 1)[0], radius: n / 4 }),
    });
    cases.push({ op: 'components', label: `${n}³ obstacles`, lattice, params: () => ({}) });
    cases.push({ op: 'analyze', label: `${n}³ obstacles`, lattice, params: () => ({}) });
  }
  for (const n of [16, 24, 32]) {
    const lattice = { shape: [n, n], obstacles: { density: 0.1, seed: 1 } };
    for (const measure of ['betweenness', 'closeness']) {
      cases.push({ op: 'centrality', label: `${measure} exact ${n}² obstacles`, lattice, params: () => ({ measure }) });
    }
  }
  for (const n of [300, 1000]) {
    cases.push({
      op: 'centrality',
      label: `degree ${n}²`,
      lattice: { shape: [n, n], obstacles: OBSTACLES },
      params: () => ({ measure: 'degree', values: true }),
    });
  }
  // Large enough that the work, not the fixed cost, sets the line.
  for (const [parts, k] of [
    [256, 1000],
    [4096, 20000],
  ]) {
    cases.push({ op: 'partition', label: `${parts} parts`, lattice: { shape: [100, 100, 100] }, params: () => ({ parts }) });
    cases.push({ op: 'spectrum', label: `k=${k}`, lattice: { shape: [100, 100, 100] }, params: () => ({ k }) });
  }
  for (const n of [30, 45, 60]) {
    cases.push({
      op: 'diffusion',
      label: `20 steps ${n}³`,
      lattice: { shape: [n, n, n] },
      params: () => ({ steps: 20, dt: 0.1, diffusivity: 1 }),
    });
  }
  for (const walkers of [2000, 5000, 10000]) {
    cases.push({
      op: 'random-walk',
      label: `${walkers}×200`,
      lattice: { shape: [100, 100, 100] },
      params: () => ({ walkers, steps: 200, seed: 1 }),
    });
  }
  for (const n of [50, 100]) {
    for (const t of [
      { type: 'xor', key: 'calibration' },
      { type: 'scale', factor: 2 },
      { type: 'rotate', axes: [0, 1], turns: 1 },
      { type: 'normalize' },
    ]) {
      cases.push({ op: 'transform', label: `${t.type} ${n}³`, lattice: { shape: [n, n, n] }, params: () => t });
    }
  }
  return cases;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Least squares t = a + b·w with a, b ≥ 0; O(points). */
export function fitLine(points: Array<{ work: number; ms: number }>): LinearCost {
  const n = points.length;
  const sw = points.reduce((s, p) => s + p.work, 0);
  const st = points.reduce((s, p) => s + p.ms, 0);
  const sww = points.reduce((s, p) => s + p.work * p.work, 0);
  const swt = points.reduce((s, p) => s + p.work * p.ms, 0);
  const det = n * sww - sw * sw;
  let a = det > 0 ? (st * sww - sw * swt) / det : 0;
  let b = det > 0 ? (n * swt - sw * st) / det : sww > 0 ? swt / sww : 0;
  if (a < 0) {
    a = 0;
    b = sww > 0 ? swt / sww : 0;
  }
  if (b < 0) {
    b = 0;
    a = st / n;
  }
  return { fixedMs: a, nsPerWork: b * 1e6 };
}

export interface CalibrationOptions {
  /** Timed runs per case and backend, after one warm-up (default 5). */
  repeats?: number;
  /** WebGPU settings of the engine calibrated. */
  gpu?: Partial<GpuConfig>;
  /** Called with a line of text per measurement. */
  log?: (line: string) => void;
}

async function measureGpu(
  engine: Engine,
  log: (line: string) => void,
): Promise<{ initMs: number; transferNsPerByte: number; roundTripMs: number; name: string | null; reason: string | null }> {
  const t0 = performance.now();
  const got = await engine.gpu.acquire();
  const initMs = performance.now() - t0;
  if (!got.ok) {
    log(`gpu: ${got.reason}`);
    return { initMs: 0, transferNsPerByte: 0, roundTripMs: 0, name: null, reason: got.reason };
  }
  const buffers = new BufferSet(got.gpu);
  // Copy up and back: 4 bytes gives the fixed round trip, 16 MiB the rate.
  const copy = async (bytes: number, runs: number): Promise<number> => {
    const times: number[] = [];
    const data = new Uint8Array(bytes);
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      await readBack(got.gpu.device, buffers, buffers.storage(data), bytes);
      if (i > 0) times.push(performance.now() - t);
    }
    return median(times);
  };
  try {
    const roundTripMs = await copy(4, 9);
    const bytes = 16 * 1024 * 1024;
    const transferNsPerByte = (Math.max(0, (await copy(bytes, 3)) - roundTripMs) * 1e6) / (2 * bytes);
    log(
      `gpu: ${got.gpu.name}, open ${initMs.toFixed(1)} ms, round trip ${roundTripMs.toFixed(3)} ms, ${transferNsPerByte.toFixed(3)} ns/byte`,
    );
    return { initMs, transferNsPerByte, roundTripMs, name: `${got.gpu.name} (${got.gpu.description})`, reason: null };
  } finally {
    buffers.destroy();
  }
}

/** Median time for every pool thread to answer an empty task: the least any pool run costs. */
async function measurePoolDispatch(engine: Engine): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await engine.pool.runTasks(
      Array.from({ length: engine.pool.threads }, () => ({ task: { kind: 'ping' as const } })),
      {},
    );
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Runs the calibration plan on this machine, on an engine of its own; takes about a minute on two cores. */
export async function runCalibration(options: CalibrationOptions = {}): Promise<Calibration> {
  const repeats = options.repeats ?? 5;
  const load = loadavg()[0];
  const log = options.log ?? (() => undefined);
  // A throwaway router: calibration runs must not teach anyone's model.
  const router = new Router(new CostModel({ operations: {}, poolStartMs: 0, gpuInitMs: 0, gpuTransferNsPerByte: 0 }));
  const engine = createEngine({ router, gpu: options.gpu, memoryBudgetBytes: Infinity });
  try {
    const poolStartMs = await engine.pool.warm();
    const poolDispatchMs = await measurePoolDispatch(engine);
    log(`pool: ${poolStartMs.toFixed(1)} ms to start, ${poolDispatchMs.toFixed(3)} ms per dispatch`);
    const gpu = await measureGpu(engine, log);
    const measurements = await measureCases(engine, gpu, repeats, log);
    return summarise(measurements, { poolStartMs, poolDispatchMs, gpu, load });
  } finally {
    await engine.close();
  }
}

type GpuFigures = Awaited<ReturnType<typeof measureGpu>>;

async function measureCases(engine: Engine, gpu: GpuFigures, repeats: number, log: (line: string) => void): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const c of plan()) {
    const l = createLattice(c.lattice);
    const params = c.params(l);
    const backends: BackendName[] = ['cpu'];
    // Where the pool only runs the operation whole, the model derives its time from the CPU line.
    if (poolSplits(c.op, l, params)) backends.push('cpu-pool');
    if (gpu.name !== null && gpuLimitation(c.op, l, params, {}) === null) backends.push('gpu');
    for (const backend of backends) {
      const times: number[] = [];
      let operation = c.op as string;
      let work = 0;
      for (let i = 0; i <= repeats; i++) {
        const run = await engine.run(l, c.op, params as never, { backend });
        if (i > 0) times.push(run.execution_time_ms);
        operation = run.estimate.operation;
        work = run.estimate.work;
      }
      let ms = median(times);
      // The model charges copies separately, so the GPU line is fitted to the rest.
      if (backend === 'gpu') ms = Math.max(0, ms - (gpuTransferBytes(c.op, l, params) * gpu.transferNsPerByte) / 1e6);
      measurements.push({ operation, backend, label: c.label, work, median_ms: ms, runs: repeats });
      log(`${operation} ${c.label} ${backend}: ${ms.toFixed(3)} ms (work ${work.toExponential(2)})`);
    }
  }
  return measurements;
}

function summarise(
  measurements: Measurement[],
  overheads: { poolStartMs: number; poolDispatchMs: number; gpu: GpuFigures; load: number },
): Calibration {
  const { poolStartMs, poolDispatchMs, gpu, load } = overheads;
  const operations: CostConstants['operations'] = {};
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const k = `${m.operation}\u0000${m.backend}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  for (const [k, ms] of groups) {
    const [operation, backend] = k.split('\u0000') as [string, BackendName];
    operations[operation] ??= {};
    const line = fitLine(ms.map((m) => ({ work: m.work, ms: m.median_ms })));
    // Noisy medians can pull a fitted intercept to zero; a run never costs less than its round trip.
    if (backend === 'cpu-pool') line.fixedMs = Math.max(line.fixedMs, poolDispatchMs);
    if (backend === 'gpu') line.fixedMs = Math.max(line.fixedMs, gpu.roundTripMs);
    operations[operation][backend] = line;
  }
  const cpu = cpus();
  return {
    version: 1,
    created_at: new Date().toISOString(),
    machine: {
      cpu_model: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      platform: process.platform,
      arch: process.arch,
      node: process.version,
      gpu: gpu.name ?? `none (${gpu.reason})`,
      load_average: load,
    },
    constants: { operations, poolStartMs, gpuInitMs: gpu.initMs, gpuTransferNsPerByte: gpu.transferNsPerByte },
    overheads: { poolDispatchMs, gpuRoundTripMs: gpu.roundTripMs },
    measurements,
  };
}
