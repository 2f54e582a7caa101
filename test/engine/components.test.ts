import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedComponents } from '../../src/engine/components.js';
import { createLattice } from '../../src/engine/lattice.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, refComponents, refGraph } from './reference.js';

describe('connectedComponents', () => {
  it('matches union-find on random lattices', () => {
    fc.assert(
      fc.property(arbLatticeDef(), (def) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const sizes = refComponents(g);
        const r = connectedComponents(l);
        expect(r.count).toBe(sizes.length);
        expect(r.sizes).toEqual(sizes);
        expect(r.largest).toBe(sizes[0] ?? 0);
        expect(r.isolated).toBe(sizes.filter((s) => s === 1).length);
        expect(r.obstacle_count).toBe(g.blocked.filter(Boolean).length);
        expect(r.free_vertices + r.obstacle_count).toBe(g.vertices);
      }),
      { numRuns: 150 },
    );
  });

  it('caps the size list but keeps count and largest exact', () => {
    const l = createLattice({ shape: [60, 60], obstacles: { density: 0.55, seed: 3 } });
    const r = connectedComponents(l, { maxSizes: 5 });
    expect(r.sizes).toHaveLength(5);
    expect(r.sizes_truncated).toBe(true);
    expect(r.count).toBeGreaterThan(5);
    expect(r.largest).toBe(r.sizes[0]);
  });

  it('is O(1) without obstacles at any size', () => {
    const r = connectedComponents(createLattice({ shape: [1e6, 1e6] }));
    expect(r).toMatchObject({ count: 1, largest: 1e12, method: 'closed_form' });
  });

  it('validates options and budget', () => {
    const l = createLattice({ shape: [10, 10], obstacles: { density: 0.2, seed: 1 } });
    expectCode(() => connectedComponents(l, { maxSizes: -1 }), 'invalid_parameter');
    expectCode(() => connectedComponents(l, { maxMaterializedVertices: 50 }), 'budget_exceeded');
  });
});
