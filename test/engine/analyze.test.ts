import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLattice, estimateAnalyze, latticeMemory } from '../../src/engine/analyze.js';
import { createLattice, obstacleBitset } from '../../src/engine/lattice.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, refBipartite, refComponents, refDiameter, refEdges, refGraph } from './reference.js';

describe('analyzeLattice', () => {
  it('matches the reference on random lattices, closed form and BFS alike', () => {
    fc.assert(
      fc.property(arbLatticeDef(216), (def) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const r = analyzeLattice(l);
        const free = g.coords.map((_, v) => v).filter((v) => !g.blocked[v]);
        const degrees = free.map((v) => g.adj[v].filter((u) => !g.blocked[u]).length);
        expect(r.vertices).toBe(g.vertices);
        expect(r.free_vertices).toBe(free.length);
        expect(r.edges).toBe(refEdges(g, true));
        if (free.length > 0) {
          expect(r.degree.min).toBe(Math.min(...degrees));
          expect(r.degree.max).toBe(Math.max(...degrees));
          expect(r.degree.mean).toBeCloseTo(degrees.reduce((a, b) => a + b, 0) / free.length, 10);
        }
        expect(r.diameter).toBe(refDiameter(g));
        expect(r.diameter_exact).toBe(true);
        expect(r.bipartite).toBe(refBipartite(g));
        expect(r.components).toBe(refComponents(g).length);
      }),
      { numRuns: 120 },
    );
  });

  it('gives a lower bound by double sweep when the exact diameter would cost too much', () => {
    const def = { shape: [30, 30], obstacles: { density: 0.25, seed: 11 } };
    const exact = analyzeLattice(createLattice(def));
    const bound = analyzeLattice(createLattice(def), { exactDiameterWork: 0 });
    expect(bound.diameter_method).toBe('double_sweep_lower_bound');
    expect(bound.diameter_exact).toBe(false);
    expect(bound.diameter).toBeLessThanOrEqual(exact.diameter);
    expect(bound.diameter).toBeGreaterThan(exact.diameter / 2);
  });

  it('answers huge obstacle-free lattices in closed form', () => {
    const l = createLattice({ shape: [1000, 1000, 1000, 1000], boundary: 'periodic' });
    const r = analyzeLattice(l);
    expect(r).toMatchObject({ edges: 4e12, diameter: 2000, bipartite: true, components: 1 });
    expect(r.degree).toEqual({ min: 8, max: 8, mean: 8 });
    expect(r.memory.explicit_csr_bytes).toBe((1e12 + 1) * 8 + 2 * 4e12 * 8);
    expect(r.memory.reduction_factor).toBeGreaterThan(1e9);
    expect(analyzeLattice(createLattice({ shape: [3, 4], boundary: 'periodic' })).bipartite).toBe(false);
    expect(estimateAnalyze(l).materializedVertices).toBe(0);
  });

  it('computes memory from the representation actually held', () => {
    const l = createLattice({ shape: [64, 64], obstacles: { density: 0.1, seed: 1 } });
    const before = latticeMemory(l).implicit_bytes;
    obstacleBitset(l);
    expect(latticeMemory(l).implicit_bytes).toBe(before + 512);
    l.field = new Float64Array(4096);
    expect(latticeMemory(l).implicit_bytes).toBe(before + 512 + 32768);
    expect(latticeMemory(l).explicit_csr_bytes).toBe(4097 * 8 + 2 * l.edgeCount * 4);
  });

  it('checks the budget before materialising', () => {
    const l = createLattice({ shape: [100, 100], obstacles: { density: 0.1, seed: 1 } });
    expectCode(() => analyzeLattice(l, { maxMaterializedVertices: 9999 }), 'budget_exceeded');
    expectCode(() => analyzeLattice(l, { exactDiameterWork: -1 }), 'invalid_parameter');
  });
});
