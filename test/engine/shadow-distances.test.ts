import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from '../../src/engine/bitset.js';
import { distanceField } from '../../src/engine/distances.js';
import { createLattice, indexOf, obstacleBitset, type Boundary, type ObstacleSpec } from '../../src/engine/lattice.js';
import { planShadow, shadowDistanceField } from '../../src/engine/shadow-distances.js';
import { decode, freeVertexNear, refBfs, refGraph } from './reference.js';

/*
 * The shadow method (closed form where a monotone path avoids the obstacles,
 * a confined search elsewhere) against textbook BFS. Blocks are made small
 * here so that lattices of a few thousand vertices have many of them, lit,
 * dark, obstructed and not.
 */

const arbSparse = fc
  .record({
    shape: fc.array(fc.integer({ min: 2, max: 11 }), { minLength: 1, maxLength: 4 }),
    boundary: fc.constantFrom<Boundary>('open', 'periodic'),
    kind: fc.constantFrom('coordinates', 'density'),
    density: fc.double({ min: 0, max: 0.2, noNaN: true }),
    seed: fc.integer({ min: -1e6, max: 1e6 }),
    picks: fc.array(fc.nat(), { maxLength: 10 }),
    source: fc.nat(),
    blockTarget: fc.integer({ min: 1, max: 200 }),
    maxDistance: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .filter((r) => r.shape.reduce((a, b) => a * b, 1) <= 3000);

describe('shadow distance field', () => {
  it('equals breadth-first search, with the counts and sum of its distances', () => {
    fc.assert(
      fc.property(arbSparse, (r) => {
        const V = r.shape.reduce((a, b) => a * b, 1);
        const obstacles: ObstacleSpec =
          r.kind === 'density' ? { density: r.density, seed: r.seed } : { coordinates: r.picks.map((p) => decode(r.shape, p % V)) };
        const g = refGraph(r.shape, r.boundary, obstacles);
        const source = freeVertexNear(g, r.source % V);
        if (source < 0) return;
        const l = createLattice({ shape: r.shape, boundary: r.boundary, obstacles });
        const bits = obstacleBitset(l) ?? new Bitset(V);
        const plan = planShadow(l, decode(r.shape, source), bits, { blockTarget: r.blockTarget, maxObstructed: 1 });
        expect(plan).not.toBeNull();
        const maxDistance = r.maxDistance ?? Infinity;
        const field = shadowDistanceField(l, plan!, bits, maxDistance, {});
        const expected = refBfs(g, [source]).map((h) => (h > maxDistance ? -1 : h));
        // Lit vertices past maxDistance keep their distance: the caller cuts them.
        expect(Array.from(field.dist, (h) => (h > maxDistance ? -1 : h))).toEqual(expected);
        if (maxDistance === Infinity) {
          const reached = expected.filter((h) => h >= 0);
          expect(field.reached).toBe(reached.length);
          expect(field.sum).toBe(reached.reduce((a, b) => a + b, 0));
          const counts = field.counts.slice();
          while (counts.length > 1 && counts[counts.length - 1] === 0) counts.pop();
          expect(counts).toEqual(Array.from({ length: Math.max(...reached) + 1 }, (_, h) => reached.filter((x) => x === h).length));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is what distanceField answers for one source behind a wall, open and periodic, with its summary', () => {
    for (const boundary of ['open', 'periodic'] as const) {
      // A wall across dimension 0 at x = 20 with one hole: everything beyond it is in the shadow.
      const shape = [40, 40, 40];
      const wall: number[][] = [];
      for (let y = 0; y < shape[1]; y++) for (let z = 0; z < shape[2]; z++) if (y !== 35 || z !== 3) wall.push([20, y, z]);
      const obstacles = { coordinates: [...wall, [39, 39, 39]] };
      const l = createLattice({ shape, boundary, obstacles });
      const source = [2, 3, 4];
      expect(planShadow(l, source, obstacleBitset(l) as Bitset)).not.toBeNull();
      const g = refGraph(shape, boundary, obstacles);
      const expected = refBfs(g, [indexOf(l, source)]);
      const r = distanceField(l, [source]);
      expect(Array.from(r.distances)).toEqual(expected);
      const reached = expected.filter((h) => h >= 0);
      expect(r).toMatchObject({
        method: 'bfs',
        reached: reached.length,
        blocked: wall.length + 1,
        unreached: g.vertices - wall.length - 1 - reached.length,
        max_distance: Math.max(...reached),
        eccentricity: { min: Math.max(...reached), max: Math.max(...reached) },
      });
      expect(r.mean_distance).toBe(reached.reduce((a, b) => a + b, 0) / reached.length);
      expect(r.histogram).toEqual(Array.from({ length: Math.max(...reached) + 1 }, (_, h) => reached.filter((x) => x === h).length));
      const cut = distanceField(l, [source], { maxDistance: 20 });
      expect(Array.from(cut.distances)).toEqual(expected.map((h) => (h > 20 ? -1 : h)));
    }
  });

  it('steps aside for a plain BFS when obstacles are everywhere', () => {
    const l = createLattice({ shape: [200, 200], obstacles: { density: 0.1, seed: 1 } });
    expect(planShadow(l, [0, 0], obstacleBitset(l) as Bitset)).toBeNull();
  });
});
