import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { brandesPartial, mergeBrandes } from '../../src/engine/brandes.js';
import { centrality, estimateCentrality, finishCentrality, planCentrality } from '../../src/engine/centrality.js';
import { createLattice, degreeOf, isBlocked } from '../../src/engine/lattice.js';
import type { Lattice } from '../../src/engine/lattice.js';
import {
  adjacencyLists,
  allPairsDistanceSum,
  build,
  closeTo,
  referenceBetweenness,
  referenceCloseness,
  smallLattice,
} from './fields-reference.js';
import { expectCode } from './expect-code.js';

// graphology ships CommonJS whose typings claim an ES default export; require() gives the real values.
const require = createRequire(import.meta.url);
const Graph = require('graphology') as typeof import('graphology').default;
type Graph = InstanceType<typeof Graph>;
const betweennessCentrality =
  require('graphology-metrics/centrality/betweenness') as typeof import('graphology-metrics/centrality/betweenness.js').default;
const closenessCentrality =
  require('graphology-metrics/centrality/closeness') as typeof import('graphology-metrics/centrality/closeness.js').default;

function values(l: Lattice, measure: 'degree' | 'closeness' | 'betweenness', symmetry = true): Float64Array {
  return centrality(l, measure, { values: true, symmetry }).values as Float64Array;
}

function graphOf(l: Lattice): Graph {
  const g = new Graph({ type: 'undirected' });
  const adj = adjacencyLists(l);
  adj.forEach((_, v) => (isBlocked(l, v) ? undefined : g.addNode(String(v))));
  adj.forEach((list, v) => list.forEach((w) => (v < w ? g.addEdge(String(v), String(w)) : undefined)));
  return g;
}

describe('exact betweenness and closeness', () => {
  it('match textbook Brandes and BFS closeness on random small lattices', () => {
    fc.assert(
      fc.property(smallLattice(120), (spec) => {
        const l = build(spec);
        expect(closeTo(values(l, 'betweenness'), referenceBetweenness(l))).toBe(true);
        expect(closeTo(values(l, 'closeness'), referenceCloseness(l))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('give the same values with and without symmetry reduction', () => {
    fc.assert(
      fc.property(smallLattice(200, false), (spec) => {
        const l = build(spec);
        expect(closeTo(values(l, 'betweenness', true), values(l, 'betweenness', false))).toBe(true);
        expect(closeTo(values(l, 'closeness', true), values(l, 'closeness', false))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('agree with graphology-metrics (betweenness normalized: false, closeness wassermanFaust: true)', () => {
    const lattices = [
      createLattice({ shape: [5, 5, 5, 5] }),
      createLattice({ shape: [6, 7], boundary: 'periodic' }),
      createLattice({ shape: [9, 9], obstacles: { density: 0.25, seed: 3 } }),
    ];
    for (const l of lattices) {
      const g = graphOf(l);
      const bc = betweennessCentrality(g, { normalized: false });
      const cc = closenessCentrality(g, { wassermanFaust: true });
      const ours = { bc: values(l, 'betweenness'), cc: values(l, 'closeness') };
      g.forEachNode((node) => {
        const v = Number(node);
        expect(ours.bc[v]).toBeCloseTo(bc[node], 8);
        expect(ours.cc[v]).toBeCloseTo(cc[node], 12);
      });
    }
  });

  it('reports top-k in decreasing order with ties by index, and statistics over unblocked vertices', () => {
    const l = createLattice({ shape: [5, 5, 5, 5] });
    const r = centrality(l, 'betweenness', { topK: 3 });
    expect(r.exact).toBe(true);
    expect(r.sample_size).toBe(625);
    expect(r.sources_run).toBe(81);
    expect(r.top[0].vertex).toEqual([2, 2, 2, 2]);
    expect(r.top.map((e) => e.value)).toEqual([...r.top.map((e) => e.value)].sort((a, b) => b - a));
    // On a connected graph Σ_v bc(v) = Σ over unordered pairs {s, t} of (d(s, t) − 1).
    expect(r.stats.mean * 625).toBeCloseTo(allPairsDistanceSum(l) / 2 - (625 * 624) / 2, 6);
    const blocked = createLattice({ shape: [8, 8], obstacles: { density: 0.3, seed: 9 } });
    const b = centrality(blocked, 'closeness', { topK: 1000, values: true });
    expect(b.top.every((e) => !isBlocked(blocked, e.vertex[0] * 8 + e.vertex[1]))).toBe(true);
  });
});

describe('worker-pool contract', () => {
  it('splitting the plan sources over brandesPartial and merging gives the single-run answer', () => {
    for (const l of [createLattice({ shape: [6, 5, 4] }), createLattice({ shape: [10, 10], obstacles: { density: 0.2, seed: 1 } })]) {
      for (const measure of ['betweenness', 'closeness'] as const) {
        const plan = planCentrality(l, measure, { values: true });
        const cut = Math.floor(plan.sources.length / 3);
        const parts = [0, cut, 2 * cut, plan.sources.length].slice(1).map((end, i, ends) => {
          const start = i === 0 ? 0 : ends[i - 1];
          const w = plan.weights === null ? null : plan.weights.subarray(start, end);
          return brandesPartial(l, plan.sources.subarray(start, end), plan.mode, {}, w);
        });
        const acc = parts[0];
        mergeBrandes(acc, parts[1]);
        mergeBrandes(acc, parts[2]);
        const split = finishCentrality(l, plan, acc).values as Float64Array;
        expect(closeTo(split, values(l, measure))).toBe(true);
      }
    }
  });
});

describe('sampled centrality', () => {
  const l = createLattice({ shape: [40, 40] });

  it('is deterministic for a seed and states a standard error', () => {
    const a = centrality(l, 'betweenness', { exactLimit: 10, samples: 64, seed: 7, values: true });
    const b = centrality(l, 'betweenness', { exactLimit: 10, samples: 64, seed: 7, values: true });
    expect(a.exact).toBe(false);
    expect(a.sample_size).toBe(64);
    expect(a.error_estimate).toBeGreaterThan(0);
    expect(a.top[0].standard_error).toBeGreaterThan(0);
    expect(Array.from(a.values as Float64Array)).toEqual(Array.from(b.values as Float64Array));
    const c = centrality(l, 'betweenness', { exactLimit: 10, samples: 64, seed: 8, values: true });
    expect(Array.from(c.values as Float64Array)).not.toEqual(Array.from(a.values as Float64Array));
  });

  it('is close to the exact values, within a few stated standard errors on the mean', () => {
    for (const measure of ['betweenness', 'closeness'] as const) {
      const exact = centrality(l, measure, {});
      const sampled = centrality(l, measure, { exactLimit: 10, samples: 200, seed: 1 });
      // The sample mean over vertices is far tighter than any one vertex's error.
      expect(Math.abs(sampled.stats.mean - exact.stats.mean)).toBeLessThan(3 * sampled.error_estimate);
      expect(Math.abs(sampled.stats.max - exact.stats.max) / exact.stats.max).toBeLessThan(0.25);
    }
  });

  it('falls back to exact when the sample would be as large as the exact source set', () => {
    const small = createLattice({ shape: [6, 6], obstacles: { density: 0.2, seed: 2 } });
    const r = centrality(small, 'betweenness', { exactLimit: 2, samples: 100 });
    expect(r.exact).toBe(true);
    expect(r.error_estimate).toBe(0);
  });
});

describe('degree centrality', () => {
  it('closed form matches the materialised degrees without obstacles, for either boundary', () => {
    fc.assert(
      fc.property(smallLattice(300, false), fc.integer({ min: 0, max: 20 }), (spec, topK) => {
        const l = build(spec);
        const closed = centrality(l, 'degree', { topK });
        const full = centrality(l, 'degree', { topK, values: true });
        expect(closed.stats.min).toBe(full.stats.min);
        expect(closed.stats.max).toBe(full.stats.max);
        expect(closed.stats.mean).toBeCloseTo(full.stats.mean, 12);
        expect(closed.top).toEqual(full.top);
      }),
      { numRuns: 60 },
    );
  });

  it('is obstacle-aware and answers huge obstacle-free lattices without materialising', () => {
    const l = createLattice({ shape: [12, 12], obstacles: { density: 0.3, seed: 5 } });
    const v = values(l, 'degree');
    for (let i = 0; i < l.vertexCount; i++) expect(v[i]).toBe(degreeOf(l, i));
    const huge = createLattice({ shape: [1_000_000, 1_000_000, 1000] });
    const r = centrality(huge, 'degree', { topK: 2 }, { maxMaterializedVertices: 10 });
    expect(r.stats).toEqual({ min: 3, max: 6, mean: (2 * huge.edgeCount) / huge.vertexCount });
    expect(r.top.map((e) => e.vertex)).toEqual([
      [1, 1, 1],
      [1, 1, 2],
    ]);
  });
});

describe('validation, budget, abort and estimate', () => {
  const l = createLattice({ shape: [5, 5] });

  it('throws EngineError with the right codes', () => {
    expectCode(() => centrality(l, 'pagerank' as never), 'invalid_parameter');
    expectCode(() => centrality(l, 'betweenness', { samples: 1 }), 'invalid_parameter');
    expectCode(() => centrality(l, 'closeness', { topK: -1 }), 'invalid_parameter');
    expectCode(() => centrality(l, 'closeness', { exactLimit: 1.5 }), 'invalid_parameter');
    expectCode(() => centrality(l, 'betweenness', {}, { maxMaterializedVertices: 10 }), 'budget_exceeded');
    expectCode(() => brandesPartial(l, Int32Array.of(99), { betweenness: true, squares: false }), 'invalid_coordinates');
    const controller = new AbortController();
    controller.abort();
    expectCode(() => centrality(l, 'betweenness', {}, { signal: controller.signal }), 'aborted');
  });

  it('estimates the symmetry-reduced exact work', () => {
    const e = estimateCentrality(createLattice({ shape: [5, 5, 5, 5] }), { measure: 'betweenness' });
    expect(e.materializedVertices).toBe(625);
    // 81 sources after the symmetry reduction, two sweeps each, at two work units per vertex and directed edge.
    expect(e.work).toBe(2 * 81 * 2 * (625 + 2 * 2000));
    expect(e.parallelizable).toBe(true);
  });
});
