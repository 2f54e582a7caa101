import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLattice, indexOf } from '../../src/engine/lattice.js';
import { ballSize, ballSizeByDp, ballSizeByInclusionExclusion, estimateNeighborhood, neighborhood } from '../../src/engine/neighbors.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, decode, freeVertexNear, refBfs, refGraph } from './reference.js';

describe('neighborhood', () => {
  it('counts and lists vertices within the radius like reference BFS', () => {
    fc.assert(
      fc.property(
        arbLatticeDef(),
        fc.nat(),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 50 }),
        (def, pick, radius, limit) => {
          const l = createLattice(def);
          const g = refGraph(def.shape, def.boundary, def.obstacles);
          const center = freeVertexNear(g, pick % g.vertices);
          if (center < 0) return;
          const dist = refBfs(g, [center]);
          const inBall = dist.filter((x) => x >= 0 && x <= radius).length;
          const r = neighborhood(l, decode(def.shape, center), radius, { limit });
          expect(r.count).toBe(inBall);
          expect(r.vertices.length).toBe(Math.min(limit, inBall));
          expect(r.truncated).toBe(inBall > r.vertices.length);
          const listed = r.vertices.map((c) => dist[indexOf(l, c)]);
          expect(new Set(r.vertices.map((c) => indexOf(l, c))).size).toBe(listed.length);
          for (let j = 0; j < listed.length; j++) {
            expect(listed[j]).toBeGreaterThanOrEqual(0);
            expect(listed[j]).toBeLessThanOrEqual(radius);
            if (j > 0) expect(listed[j]).toBeGreaterThanOrEqual(listed[j - 1]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts balls on the obstacle-free lattice by DP and inclusion–exclusion alike', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { minLength: 1, maxLength: 6 }), fc.nat(120), (bounds, radius) => {
        const m = bounds.map((b) => b[0]);
        const p = bounds.map((b) => b[1]);
        expect(ballSizeByInclusionExclusion(m, p, radius)).toBe(ballSizeByDp(m, p, radius));
      }),
      { numRuns: 200 },
    );
  });

  it('has closed forms on huge lattices', () => {
    const l = createLattice({ shape: [1e5, 1e5, 1e5], boundary: 'periodic' });
    // Octahedral numbers: Σ_k 2^k C(3,k) C(r,k).
    expect(ballSize(l, [0, 0, 0], 100)).toBe(1 + 6 * 100 + 12 * 4950 + 8 * 161700);
    expect(ballSize(createLattice({ shape: [1e5, 1e5, 1e5] }), [5e4, 5e4, 5e4], 4e4)).toBe(
      1 + 6 * 4e4 + 12 * ((4e4 * (4e4 - 1)) / 2) + 8 * ((4e4 * (4e4 - 1) * (4e4 - 2)) / 6),
    );
    // Radius large enough for inclusion–exclusion: a diamond of 2r² + 2r + 1, then clipped by one side.
    const r = 1e7;
    const plane = createLattice({ shape: [6e7, 6e7] });
    expect(ballSize(plane, [3e7, 3e7], r)).toBe(2 * r * r + 2 * r + 1);
    const overhang = 1000;
    const clipped = 2 * r * r + 2 * r + 1 - overhang * overhang;
    expect(ballSize(plane, [r - overhang, 3e7], r)).toBe(clipped);
    expect(ballSize(l, [0, 0, 0], 2e5)).toBe(l.vertexCount);
    const n = neighborhood(l, [0, 0, 0], 100, { limit: 7 });
    expect(n.method).toBe('closed_form');
    expect(n.vertices).toHaveLength(7);
  });

  it('validates inputs', () => {
    const l = createLattice({ shape: [5, 5], obstacles: { coordinates: [[1, 1]] } });
    expectCode(() => neighborhood(l, [0, 0], -1), 'invalid_parameter');
    expectCode(() => neighborhood(l, [0, 0], 1.5), 'invalid_parameter');
    expectCode(() => neighborhood(l, [0, 0], 1, { limit: -2 }), 'invalid_parameter');
    expectCode(() => neighborhood(l, [0, 5], 1), 'invalid_coordinates');
    expectCode(() => neighborhood(l, [1, 1], 1), 'invalid_coordinates');
    expect(estimateNeighborhood(l, { vertex: [0, 0], radius: 2 }).work).toBeGreaterThan(0);
  });
});
