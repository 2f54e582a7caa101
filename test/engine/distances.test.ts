import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceField, estimateDistanceField } from '../../src/engine/distances.js';
import { createLattice } from '../../src/engine/lattice.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, decode, freeVertexNear, refBfs, refGraph } from './reference.js';

describe('distanceField', () => {
  it('matches reference multi-source BFS, with summary statistics', () => {
    fc.assert(
      fc.property(arbLatticeDef(), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (def, picks) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const sources = [...new Set(picks.map((p) => freeVertexNear(g, p % g.vertices)))];
        if (sources[0] < 0) return;
        const expected = refBfs(g, sources);
        const r = distanceField(
          l,
          sources.map((s) => decode(def.shape, s)),
        );
        expect(Array.from(r.distances)).toEqual(expected);
        const reached = expected.filter((x) => x >= 0);
        const far = Math.max(...reached);
        expect(r.reached).toBe(reached.length);
        expect(r.blocked).toBe(g.blocked.filter(Boolean).length);
        expect(r.unreached).toBe(g.vertices - r.blocked - reached.length);
        expect(r.max_distance).toBe(far);
        expect(r.mean_distance).toBeCloseTo(reached.reduce((a, b) => a + b, 0) / reached.length, 10);
        expect(r.histogram).toEqual(Array.from({ length: far + 1 }, (_, h) => reached.filter((x) => x === h).length));
        const eccentricities = sources.map((s) => Math.max(...refBfs(g, [s])));
        if (r.eccentricity !== null) {
          expect(r.eccentricity.min).toBe(Math.min(...eccentricities));
          expect(r.eccentricity.max).toBe(Math.max(...eccentricities));
        } else {
          expect(sources.length).toBeGreaterThan(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stops at maxDistance', () => {
    const l = createLattice({ shape: [9, 9] });
    const r = distanceField(l, [[4, 4]], { maxDistance: 2 });
    expect(r.reached).toBe(13);
    expect(r.max_distance).toBe(2);
    expect(r.distances[0]).toBe(-1);
  });

  it('validates sources, maxDistance and the budget', () => {
    const l = createLattice({ shape: [5, 5], obstacles: { coordinates: [[2, 2]] } });
    expectCode(() => distanceField(l, []), 'invalid_parameter');
    expectCode(() => distanceField(l, [[2, 2]]), 'invalid_coordinates');
    expectCode(() => distanceField(l, [[5, 0]]), 'invalid_coordinates');
    expectCode(() => distanceField(l, [[0, 0]], { maxDistance: -1 }), 'invalid_parameter');
    expectCode(() => distanceField(l, [[0, 0]], { maxMaterializedVertices: 10 }), 'budget_exceeded');
    expect(estimateDistanceField(l).bytes).toBe(8.125 * 25);
    // Split over two threads, each part holds a whole BFS and the merge a field.
    expect(estimateDistanceField(l, 2, 2).bytes).toBe(2 * 8.125 * 25 + 4 * 25);
  });

  it('reports progress and honours abort on large fields', () => {
    for (const def of [{ shape: [400, 400], obstacles: { density: 0.1, seed: 4 } }, { shape: [400, 400] }]) {
      const l = createLattice(def);
      const seen: number[] = [];
      distanceField(
        l,
        [
          [0, 1],
          [399, 398],
        ],
        { onProgress: (f) => seen.push(f) },
      );
      expect(seen.length).toBeGreaterThan(1);
      expect(seen[seen.length - 1]).toBe(1);
      const c = new AbortController();
      c.abort();
      expectCode(() => distanceField(l, [[0, 1]], { signal: c.signal }), 'aborted');
    }
  });

  it('names the method: closed form, separable transform or BFS', () => {
    const free = createLattice({ shape: [6, 7], boundary: 'periodic' });
    expect(distanceField(free, [[1, 1]]).method).toBe('closed_form');
    expect(
      distanceField(free, [
        [1, 1],
        [4, 4],
      ]).method,
    ).toBe('separable_transform');
    const blocked = createLattice({ shape: [6, 7], obstacles: { coordinates: [[0, 0]] } });
    expect(distanceField(blocked, [[1, 1]]).method).toBe('bfs');
  });
});
