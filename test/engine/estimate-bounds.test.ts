import { afterAll, describe, expect, it } from 'vitest';
import { runOnCpu } from '../../src/engine/backends/cpu.js';
import { defaultCalibration, nsPerWorkBound } from '../../src/engine/calibration-file.js';
import { CostModel } from '../../src/engine/cost-model.js';
import { createEngine } from '../../src/engine/engine.js';
import { materializeField } from '../../src/engine/field.js';
import { createLattice, obstacleBitset, type LatticeDefinition } from '../../src/engine/lattice.js';
import { estimateOperation, type OperationName } from '../../src/engine/operations.js';

/*
 * Estimates are upper bounds that track real cost. For a sample of
 * operations, each at a size where it runs tens of milliseconds:
 * - time: the CPU time of an in-thread run is at most SLACK times its work
 *   times the calibration's bound per unit (scaled by how much slower this
 *   machine is right now than calibration said, measured on a reference run
 *   in the same process), and for runs that reach the estimate's worst case
 *   ("tight"), at least 1/TRACK of it (scaled if this machine is faster):
 *   the bound is not wildly pessimistic;
 * - memory: the peak resident memory of a fresh worker thread running the
 *   operation (sampled every millisecond, and the kernel's high-water mark)
 *   grows by at most 1.25 times the estimated bytes plus 24 MiB, and for tight
 *   runs by at least a quarter of them.
 * REPORT=1 prints every ratio.
 */

const SLACK = 4;
const TRACK = 50;
const report = process.env.REPORT === '1';
const calibration = defaultCalibration();
const bound = nsPerWorkBound(calibration);
const O = { density: 0.1, seed: 1 };

/** A lattice whose centre vertex is walled in: searches to it explore everything they can reach. */
function walled(shape: number[]): LatticeDefinition {
  const c = shape.map((n) => n >> 1);
  const wall = shape.flatMap((_, k) => [-1, 1].map((s) => c.map((x, j) => (j === k ? x + s : x))));
  return { shape, obstacles: { coordinates: wall } };
}

interface Case {
  name: string;
  lattice: LatticeDefinition;
  op: OperationName;
  params: Record<string, unknown>;
  field?: boolean;
  budget?: number;
  /** The run reaches the estimate's worst case, so the bound must be close. */
  tight: boolean;
}

const centreOf = (n: number, d: number): number[] => Array.from({ length: d }, () => n >> 1);

const timeCases: Case[] = [
  {
    name: 'path bfs, typed arrays',
    lattice: walled([1000, 1000]),
    op: 'path',
    params: { start: [0, 0], end: centreOf(1000, 2), algorithm: 'bfs' },
    tight: true,
  },
  {
    name: 'path bfs, Map state (10^15 vertices)',
    lattice: { shape: [100_000, 100_000, 100_000] },
    op: 'path',
    params: { start: [0, 0, 0], end: [99_999, 99_999, 99_999], algorithm: 'bfs' },
    budget: 2 ** 18,
    tight: true,
  },
  {
    name: 'path bidirectional',
    lattice: walled([1000, 1000]),
    op: 'path',
    params: { start: [0, 0], end: [999, 999], algorithm: 'bidirectional' },
    tight: false,
  },
  {
    name: 'path A*, typed arrays',
    lattice: walled([700, 700]),
    op: 'path',
    params: { start: [0, 0], end: centreOf(700, 2), algorithm: 'astar' },
    tight: true,
  },
  {
    name: 'path Dijkstra on the field',
    lattice: walled([600, 600]),
    op: 'path',
    params: { start: [0, 0], end: centreOf(600, 2), algorithm: 'dijkstra' },
    field: true,
    tight: true,
  },
  {
    name: 'path A*, Map state',
    lattice: walled([2200, 2200]),
    op: 'path',
    params: { start: [0, 0], end: centreOf(2200, 2), algorithm: 'astar' },
    budget: 2 ** 17,
    tight: true,
  },
  { name: 'distances, closed form', lattice: { shape: [2000, 2000] }, op: 'distances', params: { sources: [[5, 7]] }, tight: false },
  {
    name: 'distances, separable transform',
    lattice: { shape: [1000, 1000] },
    op: 'distances',
    params: {
      sources: [
        [0, 0],
        [500, 400],
      ],
    },
    tight: true,
  },
  {
    name: 'distances, queue BFS (2D, 10 %)',
    lattice: { shape: [1000, 1000], obstacles: O },
    op: 'distances',
    params: { sources: [[0, 0]] },
    tight: true,
  },
  {
    name: 'distances, shadow (3D, 10 %)',
    lattice: { shape: [100, 100, 100], obstacles: O },
    op: 'distances',
    params: { sources: [[0, 0, 0]] },
    tight: false,
  },
  {
    name: 'distances, catalytic',
    lattice: { shape: [1000, 1000], obstacles: O },
    op: 'distances',
    params: { sources: [[0, 0]], catalytic: true },
    field: true,
    tight: true,
  },
  {
    name: 'neighbors, typed arrays',
    lattice: { shape: [1000, 1000], obstacles: O },
    op: 'neighbors',
    params: { vertex: [500, 500], radius: 300 },
    tight: true,
  },
  {
    name: 'neighbors, Map state',
    lattice: { shape: [100_000, 100_000], obstacles: O },
    op: 'neighbors',
    params: { vertex: [500, 500], radius: 300 },
    tight: true,
  },
  { name: 'components', lattice: { shape: [1000, 1000], obstacles: O }, op: 'components', params: {}, tight: true },
  {
    name: 'centrality degree',
    lattice: { shape: [1000, 1000], obstacles: O },
    op: 'centrality',
    params: { measure: 'degree', values: true },
    tight: true,
  },
  {
    name: 'centrality closeness',
    lattice: { shape: [200, 200], obstacles: O },
    op: 'centrality',
    params: { measure: 'closeness', samples: 16 },
    tight: true,
  },
  {
    name: 'centrality betweenness',
    lattice: { shape: [200, 200], obstacles: O },
    op: 'centrality',
    params: { measure: 'betweenness', samples: 16 },
    tight: true,
  },
  { name: 'analyze', lattice: { shape: [300, 300], obstacles: O }, op: 'analyze', params: {}, tight: true },
  { name: 'partition', lattice: { shape: [100, 100, 100] }, op: 'partition', params: { parts: 4096 }, tight: true },
  { name: 'spectrum', lattice: { shape: [100, 100, 100] }, op: 'spectrum', params: { k: 20_000 }, tight: true },
  { name: 'diffusion', lattice: { shape: [100, 100, 100] }, op: 'diffusion', params: { steps: 10, dt: 0.1, diffusivity: 1 }, tight: true },
  {
    name: 'random walk',
    lattice: { shape: [100, 100, 100] },
    op: 'random-walk',
    params: { walkers: 2000, steps: 500, seed: 1 },
    tight: true,
  },
  ...(['xor', 'rotate', 'scale', 'normalize'] as const).map((type) => ({
    name: `transform ${type}`,
    lattice: { shape: [100, 100, 100] },
    op: 'transform' as const,
    params: { type, key: 'k', axes: [0, 1], factor: 2 },
    field: true,
    tight: true,
  })),
];

function prepared(c: Case) {
  const l = createLattice(c.lattice);
  if (c.field === true) l.field = materializeField(l, { seed: 3 });
  return l;
}

/** CPU milliseconds of one in-thread run (an error such as a search's visit cap ends it as the estimate allows). */
function cpuMs(c: Case): { ms: number; work: number } {
  const l = prepared(c);
  if (l.vertexCount < 2 ** 31) obstacleBitset(l);
  const opts = { maxMaterializedVertices: c.budget };
  const work = estimateOperation(l, c.op, c.params, opts).work;
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const before = process.cpuUsage();
    try {
      runOnCpu(c.op, l, c.params as never, opts);
    } catch {
      // A capped search stops with budget_exceeded; its time so far still counts.
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, work };
}

describe('estimates bound time', () => {
  const model = new CostModel(calibration.constants);
  // How much slower than the calibration this machine runs now, from a queue BFS in this process.
  const reference = cpuMs(timeCases.find((c) => c.name === 'distances, queue BFS (2D, 10 %)') as Case);
  const predicted = model.predictMs(
    'distances',
    'cpu',
    { operation: 'distances', work: reference.work, bytes: 0, materializedVertices: 0, parallelizable: false },
    { poolStarted: true, gpuOpened: true },
  ) as number;
  // Slower than calibrated: the upper bound allows for it; faster: the lower one does.
  const speed = reference.ms / predicted;
  const slowdown = Math.max(1, speed);
  const speedup = Math.min(1, speed);

  it.each(timeCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { ms, work } = cpuMs(c);
    const boundMs = (work * bound) / 1e6;
    if (report)
      process.stderr.write(
        `${c.name}: ${ms.toFixed(1)} ms, bound ${boundMs.toFixed(1)} ms, ratio ${(ms / boundMs).toFixed(3)} (slowdown ${slowdown.toFixed(2)})\n`,
      );
    expect(ms).toBeLessThanOrEqual(SLACK * slowdown * boundMs + 5);
    if (c.tight) expect(ms).toBeGreaterThanOrEqual((speedup * boundMs) / TRACK);
  });
});

describe('estimates bound memory', () => {
  const MiB = 2 ** 20;
  const memoryCases: Case[] = [
    {
      name: 'distances, queue BFS',
      lattice: { shape: [4000, 4000], obstacles: O },
      op: 'distances',
      params: { sources: [[0, 0]] },
      tight: true,
    },
    {
      name: 'distances, two sources split',
      lattice: { shape: [3000, 3000], obstacles: O },
      op: 'distances',
      params: {
        sources: [
          [0, 0],
          [2999, 2999],
        ],
      },
      tight: true,
    },
    { name: 'distances, closed form', lattice: { shape: [4000, 4000] }, op: 'distances', params: { sources: [[0, 0]] }, tight: true },
    {
      name: 'distances, shadow',
      lattice: { shape: [250, 250, 250], obstacles: O },
      op: 'distances',
      params: { sources: [[0, 0, 0]] },
      tight: false,
    },
    {
      name: 'path bfs, Map state',
      lattice: { shape: [100_000, 100_000, 100_000] },
      op: 'path',
      params: { start: [0, 0, 0], end: [99_999, 99_999, 99_999], algorithm: 'bfs' },
      budget: 2 ** 21,
      tight: true,
    },
    { name: 'components', lattice: { shape: [4000, 4000], obstacles: O }, op: 'components', params: {}, tight: true },
    {
      name: 'centrality betweenness',
      lattice: { shape: [1000, 1000], obstacles: O },
      op: 'centrality',
      params: { measure: 'betweenness', samples: 2 },
      tight: true,
    },
    { name: 'diffusion', lattice: { shape: [250, 250, 250] }, op: 'diffusion', params: { steps: 1, dt: 0.1, diffusivity: 1 }, tight: true },
    {
      name: 'transform xor',
      lattice: { shape: [250, 250, 250] },
      op: 'transform',
      params: { type: 'xor', key: 'k' },
      field: true,
      tight: true,
    },
    { name: 'analyze', lattice: { shape: [2000, 2000], obstacles: O }, op: 'analyze', params: {}, tight: true },
  ];
  const engines: Array<ReturnType<typeof createEngine>> = [];
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });

  it.each(memoryCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      // A fresh thread: nothing it frees and reuses hides the run's own growth.
      const engine = createEngine({ poolThreads: 1 });
      engines.push(engine);
      await engine.pool.warm();
      const l = prepared(c);
      await new Promise((r) => setTimeout(r, 200));
      const estimate = engine.estimate(l, c.op, c.params, { maxMaterializedVertices: c.budget });
      const base = process.memoryUsage.rss();
      const highBefore = process.resourceUsage().maxRSS * 1024;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 1);
      try {
        await engine.run(l, c.op, c.params as never, { backend: 'cpu-pool', maxMaterializedVertices: c.budget });
      } catch {
        // A capped search stops with budget_exceeded, after allocating what the estimate allows for.
      } finally {
        clearInterval(sampler);
      }
      const highAfter = process.resourceUsage().maxRSS * 1024;
      if (highAfter > highBefore) peak = Math.max(peak, highAfter);
      const grown = peak - base;
      if (report)
        process.stderr.write(
          `${c.name}: peak +${(grown / MiB).toFixed(1)} MiB, estimate ${(estimate.bytes / MiB).toFixed(1)} MiB, ratio ${(grown / estimate.bytes).toFixed(2)}\n`,
        );
      expect(grown).toBeLessThanOrEqual(1.25 * estimate.bytes + 24 * MiB);
      if (c.tight) expect(grown).toBeGreaterThanOrEqual(estimate.bytes / 4 - 8 * MiB);
      await engine.close();
    },
    60_000,
  );
});
