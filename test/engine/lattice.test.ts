import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from '../../src/engine/bitset.js';
import {
  coordsOf,
  createLattice,
  degreeOf,
  forEachNeighbor,
  implicitBytes,
  indexOf,
  isBlocked,
  obstacleBitset,
  type LatticeDefinition,
} from '../../src/engine/lattice.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, refEdges, refGraph, refIndex } from './reference.js';

describe('createLattice', () => {
  it('computes strides (last dimension fastest), vertex and edge counts', () => {
    const l = createLattice({ shape: [3, 4, 5] });
    expect(l.strides).toEqual([20, 5, 1]);
    expect(l.vertexCount).toBe(60);
    expect(l.edgeCount).toBe(2 * 4 * 5 + 3 * 3 * 5 + 3 * 4 * 4);
    const p = createLattice({ shape: [2, 3], boundary: 'periodic' });
    // Side 2 periodic is a single edge per line; side 3 closes into a triangle.
    expect(p.edgeCount).toBe(3 * 1 + 2 * 3);
  });

  it('counts edges like explicit adjacency', () => {
    fc.assert(
      fc.property(arbLatticeDef(), (def) => {
        const l = createLattice(def);
        expect(l.edgeCount).toBe(refEdges(refGraph(def.shape, def.boundary, null), false));
      }),
      { numRuns: 60 },
    );
  });

  it('is implicit at any size up to 2^53 − 1 vertices', () => {
    const l = createLattice({ shape: [1000, 1000, 1000, 1000], boundary: 'periodic' });
    expect(l.vertexCount).toBe(1e12);
    expect(l.edgeCount).toBe(4e12);
    expect(implicitBytes(l)).toBe(64);
  });

  it('rejects invalid definitions with the right codes', () => {
    expectCode(() => createLattice({ shape: [] }), 'invalid_shape');
    expectCode(() => createLattice({ shape: new Array(11).fill(2) }), 'invalid_shape');
    expectCode(() => createLattice({ shape: [1, 4] }), 'invalid_shape');
    expectCode(() => createLattice({ shape: [2.5] }), 'invalid_shape');
    expectCode(() => createLattice({ shape: 'x' } as unknown as LatticeDefinition), 'invalid_shape');
    expectCode(() => createLattice({ shape: new Array(10).fill(100000) }), 'too_large');
    expectCode(() => createLattice({ shape: [3], boundary: 'torus' as never }), 'invalid_boundary');
    expectCode(() => createLattice({ shape: [3], obstacles: { density: 2, seed: 1 } }), 'invalid_parameter');
    expectCode(() => createLattice({ shape: [3], obstacles: { density: 0.1, seed: 0.5 } }), 'invalid_parameter');
    expectCode(() => createLattice({ shape: [3, 3], obstacles: { coordinates: [[3, 0]] } }), 'invalid_coordinates');
    expectCode(() => createLattice({ shape: [3, 3], obstacles: { coordinates: [[1]] } }), 'invalid_coordinates');
  });
});

describe('coordinates', () => {
  it('round-trips indexOf and coordsOf in row-major order', () => {
    fc.assert(
      fc.property(arbLatticeDef(), fc.nat(), (def, pick) => {
        const l = createLattice(def);
        const i = pick % l.vertexCount;
        const c = coordsOf(l, i);
        expect(indexOf(l, c)).toBe(i);
        expect(refIndex(def.shape, c)).toBe(i);
      }),
      { numRuns: 100 },
    );
  });

  it('validates coordinates and indices', () => {
    const l = createLattice({ shape: [4, 5] });
    expectCode(() => indexOf(l, [1]), 'invalid_coordinates');
    expectCode(() => indexOf(l, [4, 0]), 'invalid_coordinates');
    expectCode(() => indexOf(l, [-1, 0]), 'invalid_coordinates');
    expectCode(() => indexOf(l, [0, 1.5]), 'invalid_coordinates');
    expectCode(() => coordsOf(l, 20), 'invalid_coordinates');
    expectCode(() => forEachNeighbor(l, -1, () => {}), 'invalid_coordinates');
  });
});

describe('neighbours and obstacles', () => {
  it('lists each distinct neighbour once and matches explicit adjacency', () => {
    fc.assert(
      fc.property(arbLatticeDef(), (def) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        for (let v = 0; v < l.vertexCount; v++) {
          const got: number[] = [];
          forEachNeighbor(l, v, (u) => got.push(u));
          expect(got.slice().sort((a, b) => a - b)).toEqual(g.adj[v]);
          expect(isBlocked(l, v)).toBe(g.blocked[v]);
          const free = g.adj[v].filter((u) => !g.blocked[u]).length;
          expect(degreeOf(l, v)).toBe(g.blocked[v] ? 0 : free);
        }
        const bits = obstacleBitset(l);
        const blockedCount = g.blocked.filter(Boolean).length;
        if (bits === null) expect(blockedCount).toBe(0);
        else expect(bits.count()).toBe(blockedCount);
      }),
      { numRuns: 60 },
    );
  });

  it('generates the same seeded obstacles every time, at the requested density', () => {
    const def = { shape: [200, 200], obstacles: { density: 0.3, seed: 99 } };
    const a = obstacleBitset(createLattice(def)) as Bitset;
    const b = obstacleBitset(createLattice(def)) as Bitset;
    expect(Array.from(a.words)).toEqual(Array.from(b.words));
    expect(Math.abs(a.count() / 40000 - 0.3)).toBeLessThan(0.02);
    const c = obstacleBitset(createLattice({ ...def, obstacles: { density: 0.3, seed: 100 } })) as Bitset;
    expect(Array.from(c.words)).not.toEqual(Array.from(a.words));
  });

  it('decides obstacles implicitly on huge lattices and refuses to materialise them past the budget', () => {
    const l = createLattice({ shape: [1e6, 1e6], obstacles: { density: 0.5, seed: 1 } });
    let blocked = 0;
    for (let i = 0; i < 1000; i++) if (isBlocked(l, 123456789 + i)) blocked++;
    expect(blocked).toBeGreaterThan(400);
    expect(blocked).toBeLessThan(600);
    expectCode(() => obstacleBitset(l, 1e6), 'budget_exceeded');
    expectCode(() => obstacleBitset(l), 'too_large');
  });

  it('treats density 0 and an empty list as no obstacles', () => {
    expect(obstacleBitset(createLattice({ shape: [4], obstacles: { density: 0, seed: 3 } }))).toBeNull();
    expect(obstacleBitset(createLattice({ shape: [4], obstacles: { coordinates: [] } }))).toBeNull();
  });
});
